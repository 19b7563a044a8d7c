"""A task for the worker fault tests: it says it started (one line per run, with the process id), waits
for a file to appear, then sends an e-mail of the outbox like any other (`core.tasks.send_email`)."""

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def send_when_released(*, email_id: int, started: str, release: str) -> str:
    from core.tasks import send_email

    with open(started, "a") as log:
        log.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + 60
    while not Path(release).exists():
        if time.monotonic() > deadline:
            raise TimeoutError("never released")
        time.sleep(0.05)
    return send_email.call(email_id=email_id)
