"""Daily reminders: activity digests, deadline notices, the task, the command and the worker."""

from datetime import date, datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from equalocal.charters.models import Commitment, CommitmentStatus
from equalocal.organisations.models import Role
from equalocal.plans import reminders, tasks
from equalocal.plans.models import (
    ActionPlan,
    ActivityStatus,
    PlanKind,
    PlanStatus,
    ReminderLog,
)
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    CommitmentStepFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run(today=TODAY):
    return reminders.reminders_send_due(today=today)


def html_part(message):
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def adopted_plan(organisation, **fields):
    defaults = {
        "title": "Verksamhetsplan",
        "kind": PlanKind.OPERATIONAL,
        "status": PlanStatus.ADOPTED,
    }
    return ActionPlanFactory(organisation=organisation, **{**defaults, **fields})


def activity(plan, person, title, **fields):
    defaults = {"status": ActivityStatus.IN_PROGRESS, "progress": 40}
    return ActivityFactory(
        plan=plan, responsible_person=person, title=title, **{**defaults, **fields}
    )


@pytest.fixture
def digest_setup():
    organisation = OrganisationFactory(country="SE")
    person = PersonFactory(
        organisation=organisation, name="Ingrid Lundström", email="ingrid@vannas.example"
    )
    plan = adopted_plan(organisation)
    items = {
        "overdue": activity(plan, person, "Analysera enkäten", end_date=TODAY - timedelta(days=3)),
        "review": activity(
            plan, person, "Sprida webbutbildningen", next_review_on=TODAY + timedelta(days=10)
        ),
        "later": activity(plan, person, "Review later", next_review_on=TODAY + timedelta(days=20)),
        "done": activity(
            plan,
            person,
            "Done already",
            status=ActivityStatus.DONE,
            progress=100,
            end_date=TODAY - timedelta(days=30),
        ),
        "on_time": activity(
            plan, person, "Ends in the future", end_date=TODAY + timedelta(days=30)
        ),
    }
    return {"organisation": organisation, "person": person, "plan": plan, "items": items}


# Digests ---------------------------------------------------------------------------------------


def test_responsible_person_gets_one_digest_of_overdue_activities_and_near_reviews(digest_setup):
    result = run()
    assert result.digests == 1
    [message] = mail.outbox
    assert message.to == ["ingrid@vannas.example"]
    # The person's organisation is Swedish, so the digest is in Swedish.
    assert "2 aktiviteter behöver din uppmärksamhet" in message.subject
    for body in (message.body, html_part(message)):
        assert "Analysera enkäten" in body
        assert "Sprida webbutbildningen" in body
        for absent in ("Review later", "Done already", "Ends in the future"):
            assert absent not in body
    overdue = digest_setup["items"]["overdue"]
    assert "http://127.0.0.1:8000" + overdue.get_absolute_url() in message.body
    assert f'href="http://127.0.0.1:8000{overdue.get_absolute_url()}"' in html_part(message)


def test_reviews_count_up_to_14_days_ahead(digest_setup):
    plan, person = digest_setup["plan"], digest_setup["person"]
    activity(plan, person, "Review in 14 days", next_review_on=TODAY + timedelta(days=14))
    activity(plan, person, "Review in 15 days", next_review_on=TODAY + timedelta(days=15))
    run()
    assert "Review in 14 days" in mail.outbox[0].body
    assert "Review in 15 days" not in mail.outbox[0].body


def test_a_second_run_sends_nothing(digest_setup):
    run()
    mail.outbox.clear()
    assert run().digests == 0
    assert run(TODAY + timedelta(days=1)).digests == 0  # nothing new the next day either
    assert mail.outbox == []
    assert ReminderLog.objects.filter(key__startswith="digest:").count() == 1


def test_a_new_item_brings_a_new_digest_with_the_earlier_items_for_context(digest_setup):
    run()
    mail.outbox.clear()
    activity(digest_setup["plan"], digest_setup["person"], "Hitta samarbetsformer", end_date=TODAY)
    run(TODAY + timedelta(days=1))
    [message] = mail.outbox
    assert "3 aktiviteter" in message.subject
    assert "Hitta samarbetsformer (ny)" in message.body
    assert "Analysera enkäten (ny)" not in message.body
    assert "Analysera enkäten" in message.body


def test_at_most_one_digest_a_day_even_when_something_new_comes_up(digest_setup):
    run()
    activity(
        digest_setup["plan"],
        digest_setup["person"],
        "Overdue since yesterday",
        end_date=TODAY - timedelta(days=1),
    )
    assert run().digests == 0
    assert len(mail.outbox) == 1


def test_a_person_without_swedish_context_gets_english_and_a_swedish_organisation_swedish(
    digest_setup,
):
    finnish = OrganisationFactory(country="FI")
    person = PersonFactory(organisation=finnish, email="liisa@kotka.example")
    activity(adopted_plan(finnish), person, "Kotka activity", end_date=date(2026, 5, 5))
    digest_setup["items"]["overdue"].end_date = date(2026, 5, 5)
    digest_setup["items"]["overdue"].save()
    run()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "5 maj 2026" in by_recipient["ingrid@vannas.example"].body
    assert 'lang="sv"' in html_part(by_recipient["ingrid@vannas.example"])
    assert "5 May 2026" in by_recipient["liisa@kotka.example"].body
    assert 'lang="en"' in html_part(by_recipient["liisa@kotka.example"])


def test_a_person_with_an_account_gets_the_accounts_language(digest_setup):
    person = digest_setup["person"]
    person.user = UserFactory(language="en")
    person.save()
    digest_setup["items"]["overdue"].end_date = date(2026, 5, 5)
    digest_setup["items"]["overdue"].save()
    run()
    assert "5 May 2026" in mail.outbox[0].body


@pytest.mark.parametrize(
    "change",
    ["draft", "deleted", "no_email", "superseded_by_adopted", "cancelled"],
)
def test_no_digest_for_activities_outside_plans_in_force_or_without_an_address(
    digest_setup, change
):
    plan, person = digest_setup["plan"], digest_setup["person"]
    if change == "draft":
        ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    elif change == "deleted":
        ActionPlan.objects.filter(pk=plan.pk).update(deleted_at=timezone.now())
    elif change == "no_email":
        person.email = ""
        person.save()
    elif change == "superseded_by_adopted":
        adopted_plan(plan.organisation, title="Version 2", previous_version=plan)
    elif change == "cancelled":
        plan.activities.update(status=ActivityStatus.CANCELLED, progress=0)
    assert run().digests == 0
    assert mail.outbox == []


def test_a_failed_send_records_nothing_and_is_tried_again(digest_setup):
    with mock.patch.object(
        reminders, "send_templated_email", side_effect=ConnectionError("smtp down")
    ):
        result = run()
    assert (result.digests, result.failed) == (0, 1)
    assert not ReminderLog.objects.exists()
    assert run().digests == 1


# Deadline notices --------------------------------------------------------------------------------


@pytest.fixture
def deadline_setup():
    """An organisation that decided to sign on 2024-12-01: its plan is due on 2026-12-01."""
    organisation = OrganisationFactory(country="SE", name="Vännäs kommun")
    admins = [
        UserFactory(email="admin.sv@vannas.example", language="sv"),
        UserFactory(email="admin.en@vannas.example", language="en"),
    ]
    for user in admins:
        MembershipFactory(organisation=organisation, user=user, role=Role.ADMIN)
    MembershipFactory(
        organisation=organisation, user=UserFactory(email="editor@vannas.example"), role=Role.EDITOR
    )
    commitment = CommitmentFactory(
        organisation=organisation,
        status=CommitmentStatus.DECIDED,
        decided_on=date(2024, 12, 1),
    )
    return {"organisation": organisation, "commitment": commitment, "deadline": date(2026, 12, 1)}


def on(deadline, days_left):
    return deadline - timedelta(days=days_left)


@pytest.mark.parametrize("days_left", [180, 175, 90, 30, 0, -1])
def test_admins_are_told_at_180_90_and_30_days_and_when_the_deadline_passes(
    deadline_setup, days_left
):
    result = run(on(deadline_setup["deadline"], days_left))
    assert result.deadline_notices == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin.en@vannas.example",
        "admin.sv@vannas.example",
    ]
    english = next(m for m in mail.outbox if m.to == ["admin.en@vannas.example"])
    link = "http://127.0.0.1:8000" + deadline_setup["commitment"].get_absolute_url()
    assert link in english.body and link in html_part(english)
    if days_left > 0:
        assert f"is due in {days_left} days" in english.subject
        assert "1 December 2026" in english.body
    elif days_left == 0:
        assert "is due today" in english.subject
    else:
        assert "has passed" in english.subject
        assert "1 day ago" in english.body
    swedish = next(m for m in mail.outbox if m.to == ["admin.sv@vannas.example"])
    if days_left > 0:
        assert "1 december 2026" in swedish.body


def test_nothing_before_180_days_and_each_stage_only_once(deadline_setup):
    deadline = deadline_setup["deadline"]
    assert run(on(deadline, 181)).deadline_notices == 0
    sent = []
    for days_left in range(180, -3, -1):
        sent.append((days_left, run(on(deadline, days_left)).deadline_notices))
    assert [days for days, count in sent if count] == [180, 90, 30, -1]
    assert all(count == 2 for _days, count in sent if count)
    assert len(mail.outbox) == 8


def test_a_first_run_close_to_the_deadline_sends_only_the_most_urgent_stage(deadline_setup):
    deadline = deadline_setup["deadline"]
    assert run(on(deadline, 20)).deadline_notices == 2
    assert all(
        "is due in 20 days" in message.subject or "om 20 dagar" in message.subject
        for message in mail.outbox
    )
    assert run(on(deadline, 10)).deadline_notices == 0


@pytest.mark.parametrize("change", ["adopted_plan", "withdrawn", "no_dates", "draft_plan_only"])
def test_no_notice_when_a_plan_is_adopted_the_commitment_withdrawn_or_without_dates(
    deadline_setup, change
):
    organisation, commitment = deadline_setup["organisation"], deadline_setup["commitment"]
    if change == "adopted_plan":
        adopted_plan(organisation, kind=PlanKind.CHARTER, adopted_on=date(2026, 3, 1))
    elif change == "withdrawn":
        Commitment.objects.filter(pk=commitment.pk).update(status=CommitmentStatus.WITHDRAWN)
    elif change == "no_dates":
        Commitment.objects.filter(pk=commitment.pk).update(decided_on=None)
    expected = 2 if change == "draft_plan_only" else 0
    if change == "draft_plan_only":
        ActionPlanFactory(organisation=organisation, title="Utkast", kind=PlanKind.CHARTER)
    assert run(on(deadline_setup["deadline"], 30)).deadline_notices == expected


def test_a_corrected_decision_date_starts_the_notices_again(deadline_setup):
    deadline = deadline_setup["deadline"]
    run(on(deadline, 30))
    Commitment.objects.filter(pk=deadline_setup["commitment"].pk).update(
        decided_on=date(2025, 1, 1)
    )
    assert run(on(deadline, 29)).deadline_notices == 2  # now 60 days left: the 90-day stage


@pytest.fixture
def provisional_setup(deadline_setup):
    """The same organisation, only recommended to sign on 2024-12-01: provisionally due 2026-12-01."""
    commitment = deadline_setup["commitment"]
    Commitment.objects.filter(pk=commitment.pk).update(
        status=CommitmentStatus.RECOMMENDED, decided_on=None
    )
    CommitmentStepFactory(
        commitment=commitment, status=CommitmentStatus.RECOMMENDED, date=date(2024, 12, 1)
    )
    return deadline_setup


@pytest.mark.parametrize("days_left", [180, 90, 30, -1])
def test_a_provisional_deadline_gets_the_same_notices_worded_as_provisional(
    provisional_setup, days_left
):
    assert run(on(provisional_setup["deadline"], days_left)).deadline_notices == 2
    english = next(m for m in mail.outbox if m.to == ["admin.en@vannas.example"])
    assert "provisional action-plan deadline" in english.subject
    assert "If the council decides as recommended" in english.body
    assert "provisionally due on 1 December 2026" in english.body
    assert "provisionally due" in html_part(english)
    swedish = next(m for m in mail.outbox if m.to == ["admin.sv@vannas.example"])
    assert "1 december 2026" in swedish.body


def test_the_decision_ends_the_provisional_notices_and_starts_the_firm_ones(provisional_setup):
    deadline = provisional_setup["deadline"]
    run(on(deadline, 90))
    assert (
        all("provisional" in m.subject or "preliminära" in m.subject for m in mail.outbox)
        and len(mail.outbox) == 2
    )
    mail.outbox.clear()
    assert run(on(deadline, 89)).deadline_notices == 0
    Commitment.objects.filter(pk=provisional_setup["commitment"].pk).update(
        status=CommitmentStatus.DECIDED, decided_on=date(2024, 12, 1)
    )
    assert run(on(deadline, 88)).deadline_notices == 2
    assert all(
        "provisional" not in m.subject and "preliminära" not in m.subject for m in mail.outbox
    )


# The daily task, the command and the worker ---------------------------------------------------------


def test_task_sends_the_reminders_and_returns_the_counts(digest_setup):
    result = tasks.send_daily_reminders.enqueue()
    assert result.return_value == {"digests": 1, "deadline_notices": 0, "failed": 0}


def test_two_runs_on_the_same_day_send_once(digest_setup):
    """Two workers may each queue the daily run; only the first of the day sends."""
    first = tasks.send_daily_reminders.call()
    second = tasks.send_daily_reminders.call()
    assert first["digests"] == 1
    assert second == {"skipped": "already sent today"}
    assert len(mail.outbox) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_task_queues_itself_for_the_next_morning_once(digest_setup):
    from django_tasks_db.models import DBTaskResult

    tasks.send_daily_reminders.call()
    tasks.send_daily_reminders.call()
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "equalocal.plans.tasks.send_daily_reminders"
    run_after = timezone.localtime(queued.run_after)
    assert run_after.date() == timezone.localdate() + timedelta(days=1)
    assert (run_after.hour, run_after.minute) == (6, 0)


def test_next_run_is_tomorrow_at_six_local_time():
    now = timezone.make_aware(datetime(2026, 3, 28, 23, 30))
    assert tasks.next_daily_run(now) == timezone.make_aware(datetime(2026, 3, 29, 6, 0))


@override_settings(TASKS=DATABASE_TASKS)
def test_worker_queues_the_daily_task_once_then_runs_the_database_worker():
    from django_tasks_db.models import DBTaskResult

    path = "equalocal.core.management.commands.worker.call_command"
    for _start in range(2):
        with mock.patch(path) as db_worker:
            call_command("worker", stdout=StringIO())
        db_worker.assert_called_once()
        assert db_worker.call_args.args == ("db_worker",)
    assert (
        DBTaskResult.objects.filter(task_path="equalocal.plans.tasks.send_daily_reminders").count()
        == 1
    )


def test_send_reminders_command_reports_what_it_sent(digest_setup):
    out = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert "Reminders sent: 1 digests, 0 deadline notices." in out.getvalue()
    out = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=out)
    assert "Reminders sent: 0 digests, 0 deadline notices." in out.getvalue()
