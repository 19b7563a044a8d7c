"""HTTP benchmark of the production stack (`make bench-http`): wrk against gunicorn, Varnish and nginx.

Starts the stack of `make serve` on free ports (deploy/stack.py: production settings, gunicorn with
config/gunicorn.py, the task worker, Varnish with deploy/varnish/default.vcl), warms it up, then for each
page runs Debian's wrk three times back to back: straight to gunicorn (uncached: no whole-response cache
on the path), through Varnish, and against Debian's nginx serving a static file with the same bytes as
the page (the yardstick: on a shared machine the ratio to nginx means more than req/s). Short runs:
5 s per page and target, 16 connections, 2 wrk threads, 2 rounds interleaved (best round shown);
requests without Accept-Encoding, so every target sends the same bytes. Then, since every browser asks
for gzip, the same straight to gunicorn and through Varnish with `Accept-Encoding: gzip`, against nginx
serving the page gzipped beforehand (`gzip_static`): Varnish stores pages compressed, so a client
without gzip costs it an unzip per request, and the app sends the map data and exports compressed once
per data version (7 MB of map data at 100,000 authorities, 1 MB gzipped).

Also: CPU time per request (the processes' user + system time over the run, from /proc, divided by the
requests wrk counted), RSS and PSS per gunicorn worker after warm-up (PSS shares the preloaded pages
among the workers), and the publish-to-visible time (the About page published through Wagtail's API in
another process, polled through Varnish until the change shows).

    .venv/bin/python bench/http_bench.py [--data demo|scale] [--duration 5] [--connections 16] [--rounds 2]
    .venv/bin/python bench/http_bench.py --app-url http://127.0.0.1:8001 --proxy-url http://127.0.0.1:8080

`--data scale` runs on bench/data/scale.sqlite3 (100,000 authorities; `make bench-data` builds it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as `python bench/http_bench.py`, this file's folder comes first on the path, where this file would stand
# in for the standard library's `http` package: keep the folder off the path, the repository on it.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import urllib.error  # noqa: E402
import urllib.request  # noqa: E402

from deploy.stack import PYTHON, Stack, free_port, prepare, production_env, wait_for  # noqa: E402

SCALE_DB = ROOT / "bench" / "data" / "scale.sqlite3"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

PAGES = [
    ("home", "/en/"),
    ("about", "/en/about/"),
    ("directory en", "/en/network/"),
    ("directory ar", "/ar/network/"),
    ("profile", None),  # the first member the API lists
    ("map page", "/en/network/map/"),
    ("map data", "/en/network/map/data.json"),
    ("API list", "/api/v1/members"),
    ("CSV export", "/en/network/export.csv"),
]

# Runs in `manage.py shell` with the stack's settings: publish a new title of the English About page
# through Wagtail's revisions (what the editor's Publish button does), then put the old one back.
PUBLISH = r"""
import os, sys, time
from wagtail.models import Page
page = Page.objects.live().filter(slug="about", locale__language_code="en").first().specific
original = page.title
page.title = f"{original} {os.environ['BENCH_TOKEN']}"
started = time.time()
page.save_revision().publish()
print(f"PUBLISHED {started:.6f} {time.time():.6f}", flush=True)
sys.stdin.readline()
page = Page.objects.get(pk=page.pk).specific
page.title = original
page.save_revision().publish()
print("RESTORED", flush=True)
"""


# --- processes and /proc ---------------------------------------------------------------------------


def tree(pid: int) -> list[int]:
    """`pid` and its descendants."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        children = Path(f"/proc/{current}/task/{current}/children")
        try:
            stack.extend(int(child) for child in children.read_text().split())
        except OSError:
            pass
    return found


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def memory_mb(pid: int) -> tuple[float, float]:
    """RSS and PSS of one process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"Rss:", "Pss:"}:
            values[parts[0]] = int(parts[1]) / 1024
    return values.get("Rss:", 0.0), values.get("Pss:", 0.0)


# --- nginx, the yardstick --------------------------------------------------------------------------

NGINX_CONF = """\
{user}worker_processes {workers};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; application/json json; text/csv csv; }}
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
        gzip_static on;  # page0.html.gz for a client that asks for gzip, page0.html for one that does not
    }}
}}
"""


def start_nginx(workdir: Path, port: int, workers: int) -> subprocess.Popen:
    (workdir / "tmp").mkdir(parents=True, exist_ok=True)
    user = ""
    if os.geteuid() == 0:  # as root nginx's workers would become `nobody`, who cannot read a private temp dir
        import pwd

        user = f"user {pwd.getpwuid(0).pw_name};\n"
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=user, workers=workers, dir=workdir, port=port))
    process = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-e", str(workdir / "error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/", timeout=20, process=process)
    return process


# --- wrk -------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


GZIP = {"Accept-Encoding": "gzip"}
P95_SCRIPT = str(ROOT / "bench" / "wrk_p95.lua")


def wrk(url: str, *, duration: int, connections: int, threads: int, headers: dict | None = None) -> dict:
    options = [f"--header={name}: {value}" for name, value in (headers or {}).items()]
    result = subprocess.run(
        [
            WRK,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "30s",
            "-s",
            P95_SCRIPT,
            *options,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    latencies = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s))\s*$", out, re.M))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p95 = re.search(r"^p95 (\d+)$", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(latencies["50"]) if "50" in latencies else float("nan"),
        "p95": int(p95.group(1)) / 1000 if p95 else float("nan"),
        "p99": _ms(latencies["99"]) if "99" in latencies else float("nan"),
        "requests": requests,
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1).strip() if errors else "",
    }


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.status, response.read(), dict(response.headers)


def ready(url: str, timeout: float = 300) -> tuple[int, bytes]:
    """The response once it is 200: big exports answer 503 "being prepared" until the task worker built them."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, body, _headers = fetch(url)
            return status, body
        except urllib.error.HTTPError as error:
            if error.code != 503 or time.monotonic() > deadline:
                raise
            time.sleep(float(error.headers.get("Retry-After") or 2))


# --- the run ---------------------------------------------------------------------------------------


def first_profile(app_url: str) -> str:
    _status, body, _headers = fetch(f"{app_url}/api/v1/members?page_size=1")
    items = json.loads(body)["results"]
    return f"/en/network/{items[0]['slug']}/"


def publish_to_visible(env: dict, proxy_url: str, timeout: float = 30) -> str:
    """Seconds from the start of a publish of the About page to the change shown through Varnish."""
    about = f"{proxy_url}/en/about/"
    fetch(about)
    _status, _body, headers = fetch(about)
    cached = len(headers.get("X-Varnish", "").split()) == 2  # two transaction ids: a hit
    token = f"bench-{secrets.token_hex(4)}"
    publisher = subprocess.Popen(
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", PUBLISH],
        cwd=ROOT,
        env={**env, "BENCH_TOKEN": token, "FRONTEND_CACHE_URL": proxy_url, "LOG_LEVEL": "WARNING"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = publisher.stdout.readline()
        if not line.startswith("PUBLISHED"):
            return "n/a (the publish failed)"
        started, published = map(float, line.split()[1:])
        while time.time() - published < timeout:  # the publish itself may take long on a loaded machine
            if token.encode() in fetch(about)[1]:
                seen = time.time() - started
                note = "" if cached else " (the About page was not cached before: nothing to purge)"
                return f"{seen:.2f} s (the publish itself took {published - started:.2f} s){note}"
            time.sleep(0.05)
        return (
            f"n/a (not visible through Varnish {timeout:.0f} s after the publish returned: purge on publish not wired?)"
        )
    finally:
        publisher.stdin.write("\n")
        publisher.stdin.close()
        publisher.wait(120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", choices=["demo", "scale"], default="demo")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page and target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--app-url", help="a running gunicorn (then --proxy-url too); CPU and memory: n/a")
    parser.add_argument("--proxy-url")
    parser.add_argument("--no-publish", action="store_true", help="skip the publish-to-visible measure")
    parser.add_argument("--pages", help="only these pages, by name, comma-separated (e.g. 'home,about')")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.pages.split(",")] if args.pages else [name for name, _path in PAGES]
    unknown = set(chosen) - {name for name, _path in PAGES}
    if unknown:
        parser.error(f"no page named {', '.join(sorted(unknown))}; pages: {', '.join(name for name, _ in PAGES)}")

    extra = {"GUNICORN_ACCESS_LOG": "", "GUNICORN_MAX_REQUESTS": "0"}  # no log writes, no worker restarts
    if args.data == "scale":
        if not SCALE_DB.exists():
            print(
                f"{SCALE_DB.relative_to(ROOT)} is missing: `make bench-data` builds it (about 15 minutes on 2 cores)."
            )
            return 1
        extra["DATABASE_URL"] = f"sqlite:///{SCALE_DB}"
        # Files built per data version (exports, PDFs) apart from the demo database's (its versions start apart
        # too, core/versions.py: this only keeps the folders tidy).
        extra["MEDIA_ROOT"] = str(SCALE_DB.parent / "scale-media")
        extra["PRIVATE_MEDIA_ROOT"] = str(SCALE_DB.parent / "scale-private")
    stack = nginx = None
    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    try:
        if args.app_url:
            app_url, proxy_url = args.app_url.rstrip("/"), (args.proxy_url or args.app_url).rstrip("/")
            env = production_env(proxy_port=int(proxy_url.rsplit(":", 1)[1]), **extra)
        else:
            app_port, proxy_port = free_port(), free_port()
            env = production_env(proxy_port=proxy_port, **extra)
            print("Preparing (migrate, static files, messages)...", flush=True)
            prepare(env, demo=args.data == "demo", admin=False, quiet=True)
            stack = Stack(env=env, app_port=app_port, proxy_port=proxy_port, workdir=workdir / "serve", quiet=True)
            started = time.perf_counter()
            stack.start(timeout=600)
            print(f"Stack up in {time.perf_counter() - started:.1f} s (gunicorn preloads and warms before forking).")
            app_url, proxy_url = stack.app_url, stack.proxy_url

        pages = [(name, path or first_profile(app_url)) for name, path in PAGES if name in chosen]
        (workdir / "www").mkdir(parents=True, exist_ok=True)
        sizes = {}
        for index, (name, path) in enumerate(pages):
            status, body = ready(app_url + path)
            assert status == 200, (path, status)
            sizes[name] = len(body)
            (workdir / "www" / f"page{index}.html").write_bytes(body)  # the same bytes, as a static file
            # The yardstick for gzip: the bytes Varnish sends a client that asks for gzip (its stored copy).
            _status, packed, headers = fetch(proxy_url + path, GZIP)
            if headers.get("Content-Encoding") != "gzip":
                packed = gzip.compress(body)
            sizes[f"{name} gz"] = len(packed)
            (workdir / "www" / f"page{index}.html.gz").write_bytes(packed)
        nginx_port = free_port()
        workers = int(env.get("WEB_CONCURRENCY") or 0) or None
        if stack:
            workers = len(stack.gunicorn_pids()[1])
        nginx = start_nginx(workdir, nginx_port, workers or 2)

        print("Warming up (20 requests per page and target)...", flush=True)
        for index, (_name, path) in enumerate(pages):
            for url in (app_url + path, proxy_url + path, f"http://127.0.0.1:{nginx_port}/page{index}.html"):
                for _ in range(20):
                    fetch(url)
                    fetch(url, GZIP)

        memory = []
        if stack:
            memory = [(pid, *memory_mb(pid)) for pid in stack.gunicorn_pids()[1]]

        print(
            f"wrk: {args.duration} s per page and target, {args.connections} connections, {args.threads} threads, "
            f"{args.rounds} rounds interleaved; data: {args.data}; {os.cpu_count()} cores; "
            f"load average {os.getloadavg()[0]:.1f} at the start",
            flush=True,
        )
        results = {}  # (page, target) -> list of rounds
        for round_number in range(args.rounds):
            for index, (name, path) in enumerate(pages):
                static = f"http://127.0.0.1:{nginx_port}/page{index}.html"
                varnish = stack.processes["varnish"].pid if stack else None
                targets = {
                    "nginx": (static, nginx.pid, None),
                    "app": (app_url + path, stack.processes["gunicorn"].pid if stack else None, None),
                    "proxy": (proxy_url + path, varnish, None),
                    "nginx gz": (static, nginx.pid, GZIP),
                    "app gz": (app_url + path, stack.processes["gunicorn"].pid if stack else None, GZIP),
                    "proxy gz": (proxy_url + path, varnish, GZIP),
                }
                for target, (url, pid, headers) in targets.items():
                    pids = tree(pid) if pid else []
                    if target.startswith("proxy") and stack:  # misses reach gunicorn: count its CPU too
                        pids += tree(stack.processes["gunicorn"].pid)
                    cpu_before = cpu_seconds(pids)
                    run = wrk(
                        url, duration=args.duration, connections=args.connections, threads=args.threads, headers=headers
                    )
                    cpu = cpu_seconds(pids) - cpu_before
                    run["cpu_ms"] = cpu * 1000 / run["requests"] if pids and run["requests"] else float("nan")
                    results.setdefault((name, target), []).append(run)
            print(f"  round {round_number + 1} of {args.rounds} done (load average {os.getloadavg()[0]:.1f})")

        def best(name, target):
            return max(results[(name, target)], key=lambda run: run["rps"])

        print()
        header = (
            f"{'page':<13} {'size':>9} | {'nginx r/s':>9} | {'app r/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} "
            f"{'CPU/req':>8} {'×nginx':>8} | {'proxy r/s':>9} {'p50':>7} {'p99':>7} {'CPU/req':>8} {'×nginx':>6}"
        )
        print(header)
        print("-" * len(header))
        for name, _path in pages:
            yard, app, proxy = best(name, "nginx"), best(name, "app"), best(name, "proxy")
            print(
                f"{name:<13} {sizes[name] / 1024:7.1f}KB | {yard['rps']:9.0f} | "
                f"{app['rps']:8.1f} {app['p50']:6.1f}ms {app['p95']:6.0f}ms {app['p99']:6.0f}ms {app['cpu_ms']:6.2f}ms "
                f"{app['rps'] / yard['rps']:8.4f} | "
                f"{proxy['rps']:9.0f} {proxy['p50']:6.2f}ms {proxy['p99']:6.1f}ms {proxy['cpu_ms']:6.3f}ms "
                f"{proxy['rps'] / yard['rps']:6.2f}"
            )
        problems = [
            f"{name} via {target}: {run['bad']} non-2xx responses {run['errors']}".strip()
            for (name, target), runs in results.items()
            for run in runs
            if run["bad"] or run["errors"]
        ]
        print()
        header = (
            f"{'gzip':<13} {'size':>9} | {'nginx r/s':>9} | {'app r/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} | "
            f"{'proxy r/s':>9} {'p50':>7} {'p99':>7} {'×nginx':>6}"
        )
        print(header)
        print("-" * len(header))
        for name, _path in pages:
            yard, app, proxy = best(name, "nginx gz"), best(name, "app gz"), best(name, "proxy gz")
            print(
                f"{name:<13} {sizes[f'{name} gz'] / 1024:7.1f}KB | {yard['rps']:9.0f} | "
                f"{app['rps']:8.1f} {app['p50']:6.1f}ms {app['p95']:6.0f}ms {app['p99']:6.0f}ms | "
                f"{proxy['rps']:9.0f} {proxy['p50']:6.2f}ms {proxy['p99']:6.1f}ms {proxy['rps'] / yard['rps']:6.2f}"
            )
        for problem in problems:
            print("  !", problem)
        print(
            f"req/s: best of the rounds; p50/p95/p99: wrk's latency in that round, {args.connections} connections at "
            "once (each request also waits for the others); CPU/req: CPU time of the target's "
            "processes (gunicorn's master and workers; through the proxy Varnish's plus gunicorn's) over the run "
            "divided by the requests; ×nginx: req/s divided by nginx's for the same bytes in the same round set. "
            "gzip: requests with Accept-Encoding: gzip, as browsers send (the app compresses the map data and "
            "exports once per data version, Varnish stores every page compressed), nginx serving the page "
            "gzipped beforehand."
        )
        if memory:
            print()
            for pid, rss, pss in memory:
                print(f"gunicorn worker {pid}: RSS {rss:.0f} MB, PSS {pss:.0f} MB (after warm-up)")
            after = [(pid, *memory_mb(pid)) for pid in stack.gunicorn_pids()[1]]
            for pid, rss, pss in after:
                print(f"gunicorn worker {pid}: RSS {rss:.0f} MB, PSS {pss:.0f} MB (after the benchmark)")
        if not args.no_publish:
            print()
            print("Publish to visible through Varnish:", publish_to_visible(env, proxy_url))
        return 1 if problems else 0
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(10)
        if stack is not None:
            stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
