"""The production stack on one machine, under the current user: gunicorn, the task worker and Varnish.

`make serve` runs `python deploy/stack.py`: production settings (`config.settings.prod`) with a local,
git-ignored `.serve/env` made once (a generated secret key, plain http on 127.0.0.1), then migrate,
collectstatic, compilemessages, the demo network when the database is empty, the local administrator;
then gunicorn on 127.0.0.1:APP_PORT, the task worker, and Varnish on 127.0.0.1:PORT in front. Ctrl-C stops
all three. bench/http_bench.py and the stack test start the same processes through `Stack`.

No Django here: this process only starts and stops others.
"""

from __future__ import annotations

import argparse
import atexit
import ctypes
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE_DIR = ROOT / ".serve"
ENV_FILE = SERVE_DIR / "env"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

# What `.serve/env` holds (the environment wins over it, variable by variable).
LOCAL_ENV_TEMPLATE = """\
# Settings for `make serve` on this machine only: plain http on 127.0.0.1, made once by deploy/stack.py.
# Not in git (.gitignore). Delete this file to make a new secret key. A real server: docs/deploy.md.
DJANGO_SECRET_KEY={secret}
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
# Plain http on the loopback: no redirect to https, no HSTS, and cookies without the Secure flag (a
# browser keeps a Secure cookie only from https, apart from exceptions for localhost that differ between
# browsers; the cookies never leave this machine). Behind TLS keep the defaults (true, a year, true).
DJANGO_SECURE_SSL_REDIRECT=false
DJANGO_SECURE_HSTS_SECONDS=0
DJANGO_SECURE_COOKIES=false
# No SMTP server: nothing is sent, every e-mail is recorded as failed in the admin's Outbox. Setting
# EMAIL_HOST (here or in the environment) sends through that server instead.
EMAIL_DISABLED=true
"""


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def local_env(path: Path = ENV_FILE) -> dict[str, str]:
    """The local settings, made once with a new secret key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(LOCAL_ENV_TEMPLATE.format(secret=secrets.token_urlsafe(50)))
        os.chmod(path, 0o600)
    return read_env_file(path)


def production_env(*, proxy_port: int, env_file: Path = ENV_FILE, **extra: str) -> dict[str, str]:
    """The environment of every process of the stack: the local file, then the real environment, then `extra`."""
    env = {**local_env(env_file), **os.environ}
    env.setdefault("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{proxy_port}")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' switch, never in production
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, quiet: bool = False) -> None:
    output = subprocess.DEVNULL if quiet else None
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=output)


def static_is_fresh() -> bool:
    """collectstatic has run since the last change of a static source file (it takes minutes: compression)."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    sources = [ROOT / "static", *ROOT.glob("*/static")]
    stamps = list((ROOT / ".venv").glob(".installed-*"))  # a dependency upgrade brings new static files
    for stamp in stamps:
        if stamp.stat().st_mtime > built:
            return False
    for folder in sources:
        for path in folder.rglob("*"):
            if path.is_file() and path.stat().st_mtime > built:
                return False
    return True


def prepare(env: dict[str, str], *, demo: bool = True, admin: bool = True, quiet: bool = False) -> None:
    """What must be true before the stack starts: schema, static files, catalogues, data, an administrator."""
    say = (lambda *_args, **_kwargs: None) if quiet else print
    manage(env, "migrate", "--no-input", "-v", "0", quiet=quiet)
    if static_is_fresh():
        say("Static files are up to date (staticfiles/).")
    else:
        say("Collecting and compressing the static files (a few minutes the first time)...", flush=True)
        manage(env, "collectstatic", "--no-input", "-v", "0", quiet=quiet)
    manage(env, "compilemessages", "-v", "0", "--ignore=.venv", quiet=quiet)
    if demo:
        manage(env, "load_demo_network", "--if-empty", quiet=quiet)
    if admin:
        manage(env, "ensure_admin", quiet=quiet)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def vcl_for(backend_port: int, workdir: Path) -> Path:
    """The repository's VCL with its backend on `backend_port` (the file says 8001)."""
    text = VCL.read_text()
    if re.search(r'\.port\s*=\s*"8001"\s*;', text) and backend_port == 8001:
        return VCL
    path = workdir / "default.vcl"
    path.write_text(re.sub(r'(\.port\s*=\s*)"\d+"(\s*;)', rf'\g<1>"{backend_port}"\g<2>', text, count=1))
    return path


def varnish_command(*, port: int, backend_port: int, workdir: Path, memory: str = "256m") -> list[str]:
    """varnishd in the foreground, as the current user, its working files under `workdir`.

    `-j none`: no jail. Varnish's default jail (unix) needs root and switches to the `varnish` and
    `vcache` users; an ordinary user cannot switch, and as root the jail would need those users to read
    `workdir`. Without a jail everything runs as whoever started it, which is what a local stack wants.
    A real server runs Varnish as Debian's service instead (deploy/systemd/varnish.service).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    return [
        VARNISHD,
        "-F",
        "-j",
        "none",
        "-n",
        str(workdir / "varnish"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl_for(backend_port, workdir)),
        "-p",
        f"vcl_path={VCL.parent}:/usr/share/varnish/vcl:/etc/varnish",
        "-s",
        f"malloc,{memory}",
        "-T",
        "127.0.0.1:0",
    ]


def wait_for(url: str, *, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Until `url` answers (any HTTP status), or raise."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not answer in {timeout:.0f} s") from None
            time.sleep(0.2)


def _stop_with_parent() -> None:
    """In the child, before exec: receive SIGTERM when the process that started the stack dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Stack:
    """gunicorn, the task worker (optional) and Varnish, started together and stopped together."""

    def __init__(
        self,
        *,
        env: dict[str, str],
        app_port: int,
        proxy_port: int | None,
        workdir: Path,
        worker: bool = True,
        quiet: bool = False,
    ):
        self.env, self.app_port, self.proxy_port, self.workdir = env, app_port, proxy_port, workdir
        self.with_worker, self.quiet = worker, quiet
        self.processes: dict[str, subprocess.Popen] = {}

    @property
    def app_url(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def _spawn(self, name: str, command: list[str], **extra_env: str) -> subprocess.Popen:
        output = subprocess.DEVNULL if self.quiet else None
        env = {**self.env, **extra_env}
        if self.proxy_port:  # Wagtail's purges (and the app's) go to this Varnish
            env.setdefault("FRONTEND_CACHE_URL", self.proxy_url)
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=output, preexec_fn=_stop_with_parent
        )
        self.processes[name] = process
        return process

    def start(self, *, timeout: float = 120) -> Stack:
        atexit.register(self.stop)  # whatever ends this process, the stack ends with it
        for port in filter(None, (self.app_port, self.proxy_port)):
            if port_in_use(port):
                raise RuntimeError(f"Port {port} is in use: stop what runs there, or choose other ports.")
        try:
            gunicorn = self._spawn(
                "gunicorn",
                [str(GUNICORN), "-c", "config/gunicorn.py", "config.wsgi"],
                GUNICORN_BIND=f"127.0.0.1:{self.app_port}",
            )
            if self.with_worker:
                manage(self.env, "schedule", quiet=self.quiet)  # the jobs on a clock (core/periodic.py)
                if self.env.get("REDIS_URL"):  # RQ's scheduler starts the tasks queued for later
                    self._spawn("worker", [str(PYTHON), "manage.py", "rqworker", "default", "--with-scheduler"])
                else:
                    self._spawn("worker", [str(PYTHON), "manage.py", "db_worker", "--queue-name", "default"])
            if self.proxy_port:
                varnish = self._spawn(
                    "varnish",
                    varnish_command(port=self.proxy_port, backend_port=self.app_port, workdir=self.workdir),
                )
            wait_for(f"{self.app_url}/healthz", timeout=timeout, process=gunicorn)
            if self.proxy_port:
                wait_for(f"{self.proxy_url}/healthz", timeout=30, process=varnish)
        except BaseException:
            self.stop()
            raise
        return self

    def gunicorn_pids(self) -> tuple[int, list[int]]:
        """The master's process id and its workers'."""
        master = self.processes["gunicorn"].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        return master, workers

    def stop(self, timeout: float = 15) -> None:
        # Varnish first: once its connections to gunicorn are closed, gunicorn has none to linger on.
        varnish = self.processes.get("varnish")
        if varnish is not None and varnish.poll() is None:
            varnish.send_signal(signal.SIGTERM)
            try:
                varnish.wait(5)
            except subprocess.TimeoutExpired:
                pass
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def wait(self) -> int:
        """Until one process exits (or Ctrl-C): then stop the others."""
        try:
            while all(process.poll() is None for process in self.processes.values()):
                time.sleep(0.5)
            ended = [name for name, process in self.processes.items() if process.poll() is not None]
            print(f"\n{', '.join(ended)} stopped: stopping the rest.", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            self.stop()


def _interrupt(*_args):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("SERVE_PORT", "8080")), help="Varnish")
    parser.add_argument("--app-port", type=int, default=int(os.environ.get("APP_PORT", "8001")), help="gunicorn")
    parser.add_argument("--no-prepare", action="store_true", help="skip migrate, collectstatic, demo data")
    args = parser.parse_args(argv)

    env = production_env(proxy_port=args.port)
    if not args.no_prepare:
        prepare(env)
    stack = Stack(env=env, app_port=args.app_port, proxy_port=args.port, workdir=SERVE_DIR)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops the stack as Ctrl-C does
    stack.start()
    print(
        f"\nThe site: http://127.0.0.1:{args.port}/ (Varnish; gunicorn itself on http://127.0.0.1:{args.app_port}/)\n"
        f"The admin: http://127.0.0.1:{args.port}/admin/ as admin@example.org, password in .admin-password\n"
        "(`.venv/bin/python manage.py ensure_admin --reset` makes a new one; staff confirm a one-time code\n"
        "after the password, set up on the first sign-in). Production settings, local values in .serve/env.\n"
        "Ctrl-C stops gunicorn, the task worker and Varnish.",
        flush=True,
    )
    return stack.wait()


if __name__ == "__main__":
    sys.exit(main())
