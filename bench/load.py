"""Load test of the production stack (`make load`): Locust's visitors against gunicorn behind Varnish.

Prepares a database of its own (the demo network; SQLite at bench/data/load.sqlite3 unless --database-url),
makes the load's focal point accounts (bench/load/prepare.py), starts the stack of `make serve` on free ports
(deploy/stack.py: production settings, gunicorn with config/gunicorn.py, the task worker, Varnish), with
one switch for the run only: LOAD_TEST_NO_RATE_LIMITS=true (every visitor comes from 127.0.0.1, so the
join, message and reset limits would refuse the load's writes; the setting is honoured only when the
allowed hosts are this machine's). Counts the rows the writes leave, runs Locust headless
(bench/load/locustfile.py), counts again and prints requests per second, p50/p95/p99, failures by kind,
server errors (5xx) apart, and writes expected (Locust's successful posts) against found (new rows).

    .venv/bin/python bench/load.py --find-peak                 # step users up until req/s stops growing
    .venv/bin/python bench/load.py --percent 80 --time 10m     # 80 % of the peak users found last
    .venv/bin/python bench/load.py --users 50 --time 2m

The peak found is kept in bench/data/load-peak.json; --percent finds one first when there is none.
Locust runs on the same machine as the stack and takes CPU from it: the figures include the CPU time
each side used.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# As in http_bench.py: this folder off the path (its files must not stand in for others), the repository on it.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.http_bench import CLOCK_TICKS, cpu_seconds, tree  # noqa: E402
from deploy.stack import PYTHON, Stack, _stop_with_parent, free_port, prepare, production_env  # noqa: E402

LOAD_DIR = ROOT / "bench" / "load"
DATA = ROOT / "bench" / "data"
PEAK_FILE = DATA / "load-peak.json"
LOCUST = ROOT / ".venv" / "bin" / "locust"
FOCAL_SHARE = 2 / 20  # FocalPoint.weight over the weights' sum (locustfile.py)


class LoggedStack(Stack):
    """The stack with each process's output in a file of the work folder (a server error's traceback is
    there), not on the console and not lost."""

    def _spawn(self, name, command, **extra_env):
        env = {**self.env, **extra_env}
        if self.proxy_port:
            env.setdefault("FRONTEND_CACHE_URL", self.proxy_url)
        log = open(self.workdir.parent / f"{name}.log", "ab")  # noqa: SIM115 - open as long as the process
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_stop_with_parent
        )
        self.processes[name] = process
        return process


def cpu_with_ended(pid: int) -> float:
    """CPU seconds of `pid`'s processes, those that ended included (gunicorn replaces a worker after
    GUNICORN_MAX_REQUESTS: its time is in the master's cutime/cstime once reaped)."""
    total = 0
    for each in tree(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / CLOCK_TICKS


def seconds(text: str) -> int:
    """Locust's run time: 90, 90s, 10m, 1h30m."""
    if text.isdigit():
        return int(text)
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text)
    if not parts or not any(parts.groups()):
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 600, 10m, 1h)")
    hours, minutes, secs = (int(value or 0) for value in parts.groups())
    return hours * 3600 + minutes * 60 + secs


def django(env: dict, *args: str) -> str:
    """bench/load/prepare.py with the stack's settings; its output."""
    result = subprocess.run(
        [str(PYTHON), str(LOAD_DIR / "prepare.py"), *args],
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"bench/load/prepare.py {args[0]} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip()


# --- one Locust run --------------------------------------------------------------------------------------


def run_locust(*, host: str, users: int, duration: int, workdir: Path, env: dict, tag: str, reset: bool) -> dict:
    prefix = workdir / tag
    report = workdir / f"{tag}-report.json"
    command = [
        str(LOCUST),
        "-f",
        str(LOAD_DIR / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(users),
        "-r",
        str(max(2, math.ceil(users / 10))),  # all users in about 10 s
        "-t",
        f"{duration}s",
        "--stop-timeout",
        "30s",  # users finish what they are doing: a write under way is counted
        "--csv",
        str(prefix),
        "--only-summary",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "WARNING",
    ]
    if reset:
        command.append("--reset-stats")  # figures from the moment every user is running
    locust_env = {**os.environ, "LOAD_REPORT": str(report), **env}
    started = time.monotonic()
    with open(workdir / f"{tag}-locust.log", "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
        locust_cpu = 0.0
        while process.poll() is None:
            locust_cpu = max(locust_cpu, cpu_seconds(tree(process.pid)))
            time.sleep(1)
    if process.returncode:
        raise SystemExit(f"Locust failed ({process.returncode}); its log: {workdir / f'{tag}-locust.log'}")
    result = read_stats(prefix)
    result.update(json.loads(report.read_text()) if report.exists() else {})
    result["users"], result["wall"], result["locust_cpu"] = users, time.monotonic() - started, locust_cpu
    return result


def _number(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def read_stats(prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    by_name = {}
    total = {}
    for row in rows:
        figures = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": _number(row["Requests/s"]),
            "p50": _number(row["50%"]),
            "p95": _number(row["95%"]),
            "p99": _number(row["99%"]),
        }
        if row["Name"] == "Aggregated":
            total = figures
        else:
            by_name[f"{row['Type']} {row['Name']}"] = figures
    failures = [
        (row["Method"], row["Name"], row["Error"], int(row["Occurrences"]))
        for row in csv.DictReader(open(f"{prefix}_failures.csv"))
    ]
    return {"total": total, "by_name": by_name, "failures": failures}


# --- the two modes ---------------------------------------------------------------------------------------


def find_peak(*, host, workdir, env, step_time, p95_bound, start, max_users) -> dict:
    """Users doubled step by step until req/s grows by less than 5 %, p95 passes the bound or requests fail."""
    print(f"Finding the peak: {step_time} s per step, p95 bound {p95_bound} ms.", flush=True)

    def step(users: int) -> tuple[dict, bool]:
        result = run_locust(
            host=host, users=users, duration=step_time, workdir=workdir, env=env, tag=f"peak-{users}", reset=True
        )
        total = result["total"]
        failed = total["failures"] / max(1, total["requests"])
        print(
            f"  {users:5d} users: {total['rps']:7.1f} req/s  p50 {total['p50']:6.0f} ms  p95 {total['p95']:6.0f} ms  "
            f"p99 {total['p99']:6.0f} ms  failures {total['failures']} ({failed:.1%})  "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        return result, total["p95"] <= p95_bound and failed < 0.01

    steps, users = [], start
    while users <= max_users:
        result, within = step(users)
        best = max((done["total"]["rps"] for done in steps), default=0)
        if within:
            steps.append(result)
        if not within or result["total"]["rps"] < best * 1.05:
            break
        users *= 2
    if steps and not within and users // 2 == steps[-1]["users"] and users // 2 >= 4:
        # The bound was passed between the last two steps: one step halfway narrows the peak down.
        result, within = step(users * 3 // 4)
        if within:
            steps.append(result)
    if not steps:
        raise SystemExit(f"Even {start} users pass the p95 bound or fail: no peak within the bound.")
    peak = max(steps, key=lambda step: step["total"]["rps"])
    # What one user asks for while the site keeps up (the first steps, below the knee): a share of the
    # peak's req/s is then that many users, whatever the shape of the curve past the knee.
    per_user = max(step["total"]["rps"] / step["users"] for step in steps[:2])
    found = {
        "users": peak["users"],
        "rps": round(peak["total"]["rps"], 1),
        "p95": peak["total"]["p95"],
        "rps_per_user": round(per_user, 4),
        "steps": [[step["users"], round(step["total"]["rps"], 1), step["total"]["p95"]] for step in steps],
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 1),
    }
    print(
        f"Peak: {found['rps']} req/s with {found['users']} users (p95 {found['p95']:.0f} ms); "
        f"{per_user:.3f} req/s per user below the knee.",
        flush=True,
    )
    return found


def users_for(peak: dict, percent: float) -> int:
    """Users that ask for `percent` % of the peak's req/s, at the rate one user asks below the knee."""
    return max(1, round(peak["rps"] * percent / 100 / peak["rps_per_user"]))


def print_run(result: dict, *, before: dict, after: dict, stack_cpu: float, duration: int) -> bool:
    """The figures of a fixed run; True when it met the target (no server error, every write found)."""
    total = result["total"]
    print()
    header = f"{'request':<52} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    print(header)
    print("-" * len(header))
    for name, row in sorted(result["by_name"].items(), key=lambda item: -item[1]["requests"]):
        print(
            f"{name[:52]:<52} {row['requests']:7d} {row['failures']:5d} {row['rps']:7.1f} "
            f"{row['p50']:6.0f} {row['p95']:6.0f} {row['p99']:6.0f}"
        )
    print("-" * len(header))
    print(
        f"{'all':<52} {total['requests']:7d} {total['failures']:5d} {total['rps']:7.1f} "
        f"{total['p50']:6.0f} {total['p95']:6.0f} {total['p99']:6.0f}   (times in ms)"
    )
    print()
    print(f"Failures by kind ({sum(count for *_rest, count in result['failures'])} in all):")
    for method, name, error, count in sorted(result["failures"], key=lambda row: -row[3]):
        print(f"  {count:6d}  {method} {name}: {error[:140]}")
    if not result["failures"]:
        print("  none")
    server_errors = sum(result.get("server_errors", {}).values())
    print(f"Server errors (5xx): {server_errors}")
    for name, count in sorted(result.get("server_errors", {}).items()):
        print(f"  {count:6d}  {name}")
    no_answer = sum(result.get("no_answer", {}).values())
    print(f"No answer (connection errors, timeouts): {no_answer}")
    print()
    print("Writes: done according to Locust (redirected to success) / new rows in the database")
    accounted = True
    for kind, label in (
        ("profile", "profile saves (city revisions)"),
        ("message", "exchange messages"),
        ("join", "join applications"),
    ):
        expected = result.get("writes_done", {}).get(kind, 0)
        found = after[kind] - before[kind]
        ok = expected == found
        accounted &= ok
        print(
            f"  {label:<34} {expected:6d} / {found:6d}  (before {before[kind]}, after {after[kind]})  {'ok' if ok else 'MISMATCH'}"
        )
    print()
    print(
        f"{result['users']} users for {duration} s; CPU used: the stack {stack_cpu:.0f} s, Locust "
        f"{result['locust_cpu']:.0f} s, of {os.cpu_count()} cores × {duration} s; load average "
        f"{os.getloadavg()[0]:.1f} at the end."
    )
    met = server_errors == 0 and no_answer == 0 and accounted
    print("Target (0 server errors, every write accounted for):", "met" if met else "NOT met")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--find-peak", action="store_true", help="step users up and keep the peak found")
    mode.add_argument("--users", type=int, help="this many simultaneous users")
    mode.add_argument("--percent", type=float, default=80, help="of the peak's users (default 80)")
    parser.add_argument("--time", type=seconds, default="10m", help="length of a fixed run (default 10m)")
    parser.add_argument("--step-time", type=seconds, default="45s", help="length of each peak step (default 45s)")
    parser.add_argument("--p95-bound", type=float, default=2000, help="ms; a step past it ends the search")
    parser.add_argument("--start-users", type=int, default=10)
    parser.add_argument("--max-users", type=int, default=1280)
    parser.add_argument("--database-url", help="default: SQLite at bench/data/load.sqlite3")
    parser.add_argument("--redis-url", help="cache, sessions and task queue in Redis (default: none)")
    parser.add_argument("--fresh", action="store_true", help="start from a new SQLite database")
    parser.add_argument("--keep-logs", action="store_true", help="keep the work folder (logs, CSVs)")
    args = parser.parse_args()
    if not LOCUST.exists():
        print("Locust is not installed: `make load` installs requirements/load.txt into .venv.")
        return 1

    DATA.mkdir(parents=True, exist_ok=True)
    database = args.database_url or f"sqlite:///{DATA / 'load.sqlite3'}"
    if args.fresh and database.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(database.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    extra = {
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(DATA / "load-media"),
        "PRIVATE_MEDIA_ROOT": str(DATA / "load-private"),
        "LOAD_TEST_NO_RATE_LIMITS": "true",
    }
    if args.redis_url:
        extra["REDIS_URL"] = args.redis_url
        extra["CACHE_KEY_PREFIX"] = "strongcities-load"
    workdir = Path(tempfile.mkdtemp(prefix="load-"))
    app_port, proxy_port = free_port(), free_port()
    env = production_env(proxy_port=proxy_port, **extra)
    stack = None
    try:
        print(f"Preparing {database} (migrate, static files, messages, the demo network)...", flush=True)
        prepare({**env, "LOG_LEVEL": "WARNING"}, demo=True, admin=False, quiet=True)
        peak = json.loads(PEAK_FILE.read_text()) if PEAK_FILE.exists() else None
        search = args.find_peak or (args.users is None and peak is None)
        top = args.max_users if search else (args.users or users_for(peak, args.percent))
        accounts = max(20, math.ceil(top * FOCAL_SHARE) + 10)  # one per focal point user
        password = secrets.token_urlsafe(18)
        accounts_file = workdir / "accounts.json"
        env_accounts = {**env, "LOAD_PASSWORD": password}
        print(django(env_accounts, "accounts", "--count", str(accounts), "--out", str(accounts_file)), flush=True)
        locust_env = {"LOAD_ACCOUNTS": str(accounts_file), "LOAD_PASSWORD": password}

        stack = LoggedStack(env=env, app_port=app_port, proxy_port=proxy_port, workdir=workdir / "serve", quiet=True)
        started = time.perf_counter()
        stack.start(timeout=600)
        print(f"Stack up in {time.perf_counter() - started:.1f} s: {stack.proxy_url} (Varnish) -> {stack.app_url}")
        host = stack.proxy_url

        if search:
            peak = find_peak(
                host=host,
                workdir=workdir,
                env=locust_env,
                step_time=args.step_time,
                p95_bound=args.p95_bound,
                start=args.start_users,
                max_users=args.max_users,
            )
            PEAK_FILE.write_text(json.dumps(peak, indent=2))
            print(f"Kept in {PEAK_FILE.relative_to(ROOT)}.")
            if args.find_peak:
                return 0
        users = args.users or users_for(peak, args.percent)
        how = (
            f"{users} users"
            if args.users
            else f"{args.percent:g} % of the peak's {peak['rps']} req/s: {users} users at {peak['rps_per_user']} req/s each"
        )
        print(f"\nRunning {how} for {args.time} s (load average {os.getloadavg()[0]:.1f} at the start)...", flush=True)
        before = json.loads(django(env, "counts"))
        pids = [stack.processes[name].pid for name in stack.processes]
        stack_before = sum(cpu_with_ended(pid) for pid in pids)
        result = run_locust(
            host=host, users=users, duration=args.time, workdir=workdir, env=locust_env, tag="run", reset=False
        )
        stack_cpu = sum(cpu_with_ended(pid) for pid in pids) - stack_before
        after = json.loads(django(env, "counts"))
        met = print_run(result, before=before, after=after, stack_cpu=stack_cpu, duration=args.time)
        if peak:
            share = result["total"]["rps"] / peak["rps"] if peak["rps"] else float("nan")
            print(
                f"Peak: {peak['rps']} req/s with {peak['users']} users, measured {peak['measured']}; "
                f"this run: {share:.0%} of it."
            )
        return 0 if met else 1
    finally:
        if stack is not None:
            stack.stop()
        logs = sorted(workdir.glob("*.log"))
        if args.keep_logs:
            print(f"Logs and CSVs kept in {workdir}")
        else:
            for path in logs:
                if path.name not in ("gunicorn.log", "worker.log"):
                    continue
                # E-mails fail by design on this stack (EMAIL_DISABLED in .serve/env): not counted.
                lines = path.read_text(errors="replace").splitlines()
                tracebacks = sum("Traceback" in line and "EMAIL_DISABLED" not in line for line in lines)
                if tracebacks:
                    print(f"{path.name}: {tracebacks} tracebacks (run with --keep-logs to read them)")
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
