"""Demo plans: the Umeåregionen working group's Verksamhetsplan 2014, and a labelled demo plan.

- 002 (Verksamhetsplan 2014 för Umeåregionens jämställdhetsarbetsgrupp): an
  annual operational plan of Umeåregionen with its contact person, its purpose
  against the region's three overall objectives (a goal set of Umeåregionen's
  own), the four goals for 2014 and the six activities of the table, with the
  timing as written. It is the group's plan in force for 2014, so it is marked
  adopted; the document names no adopting body or date and says nothing of how
  far the activities got, so those stay empty or at their defaults.
- Umeå kommun gets a Charter action plan that is invented and labelled as such
  ("demoexempel"), so the dashboard, coverage and reminders have data to show.
  Its contact and responsible person is the demo editor, not a real official.

Runs after the organisations and charters demos; idempotent: a plan that exists
by organisation and title (even in the bin) is left as it is.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from equalocal.charters.models import Article
from equalocal.organisations.models import Person
from equalocal.organisations.services import person_save

from .models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    Goal,
    GoalSet,
    PlanKind,
    PlanStatus,
    ReferenceGoal,
    Timing,
)
from .services import activity_save, activity_set_progress, consultation_add, goal_save, plan_save

# Sample 002 ----------------------------------------------------------------------------------

REGIONAL_GOALS = {
    "code": "umearegionen-overall-objectives",
    "title_en": "Umeåregionen's three overall objectives",
    "title_sv": "Umeåregionens tre övergripande målsättningar",
    "goals": [
        (1, "Develop the region", "Utveckla regionen"),
        (
            2,
            "Make the municipal administration more efficient",
            "Effektivisera den kommunala förvaltningen",
        ),
        (
            3,
            "Cooperation shall be democratically anchored",
            "Samverkan ska vara demokratiskt förankrad",
        ),
    ],
}

VERKSAMHETSPLAN_TITLE = "Verksamhetsplan 2014 för Umeåregionens jämställdhetsarbetsgrupp"
VERKSAMHETSPLAN_FIELD_OF_WORK = """\
Deltagarna i jämställdhetsgruppen verkar i huvudsak inom utvecklings-, personal- och \
jämställdhetsfrågor. Arbetet ska bidra till ett livskraftigt jämställdhetsarbete vars resultat \
når medborgarna i Umeåregionen som en jämställd medborgarservice. Representanterna har både ett \
internt fokus (diskrimineringslagstiftning och arbetsgivaransvar) och ett externt \
verksamhetsperspektiv; den del av tjänsten som avser jämställdhetsuppdraget varierar mellan 0 % \
och 100 %."""
VERKSAMHETSPLAN_PURPOSE = (
    "Avsikt/syfte: hur gruppen bidrar till Umeåregionens tre övergripande målsättningar "
    "(texten till varje mål står vid målet)."
)
# The group's purpose written against each regional goal, by the goal's number.
VERKSAMHETSPLAN_GOAL_TEXTS = {
    1: "Den regionala handlingsplanen från 2010 ger regionens övriga arbetsgrupper stöd i hur de "
    "kan förhålla sig till ett urval av artiklarna i CEMR-deklarationen, som samtliga sex "
    "kommuner har undertecknat. En gemensam kunskapsutveckling ökar kunskapen om kopplingen "
    "mellan jämställdhet och regional utveckling (visionen ”Världens bästa livsmiljö för "
    "250 000 invånare år 2050”).",
    2: "Fortsatt utveckling av kunskaper och metoder gör att representanterna kan stödja "
    "politiker och chefer i regionen. Samverkan från satsningen Jämställdhet genus och "
    "förändringsarbete i Umeåregionen fortsatte i projektet Normstorm i Umeåregionen och i "
    "utbildningen Genus, makt och samhälle. Jämställdhetsintegrering leder till en mer jämställd "
    "medborgarservice där resurserna fördelas likvärdigt och rättvist.",
    3: "Varje kommun äger sitt eget jämställdhetsarbete; gruppen erbjuder gemensam "
    "kunskapsutveckling och koordinering av aktiviteter, berättar om arbetet på regionens "
    "webbplats för att göra samarbetet transparent och träffas regelbundet.",
}
VERKSAMHETSPLAN_GOALS = [
    "Bidra till att utveckla jämställdhetsperspektivet i Umeåregionens arbetsgrupper",
    'Marknadsföra och sprida webbutbildningen "Normstorm" - utbildning i jämställdhet för arbetsgivare',
    "Bevaka möjligheterna till fortsatt jämställdhetsarbete genom externt finansierade projekt",
    "Öka samarbetet med Örnsköldsviks kommun",
]
JAN_APR = ("Januari – april 2014", Timing.DATED, date(2014, 1, 1), date(2014, 4, 30))
APR_JUN = ("April – juni 2014", Timing.DATED, date(2014, 4, 1), date(2014, 6, 30))
ALL_YEAR = ("Löpande under året", Timing.ONGOING, date(2014, 1, 1), date(2014, 12, 31))
# goal number, activity, timing as written, timing, start, end
VERKSAMHETSPLAN_ACTIVITIES = [
    (
        1,
        "Genomföra analys av enkäten (hur jämställdhetsperspektiv beaktas i respektive arbetsgrupp)",
        *JAN_APR,
    ),
    (
        1,
        "Återkoppla resultatet av analysen med eventuella åtgärdsförslag till arbetsgrupperna och "
        "kommunchefsgruppen",
        *JAN_APR,
    ),
    (2, "Se över att webbutbildningen ligger ute på kommunernas hemsidor", *APR_JUN),
    (2, "Hitta former för att marknadsföra och sprida webbutbildningen", *APR_JUN),
    (
        3,
        "Bevaka utlysningar kring jämställdhetsprojekt och bereda möjligheter för kommande projekt",
        *ALL_YEAR,
    ),
    (4, "Hitta samarbetsformer med Örnsköldsviks kommun", *ALL_YEAR),
]


def _regional_goals(owner) -> list[ReferenceGoal]:
    data = REGIONAL_GOALS
    goal_set = GoalSet.objects.filter(code=data["code"]).first()
    if goal_set is None:
        goal_set = GoalSet.objects.create(
            code=data["code"], title_en=data["title_en"], title_sv=data["title_sv"], owner=owner
        )
    goals = []
    for number, en, sv in data["goals"]:
        goal, _ = ReferenceGoal.objects.get_or_create(
            goal_set=goal_set, number=number, defaults={"title_en": en, "title_sv": sv}
        )
        goals.append(goal)
    return goals


def _load_verksamhetsplan(organisations) -> bool:
    owner = organisations["umearegionen"]
    regional_goals = _regional_goals(owner)
    if ActionPlan.objects.filter(organisation=owner, title=VERKSAMHETSPLAN_TITLE).exists():
        return False
    contact = organisations["vannas"].people.filter(name="Ingrid Lundström").first()
    plan = plan_save(
        plan=ActionPlan(
            organisation=owner,
            title=VERKSAMHETSPLAN_TITLE,
            kind=PlanKind.OPERATIONAL,
            status=PlanStatus.ADOPTED,
            adopted_on=date(2013, 12, 12),
            period_start=date(2014, 1, 1),
            period_end=date(2014, 12, 31),
            contact=contact,
            field_of_work=VERKSAMHETSPLAN_FIELD_OF_WORK,
            purpose=VERKSAMHETSPLAN_PURPOSE,
        ),
        reference_goals=regional_goals,
        goal_texts={goal.pk: VERKSAMHETSPLAN_GOAL_TEXTS[goal.number] for goal in regional_goals},
    )
    goals = {}
    for number, title in enumerate(VERKSAMHETSPLAN_GOALS, start=1):
        goals[number] = goal_save(goal=Goal(plan=plan, order=number, title=title))
    for order, (goal, title, note, timing, start, end) in enumerate(
        VERKSAMHETSPLAN_ACTIVITIES, start=1
    ):
        activity_save(
            activity=Activity(
                plan=plan,
                goal=goals[goal],
                order=order,
                title=title,
                responsible_unit="Jämställdhetsgruppen",
                timing=timing,
                timing_note=note,
                start_date=start,
                end_date=end,
            )
        )
    return True


# Umeå kommun: an invented, labelled Charter action plan ------------------------------------------

DEMO_COORDINATOR = "Erik Editor"
DEMO_PLAN_TITLE = "Handlingsplan för jämställdhet 2025–2026 (demoexempel)"
DEMO_PURPOSE = (
    "Demoexempel: detta är inte Umeå kommuns verkliga handlingsplan. Planen visar hur equalocal "
    "följer upp en handlingsplan enligt CEMR-deklarationen: mål kopplade till deklarationens "
    "artiklar och till de jämställdhetspolitiska delmålen, aktiviteter med ansvar, tider och "
    "uppföljning."
)
# title, description, Charter articles (2006 numbering), Swedish sub-goal numbers
DEMO_GOALS = [
    (
        "Beslut fattas på jämställda underlag",
        "Större beslut i nämnder och styrelser föregås av en jämställdhetsanalys.",
        [9],
        [1],
    ),
    (
        "Kommunen är en jämställd arbetsgivare",
        "Lika lön för likvärdigt arbete, heltid som norm och en jämställd arbetsmiljö.",
        [11],
        [2, 5],
    ),
    (
        "Barn och unga växer upp fria från våld och begränsande normer",
        "Förebyggande arbete mot mäns våld mot kvinnor och jämställd utbildning.",
        [13, 22],
        [3, 6],
    ),
]


def _demo_activities(today: date) -> list[dict]:
    """About eight activities; one is overdue and one is due for review, counted from ``today``."""
    return [
        {
            "goal": 1,
            "title": "Ta fram metod och mall för jämställdhetsanalys inför beslut",
            "articles": [9],
            "unit": "Kommunledningskontoret",
            "person": True,
            "start": date(2025, 1, 15),
            "end": date(2025, 6, 30),
            "completed": date(2025, 6, 18),
            "steps": [
                (
                    ActivityStatus.IN_PROGRESS,
                    50,
                    "Utkast till mall har tagits fram och testats i två nämnder.",
                ),
                (ActivityStatus.DONE, 100, "Mallen är antagen och publicerad på intranätet."),
            ],
        },
        {
            "goal": 1,
            "title": "Utbilda nämndsekreterare och handläggare i jämställdhetsanalys",
            "articles": [9],
            "unit": "HR-avdelningen",
            "person": True,
            "start": date(2025, 9, 1),
            "end": date(2026, 12, 15),
            "review": today + timedelta(days=7),
            "steps": [
                (ActivityStatus.IN_PROGRESS, 60, "Fyra av sex utbildningstillfällen är genomförda.")
            ],
        },
        {
            "goal": 1,
            "title": "Analysera fördelningen av föreningsbidrag efter kön",
            "articles": [9],
            "unit": "Fritidsförvaltningen",
            "start": date(2026, 3, 1),
            "end": date(2026, 12, 31),
            "steps": [
                (
                    ActivityStatus.DELAYED,
                    25,
                    "Försenad: statistiken från bidragssystemet saknar kön.",
                )
            ],
        },
        {
            "goal": 2,
            "title": "Lönekartläggning och åtgärder mot osakliga löneskillnader",
            "articles": [11],
            "unit": "HR-avdelningen",
            "start": date(2025, 2, 1),
            "end": date(2025, 5, 31),
            "completed": date(2025, 5, 28),
            "steps": [
                (
                    ActivityStatus.DONE,
                    100,
                    "Kartläggningen är klar; tre åtgärder ingår i löneöversynen.",
                )
            ],
        },
        {
            "goal": 2,
            "title": "Heltid som norm inom vård och omsorg",
            "articles": [11],
            "unit": "Äldreomsorgen",
            "timing": Timing.ONGOING,
            "start": date(2025, 1, 1),
            "end": date(2026, 12, 31),
            "steps": [
                (
                    ActivityStatus.IN_PROGRESS,
                    40,
                    "Andelen heltidsanställda har ökat från 71 % till 78 %.",
                )
            ],
        },
        {
            "goal": 2,
            "title": "Kartlägga sjukfrånvaro efter kön och arbetsplats",
            "articles": [11],
            "unit": "HR-avdelningen",
            "person": True,
            "start": date(2025, 9, 1),
            "end": today - timedelta(days=21),
            "steps": [
                (ActivityStatus.IN_PROGRESS, 70, "Underlaget från lönesystemet är försenat.")
            ],
        },
        {
            "goal": 3,
            "title": "Våldsförebyggande program (MVP) i grundskolans högstadium",
            "articles": [22],
            "unit": "Förskola och grundskola",
            "start": date(2025, 8, 15),
            "end": date(2026, 12, 31),
            "steps": [
                (ActivityStatus.IN_PROGRESS, 30, "Programmet är infört på tre av sju skolor.")
            ],
        },
        {
            "goal": 3,
            "title": "Utbilda socialtjänstens personal i att upptäcka våld i nära relationer",
            "articles": [22],
            "unit": "Individ- och familjeomsorgen",
            "start": date(2026, 12, 1),
            "end": date(2026, 12, 31),
            "steps": [],
        },
    ]


def _demo_coordinator(organisation, editor):
    """An invented person for the invented plan, so no real official is named in it.

    It is the demo editor's own record, so the reminders of the demo go to that sign-in.
    """
    if editor is None:
        return None
    person = organisation.people.filter(name=DEMO_COORDINATOR).first()
    if person is None:
        person = person_save(
            person=Person(
                organisation=organisation,
                name=DEMO_COORDINATOR,
                title="Jämställdhetssamordnare (demoexempel)",
                email=editor.email,
                user=editor,
            ),
            by=editor,
        )
    return person


def _step_dates(row: dict, *, today: date) -> list[date]:
    """Believable dates for an activity's follow-ups: spread over the time it has run so far,
    the last on its completion date when it is done."""
    start = row["start"] or today
    end = min(row.get("completed") or row["end"] or today, today)
    if end < start:
        end = start
    count = len(row["steps"])
    dates = [start + (end - start) * (index + 1) // count for index in range(count)]
    return [min(day, today) for day in dates]


def _load_umea_plan(organisations, commitments, users) -> bool:
    umea = organisations["umea"]
    if ActionPlan.objects.filter(organisation=umea, title=DEMO_PLAN_TITLE).exists():
        return False
    editor = users.get("editor@example.org")
    coordinator = _demo_coordinator(umea, editor)
    commitment = commitments.get("umea")
    charter_code = commitment.charter.code if commitment else "2006"
    articles = {a.number: a for a in Article.objects.filter(charter__code=charter_code)}
    subgoals = {
        g.number: g
        for g in ReferenceGoal.objects.filter(goal_set__code="se-gender-equality-subgoals")
    }

    plan = plan_save(
        plan=ActionPlan(
            organisation=umea,
            title=DEMO_PLAN_TITLE,
            kind=PlanKind.CHARTER,
            status=PlanStatus.ADOPTED,
            period_start=date(2025, 1, 1),
            period_end=date(2026, 12, 31),
            commitment=commitment,
            adopted_by="Kommunfullmäktige (demoexempel)",
            adopted_on=date(2025, 2, 24),
            contact=coordinator,
            purpose=DEMO_PURPOSE,
            resources="En jämställdhetsstrateg på heltid; utbildningar inom ordinarie budget (demoexempel).",
            budget=Decimal("450000"),
            currency="SEK",
            is_published=True,
        ),
        by=editor,
        priorities=[articles[n] for n in (9, 11, 13, 22)],
    )
    consultation_add(
        plan=plan,
        date=date(2024, 11, 12),
        consulted="Jämställdhetsrådet och civilsamhällets referensgrupp (demoexempel)",
        summary="Synpunkterna ledde till ett tydligare mål om våldsförebyggande arbete i skolan.",
        by=editor,
    )
    goals = {}
    for order, (title, description, numbers, subgoal_numbers) in enumerate(DEMO_GOALS, start=1):
        goals[order] = goal_save(
            goal=Goal(plan=plan, order=order, title=title, description=description),
            by=editor,
            articles=[articles[n] for n in numbers],
            reference_goals=[subgoals[n] for n in subgoal_numbers if n in subgoals],
        )
    for order, row in enumerate(_demo_activities(timezone.localdate()), start=1):
        activity = activity_save(
            activity=Activity(
                plan=plan,
                goal=goals[row["goal"]],
                order=order,
                title=row["title"],
                responsible_unit=row["unit"],
                responsible_person=coordinator if row.get("person") else None,
                timing=row.get("timing", Timing.DATED),
                start_date=row["start"],
                end_date=row["end"],
                next_review_on=row.get("review"),
            ),
            by=editor,
            articles=[articles[n] for n in row["articles"]],
            note="Aktiviteten lades in från den antagna planen.",
            on=min(plan.adopted_on or timezone.localdate(), timezone.localdate()),
        )
        for on, (status, progress, note) in zip(
            _step_dates(row, today=timezone.localdate()), row["steps"], strict=True
        ):
            if status == ActivityStatus.DONE:
                activity.completed_on = row.get("completed")
            activity_set_progress(
                activity=activity, status=status, progress=progress, note=note, by=editor, on=on
            )
    return True


def load(context) -> None:
    organisations = context.objects["organisations"]
    loaded = [
        _load_verksamhetsplan(organisations) and "Verksamhetsplan 2014 (Umeåregionen)",
        _load_umea_plan(
            organisations, context.objects.get("commitments", {}), context.objects.get("users", {})
        )
        and "a demo Charter action plan (Umeå)",
    ]
    loaded = [item for item in loaded if item]
    context.log.append("Plans: " + (", ".join(loaded) if loaded else "already loaded"))
