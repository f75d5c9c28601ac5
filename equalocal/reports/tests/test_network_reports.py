"""The network's reports: the signatory summary and the interim report of a working group
(sample 000), read back from the PDF and the DOCX in both languages."""

from datetime import date

import pytest
from django.core.files.storage import default_storage

from equalocal.charters.models import CharterText, CommitmentStatus
from equalocal.organisations.models import NetworkSharing
from equalocal.reports import services
from equalocal.reports.models import ReportState
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    BodyFactory,
    CommitmentFactory,
    GoalFactory,
    MatrixCellFactory,
    MeetingFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
)

from .helpers import docx_text, editor_of, pdf_text, text_beyond_the_margin

pytestmark = pytest.mark.django_db


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def texts(report) -> list[str]:
    return [
        " ".join(pdf_text(read(report.pdf_file)).split()),
        " ".join(docx_text(read(report.docx_file)).split()),
    ]


@pytest.fixture
def network():
    network = NetworkFactory(name="Union of Baltic Cities", slug="ubc", country="FI")
    charter = CharterText.objects.get(code="2006")
    cities = [
        ("Gdańsk", "PL", date(2014, 5, 1), date(2014, 6, 1), True),
        ("Kalmar", "SE", date(2010, 1, 1), date(2010, 2, 1), False),
        ("Liepāja", "LV", None, None, False),
        ("Umeå", "SE", date(2025, 6, 1), None, False),
    ]
    for name, country, decided, signed, adopted in cities:
        city = OrganisationFactory(name=name, country=country)
        NetworkMembershipFactory(network=network, member=city, joined_on=date(2010, 1, 1))
        if decided:
            commitment = CommitmentFactory(
                organisation=city,
                charter=charter,
                status=CommitmentStatus.SIGNED if signed else CommitmentStatus.DECIDED,
                decided_on=decided,
                signed_on=signed,
            )
            if adopted:
                ActionPlanFactory(
                    organisation=city,
                    commitment=commitment,
                    status="adopted",
                    adopted_on=date(2015, 1, 10),
                )
    return network


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            ["Signatories in figures", "On time", "Overdue", "Due", "Unknown", "Plan deadlines"],
        ),
        (
            "sv",
            [
                "Undertecknare i siffror",
                "I tid",
                "Försenad",
                "Tidsgräns framåt",
                "Okänd",
                "Tidsgränser för planer",
            ],
        ),
    ],
)
def test_signatory_summary_counts_deadlines_by_status(network, language, words):
    report = services.report_create(
        organisation=network,
        kind="signatory_summary",
        by=editor_of(network),
        language=language,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    for text in texts(report):
        for word in [*words, "Gdańsk", "Kalmar", "Liepāja", "Umeå"]:
            assert word in text, word
    from equalocal.reports.services import read_snapshot

    snapshot = read_snapshot(report)
    states = {row["name"]: row["deadline_state"] for row in snapshot["signatories"]}
    # Gdańsk shares its commitment only, not its plan: its adoption is not known to the network.
    assert states == {"Gdańsk": "overdue", "Kalmar": "overdue", "Liepāja": "unknown", "Umeå": "due"}
    assert snapshot["members"] == 4
    assert ["Sverige" if language == "sv" else "Sweden", 2] in snapshot["by_country"]


def test_the_table_of_signatories_stays_within_the_margins():
    """Eight columns of Swedish headings and the longest words of each column ("Robertsfors",
    "Undertecknad", "(Tidsgräns", "(demoexempel)") pushed the demo's table into the right
    margin."""
    network = NetworkFactory(name="Umeåregionen", country="SE")
    charter_2006 = CharterText.objects.get(code="2006")
    charter_2022 = CharterText.objects.get(code="2022")
    members = [
        ("Bjurholms kommun", CommitmentStatus.SIGNED, charter_2006, None),
        ("Nordmalings kommun", CommitmentStatus.SIGNED, charter_2006, None),
        ("Robertsfors kommun", CommitmentStatus.DECIDED, charter_2022, date(2024, 10, 27)),
        ("Umeå kommun", CommitmentStatus.DECIDED, charter_2022, date(2024, 11, 25)),
        ("Vindelns kommun", CommitmentStatus.DECIDED, charter_2022, date(2025, 11, 1)),
        ("Vännäs kommun", CommitmentStatus.DECIDED, charter_2022, date(2025, 2, 19)),
    ]
    for name, status, charter, decided_on in members:
        city = OrganisationFactory(name=name, country="SE")
        NetworkMembershipFactory(network=network, member=city, joined_on=date(2020, 1, 1))
        commitment = CommitmentFactory(
            organisation=city, charter=charter, status=status, decided_on=decided_on
        )
        if name == "Umeå kommun":
            NetworkSharing.objects.filter(network=network, member=city).update(progress=True)
            ActionPlanFactory(
                organisation=city,
                commitment=commitment,
                title="Handlingsplan för jämställdhet 2025–2026 (demoexempel)",
                status="adopted",
                adopted_on=date(2025, 2, 24),
            )
    report = services.report_create(
        organisation=network,
        kind="signatory_summary",
        by=editor_of(network),
        language="sv",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 6),
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    assert text_beyond_the_margin(read(report.pdf_file)) == []
    assert "Robertsfors kommun" in " ".join(pdf_text(read(report.pdf_file)).split())


@pytest.fixture
def group():
    network = NetworkFactory(name="Union of Baltic Cities", slug="ubc")
    group = BodyFactory(
        network=network,
        name="Gender Equality Working Group",
        purpose="Set up by the Executive Board in Kemi 2015.",
    )
    gdansk = OrganisationFactory(name="Gdańsk")
    kotka = OrganisationFactory(name="Kotka")
    orebro = OrganisationFactory(name="Örebro")
    NetworkMembershipFactory(body=group, member=gdansk, joined_on=date(2015, 10, 1))
    NetworkMembershipFactory(
        body=group,
        member=kotka,
        joined_on=date(2015, 10, 1),
        left_on=date(2016, 3, 1),
        leave_reason="Resources",
    )
    NetworkMembershipFactory(body=group, member=orebro, joined_on=date(2016, 4, 1))
    coordinator = PersonFactory(organisation=gdansk, name="Maria Nowak", title="Coordinator")
    seat = SeatFactory(body=group, person=coordinator, role="coordinator")
    plan = ActionPlanFactory(
        organisation=network, title="Action Plan 2016", adopted_on=date(2016, 1, 20)
    )
    group.plan = plan
    group.save()
    aim = GoalFactory(plan=plan, title="Clarifying the aims of the WG")
    ActivityFactory(
        goal=aim,
        title="Discussion in the WG meeting",
        description="Executive Committee",
        comment="Horizontal principle needs more actions",
    )
    ActivityFactory(plan=plan, goal=None, title="Outreach with the Secretariat")
    MeetingFactory(body=group, date=date(2016, 2, 14), place="Kristiansand", status="held")
    MeetingFactory(body=group, date=date(2016, 11, 10), place="Stockholm", status="planned")
    commission = BodyFactory(
        network=network, name="Sustainable Cities Commission", kind="commission"
    )
    MatrixCellFactory(group=group, row=commission, seat=seat, role="responsible")
    return group


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Coordinators",
                "Background",
                "Members",
                "Action plan",
                "Meetings",
                "Responsibility matrix",
                "Next steps",
                "new member",
                "has left",
                "Besides the action plan",
            ],
        ),
        (
            "sv",
            [
                "Samordnare",
                "Bakgrund",
                "Medlemmar",
                "Handlingsplan",
                "Möten",
                "Ansvarsmatris",
                "Nästa steg",
                "ny medlem",
                "har lämnat",
                "Utöver handlingsplanen",
            ],
        ),
    ],
)
def test_interim_report_has_the_structure_of_the_ubc_report(group, language, words):
    report = services.report_create(
        organisation=group.network,
        kind="network_interim",
        body=group,
        by=editor_of(group.network),
        language=language,
        period_start=date(2016, 1, 1),
        period_end=date(2016, 6, 15),
        next_steps="Get more cities to sign the Charter",
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    for text in texts(report):
        for word in [
            *words,
            "Gender Equality Working Group",
            "Kemi 2015",
            "Kotka",
            "Örebro",
            "Clarifying the aims of the WG",
            "Horizontal principle needs more actions",
            "Outreach with the Secretariat",
            "Kristiansand",
            "Stockholm",
            "Sustainable Cities Commission",
            "Get more cities to sign the Charter",
        ]:
            assert word in text, word
        # Gdańsk does not share its contacts with the network: the coordinator by role only.
        assert "Maria Nowak" not in text


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_wide_responsibility_matrix_stays_on_the_page(group, language):
    """UBC's matrix has a column per seat, headed by the seat's role ("Member, UBC Gender
    Equality Working Group (city not stated in the source; Gdynia unconfirmed)"): with seven
    seats the last columns ran off the paper's edge in the PDF."""
    commission = BodyFactory(network=group.network, name="Safe Cities", kind="commission")
    for city in ("Gdynia", "Kristiansand", "Liepāja", "Panevėžys", "Słupsk", "Kemi"):
        member = OrganisationFactory(name=city)
        NetworkMembershipFactory(body=group, member=member, joined_on=date(2015, 10, 1))
        person = PersonFactory(
            organisation=member,
            title=f"Member, UBC Gender Equality Working Group (city not stated in the "
            f"source; {city} unconfirmed)",
        )
        seat = SeatFactory(body=group, person=person)
        MatrixCellFactory(group=group, row=commission, seat=seat, role="contact")
    report = services.report_create(
        organisation=group.network,
        kind="network_interim",
        body=group,
        by=editor_of(group.network),
        language=language,
        period_start=date(2016, 1, 1),
        period_end=date(2016, 6, 15),
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    assert text_beyond_the_margin(read(report.pdf_file)) == []
    # Every seat's column is there, with its mark.
    assert pdf_text(read(report.pdf_file)).count("○") == 1 + 6  # the key, and six contacts


@pytest.fixture
def stages():
    """Umeåregionen's members at every stage (as in the demo): a signature with no dates, a
    signature to the old text with only a recommendation to the new one, a decision with a
    published plan, a decision long past without a plan, a text only considered, and a
    member with no commitment."""
    network = NetworkFactory(name="Umeåregionen", slug="umearegionen", country="SE")
    old = CharterText.objects.get(code="2006")
    new = CharterText.objects.get(code="2022")
    members = {}
    for name in ("Bjurholm", "Nordmaling", "Umeå", "Robertsfors", "Vindeln", "Region"):
        members[name] = OrganisationFactory(name=name, country="SE")
        NetworkMembershipFactory(network=network, member=members[name], joined_on=date(2010, 1, 1))
    CommitmentFactory(organisation=members["Bjurholm"], charter=old, status="signed")
    CommitmentFactory(organisation=members["Nordmaling"], charter=old, status="signed")
    CommitmentFactory(organisation=members["Nordmaling"], charter=new, status="recommended")
    umea = CommitmentFactory(
        organisation=members["Umeå"], charter=new, status="decided", decided_on=date(2024, 11, 25)
    )
    ActionPlanFactory(
        organisation=members["Umeå"],
        commitment=umea,
        status="adopted",
        adopted_on=date(2025, 2, 20),
        is_published=True,
    )
    CommitmentFactory(
        organisation=members["Robertsfors"],
        charter=new,
        status="decided",
        decided_on=date(2022, 1, 10),
    )
    CommitmentFactory(organisation=members["Vindeln"], charter=new, status="considering")
    return network


def test_signatory_summary_agrees_with_itself_and_the_public_network_page(stages):
    from django.utils import timezone

    from equalocal.public.sections import network_signatories
    from equalocal.reports.services import read_snapshot

    today = timezone.localdate()
    report = services.report_create(
        organisation=stages,
        kind="signatory_summary",
        by=editor_of(stages),
        language="en",
        period_start=date(today.year, 1, 1),
        period_end=today,
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    snapshot = read_snapshot(report)
    statuses = {row["name"]: row["status"] for row in snapshot["signatories"]}
    assert statuses == {
        "Bjurholm": "Signed",
        "Nordmaling": "Signed",
        "Umeå": "With plan",
        "Robertsfors": "Plan overdue",
        "Vindeln": "Considering",
        "Region": "",
    }
    # The public network page: the same status for every member, and the same count.
    public = network_signatories(None, stages)
    shown = {
        member.name: (str(row.status.label) if row else "") for member, row in public["member_rows"]
    }
    assert shown == statuses
    bound = [row for row in snapshot["signatories"] if row["bound"]]
    assert [row["name"] for row in bound] == ["Bjurholm", "Nordmaling", "Robertsfors", "Umeå"]
    assert snapshot["bound"] == len(bound) == public["signed"] == 4
    assert snapshot["members"] == len(snapshot["signatories"]) == len(public["member_rows"]) == 6
    for text in texts(report):
        assert "6 members; 4 have decided to sign or signed the Charter" in text
        assert "Signed (2006)" in text


def test_a_public_signatory_summary_shows_only_what_members_publish(stages):
    """Robertsfors shares its commitment with the network but does not publish it: the
    network's own summary shows it; a public one, read by anyone, does not."""
    from django.utils import timezone

    from equalocal.organisations.models import Organisation
    from equalocal.reports.services import read_snapshot
    from tests.factories import PublishingFactory

    robertsfors = Organisation.objects.get(name="Robertsfors")
    PublishingFactory(organisation=robertsfors, commitment=False)  # its membership shares it
    today = timezone.localdate()

    def summary(public: bool) -> dict:
        report = services.report_create(
            organisation=stages,
            kind="signatory_summary",
            by=editor_of(stages),
            language="en",
            period_start=date(today.year, 1, 1),
            period_end=today,
            public=public,
        )
        report = services.report_generate(report_id=report.pk)
        assert report.state == ReportState.READY, report.error
        return read_snapshot(report)

    internal = {row["name"]: row for row in summary(False)["signatories"]}
    assert internal["Robertsfors"]["status"] == "Plan overdue"
    public = summary(True)
    shown = {row["name"]: row for row in public["signatories"]}
    assert shown["Robertsfors"]["status"] == ""
    assert shown["Robertsfors"]["decided_on"] is None
    assert not shown["Robertsfors"]["bound"]
    assert public["bound"] == 3
    assert all(row["progress"] is None and row["last_update"] is None for row in shown.values())
    assert shown["Umeå"]["status"] == "With plan"
