"""The knowledge library: good practices, publications and events.

Reads follow the library's pages through the same selectors: anyone sees what is published;
a practice in draft or review and an unpublished publication or event exist only for the
owner's members (404 for others). Given ``owner``/``organiser``, a list holds what that
organisation's library page shows its members, drafts included, and the published ones to
anyone else. Files are linked, not served here: the links lead to the pages' download views.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from equalocal.charters.models import Article
from equalocal.library import selectors
from equalocal.library.models import Event, Language, PartKind, Practice, PracticeStatus
from equalocal.organisations import permissions
from equalocal.organisations.models import Organisation

from ..auth import public
from ..errors import ERRORS
from ..inputs import Input
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["library"])

LanguageName = Literal["en", "sv", "fr", "de", "es", "it", "fi", "pl", "other"]
PracticeStatusName = Literal["draft", "in_review", "published"]
PartKindName = Literal["guideline", "tool"]

assert set(LanguageName.__args__) == set(Language.values)
assert set(PracticeStatusName.__args__) == set(PracticeStatus.values)
assert set(PartKindName.__args__) == set(PartKind.values)

ARTICLE_PATTERN = r"^[\w-]+:\d+$"


def _article(article: Article) -> str:
    return f"{article.charter.code}:{article.number}"


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


# Practices ------------------------------------------------------------------------------------


class PracticeListItem(Schema):
    id: int
    title: str
    owner: str = Field(description="The owning organisation's slug.")
    country: str
    language: str
    status: str
    published_at: datetime | None
    articles: list[str] = Field(description="Charter articles as `charter:number`.")
    themes: list[str] = Field(description="Theme slugs.")
    updated_at: datetime


class PracticeList(Schema):
    items: list[PracticeListItem]
    next_cursor: str | None


class PracticeFilters(Input):
    q: str | None = Field(None, max_length=200, description="Words in title, summary, results.")
    article: str | None = Field(
        None, pattern=ARTICLE_PATTERN, description="A Charter article as `charter:number`."
    )
    theme: str | None = Field(None, description="A theme's slug.")
    country: str | None = Field(None, description="ISO country code.")
    language: LanguageName | None = None
    owner: str | None = Field(
        None,
        description="An organisation's slug: its own practices; its members see drafts too.",
    )
    status: PracticeStatusName | None = None
    ordering: Literal["-published", "title", "-updated", "id"] = "-published"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


# Drafts have no publication time: they sort by when they were written, after none published.
PRACTICE_ORDERINGS = {
    "-published": "-listed_at",
    "title": "title",
    "-updated": "-updated_at",
    "id": "id",
}


def _practice_item(practice: Practice) -> dict:
    return {
        "id": practice.pk,
        "title": practice.title,
        "owner": practice.owner.slug,
        "country": str(practice.country.code or ""),
        "language": practice.language,
        "status": practice.status,
        "published_at": practice.published_at,
        "articles": [_article(a) for a in practice.articles.all()],
        "themes": [t.slug for t in practice.themes.all()],
        "updated_at": practice.updated_at,
    }


@router.get("/practices", response={200: PracticeList, **ERRORS}, auth=public, url_name="practices")
def list_practices(request, filters: Query[PracticeFilters]):
    """Good practices, as the library's search finds them: published ones, newest first."""
    among = None
    if filters.owner:
        among = selectors.practices_owned_for_user(request.user, _organisation(filters.owner))
    article_number = None
    if filters.article:
        code, number = filters.article.rsplit(":", 1)
        article_number = (code, int(number))
    search = selectors.PracticeFilters(
        search=(filters.q or "").strip(),
        theme=filters.theme or "",
        country=(filters.country or "").upper(),
        language=filters.language or "",
        article_number=article_number,
    )
    rows = selectors.practice_search(search, among=among)
    if filters.status:
        rows = rows.filter(status=filters.status)
    rows = rows.annotate(listed_at=Coalesce("published_at", "created_at"))
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings=PRACTICE_ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_practice_item(p) for p in page.items], "next_cursor": page.next_cursor}


class PracticeTheme(Schema):
    slug: str
    name: str


class PracticeActivity(Schema):
    id: int
    title: str
    plan: int
    plan_title: str


class PracticeIndicator(Schema):
    id: int
    code: str
    title: str


class PracticeLinkOut(Schema):
    title: str
    url: str


class PracticeAttachmentOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    download_url: str = Field(description="The page's download view (same access rules).")


class PracticeDetail(Schema):
    id: int
    title: str
    owner: str
    country: str
    language: str
    status: str
    published_at: datetime | None
    summary: str
    results: str
    period_start: date | None
    period_end: date | None
    articles: list[str]
    themes: list[PracticeTheme]
    organisations: list[str] = Field(description="Slugs of the organisations taking part.")
    publication: int | None = Field(description="The published publication holding it.")
    activities: list[PracticeActivity]
    indicators: list[PracticeIndicator]
    links: list[PracticeLinkOut]
    attachments: list[PracticeAttachmentOut]
    updated_at: datetime


@router.get(
    "/practices/{practice_id}",
    response={200: PracticeDetail, **ERRORS},
    auth=public,
    url_name="practice",
)
def get_practice(request, practice_id: int):
    """One practice with what its page shows; outsiders see only the owner's public parts
    (activities of published plans, indicators where figures are published)."""
    practice = selectors.get_practice_for_user(request.user, practice_id)
    contents = selectors.practice_contents(request.user, practice)
    publication = practice.publication
    return {
        "id": practice.pk,
        "title": practice.title,
        "owner": practice.owner.slug,
        "country": str(practice.country.code or ""),
        "language": practice.language,
        "status": practice.status,
        "published_at": practice.published_at,
        "summary": practice.summary,
        "results": practice.results,
        "period_start": practice.period_start,
        "period_end": practice.period_end,
        "articles": [_article(a) for a in contents["articles"]],
        "themes": [{"slug": t.slug, "name": t.name} for t in contents["themes"]],
        "organisations": [o.slug for o in contents["organisations"]],
        "publication": publication.pk if publication and publication.is_published else None,
        "activities": [
            {"id": a.pk, "title": a.title, "plan": a.plan_id, "plan_title": a.plan.title}
            for a in contents["activities"]
        ],
        "indicators": [
            {"id": i.pk, "code": i.code, "title": i.title} for i in contents["indicators"]
        ],
        "links": [{"title": link.title, "url": link.url} for link in contents["links"]],
        "attachments": [
            {
                "id": a.pk,
                "filename": a.filename,
                "content_type": a.content_type,
                "size": a.size,
                "download_url": request.build_absolute_uri(
                    reverse(
                        "library:attachment",
                        kwargs={"practice": practice.pk, "attachment": a.pk},
                    )
                ),
            }
            for a in contents["attachments"]
        ],
        "updated_at": practice.updated_at,
    }


# Publications ---------------------------------------------------------------------------------


class PublicationListItem(Schema):
    id: int
    title: str
    author: str
    owner: str = Field(description="The publisher's slug.")
    published_on: date
    language: str
    url: str
    case_studies: int = Field(description="How many published practices it holds.")


class PublicationList(Schema):
    items: list[PublicationListItem]
    next_cursor: str | None


class PublicationFilters(Input):
    owner: str | None = Field(None, description="The publisher's slug.")
    language: LanguageName | None = None
    q: str | None = Field(None, max_length=200, description="Words in the title.")
    ordering: Literal["-published", "title", "id"] = "-published"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


PUBLICATION_ORDERINGS = {"-published": "-published_on", "title": "title", "id": "id"}


@router.get(
    "/publications",
    response={200: PublicationList, **ERRORS},
    auth=public,
    url_name="publications",
)
def list_publications(request, filters: Query[PublicationFilters]):
    """Published publications, newest first."""
    rows = selectors.published_publications()
    if filters.owner:
        rows = rows.filter(owner=_organisation(filters.owner))
    if filters.language:
        rows = rows.filter(language=filters.language)
    if filters.q:
        rows = rows.filter(title__icontains=filters.q)
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings=PUBLICATION_ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    items = [
        {
            "id": p.pk,
            "title": p.title,
            "author": p.author,
            "owner": p.owner.slug,
            "published_on": p.published_on,
            "language": p.language,
            "url": p.url,
            "case_studies": p.case_count,
        }
        for p in page.items
    ]
    return {"items": items, "next_cursor": page.next_cursor}


class PublicationPartOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    order: int


class PublicationCaseStudy(Schema):
    id: int
    title: str
    owner: str


class PublicationEvent(Schema):
    id: int
    title: str
    starts_at: datetime


class PublicationDetail(Schema):
    id: int
    title: str
    author: str
    owner: str
    published_on: date
    language: str
    url: str
    summary: str
    is_published: bool
    parts: list[PublicationPartOut] = Field(description="Its guidelines and tools, in order.")
    case_studies: list[PublicationCaseStudy] = Field(description="Its published practices.")
    events: list[PublicationEvent] = Field(description="Its published events.")
    updated_at: datetime


@router.get(
    "/publications/{publication_id}",
    response={200: PublicationDetail, **ERRORS},
    auth=public,
    url_name="publication",
)
def get_publication(request, publication_id: int):
    """One publication with its guidelines, tools, case studies and events; an unpublished one
    exists only for the publisher's members."""
    publication = selectors.get_publication_for_user(request.user, publication_id)
    contents = selectors.publication_contents(publication)
    return {
        "id": publication.pk,
        "title": publication.title,
        "author": publication.author,
        "owner": publication.owner.slug,
        "published_on": publication.published_on,
        "language": publication.language,
        "url": publication.url,
        "summary": publication.summary,
        "is_published": publication.is_published,
        "parts": [
            {
                "id": part.pk,
                "kind": part.kind,
                "title": part.title,
                "description": part.description,
                "order": part.order,
            }
            for part in contents["parts"]
        ],
        "case_studies": [
            {"id": p.pk, "title": p.title, "owner": p.owner.slug} for p in contents["case_studies"]
        ],
        "events": [
            {"id": e.pk, "title": e.title, "starts_at": e.starts_at} for e in contents["events"]
        ],
        "updated_at": publication.updated_at,
    }


# Events ---------------------------------------------------------------------------------------


class EventListItem(Schema):
    id: int
    title: str
    organiser: str = Field(description="The organiser's slug.")
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str
    online_url: str
    capacity: int | None
    places_left: int | None = Field(description="Null when places are not limited.")
    is_published: bool


class EventList(Schema):
    items: list[EventListItem]
    next_cursor: str | None


class EventFilters(Input):
    period: Literal["upcoming", "past", "all"] = Field(
        "upcoming", description="Upcoming: not yet ended. Past: ended."
    )
    organiser: str | None = Field(
        None,
        description="An organisation's slug: its events; its members see unpublished ones too.",
    )
    ordering: Literal["starts", "-starts", "id"] | None = Field(
        None, description="By default soonest first when upcoming, latest first otherwise."
    )
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


EVENT_ORDERINGS = {"starts": "starts_at", "-starts": "-starts_at", "id": "id"}
UPCOMING = {"upcoming": True, "past": False, "all": None}


def _places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed, 0)


@router.get("/events", response={200: EventList, **ERRORS}, auth=public, url_name="events")
def list_events(request, filters: Query[EventFilters]):
    """Published events: upcoming ones by default, past ones with ``period=past``."""
    upcoming = UPCOMING[filters.period]
    organiser = _organisation(filters.organiser) if filters.organiser else None
    if organiser is not None and permissions.can_view_internal(request.user, organiser):
        rows = selectors.events_of(organiser, upcoming=upcoming)
    else:
        rows = selectors.published_events(upcoming=upcoming)
        if organiser is not None:
            rows = rows.filter(organiser=organiser)
    ordering = filters.ordering or ("starts" if filters.period == "upcoming" else "-starts")
    page = paginate(
        rows,
        ordering=ordering,
        orderings=EVENT_ORDERINGS,
        cursor=filters.cursor,
        limit=filters.limit,
    )
    items = [
        {
            "id": e.pk,
            "title": e.title,
            "organiser": e.organiser.slug,
            "starts_at": e.starts_at,
            "ends_at": e.ends_at,
            "time_zone": e.time_zone,
            "place": e.place,
            "online_url": e.online_url,
            "capacity": e.capacity,
            "places_left": _places_left(e),
            "is_published": e.is_published,
        }
        for e in page.items
    ]
    return {"items": items, "next_cursor": page.next_cursor}


class EventDetail(Schema):
    id: int
    title: str
    organiser: str
    description: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    place: str
    online_url: str
    speakers: list[str]
    capacity: int | None
    places_left: int | None = Field(description="Null when places are not limited.")
    is_over: bool
    is_published: bool
    publication: int | None = Field(description="The published publication it belongs to.")
    page_url: str = Field(description="The event's page, where people register.")
    calendar_url: str = Field(description="The event as an iCalendar file.")
    updated_at: datetime


@router.get(
    "/events/{event_id}", response={200: EventDetail, **ERRORS}, auth=public, url_name="event"
)
def get_event(request, event_id: int):
    """One event; an unpublished one exists only for the organiser's members."""
    event = selectors.get_event_for_user(request.user, event_id)
    publication = event.publication
    return {
        "id": event.pk,
        "title": event.title,
        "organiser": event.organiser.slug,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "time_zone": event.time_zone,
        "place": event.place,
        "online_url": event.online_url,
        "speakers": event.speaker_list,
        "capacity": event.capacity,
        "places_left": selectors.places_left(event),
        "is_over": event.ends_at < timezone.now(),
        "is_published": event.is_published,
        "publication": publication.pk if publication and publication.is_published else None,
        "page_url": request.build_absolute_uri(event.get_absolute_url()),
        "calendar_url": request.build_absolute_uri(
            reverse("library:event-ics", kwargs={"event": event.pk})
        ),
        "updated_at": event.updated_at,
    }
