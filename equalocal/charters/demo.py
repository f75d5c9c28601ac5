"""Demo Charter commitments, taken from the sample documents.

- 003 (Ragunda, protocol extract KSAU § 62, 2024-10-01, KS 2024/108): the
  executive committee's working party recommends signing the declaration, so
  Ragunda's commitment to the 2022 text is "recommended", with that step.
- 004 (umearegionen.se): all six Umeåregionen municipalities have signed. The
  page gives no dates: the commitments are "signed" to the 2006 text (the text in
  force when they signed) with empty dates.

So that the demo shows the two-year deadline working, five of them also have a
commitment to the updated 2022 text, and some of UBC's member cities (sample 000)
a commitment, with **dates made up for the demo and marked so in their note**,
counted back from the day the demo is loaded: Umeå decided in time and adopted its
plan, Vindeln is on time, Vännäs is due within three months, Robertsfors is
overdue, Nordmaling has only a recommendation (a provisional deadline), Bjurholm's
dates stay unknown, like Ragunda's decision (a provisional deadline from sample 003).
"""

from datetime import date, timedelta

from django.utils import timezone

from .deadlines import add_years
from .models import CharterText, Commitment, CommitmentStatus
from .services import commitment_add_step, commitment_save

UMEAREGIONEN = ["umea", "vannas", "vindeln", "robertsfors", "nordmaling", "bjurholm"]
UMEAREGIONEN_NOTE = "Signature date not recorded in the source (umearegionen.se)."
DEMO_NOTE = "Demo data: the dates are made up for the demo; the sources give none."


def _demo_2022_commitments(today: date) -> dict[str, tuple[str, date]]:
    """slug → (status, date of that step) for the 2022 text, counted back from ``today``."""
    two_years_ago = add_years(today, -2)
    return {
        # Decided and, in plans/demo.py, its action plan adopted three months later: in time.
        "umea": (CommitmentStatus.DECIDED, date(2024, 11, 25)),
        "vindeln": (CommitmentStatus.DECIDED, today - timedelta(days=400)),
        "vannas": (CommitmentStatus.DECIDED, two_years_ago + timedelta(days=75)),
        "robertsfors": (CommitmentStatus.DECIDED, two_years_ago - timedelta(days=40)),
        "nordmaling": (CommitmentStatus.RECOMMENDED, today - timedelta(days=90)),
    }


# UBC's member cities (sample 000): Gdańsk "will hopefully" sign, a few have signed.
UBC_COMMITMENTS = {
    "helsinki": (CommitmentStatus.SIGNED, date(2008, 3, 8)),
    "kristiansand": (CommitmentStatus.SIGNED, date(2009, 11, 25)),
    "kalmar": (CommitmentStatus.SIGNED, date(2010, 6, 14)),
    "orebro": (CommitmentStatus.SIGNED, date(2011, 3, 8)),
    "gdansk": (CommitmentStatus.CONSIDERING, date(2016, 4, 11)),
}

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

    today = timezone.localdate()
    for slug, (status, day) in _demo_2022_commitments(today).items():
        commitments[slug] = _dated_commitment(organisations[slug], texts["2022"], status, day)
    for slug, (status, day) in UBC_COMMITMENTS.items():
        if slug in organisations:
            commitments.setdefault(
                slug, _dated_commitment(organisations[slug], texts["2006"], status, day)
            )

    context.objects["commitments"] = commitments
    context.log.append(
        f"{len(commitments)} Charter commitments (Ragunda recommended; Umeåregionen signed, "
        "five of them also to the 2022 text with demo dates; UBC cities)"
    )


def _dated_commitment(organisation, charter, status: str, day: date) -> Commitment:
    """A commitment with its steps up to ``status`` on ``day``, dated for the demo."""
    existing = Commitment.objects.filter(organisation=organisation, charter=charter).first()
    if existing is not None:
        return existing
    commitment = commitment_save(
        commitment=Commitment(organisation=organisation, charter=charter, note=DEMO_NOTE)
    )
    steps = [CommitmentStatus.CONSIDERING, CommitmentStatus.RECOMMENDED, CommitmentStatus.DECIDED]
    if status == CommitmentStatus.SIGNED:
        steps.append(CommitmentStatus.SIGNED)
    steps = steps[: steps.index(status) + 1]
    # Each step some weeks before the next, the last on ``day``.
    for index, step in enumerate(steps):
        commitment_add_step(
            commitment=commitment,
            status=step,
            date=day - timedelta(weeks=6 * (len(steps) - 1 - index)),
            note=DEMO_NOTE,
        )
    return commitment
