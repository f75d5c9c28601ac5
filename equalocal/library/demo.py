"""Demo library: themes, sample 001's publication and launch event, and good practices.

- 001 (UCLG CIB Working Group news, 23 June 2021): the Working Group's publication on
  capacity building for gender equality at the local level, begun by its Secretariat early in
  2020, with guidelines, technical tools and twelve case studies of local government
  development cooperation; its online launch on Wednesday 23 June 2021, 15.00–16.15 CEST,
  with speakers from the process and three of the case studies presented. The news item
  names none of the twelve cases, so no real case is invented: the publication holds three
  demo case studies (CASE_STUDIES), marked as such, of the kind it gathers (city-to-city
  development cooperation that improves gender equality locally), without naming places.
- 000 (UBC): the responsibility matrix that shares gender equality between the UBC
  commissions and the working group's members.
- 004 (Umeåregionen): the scorecard for gender equality (styrkort), which came out of the
  project "Jämställdhet, genus och förändringsarbete i Umeåregionen".
- Umeå's demo plan: a demo practice whose results link to the plan's first activity.

Runs after organisations, charters, plans, networks and indicators; idempotent by title.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from equalocal.charters.models import Article

from .models import (
    Event,
    Language,
    PartKind,
    Practice,
    PracticeStatus,
    Publication,
    PublicationPart,
    Theme,
)
from .services import (
    event_save,
    practice_review,
    practice_save,
    practice_submit,
    publication_part_save,
    publication_save,
    theme_save,
)

THEMES = [
    ("gender-mainstreaming", "Gender mainstreaming", "Jämställdhetsintegrering", 10),
    ("statistics", "Statistics and indicators", "Statistik och indikatorer", 20),
    ("international-cooperation", "International cooperation", "Internationellt samarbete", 30),
    ("employer", "The authority as employer", "Organisationen som arbetsgivare", 40),
    ("violence", "Gender-based violence", "Könsrelaterat våld", 50),
    ("capacity-building", "Capacity building", "Kompetensutveckling", 60),
]

PUBLICATION_TITLE = (
    "Capacity Building for Gender Equality at the local level: Understanding the environment "
    "and learning from good practices"
)
PUBLICATION_SUMMARY = (
    "A study by the UCLG CIB Working Group on how local and regional governments promote "
    "gender equality in their international work, and how UCLG's political gender strategy "
    "can find its way into the members' projects and programmes. The Secretariat began it "
    "early in 2020; the pandemic, which hit women and girls hard, made finishing it more "
    "urgent. The brochure brings guidelines and technical tools together with twelve case "
    "studies showing how development cooperation between local governments can improve "
    "gender equality locally and regionally. (Demo entry written from the Working Group's "
    "news item of 23 June 2021; its case studies here are demo examples of the kind it "
    "gathers, not the twelve cases themselves.)"
)
CASE_STUDY_NOTE = (
    " Demo example of the kind of case the publication gathers; not one of its twelve cases, "
    "which the demo does not reproduce."
)
# Title, summary, results, Charter article numbers (2006 text), theme slugs.
CASE_STUDIES = [
    (
        "Partner councils mentor newly elected women councillors (demo example)",
        "Two municipalities in a long-standing partnership pair each newly elected woman "
        "councillor in one of them with an experienced councillor in the other. Over a term "
        "they meet online and on two study visits, and work through how the budget is set, "
        "how to speak in council and committees, and how to deal with the press.",
        "More of the mentored councillors stood for a second term, and two of them now chair "
        "committees.",
        [2, 3, 30],
        ["international-cooperation", "capacity-building"],
    ),
    (
        "Gender budgeting learned together in a twinning project (demo example)",
        "Finance and service staff of two twinned municipalities learn side by side to ask who "
        "benefits from each budget line. They start with one service, count its users by sex "
        "and age, and bring the figures into the next budget discussion in both councils.",
        "Both councils now ask for figures split by sex in the budget papers of the pilot "
        "service, and the method is being taken up by a second service.",
        [8, 9, 30],
        ["gender-mainstreaming", "statistics", "international-cooperation"],
    ),
    (
        "Planning safer streets with women and girls, city to city (demo example)",
        "Planners from a partner city share a method of walking neighbourhoods with women and "
        "girls who live there. Together they mark the places that feel unsafe after dark, and "
        "the host city changes lighting, paths and bus stops, then walks the routes again a "
        "year later.",
        "Lighting and paths were changed at the places marked on the walks, and the city now "
        "holds such walks before it renews a neighbourhood.",
        [21, 25, 30],
        ["international-cooperation", "violence"],
    ),
]
EVENT_TITLE = "Launch of the CIB Working Group's publication on gender equality"
EVENT_DESCRIPTION = (
    "The official online launch of the gender equality brochure. Speakers who took part in "
    "making it share their views and open a general discussion, and three of the case studies "
    "are presented. Bring your thoughts, questions and visions on gender equality."
)
EVENT_ZONE = "Europe/Brussels"


def _themes() -> dict[str, Theme]:
    themes = {}
    for slug, en, sv, order in THEMES:
        theme = Theme.objects.filter(slug=slug).first() or Theme(slug=slug)
        if theme.pk is None:
            theme.name_en, theme.name_sv, theme.order = en, sv, order
            theme_save(theme=theme)
        themes[slug] = theme
    return themes


def _publication(uclg, staff) -> Publication:
    publication = Publication.objects.filter(owner=uclg, title=PUBLICATION_TITLE).first()
    if publication:
        return publication
    publication = Publication(
        owner=uclg,
        title=PUBLICATION_TITLE,
        author="UCLG CIB Working Group",
        published_on=date(2021, 6, 23),
        summary=PUBLICATION_SUMMARY,
        language=Language.ENGLISH,
        is_published=True,
    )
    publication_save(publication=publication, by=staff)
    parts = [
        (
            PartKind.GUIDELINE,
            "Guidelines",
            "How UCLG's political gender strategy can be built into projects and programmes.",
        ),
        (
            PartKind.TOOL,
            "Technical tools",
            "Instruments that help members carry out gender strategies in their work.",
        ),
    ]
    for order, (kind, title, description) in enumerate(parts):
        publication_part_save(
            part=PublicationPart(
                publication=publication,
                kind=kind,
                title=title,
                description=description,
                order=order,
            ),
            by=staff,
        )
    return publication


def _event(uclg, publication, staff) -> Event:
    event = Event.objects.filter(organiser=uclg, title=EVENT_TITLE).first()
    if event:
        return event
    zone = ZoneInfo(EVENT_ZONE)
    event = Event(
        organiser=uclg,
        title=EVENT_TITLE,
        description=EVENT_DESCRIPTION,
        starts_at=datetime(2021, 6, 23, 15, 0, tzinfo=zone),
        ends_at=datetime(2021, 6, 23, 16, 15, tzinfo=zone),
        time_zone=EVENT_ZONE,
        online_url="https://www.uclg.org",
        speakers="Speakers involved in the publication\nPresenters of three case studies",
        publication=publication,
        is_published=True,
    )
    return event_save(event=event, by=staff)


UPCOMING_TITLE = "Umeåregionen network meeting: two years after signing"
UPCOMING_DESCRIPTION = (
    "Members of Umeåregionen compare where their Charter action plans stand, two years "
    "after signing: what was adopted, what is late, and which indicators from Kolada show "
    "change. Open to members' equality officers and elected members; registration required."
)
UPCOMING_IN_DAYS = 45  # from the day the demo is loaded, so the demo always has one to come


def _upcoming_event(network, staff) -> Event:
    """An event still to come, with a capacity, so registration and the waiting list can be
    tried in the demo."""
    event = Event.objects.filter(organiser=network, title=UPCOMING_TITLE).first()
    if event:
        return event
    zone = ZoneInfo("Europe/Stockholm")
    day = timezone.localdate() + timedelta(days=UPCOMING_IN_DAYS)
    event = Event(
        organiser=network,
        title=UPCOMING_TITLE,
        description=UPCOMING_DESCRIPTION,
        starts_at=datetime(day.year, day.month, day.day, 9, 30, tzinfo=zone),
        ends_at=datetime(day.year, day.month, day.day, 12, 0, tzinfo=zone),
        time_zone="Europe/Stockholm",
        place="Umeå city hall, Skolgatan 31A, Umeå",
        speakers="Equality officer, Umeå kommun\nNetwork coordinator, Umeåregionen",
        capacity=30,
        is_published=True,
    )
    return event_save(event=event, by=staff)


def _practice(*, owner, title, by, reviewer, articles, themes, **fields) -> Practice | None:
    if Practice.objects.filter(owner=owner, title=title).exists():
        return None
    activities = fields.pop("activities", [])
    indicators = fields.pop("indicators", [])
    practice = Practice(owner=owner, title=title, country=owner.country, **fields)
    practice_save(
        practice=practice,
        by=by,
        articles=articles,
        themes=themes,
        activities=activities,
        indicators=indicators,
    )
    practice_submit(practice=practice, by=by)
    practice_review(practice=practice, by=reviewer, publish=True)
    return practice


@transaction.atomic
def load(context) -> None:
    from equalocal.plans.models import ActionPlan

    organisations = context.objects["organisations"]
    users = context.objects["users"]
    staff, admin, editor = (
        users["staff@example.org"],
        users["admin@example.org"],
        users["editor@example.org"],
    )
    themes = _themes()
    publication = _publication(organisations["uclg"], staff)
    _event(organisations["uclg"], publication, staff)
    _upcoming_event(organisations["umearegionen"], staff)
    commitment = context.objects.get("commitments", {}).get("umea")
    code = commitment.charter.code if commitment else "2006"
    articles = {a.number: a for a in Article.objects.filter(charter__code=code)}
    plan = ActionPlan.objects.alive().filter(organisation=organisations["umea"]).first()
    first_activity = plan.activities.order_by("order", "pk").first() if plan else None
    created = [
        _practice(
            owner=organisations["umea"],
            title="Jämställdhetsanalys före beslut (demoexempel)",
            by=editor,
            reviewer=admin,
            articles=[articles[9]],
            themes=[themes["gender-mainstreaming"], themes["statistics"]],
            summary=(
                "Demoexempel, inte Umeå kommuns verkliga arbete: en metod och mall för "
                "jämställdhetsanalys som nämnderna använder innan större beslut fattas."
            ),
            results="Mallen används i nämndernas beslutsunderlag; resultaten följs upp i planen.",
            language=Language.SWEDISH,
            activities=[first_activity] if first_activity else [],
        ),
        _practice(
            owner=organisations["umearegionen"],
            title="Styrkort för jämställdhet i Umeåregionen",
            by=staff,
            reviewer=staff,
            articles=[articles[8], articles[9]],
            themes=[themes["statistics"], themes["gender-mainstreaming"]],
            summary=(
                "Umeåregionens sex kommuner följer jämställdheten med ett gemensamt styrkort, "
                "ett verktyg för styrning och kvalitet. Det kom till i projektet "
                '"Jämställdhet, genus och förändringsarbete i Umeåregionen".'
            ),
            language=Language.SWEDISH,
        ),
        _practice(
            owner=organisations["ubc"],
            title="Sharing gender equality across the UBC commissions",
            by=staff,
            reviewer=staff,
            articles=[articles[30]],
            themes=[themes["international-cooperation"], themes["gender-mainstreaming"]],
            summary=(
                "The UBC Gender Equality Working Group drew up a matrix that gives each of its "
                "member cities responsibility for gender equality in the work of one or more "
                "UBC commissions, so that the topic reaches all of the network's work."
            ),
            period_start=date(2016, 1, 1),
            language=Language.ENGLISH,
        ),
    ]
    created += [
        _practice(
            owner=organisations["uclg"],
            title=title,
            by=staff,
            reviewer=staff,
            articles=[articles[number] for number in numbers if number in articles],
            themes=[themes[slug] for slug in slugs],
            summary=summary + CASE_STUDY_NOTE,
            results=results,
            language=Language.ENGLISH,
            publication=publication,
        )
        for title, summary, results, numbers, slugs in CASE_STUDIES
    ]
    created = [p for p in created if p is not None and p.status == PracticeStatus.PUBLISHED]
    context.log.append(
        "Library: "
        + (", ".join(p.title for p in created) if created else "practices already loaded")
    )
