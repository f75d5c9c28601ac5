"""Library pages: public search, practices, publications and events; the organisation's own
practices and events for its editors and admins."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from equalocal.core.calendar import CalendarEntry, ics_response
from equalocal.core.decorators import signed_in_or_404
from equalocal.core.errors import ApplicationError
from equalocal.core.forms import act, add_service_error, submit
from equalocal.core.spreadsheets import safe_cell
from equalocal.core.uploads import limit_uploads
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import get_internal_organisation_for_user

from . import selectors, services
from .forms import (
    AttachmentForm,
    EventForm,
    LinkForm,
    PracticeFilterForm,
    PracticeForm,
    RegistrationForm,
)
from .models import Event, Practice

PAGE_SIZE = 50

# Public pages ---------------------------------------------------------------------------------


def index(request):
    """Search the published practices by words, article, theme, country and language."""
    choices = selectors.filter_choices()
    form = PracticeFilterForm(request.GET or None, choices=choices)
    filters = selectors.PracticeFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.PracticeFilters(
            search=data["q"].strip(),
            article=data["article"] or None,
            theme=data["theme"],
            country=data["country"],
            language=data["language"],
        )
    practices = selectors.practice_search(filters)
    context = {
        "form": form,
        "practices": practices[:PAGE_SIZE],
        "total": practices.count(),
        "page_size": PAGE_SIZE,
        "events": selectors.published_events(upcoming=True)[:5],
        "publications": selectors.published_publications()[:5],
    }
    return render(request, "library/index.html", context)


def practice_detail(request, practice):
    item = selectors.get_practice_for_user(request.user, practice)
    context = {
        "practice": item,
        **selectors.practice_contents(request.user, item),
        "related": selectors.related_practices(item),
        "can_edit": permissions.can_edit(request.user, item.owner),
        "can_review": permissions.can_manage(request.user, item.owner),
    }
    return render(request, "library/practice.html", context)


def attachment_download(request, practice, attachment):
    item = selectors.get_attachment_for_user(request.user, practice, attachment)
    from django.core.files.storage import default_storage

    try:
        handle = default_storage.open(item.stored_name, "rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=item.filename, content_type=item.content_type
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def publication_list(request):
    return render(
        request,
        "library/publications.html",
        {"publications": selectors.published_publications()[:PAGE_SIZE]},
    )


def publication_detail(request, publication):
    item = selectors.get_publication_for_user(request.user, publication)
    return render(
        request,
        "library/publication.html",
        {"publication": item, **selectors.publication_contents(item)},
    )


def event_list(request):
    context = {
        "upcoming": selectors.published_events(upcoming=True)[:PAGE_SIZE],
        "past": selectors.published_events(upcoming=False)[:PAGE_SIZE],
    }
    return render(request, "library/events.html", context)


def event_detail(request, event):
    """The event and its registration form (a POST registers)."""
    item = selectors.get_event_for_user(request.user, event)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=item,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                language=(get_language() or "en").split("-")[0],
                consent=data["consent"],
            )
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            if registration.status == "confirmed":
                messages.success(
                    request,
                    _("You are registered. A confirmation is on its way to %(email)s.")
                    % {"email": registration.email},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The event is full: you are on the waiting list. We will e-mail "
                        "%(email)s if a place frees up."
                    )
                    % {"email": registration.email},
                )
            return redirect(item)
    context = {
        "event": item,
        "form": form,
        "places_left": selectors.places_left(item),
        "is_over": item.ends_at < timezone.now(),
        "can_edit": permissions.can_edit(request.user, item.organiser),
    }
    with timezone.override(item.time_zone):
        return render(request, "library/event.html", context)


def event_ics(request, event):
    item = selectors.get_event_for_user(request.user, event)
    entry = CalendarEntry(
        uid=f"event-{item.pk}@equalocal",
        title=item.title,
        start=item.starts_at,
        end=item.ends_at,
        time_zone=item.time_zone,
        description=item.description,
        location=item.place or item.online_url,
        url=request.build_absolute_uri(item.get_absolute_url()),
    )
    return ics_response(entry, filename=f"{slugify(item.title)[:60] or 'event'}.ics")


def registration_cancel(request, event, key):
    """The link from the e-mail: GET asks to confirm, POST cancels."""
    item = selectors.get_event_for_user(request.user, event)
    registration = services.registration_for_token(item, key)
    if registration is None:
        raise Http404
    if request.method == "POST" and registration.status != "cancelled":
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
        return redirect(request.path)
    with timezone.override(item.time_zone):
        return render(
            request,
            "library/registration_cancel.html",
            {"event": item, "registration": registration},
        )


# The organisation's own practices and events ---------------------------------------------------


def _own_practice(request, org, practice, action=Action.EDIT) -> Practice:
    organisation = get_internal_organisation_for_user(request.user, org)
    item = get_object_or_404(organisation.practices.select_related("owner"), pk=practice)
    permissions.require(request.user, organisation, action)
    return item


def _own_event(request, org, event, action=Action.EDIT) -> Event:
    organisation = get_internal_organisation_for_user(request.user, org)
    item = get_object_or_404(organisation.events.select_related("organiser"), pk=event)
    permissions.require(request.user, organisation, action)
    return item


@login_required
def org_library(request, org):
    organisation = get_internal_organisation_for_user(request.user, org)
    context = {
        "organisation": organisation,
        "practices": selectors.practices_of(organisation),
        "events": selectors.events_of(organisation).order_by("-starts_at"),
        "can_edit": permissions.can_edit(request.user, organisation),
        "can_review": permissions.can_manage(request.user, organisation),
    }
    return render(request, "library/org_library.html", context)


def _practice_form_page(request, organisation, form, practice=None):
    context = {"organisation": organisation, "form": form, "practice": practice}
    return render(request, "library/practice_form.html", context)


def _save_practice(request, form):
    def save():
        data = form.cleaned_data
        return services.practice_save(
            practice=form.instance,
            by=request.user,
            articles=data["articles"],
            themes=data["themes"],
            organisations=data["organisations"],
            activities=data["activities"],
            indicators=data["indicators"],
        )

    return submit(
        request,
        form,
        save,
        success=_("The practice is saved."),
    )


@login_required
def practice_create(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    form = PracticeForm(
        request.POST or None, instance=Practice(owner=organisation), owner=organisation
    )
    outcome = _save_practice(request, form) if request.method == "POST" else None
    if outcome and outcome.response:
        return outcome.response
    return _practice_form_page(request, organisation, form)


@login_required
def practice_edit(request, org, practice):
    item = _own_practice(request, org, practice)
    form = PracticeForm(request.POST or None, instance=item, owner=item.owner)
    outcome = _save_practice(request, form) if request.method == "POST" else None
    if outcome and outcome.response:
        return outcome.response
    return _practice_form_page(request, item.owner, form, item)


@login_required
@require_POST
def practice_submit(request, org, practice):
    item = _own_practice(request, org, practice)
    act(
        request,
        lambda: services.practice_submit(practice=item, by=request.user),
        success=_("The practice is sent to your organisation's admins for review."),
    )
    return redirect(item)


@login_required
@require_POST
def practice_review(request, org, practice):
    item = _own_practice(request, org, practice, action=Action.MANAGE)
    publish = request.POST.get("decision") == "publish"
    act(
        request,
        lambda: services.practice_review(practice=item, by=request.user, publish=publish),
        success=_("The practice is published.") if publish else _("The practice is back in draft."),
    )
    return redirect(item)


@limit_uploads("DOCUMENTS_MAX_UPLOAD_BYTES")
@login_required
def practice_files(request, org, practice):
    """Add an attachment or a link to a practice."""
    item = _own_practice(request, org, practice)
    attachment_form = AttachmentForm()
    link_form = LinkForm()
    if request.method == "POST" and "file" in request.FILES:
        attachment_form = AttachmentForm(request.POST, request.FILES)
        outcome = submit(
            request,
            attachment_form,
            lambda: services.practice_attachment_add(
                practice=item, file=attachment_form.cleaned_data["file"], by=request.user
            ),
            success=_("The file is attached."),
            then=request.path,
        )
        if outcome.response:
            return outcome.response
    elif request.method == "POST" and request.upload_limit.skipped:
        attachment_form = AttachmentForm(request.POST, request.FILES)
        attachment_form.is_valid()
        attachment_form.add_error("file", _("This file is larger than the upload limit."))
    elif request.method == "POST" and "url" in request.POST:
        link_form = LinkForm(request.POST)
        outcome = submit(
            request,
            link_form,
            lambda: services.practice_link_add(
                practice=item,
                title=link_form.cleaned_data["title"],
                url=link_form.cleaned_data["url"],
                by=request.user,
            ),
            success=_("The link is added."),
            then=request.path,
        )
        if outcome.response:
            return outcome.response
    context = {
        "organisation": item.owner,
        "practice": item,
        "attachment_form": attachment_form,
        "link_form": link_form,
        "attachments": item.attachments.all(),
        "links": item.links.all(),
    }
    return render(request, "library/practice_files.html", context)


def _event_form_page(request, organisation, form, event=None):
    return render(
        request,
        "library/event_form.html",
        {"organisation": organisation, "form": form, "event": event},
    )


@login_required
def event_create(request, org):
    organisation = get_internal_organisation_for_user(request.user, org, action=Action.EDIT)
    form = EventForm(
        request.POST or None, instance=Event(organiser=organisation), organiser=organisation
    )
    outcome = submit(
        request,
        form,
        lambda: services.event_save(event=form.instance, by=request.user),
        success=_("The event is saved."),
    )
    return outcome.response or _event_form_page(request, organisation, form)


@login_required
def event_edit(request, org, event):
    item = _own_event(request, org, event)
    form = EventForm(request.POST or None, instance=item, organiser=item.organiser)
    outcome = submit(
        request,
        form,
        lambda: services.event_save(event=form.instance, by=request.user),
        success=_("The event is saved."),
    )
    return outcome.response or _event_form_page(request, item.organiser, form, item)


@login_required
def event_registrants(request, org, event):
    item = _own_event(request, org, event)
    context = {
        "organisation": item.organiser,
        "event": item,
        "registrations": selectors.registrations_of(item),
        "places_left": selectors.places_left(item),
    }
    with timezone.override(item.time_zone):
        return render(request, "library/registrants.html", context)


@signed_in_or_404
def event_registrants_csv(request, org, event):
    """The registrants as CSV; text cells cannot run as spreadsheet formulas."""
    item = _own_event(request, org, event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(item.title)[:60] or "event"}-registrants.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [_("Name"), _("E-mail"), _("Organisation"), _("Status"), _("Registered"), _("Language")]
    )
    for registration in selectors.registrations_of(item):
        writer.writerow(
            [
                safe_cell(registration.name),
                safe_cell(registration.email),
                safe_cell(registration.organisation),
                registration.get_status_display(),
                registration.created_at.astimezone(timezone.get_current_timezone()).isoformat(
                    timespec="minutes"
                ),
                registration.language,
            ]
        )
    return response
