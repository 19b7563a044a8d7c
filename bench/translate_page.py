"""Machine-translating a 1,500-word page into Arabic, French and Spanish through the task queue
(issue 11, "Speed and scale": under 30 s of queue time).

Runs on a throwaway SQLite database (a temporary folder, migrated each run) with Django's database task
backend, as the embedded default runs it, and the LibreTranslate stand-in engine
(`translations/tests/standins/standin.py`) started on 127.0.0.1 as its own process. The editor's request
(`translations.jobs.translation_jobs_request`, the service the "Machine-translate this page" form calls)
queues three tasks; then the database backend's own worker (`manage.py db_worker --batch`) runs them in
this process, one after another, as one worker would. Prints, per language, the queue time (asked → done)
and the time the task ran, then the whole, with wall and CPU time of the worker and the load average.

    .venv/bin/python bench/translate_page.py [--words 1500] [--engine-delay 0.0]

`--engine-delay` makes the stand-in answer each request that many seconds late (a remote engine's latency).
"""

import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not bench/ itself first on the path: a module there could shadow the standard library's.
sys.path = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)  # the embedded default: database task backend, local-memory cache

parser = argparse.ArgumentParser()
parser.add_argument("--words", type=int, default=1500)
parser.add_argument("--engine-delay", type=float, default=0.0)
args = parser.parse_args()

WORKDIR = Path(tempfile.mkdtemp(prefix="bench-translate-"))
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()
import logging  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per page saved
settings.DATABASES["default"]["NAME"] = str(WORKDIR / "bench.sqlite3")  # before the first connection

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

# The stand-in engine, its own process on 127.0.0.1.
STANDIN = ROOT / "translations" / "tests" / "standins" / "standin.py"
standin = subprocess.Popen(
    [sys.executable, str(STANDIN), "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
)
atexit.register(standin.terminate)
port = int(standin.stdout.readline().split()[1])
STANDIN_URL = f"http://127.0.0.1:{port}"
settings.TRANSLATION_ENGINE = ["libretranslate"]
settings.TRANSLATION_ENGINES = {"libretranslate": {"LIBRETRANSLATE_URL": STANDIN_URL, "API_KEY": "", "TIMEOUT": 30}}
if args.engine_delay:
    import requests

    requests.post(
        STANDIN_URL + "/_control", json={"mode": "slow", "delay": args.engine_delay, "times": 10_000}, timeout=5
    )

print(f"Migrating a throwaway database in {WORKDIR} ...", flush=True)
started = time.perf_counter()
call_command("migrate", verbosity=0)
print(f"  {time.perf_counter() - started:.1f} s (not counted)")

from django.contrib.auth import get_user_model  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from core.models import ContentPage  # noqa: E402
from translations.jobs import translation_jobs_request  # noqa: E402
from translations.models import TranslationJob  # noqa: E402

HEADINGS = [
    "Why cities work together",
    "What the network offers its members",
    "Learning from each other",
    "Young people at the centre",
    "Working with the Regional Hub",
    "What comes next",
]
SENTENCES = [
    "The Strong Cities Network brings together local governments that want to prevent hate, extremism and "
    "polarisation in their communities.",
    "Mayors, local officials and practitioners share what works and what does not, so that each city can learn "
    "from the experience of the others.",
    "The International Steering Committee met in the city of Mombasa to agree on the priorities of the network "
    "for the coming year.",
    "Our members told us that the most useful support is a direct exchange with a city that faced the same "
    "challenge with similar resources.",
    "A multi-actor local prevention network gives schools, social workers, the police and community leaders a "
    "place to meet before a crisis, not after it.",
    "In many towns the first signs of tension appear online, and local authorities need the skills to answer "
    "disinformation quickly and calmly.",
    "The Regional Hub helps each member city find partners, prepare a peer exchange and follow up on what was agreed.",
    "Young people are not only a group at risk: they lead some of the most successful projects in our network.",
    "Women's leadership and networks of mothers have helped several cities reach families that public services "
    "did not reach before.",
    "The Management Unit publishes guides, toolkits and case studies in English, Arabic, French and Spanish.",
    "Each exchange ends with a short learning note, which other members can read in the Resource Hub.",
    "A focal point in each city keeps the profile of the city up to date and answers requests from other members.",
    "Monitoring and evaluation help a city show its council what changed, and what should change next.",
    "Cities of every size take part, from capital cities to rural districts with a few thousand residents.",
]


def build_page(words: int) -> ContentPage:
    root = Page.get_first_root_node()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "ar", "fr", "es")}
    home = root.add_child(instance=ContentPage(title="Home", slug="bench-home", locale=locales["en"]))
    home.save_revision().publish()
    for code in ("ar", "fr", "es"):
        home.copy_for_translation(locales[code]).save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    body, count, index = [], 0, 0
    while count < words:
        if index % 4 == 0:
            heading = HEADINGS[(index // 4) % len(HEADINGS)]
            body.append(("heading", heading))
            count += len(heading.split())
        paragraph = " ".join(SENTENCES[(index * 3 + k) % len(SENTENCES)] for k in range(3))
        if index % 3 == 1:  # some emphasis and a link, as editors write
            paragraph = paragraph.replace("learning note", "<b>learning note</b>", 1)
            paragraph = paragraph.replace("Resource Hub", '<a href="https://example.org/resources/">Resource Hub</a>')
        body.append(("paragraph", f"<p>{paragraph}</p>"))
        count += len(paragraph.replace("<b>", " ").split())
        index += 1
    page = ContentPage(
        title="How member cities learn from each other",
        slug="how-cities-learn",
        intro="What the network does for its members, and how to take part.",
        body=body,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page, count, len(body)


page, word_count, blocks = build_page(args.words)
editor = get_user_model().objects.create_superuser(email="bench@example.org", password="bench", name="Bench")
print(f"Page: {word_count:,} words in {blocks} blocks (headings and paragraphs); engine: stand-in at {STANDIN_URL}")
print(f"load average {os.getloadavg()[0]:.2f} (2 cores shared)")

with transaction.atomic():  # as the form's request does: the tasks are queued after the commit
    translation_jobs_request(user=editor, original=page, language_codes=["ar", "fr", "es"], publish=False)

wall, cpu = time.perf_counter(), time.process_time()
call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

jobs = list(TranslationJob.objects.select_related("target_locale").order_by("target_locale__language_code"))
print(f"{'language':<9} {'state':<8} {'segments':>8} {'queue s':>8} {'ran s':>7}")
for job in jobs:
    queue = (job.finished_at - job.requested_at).total_seconds()
    ran = (job.finished_at - job.started_at).total_seconds()
    print(f"{job.target_locale.language_code:<9} {job.state:<8} {job.segments_translated:>8} {queue:>8.2f} {ran:>7.2f}")
    assert job.state == TranslationJob.State.DONE, (job.problem, job.error)
    assert not page.get_translation(job.target_locale).live  # drafts for review
total = (max(job.finished_at for job in jobs) - min(job.requested_at for job in jobs)).total_seconds()
print(f"total queue time (asked → last draft saved): {total:.2f} s   target < 30 s")
print(f"worker: wall {wall:.2f} s, CPU {cpu:.2f} s (this process; the stand-in runs in its own)")
