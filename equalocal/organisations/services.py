"""Writes for organisations, people and memberships; views, API and commands call these."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.registry import personal_data_for
from equalocal.core.uploads import room_for_files

from .models import ErasureRecord, Membership, Organisation, Person, Publishing, Role

STRUCTURE_FIELDS_DB = ("kind", "parent_id", "official_code")


def _attribute_to(instance, by) -> None:
    """Record ``by`` as the author in the audit trail when no request is active."""
    if by is not None:
        instance._history_user = by


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the name, made unique with a number suffix."""
    base = slugify(name.replace("ł", "l").replace("Ł", "L"))[:70] or "organisation"
    slug, number = base, 2
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while others.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _ensure_unique_official_code(organisation: Organisation) -> None:
    """Report a duplicate official code on its field, naming the organisation that has it."""
    code, country = organisation.official_code, organisation.country
    if not code or not country:
        return
    other = (
        Organisation.objects.filter(country=country, official_code=code)
        .exclude(pk=organisation.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            {
                "official_code": _(
                    "%(other)s already has the official code %(code)s in this country."
                )
                % {"other": other.name, "code": code}
            }
        )


@transaction.atomic
def organisation_create(*, by=None, **fields) -> Organisation:
    """Create an organisation; the creator, if given, becomes its admin."""
    organisation = Organisation(**fields)
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name)
    _ensure_unique_official_code(organisation)
    organisation.full_clean()
    _attribute_to(organisation, by)
    organisation.save()
    if by is not None and not by.is_staff:
        membership_set_role(organisation=organisation, user=by, role=Role.ADMIN, by=by)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by=None, **fields) -> Organisation:
    """Save changes to an organisation; its kind, parent and official code are staff's.

    An organisation admin who is not staff cannot change those three: they decide what the
    organisation is (a network can have members) and where it belongs.
    """
    for name, value in fields.items():
        setattr(organisation, name, value)
    if by is not None and not by.is_staff and organisation.pk:
        stored = Organisation.objects.values(*STRUCTURE_FIELDS_DB).get(pk=organisation.pk)
        changed = [
            name for name in STRUCTURE_FIELDS_DB if stored[name] != getattr(organisation, name)
        ]
        if changed:
            raise ApplicationError(
                _("Only site staff can change an organisation's kind, parent or official code.")
            )
    _ensure_unique_official_code(organisation)
    organisation.full_clean()
    _attribute_to(organisation, by)
    # A new logo is written to storage just before the row: a full disk gives a message,
    # and a row that fails to save does not leave its logo behind.
    new_logo = bool(organisation.logo) and not organisation.logo._committed
    with room_for_files(field="logo"):
        try:
            organisation.save()
        except BaseException:
            if new_logo and organisation.logo._committed:
                organisation.logo.storage.delete(organisation.logo.name)
            raise
    return organisation


@transaction.atomic
def publishing_update(*, organisation: Organisation, by, **choices) -> Publishing:
    """Choose what the organisation makes public (commitment, progress, figures, reports)."""
    publishing, _created = Publishing.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    for name, value in choices.items():
        setattr(publishing, name, bool(value))
    _attribute_to(publishing, by)
    publishing.save()
    return publishing


def person_save(*, person: Person, by=None) -> Person:
    """Validate and save a new or changed person."""
    person.full_clean()
    _attribute_to(person, by)
    person.save()
    return person


def person_delete(*, person: Person, by=None) -> None:
    _attribute_to(person, by)
    person.delete()


@transaction.atomic
def membership_set_role(*, organisation: Organisation, user, role: str, by=None) -> Membership:
    """Give ``user`` the role in the organisation, creating the membership if needed."""
    if role not in Role.values:
        raise ApplicationError(_("Unknown role: %(role)s.") % {"role": role}, field="role")
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        membership = Membership(organisation=organisation, user=user, role=role)
    else:
        if membership.role == Role.ADMIN and role != Role.ADMIN:
            _ensure_another_admin(membership)
        membership.role = role
    _attribute_to(membership, by)
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by=None) -> None:
    """Remove a member; the last admin cannot be removed, so nobody is locked out."""
    if membership.role == Role.ADMIN:
        _ensure_another_admin(membership)
    _attribute_to(membership, by)
    membership.delete()


def _ensure_another_admin(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ApplicationError(
            _("%(org)s needs at least one admin; make someone else admin first.")
            % {"org": membership.organisation.name},
            field="role",
        )


def personal_data_export(*, person: Person) -> dict:
    """Everything equalocal holds about a person, as a JSON-ready dict (GDPR Art. 15/20)."""
    history = [
        {
            "date": record.history_date.isoformat(),
            "change": record.get_history_type_display(),
            "name": record.name,
            "title": record.title,
            "email": record.email,
            "phone": record.phone,
            "is_public_contact": record.is_public_contact,
        }
        for record in person.history.order_by("history_date")
    ]
    data = {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "name": person.name,
            "title": person.title,
            "email": person.email,
            "phone": person.phone,
            "is_public_contact": person.is_public_contact,
            "organisation": person.organisation.name,
            "created_at": person.created_at.isoformat(),
            "updated_at": person.updated_at.isoformat(),
        },
        "history": history,
        "user_account": None,
        # What other apps hold about the person: seats, plans, activities (core/registry.py).
        **personal_data_for(person),
    }
    if person.user_id:
        user = person.user
        data["user_account"] = {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "memberships": [
                {"organisation": m.organisation.name, "role": m.role}
                for m in user.memberships.select_related("organisation")
            ],
        }
    return data


@transaction.atomic
def personal_data_erase(*, person: Person, by=None, reason: str = "") -> ErasureRecord:
    """Erase a person and every copy of their data in the audit trail (GDPR Art. 17).

    The person's user account, if any, is left alone: it is erased separately,
    because it may belong to several organisations. An erasure record without
    personal data keeps the fact that an erasure took place.
    """
    organisation, pk = person.organisation, person.pk
    person.delete()
    # After the delete: simple_history writes a "-" row holding the data on every delete.
    Person.history.filter(id=pk).delete()
    return ErasureRecord.objects.create(
        organisation=organisation,
        subject=str(_("a person")),
        erased_by=by,
        reason=reason[:300],
    )
