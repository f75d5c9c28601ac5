"""Demo networks and working groups, taken from the sample documents.

- 000 (interim report of the UBC Gender Equality Working Group, 15/6/2016): the
  group, set up by the UBC Executive Board in Kemi (2015) and started in 2016, with
  its coordinators (Gdańsk, Helsinki), member cities (Kotka has left; Örebro is new
  after the invitation letter of February 2016), meetings, the Action Plan 2016 and
  the matrix of UBC commissions to group members. The report gives no join dates:
  memberships start on 2016-01-01, when the group started; Kotka's leaving is dated
  on the report. The matrix names people without their cities: those cities are a
  best guess, marked "unconfirmed" in the person's title. The report says Kotka
  left the working group; nothing is said of its UBC membership, which stays open.
- 004 (umearegionen.se): Umeåregionen's Jämställdhetsgruppen, its members with
  their municipalities, Ingrid Lundström as contact person and the Vindeln
  vacancy. The six municipalities are members of Umeåregionen; Örnsköldsvik
  belongs to the group only. The page gives no dates, so none are invented. The
  group's plan is the Verksamhetsplan 2014 of sample 002 (loaded by plans).
- 001 (UCLG news, June 2021): UCLG's CIB Working Group and its purpose.

Runs after the organisations, charters and plans demos; idempotent: a group that
exists by network and slug is left as it is.
"""

from datetime import date

from django.db import transaction

from equalocal.organisations.models import Person, Shared, SharingStatus
from equalocal.organisations.services import person_save
from equalocal.plans.models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    Goal,
    PlanKind,
    PlanStatus,
    Timing,
)
from equalocal.plans.services import activity_save, goal_save, plan_save

from .models import Body, BodyKind, Meeting, MeetingStatus, NetworkMembership, Seat, SeatRole
from .services import (
    body_save,
    matrix_save,
    meeting_save,
    membership_answer,
    membership_join,
    membership_leave,
    membership_request,
    open_sharing,
    seat_save,
)

# Sample 000: UBC ------------------------------------------------------------------------------

UBC_GROUP_SLUG = "gender-equality"
UBC_GROUP_PURPOSE = (
    "Mainstreaming gender equality in UBC and its member cities: clarifying the aims of the "
    "group, sharing the responsibility for gender equality in the work of the UBC commissions "
    "between the group's members (the matrix), bringing gender equality into UBC's own events "
    "(female speakers at the General Conference), and getting more cities to sign the European "
    "Charter for Equality of Women and Men in Local Life (CEMR). The Working Group started in "
    "the beginning of 2016 and its Action Plan was approved in January 2016."
)
UBC_STARTED = date(2016, 1, 1)
UBC_REPORT_DATE = date(2016, 6, 15)
UBC_MEMBERS = [
    "kristiansand",
    "gdansk",
    "gdynia",
    "helsinki",
    "kalmar",
    "kotka",
    "liepaja",
    "panevezys",
    "umea",
    "orebro",
]
OREBRO_JOINED = date(2016, 3, 1)
OREBRO_NOTE = "New member after the invitation letter of February 2016"
KOTKA_REASON = "Kotka has left (interim report 15/6/2016)"

# Commission, and what the report calls it when that differs.
UBC_COMMISSIONS = [
    ("Sustainable Cities", ""),
    ("Safe Cities", ""),
    ("Planning Cities", ""),
    ("Inclusive and Healthy Cities", ""),
    ("Youthful Cities", ""),
    ("Culture", ""),
    ("Smart and Prosperous Cities", "Small and Prosperous Cities Commission"),
]

UNCONFIRMED = (
    "Member, UBC Gender Equality Working Group (city not stated in the source; %s unconfirmed)"
)
# organisation slug, name, title, seat role; the coordinators come from organisations/demo.py.
UBC_PEOPLE = [
    ("gdansk", "Małgorzata Tarasiewicz", None, SeatRole.COORDINATOR),
    ("helsinki", "Hanna Maidell", None, SeatRole.COORDINATOR),
    ("kristiansand", "Toril Hogstad", UNCONFIRMED % "Kristiansand", SeatRole.MEMBER),
    ("liepaja", "Kaspars Varpins", UNCONFIRMED % "Liepāja", SeatRole.MEMBER),
    ("panevezys", "Asta Puodziuniene", UNCONFIRMED % "Panevėžys", SeatRole.MEMBER),
    ("gdynia", "Joanna Leman", UNCONFIRMED % "Gdynia", SeatRole.MEMBER),
    ("gdynia", "Monika Pawlińska", UNCONFIRMED % "Gdynia", SeatRole.MEMBER),
]

SHARED = "Shared, as written: “Joanna Leman/Monika Pawlińska”"
# commission, person, note
UBC_MATRIX = [
    (
        "Smart and Prosperous Cities",
        "Toril Hogstad",
        "The report says “Small and Prosperous Cities Commission”",
    ),
    ("Sustainable Cities", "Małgorzata Tarasiewicz", ""),
    ("Safe Cities", "Kaspars Varpins", ""),
    ("Planning Cities", "Asta Puodziuniene", ""),
    ("Inclusive and Healthy Cities", "Joanna Leman", SHARED),
    ("Inclusive and Healthy Cities", "Monika Pawlińska", SHARED),
    ("Culture", "Hanna Maidell", ""),
    (
        "Youthful Cities",
        "Hanna Maidell",
        "Uncertain reading: the report has “Youthful Cities Commission Culture Commission "
        "Hanna Maidell”",
    ),
]

# date, host slug, place, status, agenda
UBC_MEETINGS = [
    (
        date(2016, 2, 14),
        "kristiansand",
        "Kristiansand",
        MeetingStatus.HELD,
        "Clarifying the aims of the WG",
    ),
    (date(2016, 6, 15), None, "Berlin", MeetingStatus.HELD, "Clarifying the aims of the WG"),
    (date(2016, 11, 10), None, "Stockholm", MeetingStatus.HELD, ""),
    (
        date(2017, 4, 11),
        "gdansk",
        "Gdańsk",
        MeetingStatus.HELD,
        "Conference in Gdansk on the European Charter (CEMR), with the City of Gdansk",
    ),
    (
        date(2017, 10, 26),
        "vaxjo",
        "Växjö",
        MeetingStatus.PLANNED,
        "As written in the report: “Planned: Växsjö 26/10/2017”; UBC General Conference, "
        "Växjö 2017",
    ),
]

UBC_PLAN_TITLE = "Action Plan 2016"
UBC_PLAN_PURPOSE = (
    "Action Plan of the UBC Gender Equality Working Group, approved in January 2016. Rows as in "
    "the interim report of 15/6/2016 (Aims / Action / Implementation / Date / Comments); dates "
    "are kept as written."
)
RESPONSIBLE = "UBC Gender Equality Working Group"
# Aim (goal) and its rows: title (action), description (implementation), date as
# written, comment, and any status the report states.
UBC_PLAN = [
    (
        "Clarifying the aims of the WG",
        [
            {
                "title": "Discussion in the WG Meeting and in the Executive Committee",
                "timing_note": "14/02 Kristiansand 15/6 Berlin",
                "start": date(2016, 2, 14),
                "end": date(2016, 6, 15),
                "comment": "Horizontal principle needs more actions",
            }
        ],
    ),
    (
        "Scrutiny creation",
        [
            {
                "title": "Meetings, reporting, budget follow-up",
                "description": (
                    "Reporting to the UBC Executive Committee; co-operation with the "
                    "UBC-Secretariat. Planned: Växsjö 26/10/2017"
                ),
                "timing_note": "Stockholm, 10/11/2016 Gdansk 11/4/2017 Berlin 14/16/2017",
                "timing": Timing.ONGOING,
            }
        ],
    ),
    (
        "Invitation letter to all member cities",
        [
            {
                "title": "Invitation letter to all member cities, sent in February 2016",
                "description": "New members: Örebro",
                "timing_note": "Sent in Feb 2017",
                "comment": (
                    "The Action column says February 2016, the Date column Feb 2017; the day "
                    "is not stated."
                ),
                "status": ActivityStatus.DONE,
                "completed": date(2016, 2, 29),
            }
        ],
    ),
    (
        "Matrix for the mainstreaming of gender equality promotion",
        [
            {
                "title": (
                    "In the actions of the commissions: sharing the responsibility between the "
                    "WG members"
                ),
                "description": (
                    "Matrix created (see the group's responsibility matrix). Introduction in the "
                    "Commission; article/newsletter; a joint meeting planned."
                ),
                "timing_note": "Gdansk, June 22, 2016 Introduction in the Commission Hamburg 22/10",
            },
            {
                "title": "In the actions of UBC",
                "description": "Mainstreamed in the General Conference (female speakers)",
                "timing_note": "Växsjö 2017",
            },
        ],
    ),
    (
        "Getting more Cities to sign European Charter (CEMR)",
        [
            {
                "title": "Co-operation with CEMR and City of Gdansk",
                "description": (
                    "The conference in Gdansk 11/04 held: Slupsk and Gdansk have not signed the "
                    "Charter yet but Gdansk will hopefully do it by the end of the year - there "
                    "is a commitment of the President (in a form of a letter) to do it ASAP. "
                    "Mikko Lohikoski and Dep. Mayor of Helsinki among the speakers. Open session "
                    "with the same topic: what is European Charter actually: “The Charter is "
                    "both a political document and a practical instrument”; the Chair of the "
                    "Standing Committee for Equality, Mr. Ibon Uribe to be invited and policy "
                    "officer Jaimie Just. http://www.ccre.org/activites/view/11"
                ),
                "timing_note": "11/4 2017; 2017/Växsjö",
                "comment": (
                    "With support of UBC office and Network of East-West Women and European "
                    "Solidarity Centre and Gdansk Cultural Institute. Contacts with CEMR created "
                    "and deepened."
                ),
            }
        ],
    ),
    (
        "UBC Publication Men and Women in the UBC",
        [
            {
                "title": "New edition in co-operation with Umea",
                "description": (
                    "Decided: not to publish it anymore, the latest version can stay on the "
                    "www-page"
                ),
                "status": ActivityStatus.CANCELLED,
            }
        ],
    ),
    (
        "Outreach and promotion (besides the Action Plan)",
        [
            {
                "title": "Co-operation with the Secretariat on website",
                "description": (
                    "New documents reach wider audience through social media "
                    "http://www.ubc.net/commissions/working-group-gender-equality"
                ),
                "timing_note": "Helsinki-Gdansk 2017",
            }
        ],
    ),
]


def _person(organisation, name: str, title: str | None) -> Person:
    person = organisation.people.filter(name=name).first()
    if person is None:
        person = person_save(person=Person(organisation=organisation, name=name, title=title or ""))
    return person


def _ubc_plan(ubc, contact) -> ActionPlan:
    plan = ActionPlan.objects.filter(organisation=ubc, title=UBC_PLAN_TITLE).first()
    if plan is not None:
        return plan
    plan = plan_save(
        plan=ActionPlan(
            organisation=ubc,
            title=UBC_PLAN_TITLE,
            kind=PlanKind.OPERATIONAL,
            status=PlanStatus.ADOPTED,
            adopted_on=date(2015, 11, 26),
            period_start=date(2016, 1, 1),
            contact=contact,
            purpose=UBC_PLAN_PURPOSE,
            is_published=True,
        )
    )
    order = 0
    for number, (aim, rows) in enumerate(UBC_PLAN, start=1):
        goal = goal_save(goal=Goal(plan=plan, order=number, title=aim))
        for row in rows:
            order += 1
            status = row.get("status", ActivityStatus.PLANNED)
            activity_save(
                activity=Activity(
                    plan=plan,
                    goal=goal,
                    order=order,
                    title=row["title"],
                    description=row.get("description", ""),
                    responsible_unit=RESPONSIBLE,
                    timing=row.get("timing", Timing.DATED),
                    timing_note=row.get("timing_note", ""),
                    start_date=row.get("start"),
                    end_date=row.get("end"),
                    comment=row.get("comment", ""),
                    status=status,
                    progress=100 if status == ActivityStatus.DONE else 0,
                    completed_on=row.get("completed"),
                )
            )
    return plan


@transaction.atomic
def _load_ubc(organisations) -> Body | None:
    ubc = organisations["ubc"]
    if Body.objects.filter(network=ubc, slug=UBC_GROUP_SLUG).exists():
        return None
    board = Body.objects.filter(network=ubc, name="UBC Executive Board").first()
    if board is None:
        board = body_save(body=Body(network=ubc, kind=BodyKind.BOARD, name="UBC Executive Board"))
    commissions = {}
    for name, _as_written in UBC_COMMISSIONS:
        commission = Body.objects.filter(network=ubc, name=name).first()
        if commission is None:
            commission = body_save(body=Body(network=ubc, kind=BodyKind.COMMISSION, name=name))
        commissions[name] = commission

    people = {
        name: (_person(organisations[slug], name, title), role)
        for slug, name, title, role in UBC_PEOPLE
    }
    plan = _ubc_plan(ubc, contact=people["Małgorzata Tarasiewicz"][0])
    group = body_save(
        body=Body(
            network=ubc,
            kind=BodyKind.WORKING_GROUP,
            name="Gender Equality Working Group",
            slug=UBC_GROUP_SLUG,
            purpose=UBC_GROUP_PURPOSE,
            started_on=UBC_STARTED,
            set_up_by="UBC Executive Board",
            set_up_on=date(2015, 2, 26),
            set_up_where="Kemi",
            parent=board,
            plan=plan,
        )
    )

    for slug in UBC_MEMBERS:
        member = organisations[slug]
        _consent(ubc, member, joined_on=UBC_STARTED, shares=UBC_SHARES)
        joined_on, note = (OREBRO_JOINED, OREBRO_NOTE) if slug == "orebro" else (UBC_STARTED, "")
        membership = membership_join(
            network=ubc, member=member, joined_on=joined_on, body=group, note=note
        )
        if slug == "kotka":
            membership_leave(membership=membership, left_on=UBC_REPORT_DATE, reason=KOTKA_REASON)

    seats = {}
    for name, (person, role) in people.items():
        seats[name] = seat_save(
            seat=Seat(
                body=group,
                member=person.organisation,
                person=person,
                role=role,
                from_date=UBC_STARTED,
            )
        )

    for meeting_date, host, place, status, agenda in UBC_MEETINGS:
        meeting_save(
            meeting=Meeting(
                body=group,
                date=meeting_date,
                host=organisations[host] if host else None,
                place=place,
                status=status,
                agenda=agenda,
            )
        )

    matrix_save(
        group=group,
        cells=[
            (commissions[row].pk, seats[name].pk, "responsible") for row, name, _n in UBC_MATRIX
        ],
        expected_version=group.matrix_version,
    )
    notes = {(commissions[row].pk, seats[name].pk): note for row, name, note in UBC_MATRIX}
    for cell in group.matrix_cells.all():
        note = notes.get((cell.row_id, cell.seat_id), "")
        if note:
            cell.note = note
            cell.save(update_fields=["note"])
    return group


# Sample 004: Umeåregionen ---------------------------------------------------------------------

UMEAREGIONEN = ["umea", "vannas", "vindeln", "robertsfors", "nordmaling", "bjurholm"]
UMEAREGIONEN_NOTE = "Date of joining not recorded in the source (umearegionen.se)."
ORNSKOLDSVIK_NOTE = (
    "Member of the group, not of Umeåregionen; the group's page lists Örnsköldsvik's "
    "representative (umearegionen.se)."
)
UMEA_GROUP_SLUG = "jamstalldhetsgruppen"
UMEA_GROUP_PURPOSE = (
    "Umeåregionens jämställdhetsgrupp arbetar vidare för kvalitetssäkring av "
    "jämställdhetsintegrering och jämställd medborgarservice med hjälp av bland annat "
    "framtagande av lokala handlingsplaner och implementering av styrkortet för jämställdhet. "
    "Gruppen fortsätter det arbete som påbörjades i projektet ”Jämställdhet, genus och "
    "förändringsarbete i Umeåregionen”."
)
VERKSAMHETSPLAN_TITLE = "Verksamhetsplan 2014 för Umeåregionens jämställdhetsarbetsgrupp"
# municipality slug, person (None for the vacancy), role, in the order of the page
UMEA_SEATS = [
    ("vannas", "Ingrid Lundström", SeatRole.CONTACT),
    ("bjurholm", "Claudia Wieczorek", SeatRole.MEMBER),
    ("nordmaling", "Jörgen Andersson", SeatRole.MEMBER),
    ("robertsfors", "Henna Harinen", SeatRole.MEMBER),
    ("umea", "Linda Gustafsson", SeatRole.MEMBER),
    ("vindeln", None, SeatRole.MEMBER),
    ("ornskoldsvik", "Katarina Strachman", SeatRole.MEMBER),
]


@transaction.atomic
def _load_umearegionen(organisations) -> Body | None:
    network = organisations["umearegionen"]
    if Body.objects.filter(network=network, slug=UMEA_GROUP_SLUG).exists():
        return None
    plan = ActionPlan.objects.filter(organisation=network, title=VERKSAMHETSPLAN_TITLE).first()
    group = body_save(
        body=Body(
            network=network,
            kind=BodyKind.WORKING_GROUP,
            name="Jämställdhetsgruppen",
            slug=UMEA_GROUP_SLUG,
            purpose=UMEA_GROUP_PURPOSE,
            plan=plan,
        )
    )
    for slug in UMEAREGIONEN:
        member = organisations[slug]
        _consent(network, member, joined_on=None, note=UMEAREGIONEN_NOTE, shares=list(Shared))
        membership_join(network=network, member=member, joined_on=None, body=group)
    _consent(network, organisations["ornskoldsvik"], joined_on=None, groups_only=True)
    membership_join(
        network=network,
        member=organisations["ornskoldsvik"],
        joined_on=None,
        body=group,
        note=ORNSKOLDSVIK_NOTE,
        outside_member=True,
    )
    for slug, name, role in UMEA_SEATS:
        member = organisations[slug]
        person = member.people.get(name=name) if name else None
        seat_save(seat=Seat(body=group, member=member, person=person, role=role))
    return group


# Sample 001: UCLG -----------------------------------------------------------------------------

UCLG_GROUP_SLUG = "cib-working-group"
UCLG_GROUP_PURPOSE = (
    "Capacity building for gender equality at the local level: how UCLG's political gender "
    "strategy can be included in the members' projects and programmes, with instruments and "
    "tools that help members implement gender strategies in local government development "
    "cooperation. The group's secretariat started a study on gender equality at the local "
    "level early in 2020; its publication “Capacity Building for Gender Equality at the local "
    "level: Understanding the environment and learning from good practices” (guidelines, "
    "technical tools and twelve case studies) was launched on 23 June 2021."
)


@transaction.atomic
def _load_uclg(organisations) -> Body | None:
    network = organisations["uclg"]
    if Body.objects.filter(network=network, slug=UCLG_GROUP_SLUG).exists():
        return None
    return body_save(
        body=Body(
            network=network,
            kind=BodyKind.WORKING_GROUP,
            name="CIB Working Group",
            slug=UCLG_GROUP_SLUG,
            purpose=UCLG_GROUP_PURPOSE,
        )
    )


# What the demo members let their networks see: the six Umeåregionen municipalities work
# closely and share everything; UBC's members share their commitment and plan progress.
UBC_SHARES = [Shared.COMMITMENT, Shared.PROGRESS]


def _consent(
    network, member, *, joined_on, shares=(Shared.COMMITMENT,), note="", groups_only=False
):
    """The network asks and the member accepts, as in the product: no membership without it."""
    sharing = open_sharing(network=network, member=member)
    if sharing is None:
        sharing = membership_request(
            network=network,
            member=member,
            by=None,
            joined_on=joined_on,
            note=note,
            groups_only=groups_only,
        )
    if sharing.status == SharingStatus.PENDING:
        membership_answer(sharing=sharing, accept=True, by=None, shares=shares)
        if joined_on is None:
            # The sources give no date: the membership's start stays unknown, as before.
            NetworkMembership.objects.filter(
                network=network, member=member, body=None, joined_on=sharing.joined_on
            ).update(joined_on=None)


def load(context) -> None:
    organisations = context.objects["organisations"]
    loaded = {
        "ubc": _load_ubc(organisations),
        "umearegionen": _load_umearegionen(organisations),
        "uclg": _load_uclg(organisations),
    }
    context.objects["networks"] = {
        "ubc": Body.objects.get(network=organisations["ubc"], slug=UBC_GROUP_SLUG),
        "umearegionen": Body.objects.get(
            network=organisations["umearegionen"], slug=UMEA_GROUP_SLUG
        ),
        "uclg": Body.objects.get(network=organisations["uclg"], slug=UCLG_GROUP_SLUG),
    }
    new = [str(group) for group in loaded.values() if group is not None]
    context.log.append("Networks: " + (", ".join(new) if new else "already loaded"))
