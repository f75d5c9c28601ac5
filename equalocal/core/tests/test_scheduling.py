"""Periodic tasks run exactly once per period, however many workers queue them."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from equalocal.core.models import PeriodicRun
from equalocal.core.scheduling import claim_period, hour_period, minutes_period


@pytest.mark.django_db
def test_a_period_is_claimed_once_and_the_next_one_again():
    assert claim_period("reminders", "2026-12-05") is True
    assert claim_period("reminders", "2026-12-05") is False
    assert claim_period("cleanup", "2026-12-05") is True
    assert claim_period("reminders", "2026-12-06") is True


@pytest.mark.django_db
def test_runs_older_than_a_month_are_forgotten():
    old = PeriodicRun.objects.create(name="reminders", period="2026-10-01")
    PeriodicRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=40))
    claim_period("reminders", "2026-12-05")
    assert not PeriodicRun.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_workers_claiming_at_the_same_moment_get_one_run():
    """Six threads, each with its own database connection, claim the same period together."""
    start = threading.Barrier(6)
    results = []

    def worker():
        try:
            start.wait()
            # The test database on SQLite is in memory with a shared cache, which answers
            # "table is locked" at once instead of waiting as a file database does: retry.
            for _attempt in range(200):
                try:
                    results.append(claim_period("reminders", "2026-12-05"))
                    return
                except OperationalError:
                    time.sleep(0.01)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 5 + [True]
    assert PeriodicRun.objects.filter(name="reminders").count() == 1


def test_period_keys():
    moment = datetime(2026, 12, 5, 6, 59, tzinfo=UTC)
    assert hour_period(moment) == "2026-12-05T06"
    assert hour_period(moment + timedelta(minutes=1)) == "2026-12-05T07"
    assert minutes_period(moment, 10) == minutes_period(moment - timedelta(minutes=8), 10)
    assert minutes_period(moment, 10) != minutes_period(moment + timedelta(minutes=2), 10)
