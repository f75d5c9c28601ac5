"""A cancellation and a worker's claim in the same instant: the document stays cancelled.

Two threads, each with its own database connection, race many times: one claims the
document as a worker does and moves it to its first stage, the other cancels it from the
page. Whoever wins, a cancelled document is never taken back to work, and a claimed one
is stopped at its next step.
"""

from __future__ import annotations

import threading
import time
from functools import partial

import pytest
from django.db import OperationalError, connection

from equalocal.documents.models import Document, Stage
from equalocal.documents.services import pipeline
from tests.factories import DocumentFactory

ROUNDS = 25


def _in_thread(target, barrier, results, key):
    def run():
        try:
            barrier.wait(timeout=10)
            results[key] = target()
        except Exception as error:  # surfaced by the test below
            results[key] = error
        finally:
            connection.close()

    return threading.Thread(target=run)


def _retried(step):
    """Run one statement again while SQLite's shared in-memory test database answers "table
    is locked" (it ignores the busy timeout a file database honours); the statement did not
    run, so running it again is safe. PostgreSQL never needs this."""
    for _ in range(200):
        try:
            return step()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.005)
    return step()


def _work(document_id: int):
    """What a worker does first: claim the document, then enter its first stage."""
    if not _retried(lambda: pipeline._claim(document_id)):
        return "not claimed"
    run = pipeline._Run(_retried(lambda: Document.objects.get(pk=document_id)))
    try:
        _retried(lambda: run.stage(Stage.READING))
    except pipeline.Cancelled:
        Document.objects.filter(pk=document_id).update(
            stage=Stage.CANCELLED, cancel_requested=False, heartbeat_at=None
        )
        return "stopped"
    return "running"


@pytest.mark.django_db(transaction=True)
def test_a_document_cancelled_while_a_worker_claims_it_stays_cancelled():
    outcomes = set()
    for _ in range(ROUNDS):
        document = DocumentFactory(stage=Stage.QUEUED, heartbeat_at=None)
        stale_copy = Document.objects.get(pk=document.pk)  # what the page had loaded
        barrier = threading.Barrier(2)
        results: dict = {}
        threads = [
            _in_thread(partial(_work, document.pk), barrier, results, "worker"),
            _in_thread(
                partial(_retried, partial(pipeline.document_cancel, document=stale_copy, by=None)),
                barrier,
                results,
                "cancel",
            ),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not isinstance(results["worker"], Exception), results["worker"]
        assert not isinstance(results["cancel"], Exception), results["cancel"]
        document.refresh_from_db()
        if results["worker"] == "running":
            # The worker came first: the cancellation is waiting for its next step.
            assert document.cancel_requested
            with pytest.raises(pipeline.Cancelled):
                pipeline._Run(document).stage(Stage.OCR)
        else:
            assert document.stage == Stage.CANCELLED
        outcomes.add(results["worker"])
    assert outcomes <= {"running", "stopped", "not claimed"}


@pytest.mark.django_db
def test_a_worker_never_moves_a_cancelled_document_to_its_next_stage():
    document = DocumentFactory(stage=Stage.QUEUED, heartbeat_at=None)
    assert pipeline._claim(document.pk)
    run = pipeline._Run(Document.objects.get(pk=document.pk))
    # The cancellation lands between the claim and the first stage (the old race).
    Document.objects.filter(pk=document.pk).update(stage=Stage.CANCELLED)
    with pytest.raises(pipeline.Cancelled):
        run.stage(Stage.READING)
    document.refresh_from_db()
    assert document.stage == Stage.CANCELLED
