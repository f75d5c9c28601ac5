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
