"""Writes of the library: practices through review, publications, themes, event registrations."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.mail import send_templated_email
from equalocal.core.uploads import delete_private, removed_on_failure, spool, store_private
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action

from .models import (
    Event,
    Practice,
    PracticeAttachment,
    PracticeLink,
    PracticeStatus,
    Publication,
    PublicationPart,
    Registration,
    RegistrationStatus,
    Theme,
    hash_token,
)

# Attachments: the types a reader can open safely, told by their first bytes.
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
}
MAX_ATTACHMENT_PIXELS_SETTING = "DOCUMENTS_MAX_PIXELS"
MAX_ATTACHMENT_BYTES_SETTING = "DOCUMENTS_MAX_UPLOAD_BYTES"


# Themes ---------------------------------------------------------------------------------------


def theme_save(*, theme: Theme) -> Theme:
    """Create or update a theme of the managed list (site staff, through the admin)."""
    theme.full_clean()
    theme.save()
    return theme


def theme_delete(*, theme: Theme) -> None:
    """Delete a theme; practices keep their other themes."""
    theme.delete()


# Practices ------------------------------------------------------------------------------------


def _check_owned(practice: Practice, activities, indicators) -> None:
    for activity in activities:
        if activity.plan.organisation_id != practice.owner_id:
            raise ApplicationError(
                _("Results can only be linked to your own plan activities."), field="activities"
            )
    for indicator in indicators:
        if indicator.owner_id != practice.owner_id:
            raise ApplicationError(
                _("Results can only be linked to your own indicators."), field="indicators"
            )


@transaction.atomic
def practice_save(
    *,
    practice: Practice,
    by,
    articles: Iterable | None = None,
    themes: Iterable | None = None,
    organisations: Iterable | None = None,
    activities: Iterable | None = None,
    indicators: Iterable | None = None,
) -> Practice:
    """Create or update a practice as one of the owner's editors.

    A published practice that is changed goes back to draft: what the public sees was always
    reviewed. Results link only to the owner's own activities and indicators.
    """
    permissions.require(by, practice.owner, Action.EDIT)
    activities = list(activities or [])
    indicators = list(indicators or [])
    _check_owned(practice, activities, indicators)
    if (
        practice.period_start
        and practice.period_end
        and practice.period_end < practice.period_start
    ):
        raise ApplicationError(_("The period cannot end before it starts."), field="period_end")
    if practice.pk and practice.status == PracticeStatus.PUBLISHED:
        practice.status = PracticeStatus.DRAFT
        practice.published_at = None
    practice.full_clean(exclude=["articles", "themes"])
    practice.save()
    if articles is not None:
        practice.articles.set(articles)
    if themes is not None:
        practice.themes.set(themes)
    if organisations is not None:
        practice.organisations.set(organisations)
    practice.activities.set(activities)
    practice.indicators.set(indicators)
    return practice


def practice_submit(*, practice: Practice, by) -> Practice:
    """An editor asks the owner's admins to review a draft."""
    permissions.require(by, practice.owner, Action.EDIT)
    if practice.status != PracticeStatus.DRAFT:
        raise ApplicationError(_("Only a draft can be sent for review."))
    practice.status = PracticeStatus.IN_REVIEW
    practice.save(update_fields=["status", "updated_at"])
    return practice


def practice_review(*, practice: Practice, by, publish: bool) -> Practice:
    """An admin of the owner publishes a practice in review, or sends it back to draft."""
    permissions.require(by, practice.owner, Action.MANAGE)
    if practice.status != PracticeStatus.IN_REVIEW:
        raise ApplicationError(_("Only a practice in review can be published or sent back."))
    practice.status = PracticeStatus.PUBLISHED if publish else PracticeStatus.DRAFT
    practice.published_at = timezone.now() if publish else None
    practice.reviewed_by = by
    practice.save(update_fields=["status", "published_at", "reviewed_by", "updated_at"])
    return practice


def practice_unpublish(*, practice: Practice, by) -> Practice:
    """An admin withdraws a published practice from the public library."""
    permissions.require(by, practice.owner, Action.MANAGE)
    practice.status = PracticeStatus.DRAFT
    practice.published_at = None
    practice.save(update_fields=["status", "published_at", "updated_at"])
    return practice


def practice_link_add(*, practice: Practice, title: str, url: str, by) -> PracticeLink:
    permissions.require(by, practice.owner, Action.EDIT)
    link = PracticeLink(practice=practice, title=title, url=url)
    link.full_clean()
    link.save()
    return link


def practice_attachment_add(*, practice: Practice, file, by) -> PracticeAttachment:
    """Keep a PDF, PNG, JPEG or DOCX with a practice, checked by its content and size.

    Images past the pixel limit are refused; the file goes to private storage and is served
    by a view that checks access (public once the practice is published).
    """
    permissions.require(by, practice.owner, Action.EDIT)
    limit = getattr(settings, MAX_ATTACHMENT_BYTES_SETTING)
    spooled = spool(file, limit=limit)
    try:
        kind = next(
            (
                name
                for name, (_type, magics) in ATTACHMENT_TYPES.items()
                if spooled.head.startswith(magics)
            ),
            None,
        )
        if kind is None:
            raise ApplicationError(_("Attach a PDF, PNG, JPEG or Word (DOCX) file."), field="file")
        if kind in {"png", "jpeg"}:
            _check_pixels(spooled.path)
    finally:
        spooled.path.unlink(missing_ok=True)
    file.seek(0)
    filename = (getattr(file, "name", "") or "attachment").rsplit("/", 1)[-1][:200]
    stored = store_private(file, folder="library", filename=filename, limit=limit)
    with removed_on_failure(stored), transaction.atomic():
        return PracticeAttachment.objects.create(
            practice=practice,
            stored_name=stored,
            filename=filename,
            content_type=ATTACHMENT_TYPES[kind][0],
            size=spooled.size,
        )


def _check_pixels(path) -> None:
    from PIL import Image, UnidentifiedImageError

    limit = getattr(settings, MAX_ATTACHMENT_PIXELS_SETTING)
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError):
        raise ApplicationError(_("This image cannot be read."), field="file") from None
    if width * height > limit:
        raise ApplicationError(
            _("This image has too many pixels (%(pixels)s; the limit is %(limit)s).")
            % {"pixels": width * height, "limit": limit},
            field="file",
        )


def practice_attachment_delete(*, attachment: PracticeAttachment, by) -> None:
    permissions.require(by, attachment.practice.owner, Action.EDIT)
    delete_private(attachment.stored_name)
    attachment.delete()


# Publications ---------------------------------------------------------------------------------


def publication_save(*, publication: Publication, by) -> Publication:
    permissions.require(by, publication.owner, Action.MANAGE)
    publication.full_clean()
    publication.save()
    return publication


def publication_part_save(*, part: PublicationPart, by) -> PublicationPart:
    """Add or change a guideline or tool of a publication (the publisher's admins)."""
    permissions.require(by, part.publication.owner, Action.MANAGE)
    part.full_clean()
    part.save()
    return part


# Events ---------------------------------------------------------------------------------------


def event_save(*, event: Event, by) -> Event:
    """Create or update an event of the organiser; it must end after it starts."""
    permissions.require(by, event.organiser, Action.EDIT)
    if event.ends_at <= event.starts_at:
        raise ApplicationError(_("The event must end after it starts."), field="ends_at")
    event.full_clean()
    event.save()
    return event


def _cancel_url(event: Event, token: str) -> str:
    path = reverse("library:registration-cancel", kwargs={"event": event.pk, "key": token})
    return settings.SITE_URL.rstrip("/") + path


def _mail(registration: Registration, template: str, token: str | None) -> None:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": settings.SITE_URL.rstrip("/") + event.get_absolute_url(),
        "cancel_url": _cancel_url(event, token) if token else "",
    }
    with timezone.override(event.time_zone):
        send_templated_email(
            template=f"library/email/{template}",
            to=registration.email,
            context=context,
            language=registration.language,
        )


@transaction.atomic
def registration_create(
    *, event: Event, name: str, email: str, organisation: str, language: str, consent: bool
) -> Registration:
    """Register someone for a published event: a place while there is one, else the waiting
    list. Sends a confirmation in ``language`` with a cancellation link; only the link's hash
    is stored. Consent to keep the data is required.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.is_published:
        raise ApplicationError(_("This event is not open for registration."))
    if not consent:
        raise ApplicationError(
            _("Registration needs your consent to store your name and e-mail."), field="consent"
        )
    if event.ends_at <= timezone.now():
        raise ApplicationError(_("This event is over; registration is closed."))
    email = email.strip().lower()
    if (
        event.registrations.filter(email=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise ApplicationError(_("This e-mail address is already registered."), field="email")
    token = secrets.token_urlsafe(32)
    registration = Registration(
        event=event,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        language=language if language in dict(settings.LANGUAGES) else "en",
        status=RegistrationStatus.WAITING if _full(event) else RegistrationStatus.CONFIRMED,
        consented_at=timezone.now(),
        token_hash=hash_token(token),
    )
    registration.full_clean()
    registration.save()
    transaction.on_commit(
        lambda: _mail(
            registration,
            "registered" if registration.status == RegistrationStatus.CONFIRMED else "waiting",
            token,
        )
    )
    return registration


def _full(event: Event) -> bool:
    if event.capacity is None:
        return False
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return taken >= event.capacity


def registration_for_token(event: Event, token: str) -> Registration | None:
    return (
        Registration.objects.select_related("event")
        .filter(event=event, token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration (by its link); a freed place goes to the first on the waiting
    list, who gets an e-mail. Returns the promoted registration, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if not was_confirmed or _full(event):
        return None
    promoted = (
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = RegistrationStatus.CONFIRMED
    promoted.promoted_at = timezone.now()
    # A fresh link: the first one is known only by its hash.
    token = secrets.token_urlsafe(32)
    promoted.token_hash = hash_token(token)
    promoted.save(update_fields=["status", "promoted_at", "token_hash"])
    transaction.on_commit(lambda: _mail(promoted, "promoted", token))
    return promoted
