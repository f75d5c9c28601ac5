import functools
from copy import copy
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from equalocal.core.calendar import CalendarEntry, ics_response
from equalocal.core.decorators import signed_in_or_404
from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.core.forms import add_service_error, submit
from equalocal.core.fragments import fragment_key, remembered
from equalocal.organisations import permissions as org_permissions
from equalocal.organisations.models import NetworkSharing
from equalocal.organisations.permissions import Action
from equalocal.plans.selectors import plan_progress

from . import permissions, selectors, services
from .forms import (
    DashboardFilterForm,
    DecisionForm,
    MatrixForm,
    MeetingForm,
    MembershipJoinForm,
    MembershipLeaveForm,
    MembersOnForm,
    NetworkSettingsForm,
    SeatForm,
)
from .models import Meeting, Seat, SeatRole

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _access(request, org, action=Action.VIEW):
    return selectors.get_network_for_user(
        request.user, org, today=timezone.localdate(), action=action
    )


def _dashboard_scope(request, access):
    visibility = services.network_settings_for(access.network).dashboard_visibility
    return selectors.dashboard_scope(request.user, access, visibility)


def _may_see_dashboard(request, access) -> bool:
    try:
        _dashboard_scope(request, access)
    except Http404:
        return False
    return True


def _visible_plan(user, body):
    """The group's plan if the user may open it: published, or they belong to its owner."""
    plan = body.plan
    if plan is None or plan.deleted_at is not None:
        return None
    if plan.is_published or org_permissions.can_view_internal(user, plan.organisation):
        return plan
    return None


# The network ------------------------------------------------------------------------------------


@login_required
def overview(request, org):
    access = _access(request, org)
    today = timezone.localdate()
    context = {
        "network": access.network,
        "access": access,
        "bodies": selectors.bodies_of(access.network, today=today),
        "member_count": selectors.network_member_count(access.network, today=today),
        "show_dashboard": _may_see_dashboard(request, access),
    }
    return render(request, "networks/overview.html", context)


@login_required
def dashboard(request, org):
    access = _access(request, org)
    only = _dashboard_scope(request, access)
    # The viewer's own organisation is seen whole; the others as they chose to be seen.
    own = (
        access.member_ids
        if request.user.is_staff
        else frozenset(permissions.member_organisation_ids(request.user))
    )
    version = selectors.network_version(access.network)
    today = timezone.localdate()
    scope = (access.network.pk, version, today, sorted(only) if only is not None else "all")
    scope += (sorted(own),)

    @functools.cache
    def rows():
        """Read (or unpickled) only when the rendered rows are not in the cache yet."""
        return selectors.network_dashboard_kept(
            access.network, version=version, today=today, only=only, own=own
        )

    summary = remembered(
        fragment_key("network-dashboard-summary", *scope),
        lambda: {
            "counts": selectors.dashboard_counts(rows()),
            "countries": selectors.dashboard_countries(rows()),
            "total": len(rows()),
        },
    )
    form = DashboardFilterForm(request.GET or None, countries=summary["countries"])
    filters = form.filters()
    context = {
        # The rows as this viewer may see them (scope and own organisations), on this
        # address (filters and sort), today (deadlines), in this language.
        "rows_key": fragment_key("network-dashboard-rows", *scope, request.get_full_path()),
        "network": access.network,
        "access": access,
        "own_rows_only": only is not None,
        "counts": summary["counts"],
        "rows": SimpleLazyObject(lambda: selectors.filter_dashboard(rows(), **filters)),
        "total": summary["total"],
        "filter_form": form,
        "sort": filters["sort"],
        "filtered": any(value for key, value in filters.items() if key != "sort"),
    }
    template = "networks/dashboard.html"
    if request.htmx:
        template += "#rows"
    return render(request, template, context)


@login_required
def members(request, org):
    access = _access(request, org)
    today = timezone.localdate()
    form = MembersOnForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_bound and form.is_valid() else None
    context = {
        "network": access.network,
        "access": access,
        "history": selectors.membership_history(access.network, today=today),
        "form": form,
        "day": day,
        "members_on": selectors.members_on(access.network, day) if day else None,
        "today": today,
        "pending": selectors.pending_requests(access.network) if access.can_coordinate else [],
    }
    return render(request, "networks/members.html", context)


@login_required
def member_join(request, org):
    """Add a member: ask a new organisation (its admins answer), or place a member in a group."""
    access = _access(request, org, action=Action.EDIT)
    network = access.network
    form = MembershipJoinForm(request.POST or None, network=network)
    done = submit(
        request,
        form,
        lambda: services.membership_invite(
            network=network,
            by=request.user,
            site_url=settings.SITE_URL,
            **form.cleaned_data,
        ),
        success=lambda outcome: _join_message(outcome, network),
        then=reverse("networks:members", kwargs={"org": network.slug}),
    )
    if done.response:
        return done.response
    return render(request, "networks/member_join.html", {"network": network, "form": form})


def _join_message(outcome, network) -> str:
    if isinstance(outcome, NetworkSharing):
        return _(
            "%(member)s was asked to join %(network)s. It becomes a member when its admins "
            "accept; until then the network sees nothing more of it than the public does."
        ) % {"member": outcome.member.name, "network": network.name}
    return _("%(member)s was recorded as a member of %(where)s.") % {
        "member": outcome.member.name,
        "where": outcome.body or network.name,
    }


@login_required
def member_leave(request, org, membership):
    access = _access(request, org, action=Action.EDIT)
    item = selectors.get_membership(access.network, membership)
    form = MembershipLeaveForm(request.POST or None, membership=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_leave(
                membership=copy(item),
                left_on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(member)s has left %(where)s.")
                % {"member": item.member.name, "where": item.body or access.network.name},
            )
            return redirect("networks:members", org=access.network.slug)
    context = {"network": access.network, "membership": item, "form": form}
    return render(request, "networks/member_leave.html", context)


@login_required
def network_settings(request, org):
    access = _access(request, org, action=Action.MANAGE)
    form = NetworkSettingsForm(
        request.POST or None, instance=services.network_settings_for(access.network)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings were saved."))
        return redirect("networks:overview", org=access.network.slug)
    return render(request, "networks/settings.html", {"network": access.network, "form": form})


# Groups -----------------------------------------------------------------------------------------


@login_required
def group(request, org, group):
    access = _access(request, org)
    body = selectors.get_body(access.network, group)
    today = timezone.localdate()
    contacts_shared = org_permissions.contacts_shared_with(access.network, access.member_ids)
    seats = selectors.seats_for_user(
        request.user, selectors.current_seats(body, today=today), contacts_shared=contacts_shared
    )
    upcoming, past = selectors.meetings_of(body, today=today)
    plan = _visible_plan(request.user, body)
    context = {
        "network": access.network,
        "access": access,
        "group": body,
        "seats": seats,
        "coordinators": [view for view in seats if view.seat.role == SeatRole.COORDINATOR],
        "editable_seats": {
            view.seat.pk for view in seats if permissions.can_edit_seat(request.user, view.seat)
        },
        "memberships": selectors.body_memberships(body, today=today),
        "upcoming": upcoming,
        "past": past,
        "plan": plan,
        "plan_progress": plan_progress(plan),
        "matrix": selectors.group_matrix(body, today=today),
        "contacts_shared": contacts_shared,
    }
    return render(request, "networks/group.html", context)


def _contacts_shared(access) -> frozenset[int]:
    """The members whose people the network's pages and forms may name (the gate's rule)."""
    return org_permissions.contacts_shared_with(access.network, access.member_ids)


def _group_page(request, template: str, access, body, *, contacts_shared=None, **context):
    """A page of one of the network's groups: the network and the group, and ``context``."""
    if contacts_shared is None:
        contacts_shared = _contacts_shared(access)
    return render(
        request,
        template,
        {"network": access.network, "group": body, "contacts_shared": contacts_shared, **context},
    )


def _seat_form_page(request, form, access, body, seat=None, conflict=None):
    return _group_page(
        request,
        "networks/seat_form.html",
        access,
        body,
        contacts_shared=form.contacts_shared,
        form=form,
        seat=seat,
        conflict=conflict,
    )


@login_required
def seat_create(request, org, group):
    access = _access(request, org, action=Action.EDIT)
    body = selectors.get_body(access.network, group)
    form = SeatForm(
        request.POST or None,
        instance=Seat(body=body),
        network=access.network,
        coordinator=True,
        user=request.user,
        contacts_shared=_contacts_shared(access),
    )
    done = submit(
        request,
        form,
        lambda: services.seat_save(seat=form.instance, by=request.user),
        success=_("The seat was added."),
        then=f"{body.get_absolute_url()}#seats",
    )
    return done.response or _seat_form_page(request, form, access, body)


@login_required
def seat_edit(request, org, group, seat):
    access = _access(request, org)
    body = selectors.get_body(access.network, group)
    item = selectors.get_seat_for_user(request.user, body, seat)
    # The form edits a copy, so the page keeps the saved values if the save fails.
    form = SeatForm(
        request.POST or None,
        instance=copy(item),
        network=access.network,
        coordinator=access.can_coordinate,
        user=request.user,
        contacts_shared=_contacts_shared(access),
    )
    save = services.seat_vacate if "vacate" in request.POST else services.seat_save
    done = submit(
        request,
        form,
        lambda: save(
            seat=form.instance, by=request.user, expected_lock_version=form.expected_lock_version()
        ),
        success=_("The seat was saved."),
        then=f"{body.get_absolute_url()}#seats",
    )
    return done.response or _seat_form_page(request, form, access, body, item, done.conflict)


# Meetings ---------------------------------------------------------------------------------------


@login_required
def meeting(request, org, group, meeting):
    access = _access(request, org)
    body = selectors.get_body(access.network, group)
    item = selectors.get_meeting(body, meeting)
    attendees, decisions = selectors.meeting_details(item)
    context = {
        "contacts_shared": org_permissions.contacts_shared_with(access.network, access.member_ids),
        "network": access.network,
        "access": access,
        "group": body,
        "meeting": item,
        "attendees": attendees,
        "decisions": decisions,
        "decision_form": DecisionForm(body=body) if access.can_coordinate else None,
    }
    return render(request, "networks/meeting.html", context)


@signed_in_or_404
def meeting_ics(request, org, group, meeting):
    """The meeting as an iCalendar file: timed in the site's time zone when a start time is
    recorded, otherwise a whole-day entry."""
    access = _access(request, org)
    body = selectors.get_body(access.network, group)
    item = selectors.get_meeting(body, meeting)
    entry = CalendarEntry(
        uid=f"meeting-{item.pk}@equalocal",
        title=_("Meeting of %(group)s") % {"group": body.name},
        start=item.starts_at or item.date,
        end=item.ends_at or (None if item.starts_at else item.date + timedelta(days=1)),
        time_zone=settings.TIME_ZONE if item.starts_at else "",
        description=item.agenda,
        location=item.place or (item.host.name if item.host else "") or item.online_url,
        url=request.build_absolute_uri(
            reverse(
                "networks:meeting",
                kwargs={"org": access.network.slug, "group": body.slug, "meeting": item.pk},
            )
        ),
    )
    return ics_response(entry, filename=f"meeting-{item.date.isoformat()}.ics")


def _meeting_form(request, access, body, instance) -> MeetingForm:
    return MeetingForm(
        request.POST or None,
        instance=instance,
        body=body,
        user=request.user,
        contacts_shared=_contacts_shared(access),
    )


def _meeting_form_page(request, form, access, body, meeting=None):
    return _group_page(
        request, "networks/meeting_form.html", access, body, form=form, meeting=meeting
    )


def _save_meeting(request, form, *, success: str):
    return submit(
        request,
        form,
        lambda: services.meeting_save(
            meeting=form.instance, attendees=form.cleaned_data["attendees"], by=request.user
        ),
        success=success,
    )


@login_required
def meeting_create(request, org, group):
    access = _access(request, org, action=Action.EDIT)
    body = selectors.get_body(access.network, group)
    form = _meeting_form(request, access, body, Meeting(body=body))
    done = _save_meeting(request, form, success=_("The meeting was added."))
    return done.response or _meeting_form_page(request, form, access, body)


@login_required
def meeting_edit(request, org, group, meeting):
    access = _access(request, org, action=Action.EDIT)
    body = selectors.get_body(access.network, group)
    item = selectors.get_meeting(body, meeting)
    form = _meeting_form(request, access, body, copy(item))
    done = _save_meeting(request, form, success=_("The changes were saved."))
    return done.response or _meeting_form_page(request, form, access, body, item)


@login_required
def decision_add(request, org, group, meeting):
    access = _access(request, org, action=Action.EDIT)
    body = selectors.get_body(access.network, group)
    item = selectors.get_meeting(body, meeting)
    form = DecisionForm(request.POST or None, body=body)
    done = submit(
        request,
        form,
        lambda: services.meeting_add_decision(
            meeting=item,
            text=form.cleaned_data["text"],
            activity=form.cleaned_data["activity"],
            by=request.user,
        ),
        success=_("The decision was recorded."),
        then=f"{item.get_absolute_url()}#decisions",
    )
    if done.response:
        return done.response
    return _group_page(
        request, "networks/decision_form.html", access, body, meeting=item, form=form
    )


# The responsibility matrix ----------------------------------------------------------------------


@login_required
def matrix_edit(request, org, group):
    access = _access(request, org, action=Action.EDIT)
    body = selectors.get_body(access.network, group)
    matrix = selectors.group_matrix(body, today=timezone.localdate())
    contacts_shared = _contacts_shared(access)
    form = MatrixForm(
        request.POST or None, matrix=matrix, user=request.user, contacts_shared=contacts_shared
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_save(
                group=body,
                cells=form.cells(),
                expected_version=form.cleaned_data["expected_version"],
                by=request.user,
            )
        except ConcurrentEditError as exc:
            add_service_error(form, exc)
            # Nothing was saved, so the matrix read above is the other coordinator's.
            current = matrix
            form.rebase(matrix)
        except (ApplicationError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The matrix was saved."))
            return redirect(f"{body.get_absolute_url()}#matrix")
    return _group_page(
        request,
        "networks/matrix_edit.html",
        access,
        body,
        contacts_shared=contacts_shared,
        form=form,
        matrix=matrix,
        current=current,
    )


@signed_in_or_404
def matrix_export(request, org, group):
    access = _access(request, org)
    body = selectors.get_body(access.network, group)
    response = HttpResponse(
        services.matrix_export_xlsx(
            group=body,
            user=request.user,
            contacts_shared=org_permissions.contacts_shared_with(access.network, access.member_ids),
        ),
        content_type=XLSX,
    )
    filename = f"{access.network.slug}-{body.slug}-matrix.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Public pages -----------------------------------------------------------------------------------


def public_network(request, org):
    network = selectors.get_network(org)
    today = timezone.localdate()
    context = {
        "network": network,
        "bodies": selectors.bodies_of(network, today=today, public=True),
        "members": selectors.network_public_members(network, today=today),
        "participants": selectors.public_group_participants(network, today=today),
        "coordinators": selectors.public_coordinators(network, today=today),
    }
    return render(request, "networks/public/network.html", context)


def public_group(request, org, group):
    network = selectors.get_network(org)
    body = selectors.get_body(network, group, public=True)
    today = timezone.localdate()
    seats = selectors.public_seats(selectors.current_seats(body, today=today))
    members = {seat.member.pk: seat.member for seat in seats}
    for membership in selectors.body_memberships(body, today=today):
        members.setdefault(membership.member_id, membership.member)
    plan = selectors.public_plan(body)
    context = {
        "network": network,
        "group": body,
        "seats": seats,
        "coordinators": [seat for seat in seats if seat.role == SeatRole.COORDINATOR],
        "vacancies": [seat for seat in seats if seat.vacant],
        "members": sorted(members.values(), key=lambda member: member.name),
        "upcoming": selectors.upcoming_public_meetings(body, today=today),
        "plan": plan,
        "plan_progress": plan_progress(plan),
    }
    return render(request, "networks/public/group.html", context)
