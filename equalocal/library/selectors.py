"""Reads of the library: what the public and an organisation's members may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from equalocal.organisations import permissions
from equalocal.organisations.models import Shared
from equalocal.organisations.permissions import Action

from .models import (
    Event,
    Practice,
    PracticeAttachment,
    PracticeStatus,
    Publication,
    Registration,
    RegistrationStatus,
    Theme,
)


@dataclass(frozen=True)
class PracticeFilters:
    search: str = ""
    article: int | None = None
    theme: str = ""
    country: str = ""
    language: str = ""
    # An article by its Charter's code and number (``("2022", 5)``), as the API names it.
    article_number: tuple[str, int] | None = None


def published_practices() -> QuerySet:
    return Practice.objects.filter(status=PracticeStatus.PUBLISHED)


def practices_owned_for_user(user, organisation) -> QuerySet:
    """The organisation's own practices the user may see: every one, drafts and those in
    review included, for its members (as on its library page); the published ones for others."""
    if permissions.can_view_internal(user, organisation):
        return organisation.practices.all()
    return published_practices().filter(owner=organisation)


def practice_search(filters: PracticeFilters, *, among: QuerySet | None = None) -> QuerySet:
    """Published practices (or those of ``among``) matching the filters, with what a list row
    shows; a fixed number of queries whatever the number of rows."""
    practices = published_practices() if among is None else among
    if filters.search:
        practices = practices.filter(
            Q(title__icontains=filters.search)
            | Q(summary__icontains=filters.search)
            | Q(results__icontains=filters.search)
        )
    if filters.article:
        practices = practices.filter(articles__pk=filters.article)
    if filters.article_number:
        code, number = filters.article_number
        practices = practices.filter(articles__charter__code=code, articles__number=number)
    if filters.theme:
        practices = practices.filter(themes__slug=filters.theme)
    if filters.country:
        practices = practices.filter(country=filters.country)
    if filters.language:
        practices = practices.filter(language=filters.language)
    return (
        practices.distinct()
        .select_related("owner")
        .prefetch_related("articles__charter", "themes")
        .order_by("-published_at", "title")
    )


def filter_choices() -> dict:
    """Articles, themes, countries and languages that published practices use."""
    from equalocal.charters.models import Article

    published = published_practices()
    return {
        "articles": Article.objects.filter(practices__in=published)
        .select_related("charter")
        .distinct()
        .order_by("charter__year", "number"),
        "themes": Theme.objects.all(),
        "countries": sorted(
            {c for c in published.values_list("country", flat=True).distinct() if c}
        ),
        "languages": sorted(set(published.values_list("language", flat=True).distinct())),
    }


def get_practice_for_user(user, pk: int, *, action: Action | None = None) -> Practice:
    """A published practice for anyone; a draft or one in review only for the owner's members
    (404 for others). With ``action``, the user must be allowed it on the owner."""
    practice = get_object_or_404(
        Practice.objects.select_related("owner", "publication", "reviewed_by"), pk=pk
    )
    if action is not None:
        permissions.require(user, practice.owner, action)
    else:
        permissions.require(user, practice.owner, Action.VIEW, public=practice.is_published)
    return practice


def practice_contents(user, practice: Practice) -> dict:
    """What the practice's page shows beside the practice itself. Outsiders see only what the
    owner makes public: activities of published plans, and indicators when the owner
    publishes its figures."""
    member = permissions.can_view_internal(user, practice.owner)
    activities = practice.activities.select_related("plan")
    indicators = practice.indicators.all()
    if not member:
        activities = activities.filter(plan__is_published=True, plan__deleted_at__isnull=True)
        if not permissions.published(practice.owner, Shared.FIGURES):
            indicators = indicators.none()
    return {
        "articles": practice.articles.select_related("charter").order_by("charter__year", "number"),
        "themes": practice.themes.all(),
        "organisations": practice.organisations.order_by("name"),
        "activities": activities,
        "indicators": indicators,
        "links": practice.links.all(),
        "attachments": practice.attachments.all(),
    }


def related_practices(practice: Practice, *, limit: int = 5) -> list[Practice]:
    """Other published practices sharing the most articles and themes with ``practice``."""
    article_ids = list(practice.articles.values_list("pk", flat=True))
    theme_ids = list(practice.themes.values_list("pk", flat=True))
    if not article_ids and not theme_ids:
        return []
    return list(
        published_practices()
        .exclude(pk=practice.pk)
        .annotate(
            shared=Count("articles", filter=Q(articles__in=article_ids), distinct=True)
            + Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        )
        .filter(shared__gt=0)
        .select_related("owner")
        .order_by("-shared", "-published_at", "title")[:limit]
    )


def practices_of(organisation) -> QuerySet:
    """Every practice of an organisation, for its members."""
    return organisation.practices.prefetch_related("articles").order_by("status", "title")


def published_practices_of(organisation, *, limit: int = 20) -> tuple[list[Practice], int]:
    """The published practices the organisation owns or took part in, newest first (at most
    ``limit``), and how many there are."""
    practices = published_practices().filter(Q(owner=organisation) | Q(organisations=organisation))
    ids = list(practices.values_list("pk", flat=True).distinct())
    rows = list(
        Practice.objects.filter(pk__in=ids)
        .select_related("owner")
        .order_by("-published_at", "title")[:limit]
    )
    return rows, len(ids)


def practices_for_article(article) -> list[Practice]:
    return list(
        published_practices()
        .filter(articles=article)
        .select_related("owner")
        .order_by("-published_at", "title")
    )


def get_attachment_for_user(user, practice_pk: int, pk: int) -> PracticeAttachment:
    practice = get_practice_for_user(user, practice_pk)
    return get_object_or_404(practice.attachments, pk=pk)


# Publications ---------------------------------------------------------------------------------


def published_publications() -> QuerySet:
    return (
        Publication.objects.filter(is_published=True)
        .select_related("owner")
        .annotate(
            case_count=Count(
                "case_studies",
                filter=Q(case_studies__status=PracticeStatus.PUBLISHED),
                distinct=True,
            )
        )
        .order_by("-published_on", "title")
    )


def get_publication_for_user(user, pk: int) -> Publication:
    publication = get_object_or_404(Publication.objects.select_related("owner"), pk=pk)
    permissions.require(user, publication.owner, Action.VIEW, public=publication.is_published)
    return publication


def publication_contents(publication: Publication) -> dict:
    return {
        "parts": list(publication.parts.all()),
        "case_studies": list(
            publication.case_studies.filter(status=PracticeStatus.PUBLISHED)
            .select_related("owner")
            .order_by("title")
        ),
        "events": list(publication.events.filter(is_published=True).order_by("starts_at")),
    }


# Events ---------------------------------------------------------------------------------------


def published_events(*, upcoming: bool | None = None) -> QuerySet:
    """Published events, upcoming (soonest first) or past (latest first), with the number of
    confirmed registrations."""
    return _events(Event.objects.filter(is_published=True), upcoming=upcoming)


def events_of(organisation, *, upcoming: bool | None = None) -> QuerySet:
    """Every event the organisation organises, published or not: for its members."""
    return _events(organisation.events.all(), upcoming=upcoming)


def _events(events: QuerySet, *, upcoming: bool | None) -> QuerySet:
    events = events.select_related("organiser")
    now = timezone.now()
    if upcoming is True:
        events = events.filter(ends_at__gte=now).order_by("starts_at")
    elif upcoming is False:
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )


def get_event_for_user(user, pk: int, *, action: Action | None = None) -> Event:
    """A published event for anyone, an unpublished one for the organiser's members."""
    event = get_object_or_404(Event.objects.select_related("organiser", "publication"), pk=pk)
    if action is not None:
        permissions.require(user, event.organiser, action)
    else:
        permissions.require(user, event.organiser, Action.VIEW, public=event.is_published)
    return event


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(event.capacity - taken, 0)


def registrations_of(event: Event) -> QuerySet:
    return Registration.objects.filter(event=event).order_by("status", "created_at", "pk")


def plans_prioritising(article) -> list:
    """Published, live plans that name ``article`` among their priorities."""
    from equalocal.plans.models import ActionPlan

    return list(
        ActionPlan.objects.alive()
        .filter(is_published=True, priorities=article)
        .select_related("organisation")
        .order_by("organisation__name", "-period_start")
    )


def practices_in_review(organisation) -> int:
    return organisation.practices.filter(status=PracticeStatus.IN_REVIEW).count()
