"""Several real worker processes on one database: each job is taken once, periodic tasks
run once per period, and a killed worker's report is taken over.

The workers are ``equalocal worker`` processes (``tests/workers.py``): on PostgreSQL they
claim jobs with ``SELECT … FOR UPDATE SKIP LOCKED``, on SQLite with an exclusive
transaction, one claim at a time. Both databases run every test here.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import datetime

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")

REPORT_FILES = {"json", "pdf", "docx"}


def _moment(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def test_two_workers_share_the_queue_and_take_each_job_once(worker_lab, tmp_path):
    first, second = worker_lab.start("first"), worker_lab.start("second")
    worker_lab.wait_started(first)
    worker_lab.wait_started(second)

    reports = worker_lab.script("reports", "4")["reports"]
    documents = worker_lab.script("documents", "2", str(tmp_path))["documents"]

    def all_done():
        states = worker_lab.rows("SELECT state FROM reports_report")
        stages = worker_lab.rows("SELECT stage FROM documents_document")
        return {s for (s,) in states} == {"ready"} and {s for (s,) in stages} == {"review"}

    worker_lab.wait_for(all_done, timeout=400, every=0.5)

    jobs = worker_lab.tasks("generate_report") + worker_lab.tasks("process_document")
    assert len(jobs) == len(reports) + len(documents)
    # One claim each: a job taken twice would carry two worker ids.
    assert all(job["status"] == "SUCCESSFUL" for job in jobs)
    assert all(len(job["worker_ids"]) == 1 for job in jobs)
    per_report = Counter(
        job["args_kwargs"]["args"][0] for job in worker_lab.tasks("generate_report")
    )
    assert per_report == Counter(reports)
    taken = Counter(job["worker_ids"][0] for job in jobs)
    assert set(taken) == {"first", "second"}, taken
    # Each report's folder holds its three files, made once.
    for report_id in reports:
        files = worker_lab.files(f"reports/{report_id}")
        assert sorted(name.rsplit(".", 1)[1] for name in files) == sorted(REPORT_FILES)
    if worker_lab.vendor == "postgresql":
        # Jobs of the two workers ran at the same time.
        spans = {
            name: [
                (_moment(job["started_at"]), _moment(job["finished_at"]))
                for job in jobs
                if job["worker_ids"][0] == name
            ]
            for name in taken
        }
        assert any(
            a_start < b_end and b_start < a_end
            for a_start, a_end in spans["first"]
            for b_start, b_end in spans["second"]
        )


def test_a_report_whose_worker_is_killed_is_taken_over_by_another_worker(worker_lab):
    worker_lab.extra_env["REPORTS_STALE_AFTER_SECONDS"] = "3"
    doomed = worker_lab.start("doomed")
    worker_lab.wait_started(doomed)

    def state(report_id):
        return worker_lab.rows(
            "SELECT state, stage, snapshot_file, pdf_file, docx_file FROM reports_report "
            "WHERE id = %s",
            (report_id,),
        )[0]

    # Freeze the worker mid-report (reading the data or laying out the PDF), then kill it.
    # A small report may finish between the look and the freeze; then try another one.
    for _attempt in range(5):
        stored_before = set(worker_lab.files("reports"))
        (report_id,) = worker_lab.script("reports", "1")["reports"]
        worker_lab.wait_for(
            lambda report_id=report_id: state(report_id)[0] != "queued", timeout=180, every=0.005
        )
        doomed.pause()
        if state(report_id)[0] == "running" and set(worker_lab.files("reports")) == stored_before:
            break
        doomed.resume()
    doomed.kill()
    killed_at = state(report_id)
    assert killed_at[0] == "running", killed_at
    # Nothing of the killed run is stored.
    assert killed_at[2:] == ("", "", "")
    assert set(worker_lab.files("reports")) == stored_before

    survivor = worker_lab.start("survivor")
    # Ready, and the queue has recorded the run's end (a moment after the report's commit).
    worker_lab.wait_for(
        lambda: (
            state(report_id)[0] == "ready"
            and any(
                run["status"] == "SUCCESSFUL" and run["worker_ids"] == ["survivor"]
                for run in worker_lab.tasks("generate_report")
            )
        ),
        timeout=180,
        every=0.2,
    )

    _state, _stage, snapshot, pdf, docx = state(report_id)
    assert set(worker_lab.files("reports")) - stored_before == {snapshot, pdf, docx}
    runs = [
        run
        for run in worker_lab.tasks("generate_report")
        if run["args_kwargs"]["args"] == [report_id]
    ]
    # The killed run stays marked running in the queue; the report's own state moved on.
    assert sorted((run["status"], tuple(run["worker_ids"])) for run in runs) == [
        ("RUNNING", ("doomed",)),
        ("SUCCESSFUL", ("survivor",)),
    ]
    assert (
        worker_lab.rows(
            "SELECT count(*) FROM core_periodicrun WHERE name = 'reports.requeue_stale_reports'"
        )[0][0]
        >= 1
    )
    assert survivor.process.poll() is None


def test_periodic_tasks_run_once_per_period_however_many_workers_queue_them(worker_lab):
    # Four starting workers may each queue today's reminders before any has run.
    worker_lab.script("enqueue", "equalocal.plans.tasks.send_daily_reminders", "4")
    worker_lab.script("enqueue", "equalocal.indicators.tasks.discard_import_previews", "4")
    worker_lab.script("enqueue", "equalocal.exchange.tasks.discard_import_previews", "4")
    for name in ("first", "second"):
        worker_lab.start(name)

    def finished(suffix):
        return [run for run in worker_lab.tasks(suffix) if run["status"] == "SUCCESSFUL"]

    worker_lab.wait_for(
        lambda: (
            len(finished("send_daily_reminders")) == 4
            and len(finished("discard_import_previews")) == 8
        ),
        timeout=180,
        every=0.2,
    )
    runs = finished("send_daily_reminders")
    skipped = [run for run in runs if run["return_value"] == {"skipped": "already sent today"}]
    assert len(skipped) == 3
    claims = Counter(name for (name,) in worker_lab.rows("SELECT name FROM core_periodicrun"))
    assert claims["plans.send_daily_reminders"] == 1
    # An hour's slot: a run that crosses the hour claims the next one, never the same twice.
    assert 1 <= claims["indicators.discard_import_previews"] <= 2
    assert 1 <= claims["exchange.discard_import_previews"] <= 2
    # Each run queued the next one (once, later): one waiting run per periodic task.
    waiting = Counter(
        path.rsplit(".", 1)[1]
        for (path,) in worker_lab.rows(
            "SELECT task_path FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
        )
    )
    assert waiting["send_daily_reminders"] == 1


def test_an_import_killed_mid_write_leaves_nothing_and_runs_again_to_the_end(worker_lab, tmp_path):
    kolada = worker_lab.script("kolada", "100", str(tmp_path))

    importer = worker_lab.start("import", "kolada", "import", kolada["file"])
    worker_lab.wait_for(worker_lab.writing, timeout=180, every=0.01)
    importer.kill()

    def counts():
        return worker_lab.rows(
            "SELECT (SELECT count(*) FROM indicators_measurement), "
            "(SELECT count(*) FROM indicators_importbatch)"
        )[0]

    assert counts() == (0, 0)
    again = worker_lab.start("again", "kolada", "import", kolada["file"])
    assert again.process.wait(timeout=300) == 0, again.output()
    assert counts() == (kolada["rows"], 1)
    assert f"{kolada['rows']} added" in again.output()


def test_an_import_whose_worker_is_killed_mid_write_is_taken_over_by_another_worker(
    worker_lab, tmp_path
):
    worker_lab.extra_env["IMPORTS_STALE_AFTER_SECONDS"] = "3"
    doomed = worker_lab.start("doomed")
    worker_lab.wait_started(doomed)
    queued = worker_lab.script("imports", "100", str(tmp_path))
    batch_id = queued["batch"]

    def batch():
        return worker_lab.rows(
            "SELECT status, attempt, rows_created, file FROM indicators_importbatch WHERE id = %s",
            (batch_id,),
        )[0]

    def measurements():
        return worker_lab.rows("SELECT count(*) FROM indicators_measurement")[0][0]

    # Freeze the worker while it writes the figures, look, then kill it.
    worker_lab.wait_for(
        lambda: batch()[0] == "running" and worker_lab.writing("indicators_measurement"),
        timeout=300,
        every=0.01,
    )
    doomed.pause()
    assert batch()[:2] == ("running", 1)
    doomed.kill()
    # Nothing of the killed run is written; the file is kept for the next run.
    assert measurements() == 0
    assert batch()[:2] == ("running", 1)
    assert batch()[3] == queued["file"]

    survivor = worker_lab.start("survivor")
    # Done, and the queue has recorded the run's end (a moment after the batch's commit).
    worker_lab.wait_for(
        lambda: (
            batch()[0] == "done"
            and any(
                run["status"] == "SUCCESSFUL" and run["worker_ids"] == ["survivor"]
                for run in worker_lab.tasks("run_import")
            )
        ),
        timeout=300,
        every=0.2,
    )

    _status, attempt, created, file = batch()
    assert (attempt, created, file) == (2, queued["rows"], "")
    assert measurements() == queued["rows"]
    runs = [
        run for run in worker_lab.tasks("run_import") if run["args_kwargs"]["args"] == [batch_id]
    ]
    statuses = sorted((run["status"], tuple(run["worker_ids"])) for run in runs)
    # The killed run stays marked running in the queue; the batch itself moved on.
    assert statuses[0] == ("RUNNING", ("doomed",))
    assert ("SUCCESSFUL", ("survivor",)) in statuses
    assert survivor.process.poll() is None
