"""Demo Resource Hub and news: at least 40 resources and 20 news articles across every kind, topic,
practice area and hub, some in all four languages, some in one or two, toolkits with chapters and
abstract images drawn here with Pillow. Texts in `demo_content.py`; every page is `is_demo`.

`load_resources_demo()` is called by `load_demo_network` after the demo site pages.
"""

import io
import random
from datetime import date, timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.i18n import LANGUAGE_CODES

from . import demo_content as text
from .models import (
    NewsArticlePage,
    NewsIndexPage,
    NewsKind,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    ToolkitChapterPage,
)

DEFAULT_RESOURCES = 42
DEFAULT_NEWS = 22
CHAPTERS_PER_TOOLKIT = 5
PALETTE = ["#0b4f8a", "#083a66", "#1b7837", "#8c510a", "#e08a1e", "#5e3c99", "#2166ac", "#b35c00"]
IMAGE_COUNT = 8


# Images


def _draw_image(index: int) -> bytes:
    """An abstract 1200×675 picture: a dark ground, soft bands and overlapping circles."""
    rng = random.Random(index)
    width, height = 1200, 675
    ground = PALETTE[index % 2]
    picture = PILImage.new("RGB", (width, height), ground)
    layer = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for band in range(3):
        colour = PILImage.new("RGB", (1, 1), PALETTE[(index + band + 2) % len(PALETTE)]).getpixel((0, 0))
        top = rng.randint(0, height)
        draw.polygon(
            [(0, top), (width, top - rng.randint(100, 300)), (width, top + 120), (0, top + rng.randint(60, 220))],
            fill=(*colour, 90),
        )
    for _ in range(9):
        colour = PILImage.new("RGB", (1, 1), rng.choice(PALETTE[2:])).getpixel((0, 0))
        radius = rng.randint(60, 220)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*colour, 120))
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], outline=(255, 255, 255, 160), width=3)
    picture.paste(layer, (0, 0), layer)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def demo_images() -> list:
    Image = get_image_model()
    images = []
    for index in range(IMAGE_COUNT):
        title = f"Demo illustration {index + 1}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, description=text.IMAGE_ALT["en"])
            image.file = ImageFile(io.BytesIO(_draw_image(index)), name=f"demo-illustration-{index + 1}.png")
            image.save()
        images.append(image)
    return images


# Pages


def _body(language: str, names: dict, image) -> list:
    t = text.BODY[language]
    topic, area = names["topic"], names["area"]
    table = {
        "data": [t["table_head"], *t["table_rows"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "",
    }
    return [
        {"type": "callout", "value": {"title": t["callout_title"], "text": f"<p>{t['callout']}</p>"}},
        {"type": "heading", "value": t["h1"]},
        {"type": "paragraph", "value": f"<p>{t['p1'].format(topic=topic, area=area)}</p>"},
        {"type": "heading", "value": t["h2"]},
        {"type": "paragraph", "value": f"<p>{t['p2'].format(topic=topic, area=area)}</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": text.IMAGE_ALT[language], "caption": t["caption"]}},
        {"type": "quote", "value": {"quote": t["quote"], "attribution": t["attribution"]}},
        {"type": "table", "value": table},
        {"type": "heading", "value": t["h3"]},
        {"type": "paragraph", "value": f"<p>{t['p3']}</p>"},
    ]


def _chapter_body(language: str, number: int, names: dict, image) -> list:
    t = text.BODY[language]
    blocks = [
        {"type": "callout", "value": {"title": t["callout_title"], "text": f"<p>{t['callout']}</p>"}},
        {"type": "paragraph", "value": f"<p>{t['p2'].format(**names)}</p>"},
        {"type": "paragraph", "value": f"<p>{t['p3']}</p>"},
    ]
    if number == 1:
        blocks.insert(
            2,
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": text.IMAGE_ALT[language], "caption": t["caption"]},
            },
        )
    return blocks


def _news_body(language: str, names: dict, image) -> list:
    return [{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in text.NEWS_BODY[language]]


def _index(model, key: str, english_home, locales: dict, titles: dict | None = None):
    """The index page under each language's home page, created and translated once: {code: page}.
    `titles`: {code: (title, introduction)}, by default the Resource Hub's own (`demo_content.INDEXES`)."""
    titles = titles or text.INDEXES[key]
    page = model.objects.filter(locale=locales["en"]).first()
    if page is None:
        page = model(title=titles["en"][0], intro=titles["en"][1], slug=key, locale=locales["en"], show_in_menus=True)
        english_home.add_child(instance=page)
        page.save_revision().publish()
    for code in LANGUAGE_CODES:
        if code == "en" or page.get_translation_or_none(locales[code]) is not None:
            continue
        if english_home.get_translation_or_none(locales[code]) is None:
            continue
        translated = page.copy_for_translation(locales[code]).specific
        translated.title, translated.intro = titles[code]
        translated.save_revision().publish()
    return {code: page.get_translation_or_none(locales[code]) for code in LANGUAGE_CODES}


def _languages_for(index: int) -> tuple[str, list[str]]:
    """(original language, other languages) for the index-th item: a quarter in all four languages,
    a quarter in English only, a quarter in English and one other, a quarter in one other language only."""
    others = ["ar", "fr", "es"]
    pattern = index % 4
    if pattern == 0:
        return "en", others
    if pattern == 1:
        return "en", []
    if pattern == 2:
        return "en", [others[(index // 4) % 3]]
    return others[(index // 4) % 3], []


def _publish(page):
    page.save_revision().publish()
    return page


class _Vocabulary:
    def __init__(self):
        from cities.models import Challenge, City, Hub, PracticeArea, Region

        self.challenges = list(Challenge.objects.order_by("sort_order", "pk"))
        self.areas = list(PracticeArea.objects.order_by("sort_order", "pk"))
        self.hubs = list(Hub.objects.select_related("region").order_by("pk"))
        self.regions = list(Region.objects.order_by("sort_order", "pk"))
        self.cities_by_region: dict[int, list] = {}
        for city in City.objects.public().filter(is_demo=True).select_related("country").order_by("pk"):
            self.cities_by_region.setdefault(city.country.region_id, []).append(city)

    def pick(self, index: int) -> dict:
        topic = self.challenges[index % len(self.challenges)]
        second = self.challenges[(index * 5 + 3) % len(self.challenges)]
        area = self.areas[index % len(self.areas)]
        other_area = self.areas[(index * 7 + 4) % len(self.areas)]
        hub = self.hubs[index % len(self.hubs)] if self.hubs else None
        regions = [hub.region] if hub else []
        extra_region = self.regions[index % len(self.regions)] if self.regions else None
        if extra_region and extra_region not in regions and index % 3 == 0:
            regions.append(extra_region)
        cities = []
        for region in regions:
            found = self.cities_by_region.get(region.pk, [])
            if found:
                cities.append(found[index % len(found)])
        return {
            "topic": topic,
            "topics": list(dict.fromkeys([topic, second])),
            "area": area,
            "areas": list(dict.fromkeys([area, other_area])),
            "hub": hub,
            "hubs": [hub] if hub else [],
            "regions": regions,
            "cities": cities[:2],
        }


def _texts(kind_titles, kind: str, language: str, choice: dict, summary_template, sentence=None) -> tuple[str, str]:
    names = _names(choice, language)
    title = kind_titles[kind][language].format(**names)
    summary = summary_template[language].format(sentence=sentence[language] if sentence else "", **names)
    return title[:255], summary, names


def _publication_date(index: int, spread_days: int = 1400) -> date:
    return date(2022, 1, 10) + timedelta(days=(index * 37) % spread_days)


def _create(
    model, parent_by_language, index, kind, choice, images, *, titles, summary, sentence, body=_body, published=None
):
    original, others = _languages_for(index)
    image = images[index % len(images)]
    body_image = images[(index + 3) % len(images)]
    published = published or _publication_date(index)
    english_title = _texts(titles, kind, "en", choice, summary, sentence)[0]
    slug = f"{slugify(english_title)[:70]}-{index + 1}"
    title, summary_text, names = _texts(titles, kind, original, choice, summary, sentence)
    page = model(
        title=title,
        slug=slug,
        kind=kind,
        summary=summary_text,
        body=body(original, names, body_image),
        publication_date=published,
        last_updated=published + timedelta(days=90) if index % 5 == 0 else None,
        authors=text.AUTHORS[original],
        image=image,
        image_alt=text.IMAGE_ALT[original],
        locale=parent_by_language[original].locale,
        is_demo=True,
    )
    page.topics = choice["topics"]
    page.practice_areas = choice["areas"]
    page.hubs = choice["hubs"]
    page.regions = choice["regions"]
    page.cities = choice["cities"]
    parent_by_language[original].add_child(instance=page)
    _publish(page)
    versions = {original: page}
    for code in others:
        translated = page.copy_for_translation(parent_by_language[code].locale).specific
        title, summary_text, names = _texts(titles, kind, code, choice, summary, sentence)
        translated.title, translated.summary = title, summary_text
        translated.body = body(code, names, body_image)
        translated.authors, translated.image_alt = text.AUTHORS[code], text.IMAGE_ALT[code]
        for field, key in (
            ("topics", "topics"),
            ("practice_areas", "areas"),
            ("hubs", "hubs"),
            ("regions", "regions"),
            ("cities", "cities"),
        ):
            setattr(translated, field, choice[key])
        versions[code] = _publish(translated)
    return versions


def _add_chapters(versions: dict, choice: dict, images) -> int:
    created = 0
    original_language = next(iter(versions))
    toolkit = versions[original_language]
    for number, chapter_text in enumerate(text.CHAPTERS[:CHAPTERS_PER_TOOLKIT], start=1):
        title, summary = chapter_text[original_language]
        chapter = ToolkitChapterPage(
            title=title,
            slug=f"{number}-{slugify(chapter_text['en'][0])}",
            summary=summary,
            body=_chapter_body(
                original_language, number, _names(choice, original_language), images[number % len(images)]
            ),
            locale=toolkit.locale,
        )
        toolkit.add_child(instance=chapter)
        _publish(chapter)
        created += 1
        for code in versions:
            if code == original_language:
                continue
            translated = chapter.copy_for_translation(versions[code].locale).specific
            translated.title, translated.summary = chapter_text[code]
            translated.body = _chapter_body(code, number, _names(choice, code), images[number % len(images)])
            _publish(translated)
            created += 1
    return created


def ensure_indexes() -> tuple[dict, dict]:
    """The Resource Hub and the news index in every language (created and published if missing,
    with the demo home pages if there are none): ({code: ResourceIndexPage}, {code: NewsIndexPage})."""
    from core.models import HomePage

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=LANGUAGE_CODES)}
    english_home = HomePage.objects.filter(locale=locales["en"]).first()
    if english_home is None:
        from core.demo import load_demo_pages

        english_home = load_demo_pages()
    return (
        _index(ResourceIndexPage, "resources", english_home, locales),
        _index(NewsIndexPage, "news", english_home, locales),
    )


@transaction.atomic
def load_resources_demo(count: int | None = None) -> dict:
    """Create the demo Resource Hub and news (replacing earlier demo items). `count` resources
    (default 42) and half as many news articles (at least 20 by default). Returns what was made."""
    resources = count if count is not None else DEFAULT_RESOURCES
    news = max(count // 2, 1) if count is not None else DEFAULT_NEWS
    from .scale import delete_generated

    delete_generated()  # the bulk-made scale items first: one query per table, not a delete per page
    for model in (ResourcePage, NewsArticlePage):
        for page in list(model.objects.filter(is_demo=True)):
            if model.objects.filter(pk=page.pk).exists():
                page.delete()  # with its chapters
    resource_index, news_index = ensure_indexes()
    images = demo_images()
    vocabulary = _Vocabulary()

    made = {"resources": 0, "news": 0, "chapters": 0}
    kinds = list(ResourceKind.values)
    for index in range(resources):
        kind = kinds[index % len(kinds)]
        choice = vocabulary.pick(index)
        versions = _create(
            ResourcePage,
            resource_index,
            index,
            kind,
            choice,
            images,
            titles=text.RESOURCE_TITLES,
            summary=text.SUMMARY,
            sentence=text.KIND_SENTENCES[kind],
        )
        made["resources"] += len(versions)
        if kind == ResourceKind.TOOLKIT:
            made["chapters"] += _add_chapters(versions, choice, images)
    news_kinds = list(NewsKind.values)
    for index in range(news):
        kind = news_kinds[index % len(news_kinds)]
        versions = _create_news(news_index, index, kind, vocabulary.pick(index + 5), images)
        made["news"] += len(versions)
    return made


def _create_news(parent_by_language, index: int, kind: str, choice: dict, images) -> dict:
    versions = _create(
        NewsArticlePage,
        parent_by_language,
        index,
        kind,
        choice,
        images,
        titles=text.NEWS_TITLES,
        summary=text.NEWS_SUMMARY,
        sentence=None,
        body=_news_body,
        published=_publication_date(index * 3 + 1, 1300),
    )
    return versions


def _names(choice: dict, language: str) -> dict:
    def name(term):
        return (getattr(term, f"name_{language}", "") or term.name_en) if term else ""

    return {"topic": name(choice["topic"]), "area": name(choice["area"]), "hub": name(choice["hub"])}
