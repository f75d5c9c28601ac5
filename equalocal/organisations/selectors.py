"""Reads of organisations, members and people, and the access helpers that scope them."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .models import Membership, Organisation, Person
from .permissions import Action


def memberships_for_user(user) -> list[Membership]:
    """The user's memberships with their organisations, cached on the user for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_equalocal_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        user._equalocal_memberships = cached
    return cached


def current_organisation_for(user, chosen_pk) -> Organisation | None:
    """The organisation chosen in the switcher if the user is still a member, else the first."""
    memberships = memberships_for_user(user)
    for membership in memberships:
        if membership.organisation_id == chosen_pk:
            return membership.organisation
    return memberships[0].organisation if memberships else None


def get_organisation_for_user(user, slug: str, *, action: str = Action.VIEW) -> Organisation:
    """Load an organisation by slug; 404 if unknown, 403 if the user may not do ``action``."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)
    # The directory is public: anyone sees an organisation, so below ``action`` is 403.
    if action != Action.VIEW and not permissions.allows(user, organisation, action):
        raise PermissionDenied
    return organisation


def get_internal_organisation_for_user(
    user, slug: str, *, action: str = Action.VIEW
) -> Organisation:
    """Load an organisation for its private pages: 404 for non-members, 403 below ``action``."""
    organisation = get_object_or_404(Organisation, slug=slug)
    permissions.require(user, organisation, action)
    return organisation


def get_person_for_user(
    user, org_slug: str, person_pk: int, *, action: str = Action.VIEW
) -> Person:
    """Load a person of an organisation.

    Non-public people are private to their organisation: others get 404. A visible
    person gives 403 when the user may not do ``action`` (Action.EDIT the person, or Action.MANAGE
    their personal data: export and erasure).
    """
    person = get_object_or_404(
        Person.objects.select_related("organisation", "user"),
        pk=person_pk,
        organisation__slug=org_slug,
    )
    if not permissions.can_see_contact_details(user, person):
        raise Http404
    if action != Action.VIEW and not permissions.allows(user, person.organisation, action):
        raise PermissionDenied
    return person


def person_of(organisation_id: int, person_pk: int) -> Person | None:
    """A person who works for the organisation, or None (an input to check: says nothing of
    anyone else)."""
    return Person.objects.filter(pk=person_pk, organisation_id=organisation_id).first()


def get_membership_for_user(user, org_slug: str, membership_pk: int) -> Membership:
    """Load a membership for changing it: admins of the organisation only."""
    organisation = get_internal_organisation_for_user(user, org_slug, action=Action.MANAGE)
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation=organisation,
    )


def organisation_list(*, search: str = "", country: str = "", kind: str = "") -> QuerySet:
    """Organisations for the directory, filtered; a bounded number of queries."""
    queryset = Organisation.objects.select_related("parent").annotate(
        people_count=Count("people", distinct=True)
    )
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(official_code__iexact=search) | Q(slug__icontains=search)
        )
    if country:
        queryset = queryset.filter(country=country)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("name")


def organisation_countries() -> list[str]:
    """Country codes that have at least one organisation, for the filter."""
    return list(
        Organisation.objects.order_by("country").values_list("country", flat=True).distinct()
    )


@dataclass(frozen=True)
class PersonView:
    """A person as the current user may see them."""

    person: Person
    show_details: bool


def people_for_user(user, organisation: Organisation) -> list[PersonView]:
    """The organisation's people; contact details only where the user may see them."""
    internal = permissions.can_view_internal(user, organisation)
    return [
        PersonView(person=person, show_details=internal or person.is_public_contact)
        for person in organisation.people.all()
    ]


def members_of(organisation: Organisation) -> QuerySet:
    return organisation.memberships.select_related("user").order_by("user__email")


@dataclass(frozen=True)
class Change:
    """One audit-trail entry: who changed which object how and when."""

    when: object
    who: object
    kind: str
    object_label: str
    model_label: str
    fields: list[tuple[str, object, object]]


def changes_for(queryset, model_label: str, label) -> list[Change]:
    """Audit-trail entries of one model's history rows, each diffed against the one before."""
    records = list(queryset.select_related("history_user").order_by("id", "history_date"))
    by_object: dict[int, list] = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    changes = []
    for history in by_object.values():
        changes.append(_change(history[0], None, model_label, label))
        for previous, record in pairwise(history):
            changes.append(_change(record, previous, model_label, label))
    return changes


def _change(record, previous, model_label, label) -> Change:
    fields = []
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        for change in delta.changes:
            field = record.instance_type._meta.get_field(change.field)
            fields.append((str(field.verbose_name), change.old, change.new))
    return Change(
        when=record.history_date,
        who=record.history_user,
        kind=record.history_type,
        object_label=label(record),
        model_label=model_label,
        fields=fields,
    )


def organisation_history(organisation: Organisation, *, limit: int = 100) -> list[Change]:
    """The audit trail of the organisation, its people and its memberships, newest first."""
    from django.contrib.auth import get_user_model

    membership_history = Membership.history.filter(organisation_id=organisation.pk)
    emails = dict(
        get_user_model()
        .objects.filter(pk__in=membership_history.values("user_id"))
        .values_list("pk", "email")
    )
    changes = (
        changes_for(
            Organisation.history.filter(id=organisation.pk),
            str(Organisation._meta.verbose_name),
            lambda record: record.name,
        )
        + changes_for(
            Person.history.filter(organisation_id=organisation.pk),
            str(Person._meta.verbose_name),
            lambda record: record.name,
        )
        + changes_for(
            membership_history,
            str(Membership._meta.verbose_name),
            lambda record: emails.get(record.user_id, "?"),
        )
    )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
