"""Demo Charter commitments, taken from the sample documents.

- 003 (Ragunda, protocol extract KSAU § 62, 2024-10-01, KS 2024/108): the
  executive committee's working party recommends signing the declaration, so
  Ragunda's commitment to the 2022 text is "recommended", with that step.
- 004 (umearegionen.se): all six Umeåregionen municipalities have signed. The
  page gives no dates, so none are invented: the commitments are "signed" to
  the 2006 text (the text in force when they signed) with empty dates.
"""

from datetime import date

from .models import CharterText, Commitment, CommitmentStatus
from .services import commitment_add_step, commitment_save

UMEAREGIONEN = ["umea", "vannas", "vindeln", "robertsfors", "nordmaling", "bjurholm"]
UMEAREGIONEN_NOTE = "Signature date not recorded in the source (umearegionen.se)."

RAGUNDA_STEP = {
    "status": CommitmentStatus.RECOMMENDED,
    "date": date(2024, 10, 1),
    "deciding_body": "Kommunstyrelsens arbetsutskott",
    "paragraph": "§ 62",
    "case_number": "KS 2024/108",
    # The proposal as in the protocol extract, with the OCR damage repaired.
    "note": (
        "Kommunstyrelsens arbetsutskotts förslag till kommunstyrelsen: "
        "”Kommunstyrelsen undertecknar den europeiska deklarationen för jämställdhet mellan "
        "kvinnor och män på lokal och regional nivå (CEMR-deklarationen). "
        "Kommunstyrelsen uppdrar kommundirektören att upprätta handlingsplan som beskrivs "
        "i deklarationen.”\n"
        "Underlag: Kommunledningsavdelningens tjänsteskrivelse 2024-09-18; Meddelande från "
        "SKR:s styrelse 2024-01-26."
    ),
}


def load(context) -> None:
    organisations = context.objects["organisations"]
    texts = {text.code: text for text in CharterText.objects.all()}
    commitments = {}

    ragunda = Commitment.objects.filter(
        organisation=organisations["ragunda"], charter=texts["2022"]
    ).first()
    if ragunda is None:
        ragunda = commitment_save(
            commitment=Commitment(
                organisation=organisations["ragunda"],
                charter=texts["2022"],
                note=(
                    "Source: protocol extract, KSAU § 62, 2024-10-01 (KS 2024/108). The "
                    "municipal executive committee's decision is not in the source."
                ),
            )
        )
        commitment_add_step(commitment=ragunda, **RAGUNDA_STEP)
    commitments["ragunda"] = ragunda

    for slug in UMEAREGIONEN:
        commitment = Commitment.objects.filter(
            organisation=organisations[slug], charter=texts["2006"]
        ).first()
        if commitment is None:
            commitment = commitment_save(
                commitment=Commitment(
                    organisation=organisations[slug],
                    charter=texts["2006"],
                    status=CommitmentStatus.SIGNED,
                    note=UMEAREGIONEN_NOTE,
                )
            )
        commitments[slug] = commitment

    context.objects["commitments"] = commitments
    context.log.append(
        f"{len(commitments)} Charter commitments (Ragunda recommended; Umeåregionen signed)"
    )
