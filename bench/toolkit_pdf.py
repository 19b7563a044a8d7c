"""The toolkit PDF (/<lang>/resources/<toolkit>/pdf/): first request (builds with WeasyPrint) and later
ones (served from storage). Target: the first under 10 s for the demo toolkit.

Runs on its own database, bench/data/toolkit_pdf.sqlite3, with the demo pages and the demo Resource Hub
(built once, about a minute; pass --force to rebuild), and temporary media and private folders. Prints
wall and CPU time per request, the load average and the PDF's size and page count, for every language of
the first demo toolkit in all four languages.
"""

import atexit
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "bench" / "data" / "toolkit_pdf.sqlite3"
MEDIA = ROOT / "bench" / "data" / "toolkit_pdf_media"
os.environ["MEDIA_ROOT"] = str(MEDIA)  # images and renditions of this database, kept with it
os.environ["PRIVATE_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-toolkit-pdf-")  # the PDFs: new each run
atexit.register(shutil.rmtree, os.environ["PRIVATE_MEDIA_ROOT"], ignore_errors=True)
if "--force" in sys.argv:
    DB.unlink(missing_ok=True)

from _common import cache  # noqa: E402  (sets Django up)
from django.conf import settings  # noqa: E402

settings.DATABASES["default"]["NAME"] = str(DB)  # before the first connection is opened

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from resources.models import ResourceKind, ResourcePage  # noqa: E402

DB.parent.mkdir(parents=True, exist_ok=True)
call_command("migrate", verbosity=0)
if not ResourcePage.objects.filter(kind=ResourceKind.TOOLKIT).exists():
    from core.demo import load_demo_pages
    from resources.demo import load_resources_demo

    print("Building the demo pages and Resource Hub (once)...", flush=True)
    load_demo_pages()
    load_resources_demo()

toolkit = None
for candidate in ResourcePage.objects.filter(kind=ResourceKind.TOOLKIT, live=True).order_by("pk"):
    if candidate.get_translations(inclusive=True).live().count() == 4:
        toolkit = candidate
        break
toolkit = toolkit or ResourcePage.objects.filter(kind=ResourceKind.TOOLKIT, live=True).order_by("pk").first()
if toolkit is None:
    sys.exit("No live demo toolkit")


def timed(client, url):
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


client = Client()
client.get(toolkit.get_url())  # warm imports and connections
print(f"load average {os.getloadavg()[0]:.2f} (2 cores shared)")
print(f"{'language':<9} {'request':<8} {'wall ms':>9} {'CPU ms':>9} {'KiB':>8} {'pages':>6}")
for translation in toolkit.get_translations(inclusive=True).live().specific().order_by("locale__language_code"):
    cache.clear()
    url = translation.get_url() + "pdf/"
    for label in ("first", "cached", "cached"):
        response, body, wall, cpu = timed(client, url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", (
            url,
            response.status_code,
        )
        pages = len(PdfReader(io.BytesIO(body)).pages)
        print(
            f"{translation.locale.language_code:<9} {label:<8} {wall:9.1f} {cpu:9.1f} {len(body) / 1024:8.1f} {pages:6d}"
        )
print(f"load average {os.getloadavg()[0]:.2f}")
