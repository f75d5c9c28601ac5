"""Imports of spreadsheets: a private preview first, then everything in one transaction.

The pattern is the indicators import's: the upload is kept in private storage while it is
previewed; confirming reads the file again, checks it again and writes all of it or
nothing; an unconfirmed preview is removed with its file after a day.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.uploads import delete_private, removed_on_failure, store_private
from equalocal.organisations.models import Person
from equalocal.plans import services as plan_services
from equalocal.plans.models import ActionPlan, Activity, Goal, PlanKind, PlanStatus
from equalocal.plans.selectors import charter_articles, plan_articles

from . import member_rows
from .models import ImportKind, ImportPreview
from .plan_rows import PlanRows, read_plan_rows
from .reading import read_table

IMPORTS_FOLDER = "exchange-imports"
PREVIEW_KEPT_FOR = timedelta(days=1)


def _expired() -> ApplicationError:
    return ApplicationError(_("This upload has expired. Please upload the file again."))


def _stored_bytes(name: str) -> bytes:
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise _expired() from None


def _keep(upload, filename: str) -> tuple[str, bytes]:
    name = store_private(
        upload,
        folder=IMPORTS_FOLDER,
        filename=filename,
        limit=settings.IMPORTS_MAX_UPLOAD_BYTES,
    )
    with removed_on_failure(name):
        return name, _stored_bytes(name)


# Action plans ---------------------------------------------------------------------------------


def _plan_rows(data: bytes, *, organisation, plan: ActionPlan | None, name: str) -> PlanRows:
    articles = plan_articles(plan) if plan is not None else charter_articles(None)
    people = {
        name.casefold(): pk
        for pk, name in Person.objects.filter(organisation=organisation).values_list("pk", "name")
    }
    return read_plan_rows(
        read_table(data, name).rows,
        articles=dict(articles.values_list("number", "pk")),
        people=people,
    )


def plan_import_preview(
    *, organisation, upload, filename: str, by, title: str = "", plan: ActionPlan | None = None
) -> ImportPreview:
    """Keep an uploaded plan spreadsheet privately and check it: the goals and activities it
    would create, and every problem by row. Nothing else is written.

    The rows land either in a new draft plan called ``title`` or, with ``plan``, in a new
    version of that plan. A file that cannot be read at all (not a spreadsheet, macros,
    too many rows, unknown columns, empty) raises ApplicationError and is not kept.
    """
    if plan is not None and ActionPlan.objects.filter(previous_version=plan).exists():
        raise ApplicationError(
            _("This version already has a newer version: import into the newest one."),
            field="plan",
        )
    name, data = _keep(upload, filename)
    with removed_on_failure(name), transaction.atomic():
        found = _plan_rows(data, organisation=organisation, plan=plan, name=filename or "")
        file_name = PurePath(filename or "").name[:255]
        return ImportPreview.objects.create(
            kind=ImportKind.PLAN,
            organisation=organisation,
            by=by,
            file=name,
            file_name=file_name,
            title=(title or PurePath(file_name).stem or _("Imported plan"))[:300],
            plan=plan,
            rows=[{"goals": found.goals}, *found.activities],
            errors=found.errors,
        )


def preview_goals(preview: ImportPreview) -> list[str]:
    return preview.rows[0]["goals"] if preview.rows else []


def preview_activities(preview: ImportPreview) -> list[dict]:
    return preview.rows[1:]


@transaction.atomic
def plan_import_confirm(*, preview: ImportPreview, by) -> ActionPlan:
    """Write a previewed plan file in one transaction; return the plan it landed in.

    The file is read and checked again: if anything is wrong now, nothing is written. The
    rows become the goals and activities of a new draft plan, or of a new version of the
    chosen plan (which replaces the copied goals and activities with the file's).
    """
    if preview.kind != ImportKind.PLAN or not preview.file:
        raise _expired()
    organisation = preview.organisation
    found = _plan_rows(
        _stored_bytes(preview.file.name),
        organisation=organisation,
        plan=preview.plan,
        name=preview.file_name,
    )
    if found.errors:
        raise ApplicationError(
            _("The file has %(count)s problem(s): correct them and upload it again.")
            % {"count": found.error_count}
        )
    if preview.plan is not None:
        plan = plan_services.plan_new_version(plan=preview.plan, by=by)
        plan.activities.all().delete()
        plan.goals.all().delete()
    else:
        plan = plan_services.plan_save(
            plan=ActionPlan(
                organisation=organisation,
                title=preview.title,
                kind=PlanKind.CHARTER,
                status=PlanStatus.DRAFT,
            ),
            by=by,
        )
    goals = {}
    for order, title in enumerate(found.goals, start=1):
        goals[title] = plan_services.goal_save(
            goal=Goal(plan=plan, title=title, order=order), by=by
        )
    for order, row in enumerate(found.activities, start=1):
        activity = Activity(
            plan=plan,
            goal=goals.get(row["goal"]),
            order=order,
            title=row["title"],
            description=row["description"],
            responsible_unit=row["responsible_unit"],
            responsible_person_id=row["responsible_person"],
            partners=row["partners"],
            timing=row["timing"],
            timing_note=row["timing_note"],
            start_date=_iso(row["start_date"]),
            end_date=_iso(row["end_date"]),
            # Previews stored before these columns existed have no such keys.
            completed_on=_iso(row.get("completed_on")),
            next_review_on=_iso(row.get("next_review_on")),
            status=row["status"],
            progress=row["progress"],
            weight=row["weight"],
            resources=row["resources"],
            comment=row["comment"],
        )
        plan_services.activity_save(
            activity=activity,
            by=by,
            articles=row["articles"],
            note=_("Imported from %(file)s") % {"file": preview.file_name},
        )
    _discard(preview)
    return plan


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _discard(preview: ImportPreview) -> None:
    name = preview.file.name if preview.file else ""
    preview.delete()
    if name:
        transaction.on_commit(lambda: delete_private(name))


def import_preview_cancel(*, preview: ImportPreview) -> None:
    """Drop a preview and its file without importing anything."""
    _discard(preview)


def import_previews_discard(*, now=None) -> int:
    """Remove previews nobody confirmed within a day, with their files; return how many."""
    cutoff = (now or timezone.now()) - PREVIEW_KEPT_FOR
    stale = list(ImportPreview.objects.filter(created_at__lt=cutoff))
    for preview in stale:
        name = preview.file.name if preview.file else ""
        preview.delete()
        delete_private(name)
    return len(stale)


# Network members and seats --------------------------------------------------------------------


def members_import_preview(*, network, upload, filename: str, by, today: date) -> ImportPreview:
    """Keep an uploaded member list privately and check it: for each row, what confirming
    would do (ask an organisation to join, place a member in a group, add a seat), and every
    problem by row. Nothing else is written.
    """
    name, data = _keep(upload, filename)
    with removed_on_failure(name), transaction.atomic():
        found = member_rows.read_member_rows(
            read_table(data, filename or "").rows, network=network, user=by, today=today
        )
        return ImportPreview.objects.create(
            kind=ImportKind.MEMBERS,
            organisation=network,
            by=by,
            file=name,
            file_name=PurePath(filename or "").name[:255],
            rows=found.rows,
            errors=found.errors,
        )


@transaction.atomic
def members_import_confirm(*, preview: ImportPreview, by, today: date, site_url: str = "") -> dict:
    """Carry out a previewed member list in one transaction; return the counts by outcome.

    Consent rules hold: an organisation that is not a member gets a membership request its
    admins answer (nothing is recorded before they accept); only members get seats.
    """
    if preview.kind != ImportKind.MEMBERS or not preview.file:
        raise _expired()
    network = preview.organisation
    found = member_rows.read_member_rows(
        read_table(_stored_bytes(preview.file.name), preview.file_name).rows,
        network=network,
        user=by,
        today=today,
    )
    if found.errors:
        raise ApplicationError(
            _("The file has %(count)s problem(s): correct them and upload it again.")
            % {"count": found.error_count}
        )
    counts = member_rows.apply_member_rows(
        found.rows, network=network, by=by, today=today, site_url=site_url
    )
    _discard(preview)
    return counts
