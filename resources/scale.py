"""Resources and news at benchmark scale: `load_demo_network --count N` (N above the demo's 200)
also makes N generated items, and `load_resources_scale(N)` can be called on its own (bench/).

The items are demo data (`is_demo`, a summary that says so in the item's language, text drawn from the
word lists below, written for this file; no person named, no words put in anyone's mouth). They are real Wagtail
pages under each language's Resource Hub and news index: a quarter of the translation groups in all
four languages, the others in one or two (translations share a `translation_key`, as wagtail-localize
makes them), every kind, topic, practice area, hub, region and year, linked to public member cities.
About one group in a hundred is a draft and one in five hundred is behind a sign-in restriction: lists,
feeds and search must leave both out.

Speed: pages are inserted in batches (`core.pagetree.bulk_add_children`, no revisions), the many-to-many
rows with `bulk_create`, and the search index with the backend's `add_bulk` (the folded fields of
`search/indexing.py` included): 100,000 items in a few minutes. Generated pages have slugs starting
with `gen-`; `delete_generated()` removes them with a few queries per thousand.
"""

import copy
import functools
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Count
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from core.pagetree import bulk_add_children

from . import demo_content as text
from .models import NewsArticlePage, NewsKind, ResourceKind, ResourcePage
from .text import reading_minutes

PREFIX = "gen-"
LANGUAGES = ("en", "ar", "fr", "es")
NEWS_SHARE = 4  # one group in four is a news article
DRAFT_EVERY = 97  # groups: one draft in about a hundred
PRIVATE_EVERY = 499  # and one behind a sign-in restriction in about five hundred
FIRST_DAY, DAYS = date(2016, 1, 1), 3650  # publication dates over ten years

# Demo word lists, written here: the generated text is these words in a random order, clearly not prose.
WORDS = {
    "en": "city local prevention youth community safety network trust dialogue schools partners plan "
    "council residents mayor cohesion support training guide practice mapping risks resources women "
    "leaders services data review results neighbourhood volunteers response recovery public spaces "
    "online harms communication victims reintegration evaluation strategy workshop exchange lessons",
    "ar": "المدينة المحلية الوقاية الشباب المجتمع السلامة الشبكة الثقة الحوار المدارس الشركاء الخطة "
    "المجلس السكان رئيس البلدية التماسك الدعم التدريب دليل الممارسة رسم المخاطر الموارد النساء القادة "
    "الخدمات البيانات المراجعة النتائج الحي المتطوعون الاستجابة التعافي الأماكن العامة الإنترنت "
    "التواصل الضحايا إعادة الإدماج التقييم الاستراتيجية ورشة التبادل الدروس",
    "fr": "ville locale prévention jeunesse communauté sécurité réseau confiance dialogue écoles partenaires "
    "plan conseil habitants maire cohésion soutien formation guide pratique cartographie risques ressources "
    "femmes responsables services données bilan résultats quartier bénévoles réponse relèvement espaces "
    "publics haine numérique communication victimes réinsertion évaluation stratégie atelier échange leçons",
    "es": "ciudad local prevención juventud comunidad seguridad red confianza diálogo escuelas socios plan "
    "concejo vecinos alcaldía cohesión apoyo formación guía práctica mapeo riesgos recursos mujeres "
    "liderazgo servicios datos revisión resultados barrio voluntariado respuesta recuperación espacios "
    "públicos odio digital comunicación víctimas reintegración evaluación estrategia taller intercambio lecciones",
}
# Invented words for rarer search terms (one syllable list per script).
SYLLABLES = {
    "en": "ka lo mi ne ra su to vi ze ban cor del fen gal hur".split(),
    "fr": "la mé ri sé to vé nu ca pé ro bé da lu mo ré".split(),
    "es": "la me ri sa to ve nu ca pe ro ba da lu mo ñe".split(),
    "ar": "با تي جو دا را سو كي لا مو نا هي وا قو فا شي".split(),
}
DEMO_NOTE = {
    "en": "Generated demo text for load tests.",
    "ar": "نص توضيحي مولَّد لاختبارات الأداء.",
    "fr": "Texte de démonstration généré pour les tests de charge.",
    "es": "Texto de demostración generado para pruebas de carga.",
}
# (original language, translations) of a group, in turn: all four, English only, English and one
# other, one other language only, two others.
PATTERNS = [
    ("en", ("ar", "fr", "es")),
    ("en", ()),
    ("en", ("fr",)),
    ("ar", ()),
    ("en", ("ar",)),
    ("fr", ()),
    ("en", ("es",)),
    ("es", ()),
    ("fr", ("ar",)),
    ("ar", ("en", "fr", "es")),
    ("es", ("en",)),
    ("en", ()),
]


class _Words:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words, self.weights = {}, {}
        for code in LANGUAGES:
            rare = sorted({"".join(rng.choices(SYLLABLES[code], k=rng.randint(2, 4))) for _ in range(1500)})
            words = WORDS[code].split() + rare
            self.words[code] = words
            self.weights[code] = [1 / (rank + 6) for rank in range(len(words))]  # a few frequent, many rare

    def some(self, code: str, low: int, high: int) -> str:
        return " ".join(self.rng.choices(self.words[code], self.weights[code], k=self.rng.randint(low, high)))


class _Terms:
    """The vocabulary, with names in each language, and public member cities by region."""

    def __init__(self):
        from cities.models import Challenge, City, Hub, PracticeArea, Region

        self.challenges = list(Challenge.objects.order_by("sort_order", "pk"))
        self.areas = list(PracticeArea.objects.order_by("sort_order", "pk"))
        self.hubs = list(Hub.objects.order_by("pk"))
        self.regions = list(Region.objects.order_by("sort_order", "pk"))
        self.cities: dict[int, list[int]] = {}
        rows = City.objects.public().order_by("pk").values_list("pk", "country__region_id")[:20000]
        for pk, region in rows:
            self.cities.setdefault(region, []).append(pk)

    @staticmethod
    def name(term, code: str) -> str:
        return (getattr(term, f"name_{code}", "") or term.name_en) if term else ""


def _group_choice(rng: random.Random, terms: _Terms, number: int) -> dict:
    topics = rng.sample(terms.challenges, k=min(len(terms.challenges), rng.choice((1, 1, 2, 3))))
    areas = rng.sample(terms.areas, k=min(len(terms.areas), rng.choice((1, 2, 2, 3))))
    hub = terms.hubs[number % len(terms.hubs)] if terms.hubs and number % 6 else None  # some central-team items
    regions = [next(r for r in terms.regions if r.pk == hub.region_id)] if hub else []
    if terms.regions and (not regions or number % 3 == 0):
        extra = terms.regions[(number // 3) % len(terms.regions)]
        if extra not in regions:
            regions.append(extra)
    cities = []
    for region in regions:
        found = terms.cities.get(region.pk)
        if found and rng.random() < 0.6:
            cities.append(rng.choice(found))
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    return {
        "topics": topics,
        "areas": areas,
        "hub": hub,
        "hubs": [hub] if hub else [],
        "regions": regions,
        "cities": list(dict.fromkeys(cities)),
        "date": day,
        "updated": day + timedelta(days=rng.randint(30, 400)) if number % 5 == 0 else None,
    }


def _page(model, kind, code, choice, words: _Words, number, image, *, live, translation_key):
    names = {
        "topic": _Terms.name(choice["topics"][0], code),
        "area": _Terms.name(choice["areas"][0], code),
        "hub": _Terms.name(choice["hub"] or (choice["regions"] or [None])[0], code),
    }
    titles = text.RESOURCE_TITLES if model is ResourcePage else text.NEWS_TITLES
    title = f"{titles[kind][code].format(**names)} · {words.some(code, 1, 3)}"[:250]
    sentence = text.KIND_SENTENCES[kind][code] if model is ResourcePage else ""
    template = text.SUMMARY if model is ResourcePage else text.NEWS_SUMMARY
    summary = f"{template[code].format(sentence=sentence, **names)} {DEMO_NOTE[code]}"
    paragraphs = [words.some(code, 30, 90) for _ in range(words.rng.randint(1, 3))]
    body = [{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in paragraphs]
    published_at = datetime.combine(choice["date"], clock(12), tzinfo=UTC)
    return model(
        title=title,
        draft_title=title,
        slug=f"{PREFIX}{number}-{slugify(title, allow_unicode=False)[:40]}".rstrip("-"),
        locale_id=None,
        live=live,
        has_unpublished_changes=not live,
        first_published_at=published_at if live else None,
        last_published_at=published_at if live else None,
        translation_key=translation_key,
        kind=kind,
        summary=summary,
        body=body,
        publication_date=choice["date"],
        last_updated=choice["updated"],
        authors=text.AUTHORS[code],
        image=image,
        image_alt=text.IMAGE_ALT[code] if image else "",
        reading_minutes=reading_minutes(" ".join(paragraphs), code),
        is_demo=True,
    )


def _m2m_rows(model, pages, choices) -> None:
    for field_name, key in (
        ("topics", "topics"),
        ("practice_areas", "areas"),
        ("hubs", "hubs"),
        ("regions", "regions"),
        ("cities", "cities"),
    ):
        field = model._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        rows = [
            through(**{source: page.pk, target: getattr(term, "pk", term)})
            for page, choice in zip(pages, choices, strict=True)
            for term in choice[key]
        ]
        through.objects.bulk_create(rows, batch_size=2000)


def _index_bulk(backend, model, pages) -> None:
    """`backend.add_bulk`, with each search field's value computed once per page: the database
    backends' indexers ask every field for its value once per index column (three times on SQLite,
    five on PostgreSQL), and the folded fields (`search/indexing.py`) fold the whole text each time."""
    fields = []
    for original in model.get_search_fields():
        field = copy.copy(original)
        values: dict = {}
        field.get_value = functools.partial(_once, values, original.get_value)
        fields.append(field)
    for page in pages:
        page.get_search_fields = lambda fields=fields: fields
    try:
        backend.add_bulk(model, pages)
    finally:
        for page in pages:
            del page.get_search_fields


def _once(values: dict, get_value, obj):
    key = id(obj)
    if key not in values:
        values[key] = get_value(obj)
    return values[key]


@transaction.atomic
def load_resources_scale(count: int, *, seed: int = 2026, stdout=None) -> dict:
    """Add `count` generated resource and news pages (all languages together). Returns counts."""
    from .demo import demo_images, ensure_indexes

    rng = random.Random(seed)
    words, terms = _Words(rng), _Terms()
    resource_index, news_index = ensure_indexes()
    images = demo_images()
    backend = get_search_backend()
    first = Page.objects.filter(slug__startswith=PREFIX).count()  # numbers go on after earlier runs
    kinds = {ResourcePage: list(ResourceKind.values), NewsArticlePage: list(NewsKind.values)}
    made = {"resources": 0, "news": 0, "drafts": 0, "private": 0}
    started = time.perf_counter()
    done, number, group = 0, first, 0
    chunk = 6000
    while done < count:
        # pages[(model, language)] = [(page, choice)]
        pending: dict[tuple, list] = {}
        private = []
        while done < count and sum(len(rows) for rows in pending.values()) < chunk:
            model = NewsArticlePage if (group // len(PATTERNS)) % NEWS_SHARE == 3 else ResourcePage
            kind = kinds[model][(group // 7) % len(kinds[model])]
            original, others = PATTERNS[group % len(PATTERNS)]
            choice = _group_choice(rng, terms, group)
            live = group % DRAFT_EVERY != 5
            image = images[group % len(images)] if group % 4 else None
            key = uuid.uuid4()
            for code in (original, *others)[: count - done]:
                page = _page(model, kind, code, choice, words, number, image, live=live, translation_key=key)
                pending.setdefault((model, code), []).append((page, choice))
                if live and group % PRIVATE_EVERY == 7:
                    private.append(page)
                number += 1
                done += 1
                made["resources" if model is ResourcePage else "news"] += 1
                made["drafts"] += not live
            group += 1
        for (model, code), rows in pending.items():
            parent = (resource_index if model is ResourcePage else news_index)[code]
            pages = [page for page, _choice in rows]
            for page in pages:
                page.locale_id = parent.locale_id
            bulk_add_children(parent, pages)
            _m2m_rows(model, pages, [choice for _page, choice in rows])
            _index_bulk(backend, model, pages)
        PageViewRestriction.objects.bulk_create(
            [PageViewRestriction(page_id=page.pk, restriction_type=PageViewRestriction.LOGIN) for page in private]
        )
        made["private"] += len(private)
        if stdout is not None:
            stdout.write(f"  {done:,} of {count:,} items ({time.perf_counter() - started:.0f} s)\n")
    from .listing_index import bump_listing_version

    bump_listing_version()
    return made


def _generated_ids() -> list[int]:
    types = ContentType.objects.get_for_models(ResourcePage, NewsArticlePage).values()
    return list(
        Page.objects.filter(slug__startswith=PREFIX, content_type__in=types, numchild=0).values_list("pk", flat=True)
    )


@transaction.atomic
def delete_generated() -> int:
    """Delete the generated items (never the hand-made demo pages), with their revisions, relations,
    restrictions and search index entries. Returns how many pages went."""
    from wagtail.search.models import IndexEntry

    ids = _generated_ids()
    if not ids:
        return 0
    parents = {path[: -Page.steplen] for path in Page.objects.filter(pk__in=ids).values_list("path", flat=True)}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        IndexEntry.objects.filter(object_id__in=[str(pk) for pk in chunk])._raw_delete(IndexEntry.objects.db)
        for model in (ResourcePage, NewsArticlePage):
            # Django's own delete (cascades and m2m rows), not treebeard's, which ORs one condition per page.
            models.QuerySet.delete(model.objects.filter(pk__in=chunk))
    for parent in Page.objects.filter(path__in=parents):
        children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).aggregate(n=Count("pk"))
        Page.objects.filter(pk=parent.pk).update(numchild=children["n"])
    from .listing_index import bump_listing_version

    bump_listing_version()
    return len(ids)
