"""Site search speed (/<lang>/search/) at scale. Target: p95 under 100 ms.

Runs on bench/data/search.sqlite3: a copy of the 100,000-authority database (bench/make_data.py)
plus 100,000 generated published pages (demo text, 25,000 in each of en, ar, fr, es), indexed
through Wagtail's search backend with the folded text (search/indexing.py). Built once
(a few minutes); pass --force to rebuild. BENCH_PAGES changes the number of pages.
"""

import os
import random
import sqlite3
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCALE = ROOT / "bench" / "data" / "scale.sqlite3"
DB = ROOT / "bench" / "data" / "search.sqlite3"
PAGES = int(os.environ.get("BENCH_PAGES", "100000"))

if not SCALE.exists():
    sys.exit("Build the scale database first: python bench/make_data.py")
if "--force" in sys.argv or not DB.exists():
    DB.unlink(missing_ok=True)
    source, target = sqlite3.connect(SCALE), sqlite3.connect(DB)
    source.backup(target)  # a consistent copy, WAL included
    source.close()
    target.close()

from _common import measure  # noqa: E402  (sets Django up on the scale settings)
from django.conf import settings  # noqa: E402

settings.DATABASES["default"]["NAME"] = str(DB)  # before the first connection is opened

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from cities.models import City  # noqa: E402
from core.models import ContentPage  # noqa: E402

assert connection.settings_dict["NAME"] == str(DB)
call_command("migrate", verbosity=0)  # the copy follows the code (new apps, new columns)

TOPICAL = {
    "en": "city resilience youth prevention community safety network local hate online dialogue trust mayor "
    "social cohesion violence extremism women schools police partnership training toolkit guide municipal "
    "public health digital climate migration",
    "fr": "ville résiliente résilience jeunesse prévention communauté sécurité réseau locale haine dialogue "
    "confiance maire cohésion sociale violence extrémisme femmes écoles partenariat formation guide "
    "municipal santé numérique climat migration quartier éducation médiation",
    "es": "ciudad resiliente resiliencia juventud prevención comunidad seguridad red local odio diálogo confianza "
    "alcalde cohesión social violencia extremismo mujeres escuelas policía alianza formación guía municipal "
    "salud digital clima migración barrio participación",
    "ar": "المدينة المَدِينَة الشباب الوقاية المجتمع الأمن الشبكة المحلية الكراهية الحوار الثقة رئيس البلدية "
    "التماسك الاجتماعي العنف التطرف النساء المدارس الشرطة الشراكة التدريب دليل الصحة الرقمية المناخ "
    "الهجرة الحي التعليم الوساطة إدارة أمن مؤسسة مُبادَرة",
}
SYLLABLES = {
    "en": "ka lo mi ne ra su to vi ze ban cor del fen gal hur".split(),
    "fr": "la mé ri sé to vé nu ca pé ro bé da lu mo ré".split(),
    "es": "la me ri sa to ve nu ca pe ro ba da lu mo ñe".split(),
    "ar": "با تي جو دا را سو كي لا مو نا هي وا قو فا شي".split(),
}


def vocabulary(language, rng):
    filler = sorted({"".join(rng.choices(SYLLABLES[language], k=rng.randint(2, 4))) for _ in range(4000)})
    topical = TOPICAL[language].split()
    # Zipf-like weights: a few frequent words, a long tail of rare ones.
    words = topical + filler
    weights = [1 / (rank + 8) for rank in range(len(words))]
    return words, weights


def build_pages():
    rng = random.Random(10)
    existing = ContentPage.objects.filter(slug__startswith="bench-").count()
    if existing >= PAGES:
        return existing
    content_type = ContentType.objects.get_for_model(ContentPage)
    now = timezone.now()
    backend = get_search_backend()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    per_language = PAGES // 4
    fields = [field for field in ContentPage._meta.local_concrete_fields]
    for code in ("en", "ar", "fr", "es"):
        locale = Locale.objects.get(language_code=code)
        home = Page.objects.filter(depth=2, locale=locale).first()
        words, weights = vocabulary(code, rng)
        last = home.get_children().order_by("-path").values_list("path", flat=True).first()
        step = int(last[-4:], 36) + 1 if last else 1
        start = time.perf_counter()
        for offset in range(0, per_language, 1000):
            batch = []
            for n in range(offset, min(per_language, offset + 1000)):
                number, path_step = step + n, ""
                for _ in range(4):
                    number, digit = divmod(number, 36)
                    path_step = alphabet[digit] + path_step
                title = " ".join(rng.choices(words, weights, k=rng.randint(3, 7))).capitalize()
                body = " ".join(rng.choices(words, weights, k=rng.randint(40, 120)))
                slug = f"bench-{code}-{n}"
                page = ContentPage(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    live=True,
                    has_unpublished_changes=False,
                    url_path=f"{home.url_path}{slug}/",
                    locale=locale,
                    depth=home.depth + 1,
                    path=home.path + path_step,
                    numchild=0,
                    first_published_at=now,
                    last_published_at=now,
                    translation_key=uuid.uuid4(),
                    intro="Demo text generated for the search benchmark.",
                    body=[("paragraph", f"<p>{body}</p>")],
                )
                batch.append(page)
            with transaction.atomic():
                Page.objects.bulk_create(
                    [
                        Page(
                            **{
                                f.attname: getattr(p, f.attname)
                                for f in Page._meta.concrete_fields
                                if f.attname != "id"
                            }
                        )
                        for p in batch
                    ]
                )
                created = dict(
                    Page.objects.filter(slug__in=[p.slug for p in batch], locale=locale).values_list("slug", "pk")
                )
                for page in batch:
                    page.pk = page.id = page.page_ptr_id = created[page.slug]
                ContentPage._base_manager._insert(batch, fields=fields, using="default")
                backend.add_bulk(ContentPage, batch)
        Page.objects.filter(pk=home.pk).update(numchild=home.get_children().count())
        print(f"  {per_language:,} pages in {code} built and indexed in {time.perf_counter() - start:.0f} s")
    return ContentPage.objects.filter(slug__startswith="bench-").count()


start = time.perf_counter()
count = build_pages()
print(
    f"Search: {count:,} generated pages ({Page.objects.live().count():,} live pages in all), "
    f"{City.objects.count():,} authorities ({City.objects.public().count():,} public); "
    f"ready in {time.perf_counter() - start:.0f} s"
)
cases = [
    ("common word", "/en/search/?q=resilience"),
    ("two words", "/en/search/?q=youth+prevention"),
    ("rare word", "/en/search/?q=lomiza"),
    ("fr, no accents", "/fr/search/?q=ville+resiliente"),
    ("ar, taa marbuta as heh", "/ar/search/?q=%D8%A7%D9%84%D9%85%D8%AF%D9%8A%D9%86%D9%87"),
    ("es, no accents", "/es/search/?q=participacion+ciudadana"),
    ("member authority names", "/en/search/?q=na"),
    ("pages only, page 50", "/en/search/?q=city&kind=pages&page=50"),
    ("nothing found", "/en/search/?q=zzzzqqq"),
    ("5,000 characters", "/en/search/?q=" + "safety+" * 714),
]
if "--build-only" in sys.argv:
    sys.exit(0)
for label, url in cases:
    measure(f"{label}: {url[:44]}", url)
