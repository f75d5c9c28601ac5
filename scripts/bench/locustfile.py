"""The simulated users of the load benchmark (``make bench-load``; run by scripts/bench_load.py).

Each user requests a page picked at random from the set-up's list (``equalocal load_setup``),
the trivial page among them, waits a moment as a person reading would, and picks again. A
page must answer 200 (redirects are not followed: a signed-in page that sends to the sign-in
page is an error). Every response time is kept, not locust's rounded buckets, and written as
JSON when the run stops; the run stops at its time limit or after LOAD_MAX_REQUESTS requests.

Environment: LOAD_PAGES (the set-up's JSON), LOAD_RESULTS (where to write), LOAD_MAX_REQUESTS
(0: no limit), LOAD_THINK ("0.5-1.5": seconds between a user's requests, uniformly).
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter, defaultdict
from pathlib import Path

import gevent
from locust import FastHttpUser, between, events, task

PAGES = json.loads(Path(os.environ["LOAD_PAGES"]).read_text(encoding="utf-8"))["pages"]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
THINK = [float(part) for part in os.environ.get("LOAD_THINK", "0.5-1.5").split("-")]

times: dict[str, list[float]] = defaultdict(list)
errors: dict[str, Counter] = defaultdict(Counter)
clock = {"first": None, "last": None}
stopping = []


@events.request.add_listener
def _keep(name, response_time, exception, start_time, **_kwargs):
    times[name].append(response_time)
    if exception is not None:
        errors[name][str(exception)[:120]] += 1
    end = start_time + response_time / 1000
    clock["first"] = start_time if clock["first"] is None else min(clock["first"], start_time)
    clock["last"] = end if clock["last"] is None else max(clock["last"], end)


@events.test_stop.add_listener
def _write(**_kwargs):
    results = {
        "seconds": (clock["last"] - clock["first"]) if clock["first"] else 0.0,
        "pages": {
            name: {"times_ms": values, "errors": dict(errors[name])}
            for name, values in times.items()
        },
    }
    Path(os.environ["LOAD_RESULTS"]).write_text(json.dumps(results), encoding="utf-8")


class Visitor(FastHttpUser):
    wait_time = between(THINK[0], THINK[-1])

    @task
    def page(self):
        page = random.choice(PAGES)  # noqa: S311 - a random walk, not a secret
        with self.client.get(
            page["path"],
            headers=page["headers"],
            name=page["name"],
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                where = response.headers.get("Location", "")
                response.failure(f"HTTP {response.status_code} {where}".strip())
        done = sum(len(values) for values in times.values())
        if MAX_REQUESTS and done >= MAX_REQUESTS and not stopping:
            stopping.append(done)
            gevent.spawn(self.environment.runner.quit)
