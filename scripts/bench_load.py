#!/usr/bin/env python3
"""The load benchmark (``make bench-load``; ``make bench-load-smoke`` for CI).

For each database (SQLite, PostgreSQL) it

1. makes a database of its own under ``var/bench-load/`` (PostgreSQL: ``equalocal_bench_load``),
   migrates it and fills it: with ``equalocal scale-data`` (national scale) when the command
   exists, else with the demo data plus a showcase object of each size the benchmark asks
   for (a plan of 200 activities, a network of 500 members, a scorecard of 20 × 50, 2,000
   signatories, 50 reports): ``equalocal load_setup --build-missing``;
2. serves it with gunicorn as in production (production settings, WhiteNoise, DEBUG off,
   ``--workers 3``) on loopback;
3. runs locust headless (one process) at each number of users, each run bounded by a time
   and a number of requests, every user picking the pages at random, the trivial page among
   them (scripts/bench/locustfile.py);
4. prints p50, p95 and p99, requests per second and errors per page, and each p95 as a
   multiple of the trivial page's p95 in the same run, and stops the server.

It writes every figure to ``bench-load-results.json`` and the table as Markdown to
``var/bench-load/table.md`` (the table in docs/performance.md comes from there). It exits 1
when a page answered anything but 200 (``--fail-on-errors``, set by the smoke run) or could
not be set up.

The full run builds the national-scale data once per database and keeps it: run again with
``--reuse`` to measure without rebuilding.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
WORK = ROOT / "var" / "bench-load"
LOCUSTFILE = ROOT / "scripts" / "bench" / "locustfile.py"
POSTGRES_URL = os.environ.get(
    "LOAD_POSTGRES_URL", "postgres://postgres:postgres@127.0.0.1:5432/equalocal_bench_load"
)
# National scale, as the issue sets it (scale-data's own defaults may differ).
SCALE = ["--seed", "1", "--orgs", "2000", "--activities", "100000"]
SCALE += ["--measurements", "2000000", "--documents", "100000"]
# The smoke run keeps its databases apart from the full run's (which takes long to fill).
SUFFIX = {"value": ""}


def _folder(database: str) -> Path:
    return WORK / f"{database}{SUFFIX['value']}"


def _postgres_url() -> str:
    return POSTGRES_URL + SUFFIX["value"].replace("-", "_")


# The targets at 25 users on PostgreSQL.
TARGET_RATIO = 5.0
TARGET_P95_MS = 300.0


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    SUFFIX["value"] = "-smoke" if args.smoke else ""
    WORK.mkdir(parents=True, exist_ok=True)
    env = _environment()
    _collectstatic(env)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "machine": {"cpus": os.cpu_count()},
        "settings": {
            "gunicorn_workers": args.workers,
            "users": args.users,
            "seconds": args.seconds,
            "max_requests": args.max_requests,
            "think_seconds": args.think,
        },
        "runs": [],
    }
    failed = False
    for database in args.databases:
        db_env = {**env, **_database_environment(database)}
        data = _prepare(database, db_env, args)
        pages_file = _folder(database) / "pages.json"
        _run([BIN / "equalocal", "load_setup", pages_file, "--build-missing"], db_env)
        pages = json.loads(pages_file.read_text(encoding="utf-8"))["pages"]
        server = _serve(db_env, args, database)
        try:
            _warm_up(args.port, pages, workers=args.workers)
            for users in args.users:
                results = _measure(args, pages_file, users, database)
                run = _summarise(results, pages, database=database, users=users, data=data)
                report["runs"].append(run)
                _print_run(run)
                failed = failed or any(page["errors"] for page in run["pages"])
        except SetupError as error:
            print(f"bench-load: {error}", file=sys.stderr)
            failed = True
        finally:
            _stop(server)
    output = Path(args.output)
    output.write_text(json.dumps(report, indent=2), encoding="utf-8")
    table = WORK / ("smoke-table.md" if args.smoke else "table.md")
    table.write_text(_markdown(report), encoding="utf-8")
    print(f"Wrote {output} and {table}")
    if failed and args.fail_on_errors:
        print("bench-load: some pages answered with errors (see the table)", file=sys.stderr)
        return 1
    return 0


class SetupError(Exception):
    pass


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="20 s on SQLite at 10 users, demo data; fails on any error",
    )
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--users", default="10,25,50", help="comma-separated user counts")
    parser.add_argument("--seconds", type=int, default=60, help="length of each run")
    parser.add_argument("--max-requests", type=int, default=20000, help="bound on each run")
    parser.add_argument("--think", default="0.5-1.5", help="seconds a user waits between pages")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", "8765")))
    parser.add_argument(
        "--data",
        choices=["auto", "scale", "demo"],
        default="auto",
        help="scale: equalocal scale-data; demo: demo + showcase objects; auto: scale when it exists",
    )
    parser.add_argument("--reuse", action="store_true", help="keep a database filled before")
    parser.add_argument("--fail-on-errors", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "bench-load-results.json"))
    args = parser.parse_args(argv)
    if args.smoke:
        args.databases, args.users, args.seconds = "sqlite", "10", 20
        args.data, args.fail_on_errors = "demo", True
        args.max_requests = min(args.max_requests, 5000)
        args.output = str(WORK / "smoke-results.json")
    args.databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    args.users = [int(n) for n in args.users.split(",")]
    for name in args.databases:
        if name not in ("sqlite", "postgresql"):
            parser.error(f"unknown database {name!r}: sqlite or postgresql")
    return args


def _environment() -> dict[str, str]:
    """Production settings on plain HTTP on loopback: no redirect to HTTPS, nothing else
    loosened."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="equalocal.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(WORK / "static"),
        LOG_LEVEL="WARNING",
        OMP_THREAD_LIMIT="1",
    )
    return env


def _database_environment(database: str) -> dict[str, str]:
    folder = _folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'equalocal.sqlite3'}" if database == "sqlite" else _postgres_url()
    return {"DATABASE_URL": url, "EQUALOCAL_VAR_DIR": str(folder)}


def _collectstatic(env):
    _run([BIN / "equalocal", "collectstatic", "--no-input", "-v0"], env)


def _scale_command(env) -> str | None:
    """The name of the scale-data command in this checkout, or None."""
    for name in ("scale-data", "scale_data"):
        result = subprocess.run(
            [BIN / "equalocal", "help", name], env=env, capture_output=True, check=False
        )
        if result.returncode == 0:
            return name
    return None


def _prepare(database: str, env, args) -> str:
    """Make and fill the database (or keep the one filled before, with ``--reuse``); return
    which data it holds."""
    marker = _folder(database) / "filled-with"
    if args.reuse and marker.exists():
        kept = marker.read_text().strip()
        print(f"== {database}: reusing the {kept} data built before", file=sys.stderr)
        _run([BIN / "equalocal", "migrate", "--no-input", "-v0"], env)
        return kept
    command = _scale_command(env) if args.data != "demo" else None
    if args.data == "scale" and command is None:
        raise SystemExit("bench-load: `equalocal scale-data` does not exist in this checkout")
    scale = command is not None
    data = "scale" if scale else "demo"
    if args.data == "auto" and not scale:
        print(
            "bench-load: `equalocal scale-data` is not here yet; measuring the demo data with "
            "a showcase object of each size instead (not national scale).",
            file=sys.stderr,
        )
    print(f"== {database}: a fresh database with the {data} data", file=sys.stderr)
    marker.unlink(missing_ok=True)
    _fresh_database(database, env)
    _run([BIN / "equalocal", "migrate", "--no-input", "-v0"], env)
    started = time.perf_counter()
    if scale:
        _run([BIN / "equalocal", command, *SCALE], env)
    else:
        _run([BIN / "equalocal", "demo"], env, quiet=True)
    print(f"   filled in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if database == "postgresql":
        import psycopg

        with psycopg.connect(_postgres_url(), autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    marker.write_text(data)
    return data


def _fresh_database(database: str, env):
    if database == "sqlite":
        folder = _folder("sqlite")
        for path in folder.glob("equalocal.sqlite3*"):
            path.unlink()
        shutil.rmtree(folder / "media", ignore_errors=True)
        return
    import psycopg

    name = _postgres_url().rsplit("/", 1)[1]
    admin = _postgres_url().rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    shutil.rmtree(_folder("postgresql") / "media", ignore_errors=True)


def _serve(env, args, database):
    log = open(_folder(database) / "gunicorn.log", "w")  # noqa: SIM115 - closed with the server
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "equalocal.config.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--backlog",
            "256",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server.log = log
    print(
        f"   gunicorn pid {server.pid}, {args.workers} workers, port {args.port}", file=sys.stderr
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"bench-load: gunicorn stopped; see {log.name}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/accessibility/", timeout=5)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    _stop(server)
    raise SystemExit("bench-load: gunicorn did not answer within 60 s")


def _stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    server.log.close()


def _warm_up(port, pages, *, workers: int):
    """Every page several times at once per worker, so that each worker serves it at least
    once before the measurement (the first request after a change renders what the cache
    keeps: its time is the cost of a miss, not of a page read again). A page that does not
    answer 200 stops the benchmark with its name."""

    def fetch(page):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{page['path']}", headers=page["headers"]
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for page in pages:
            for status in pool.map(fetch, [page] * (3 * workers)):
                if status != 200:
                    raise SetupError(f"{page['name']} ({page['path']}) answered {status}")


def _measure(args, pages_file, users, database) -> dict:
    results_file = _folder(database) / f"results-{users}.json"
    results_file.unlink(missing_ok=True)
    env = {
        **os.environ,
        "LOAD_PAGES": str(pages_file),
        "LOAD_RESULTS": str(results_file),
        "LOAD_MAX_REQUESTS": str(args.max_requests),
        "LOAD_THINK": args.think,
    }
    print(f"   {users} users, {args.seconds} s …", file=sys.stderr)
    log = _folder(database) / f"locust-{users}.log"
    with open(log, "w") as output:
        result = subprocess.run(
            [
                BIN / "locust",
                "-f",
                LOCUSTFILE,
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{args.seconds}s",
                "--stop-timeout",
                "10",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "0",
            ],
            env=env,
            cwd=ROOT,
            check=False,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    if result.returncode != 0 or not results_file.exists():
        raise SetupError(f"locust failed at {users} users; see {log}")
    return json.loads(results_file.read_text(encoding="utf-8"))


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile by linear interpolation between the closest ranks."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def _summarise(results, pages, *, database, users, data) -> dict:
    seconds = results["seconds"] or 1.0
    rows = []
    for page in pages:
        found = results["pages"].get(page["name"], {"times_ms": [], "errors": {}})
        times = found["times_ms"]
        rows.append(
            {
                "name": page["name"],
                "size": page["size"],
                "floor": page["floor"],
                "requests": len(times),
                "p50": _percentile(times, 50) if times else None,
                "p95": _percentile(times, 95) if times else None,
                "p99": _percentile(times, 99) if times else None,
                "per_second": len(times) / seconds,
                "errors": sum(found["errors"].values()),
                "error_kinds": found["errors"],
            }
        )
    floor = next((row for row in rows if row["floor"]), None)
    for row in rows:
        for key in ("p50", "p95", "p99"):
            base = floor and floor[key]
            row[f"{key}_ratio"] = row[key] / base if base and row[key] is not None else None
    return {
        "database": database,
        "users": users,
        "data": data,
        "seconds": round(seconds, 1),
        "requests": sum(row["requests"] for row in rows),
        "pages": rows,
    }


def _verdict(row, run) -> str:
    if row["floor"]:
        return "floor"
    if row["errors"]:
        return "errors"
    if row["p95"] is None:
        return "no requests"
    misses = []
    if row["p95_ratio"] is not None and row["p95_ratio"] > TARGET_RATIO:
        misses.append(f"> {TARGET_RATIO:g}×")
    if row["p95"] > TARGET_P95_MS:
        misses.append(f"> {TARGET_P95_MS:g} ms")
    return ", ".join(misses) or "ok"


def _fmt(value, digits=0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _table_rows(run):
    for row in run["pages"]:
        yield [
            row["name"],
            row["size"],
            _fmt(row["p50"]),
            _fmt(row["p95"]),
            _fmt(row["p99"]),
            _fmt(row["per_second"], 1),
            str(row["errors"]),
            _fmt(row["p50_ratio"], 1),
            _fmt(row["p95_ratio"], 1),
            _fmt(row["p99_ratio"], 1),
            _verdict(row, run),
        ]


HEADERS = ["page", "size", "p50 ms", "p95 ms", "p99 ms", "req/s", "errors"]
HEADERS += ["p50 ×", "p95 ×", "p99 ×", "target"]


def _print_run(run):
    print(
        f"\n{run['database']}, {run['users']} users, {run['data']} data: "
        f"{run['requests']} requests in {run['seconds']} s "
        f"({run['requests'] / run['seconds']:.1f}/s); × is the trivial page's figure"
    )
    rows = [HEADERS, *_table_rows(run)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if n == 0:
            print("  ".join("-" * width for width in widths))


def _markdown(report) -> str:
    lines = []
    for run in report["runs"]:
        lines.append(
            f"**{run['database']}, {run['users']} users** ({run['data']} data; "
            f"{run['requests']} requests in {run['seconds']} s)\n"
        )
        lines.append("| " + " | ".join(HEADERS) + " |")
        lines.append("|" + "|".join("---" for _ in HEADERS) + "|")
        for row in _table_rows(run):
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        lines.append("")
    return "\n".join(lines)


def _run(command, env, *, quiet=False):
    result = subprocess.run(
        [str(part) for part in command],
        env=env,
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench-load: {' '.join(map(str, command[:3]))} … failed")


def _git(*args) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
