"""Daily reminders: a digest for each responsible person, deadline notices for admins.

Each reminder is sent once. A ``ReminderLog`` row records every item a person
was told about (an activity that became overdue, a review that came within
14 days, a deadline stage reached), so later runs only write when there is
something new, and never more than one digest a day to the same person.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import translation

from equalocal.accounts.models import DigestFrequency, NotificationSettings
from equalocal.charters.deadlines import REMINDER_DAYS
from equalocal.charters.models import Commitment, CommitmentStatus
from equalocal.core.mail import send_templated_email
from equalocal.organisations.models import Membership, Role

from .models import ActionPlan, Activity, ActivityStatus, PlanKind, PlanStatus, ReminderLog

logger = logging.getLogger(__name__)

DIGEST_DAYS = 14
PASSED = "passed"
SWEDISH_COUNTRIES = {"SE"}


@dataclass(frozen=True)
class ReminderRun:
    """What one run sent: e-mails, not items."""

    digests: int
    deadline_notices: int
    failed: int = 0

    def as_dict(self) -> dict:
        return {
            "digests": self.digests,
            "deadline_notices": self.deadline_notices,
            "failed": self.failed,
        }


def reminders_send_due(*, today: date) -> ReminderRun:
    """Send today's activity digests and deadline notices that were not sent before."""
    digests, digests_failed = activity_digests_send(today=today)
    notices, notices_failed = deadline_notices_send(today=today)
    return ReminderRun(
        digests=digests, deadline_notices=notices, failed=digests_failed + notices_failed
    )


def _site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send_once(
    *, keys: list[str], recipient: str, template: str, context: dict, language: str
) -> bool | None:
    """Record ``keys`` and send the e-mail in one transaction.

    True when sent; False when another run recorded the keys first; None when
    sending failed (nothing is recorded, so the next run tries again).
    """
    try:
        with transaction.atomic():
            ReminderLog.objects.bulk_create(
                ReminderLog(key=key, recipient=recipient) for key in keys
            )
            send_templated_email(
                template=template, to=recipient, context=context, language=language
            )
    except IntegrityError:
        return False
    except Exception:
        logger.exception("Reminder to %s could not be sent", recipient)
        return None
    return True


def _already_sent(keys) -> set[str]:
    keys = list(keys)
    sent = set()
    for start in range(0, len(keys), 500):
        sent |= set(
            ReminderLog.objects.filter(key__in=keys[start : start + 500]).values_list(
                "key", flat=True
            )
        )
    return sent


# Digests for responsible people ------------------------------------------------------------


@dataclass(frozen=True)
class DigestItem:
    activity: Activity
    key: str
    link: str
    new: bool


def person_language(person, preferences: dict | None = None) -> str:
    """The language to write to a person in: the one chosen for e-mails, their account's,
    else by their organisation's country."""
    chosen = (preferences or {}).get(person.user_id)
    if chosen is not None and chosen.language:
        return chosen.language
    if person.user_id and person.user.language:
        return person.user.language
    return "sv" if str(person.organisation.country) in SWEDISH_COUNTRIES else "en"


def activities_to_remind(*, today: date):
    """Open activities of plans in force whose end has passed or whose review is near.

    Plans in force are adopted, not deleted and not followed by an adopted newer
    version; drafts are not being carried out yet, and an old version's copies
    would repeat the same activities.
    """
    horizon = today + timedelta(days=DIGEST_DAYS)
    return (
        Activity.objects.filter(
            plan__deleted_at__isnull=True,
            plan__status=PlanStatus.ADOPTED,
            responsible_person__isnull=False,
        )
        .exclude(plan__next_version__status=PlanStatus.ADOPTED)
        .exclude(responsible_person__email="")
        .exclude(status__in=[ActivityStatus.DONE, ActivityStatus.CANCELLED])
        .filter(Q(end_date__lt=today) | Q(next_review_on__lte=horizon))
        .select_related(
            "plan__organisation", "responsible_person__organisation", "responsible_person__user"
        )
        .order_by("responsible_person_id", "end_date", "next_review_on", "pk")
    )


def activity_digests_send(*, today: date) -> tuple[int, int]:
    """E-mail each responsible person one digest of their overdue activities and near reviews.

    A digest goes out only when it holds at least one item the person was not told
    about yet, and at most once a day. Returns (digests sent, digests failed).
    """
    by_person: dict[int, list[tuple[str, Activity]]] = {}
    people = {}
    for activity in activities_to_remind(today=today):
        person = activity.responsible_person
        people[person.pk] = person
        if activity.is_overdue(today):
            key = f"overdue:{activity.pk}:{activity.end_date.isoformat()}"
        else:
            key = f"review:{activity.pk}:{activity.next_review_on.isoformat()}"
        by_person.setdefault(person.pk, []).append((key, activity))
    preferences = {
        item.user_id: item
        for item in NotificationSettings.objects.filter(
            user_id__in={person.user_id for person in people.values() if person.user_id}
        )
    }
    for pk, person in list(people.items()):
        # A person who turned the digest off gets none; a weekly one only on Mondays.
        frequency = preferences[person.user_id].digest if person.user_id in preferences else None
        if frequency == DigestFrequency.OFF or (
            frequency == DigestFrequency.WEEKLY and today.weekday() != 0
        ):
            by_person.pop(pk, None)
    digest_keys = {pk: f"digest:{pk}:{today.isoformat()}" for pk in by_person}
    sent_before = _already_sent(
        [key for items in by_person.values() for key, _activity in items]
        + list(digest_keys.values())
    )
    sent = failed = 0
    for pk, items in by_person.items():
        new_keys = [key for key, _activity in items if key not in sent_before]
        if not new_keys or digest_keys[pk] in sent_before:
            continue
        person = people[pk]
        digest = [
            DigestItem(
                activity=activity,
                key=key,
                link=_site_link(activity.get_absolute_url()),
                new=key not in sent_before,
            )
            for key, activity in items
        ]
        outcome = _send_once(
            keys=[digest_keys[pk], *new_keys],
            recipient=person.email,
            template="plans/email/digest",
            context={
                "person": person,
                "today": today,
                "days": DIGEST_DAYS,
                "count": len(digest),
                "overdue": [item for item in digest if item.key.startswith("overdue:")],
                "reviews": [item for item in digest if item.key.startswith("review:")],
            },
            language=person_language(person, preferences),
        )
        sent += outcome is True
        failed += outcome is None
    return sent, failed


# Deadline notices for admins ---------------------------------------------------------------------


def deadline_stages(days_left: int) -> list[str]:
    """The reminder stages reached with ``days_left`` days to go, least urgent first."""
    stages = [str(days) for days in REMINDER_DAYS if days_left <= days]
    if days_left < 0:
        stages.append(PASSED)
    return stages


@dataclass(frozen=True)
class OpenDeadline:
    """A commitment whose action plan is due and not adopted yet.

    ``provisional`` is true when the date counts from a recommendation to sign: the
    deadline the organisation will have if its council decides as recommended.
    """

    commitment: Commitment
    deadline: date
    provisional: bool


def _open_deadlines() -> list[OpenDeadline]:
    """Each organisation's active commitment with a deadline, firm or provisional, and no
    adopted Charter plan yet."""
    adopted = set(
        ActionPlan.objects.alive()
        .filter(kind=PlanKind.CHARTER, adopted_on__isnull=False)
        .values_list("organisation_id", flat=True)
    )
    commitments = (
        Commitment.objects.exclude(status=CommitmentStatus.WITHDRAWN)
        .exclude(organisation_id__in=adopted)
        .select_related("organisation", "charter")
        .prefetch_related("steps")
        .order_by("organisation_id", "-charter__year")
    )
    active = {}
    for commitment in commitments:
        active.setdefault(commitment.organisation_id, commitment)
    found = []
    for commitment in active.values():
        if commitment.plan_deadline is not None:
            found.append(OpenDeadline(commitment, commitment.plan_deadline, provisional=False))
        elif commitment.provisional_plan_deadline is not None:
            found.append(
                OpenDeadline(commitment, commitment.provisional_plan_deadline, provisional=True)
            )
    return found


def deadline_notices_send(*, today: date) -> tuple[int, int]:
    """E-mail each organisation's admins when the action-plan deadline is 180, 90 or 30 days away or passed.

    A provisional deadline (a recommendation to sign, not yet decided) gets the same notices,
    worded as provisional.

    An admin gets one e-mail per stage; when several stages were reached since
    the last run (for example on the first run), only the most urgent is sent and
    the others are recorded as done. Returns (notices sent, notices failed).
    """
    deadlines = _open_deadlines()
    admins: dict[int, list] = {}
    for membership in (
        Membership.objects.filter(
            role=Role.ADMIN,
            organisation_id__in=[d.commitment.organisation_id for d in deadlines],
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
    ):
        admins.setdefault(membership.organisation_id, []).append(membership.user)

    candidates = []
    for item in deadlines:
        days_left = (item.deadline - today).days
        stages = deadline_stages(days_left)
        # A provisional date has its own notices; a decision that fixes the date starts anew.
        kind = "provisional" if item.provisional else "deadline"
        for user in admins.get(item.commitment.organisation_id, []):
            keys = [
                f"{kind}:{item.commitment.pk}:{item.deadline.isoformat()}:{stage}:{user.pk}"
                for stage in stages
            ]
            candidates.append((item, user, days_left, keys))
    sent_before = _already_sent(key for *_rest, keys in candidates for key in keys)

    sent = failed = 0
    for item, user, days_left, keys in candidates:
        commitment = item.commitment
        new_keys = [key for key in keys if key not in sent_before]
        if not new_keys:
            continue
        outcome = _send_once(
            keys=new_keys,
            recipient=user.email,
            template="plans/email/deadline",
            context={
                "user": user,
                "organisation": commitment.organisation,
                "commitment": commitment,
                "deadline": item.deadline,
                "provisional": item.provisional,
                "days_left": days_left,
                "days_overdue": -days_left,
                "link": _site_link(commitment.get_absolute_url()),
            },
            language=user.language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        sent += outcome is True
        failed += outcome is None
    return sent, failed
