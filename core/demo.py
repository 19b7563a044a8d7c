"""Demo site pages: English originals with human-written ar/fr/es versions.

Called by `load_demo_network`. The texts live in `core/demo_content/` and are
labelled demo; no words are attributed to real people.
"""

import functools
import hashlib
import random
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from core.i18n import LANGUAGE_CODES

from .models import ContentPage, FooterSettings, HomePage, HubPage, Testimonial

# The brand colours (static/css/site.css, --brand-*), as RGB.
BLUE, NAVY, TEAL, AMBER, SKY, DEEP = (
    (11, 79, 138),
    (8, 58, 102),
    (15, 118, 110),
    (194, 95, 0),
    (127, 179, 224),
    (6, 42, 74),
)
PALETTES = [(NAVY, BLUE, TEAL), (DEEP, TEAL, SKY), (BLUE, SKY, AMBER), (NAVY, TEAL, AMBER), (DEEP, BLUE, SKY)]


@functools.cache
def draw_illustration(seed: int, palette=PALETTES[0], size=(1600, 900)) -> tuple[bytes, tuple[int, int, int, int]]:
    """An abstract picture drawn here (never downloaded): a gradient sky, linked rings like cities in a network,
    and a skyline. Returns the PNG and the focal area (x, y, width, height) around the rings."""
    width, height = size
    top, bottom, ring = palette
    rng = random.Random(seed)
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    overlay = PILImage.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    centre_x, centre_y = rng.randint(width * 2 // 5, width * 3 // 5), height * 2 // 5
    nodes = []
    for _ in range(9):
        radius = rng.randint(height // 18, height // 7)
        x = centre_x + rng.randint(-width // 3, width // 3)
        y = min(max(centre_y + rng.randint(-height // 4, height // 5), radius + 24), height * 3 // 5 - radius)
        nodes.append((x, y, radius))
    for index, (x, y, _r) in enumerate(nodes):
        for x2, y2, _r2 in nodes[index + 1 :]:
            if abs(x - x2) + abs(y - y2) < width // 3:
                shapes.line([(x, y), (x2, y2)], fill=(255, 255, 255, 90), width=4)
    colours = [ring, (255, 255, 255), AMBER, SKY]
    for index, (x, y, r) in enumerate(nodes):
        colour = colours[index % len(colours)]
        shapes.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, 60), outline=(*colour, 230), width=max(6, r // 6))
        shapes.ellipse([x - 7, y - 7, x + 7, y + 7], fill=(255, 255, 255, 235))
    x = 0
    while x < width:
        building_width = rng.randint(width // 24, width // 10)
        building_height = rng.randint(height // 8, height // 3)
        shade = rng.choice([(*DEEP, 235), (*NAVY, 225), (4, 30, 54, 240)])
        shapes.rectangle([x, height - building_height, x + building_width - 6, height], fill=shade)
        for wy in range(height - building_height + 18, height - 20, 34):
            for wx in range(x + 12, x + building_width - 24, 28):
                if rng.random() < 0.35:
                    shapes.rectangle([wx, wy, wx + 10, wy + 14], fill=(255, 214, 140, 200))
        x += building_width
    picture = PILImage.alpha_composite(picture.convert("RGBA"), overlay).convert("RGB")
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    xs = [n[0] for n in nodes]
    ys = [n[1] for n in nodes]
    left, top_edge = max(0, min(xs)), max(0, min(ys))
    focal = (left, top_edge, min(width, max(xs)) - left, min(height, max(ys)) - top_edge)
    return buffer.getvalue(), focal


def demo_image(key: str, seed: int, alt: str, palette=PALETTES[0]):
    """The drawn demo illustration `key`, made once and kept (title "Demo illustration: <key>")."""
    Image = get_image_model()
    title = f"Demo illustration: {key}"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    data, (x, y, width, height) = draw_illustration(seed, palette)
    # Named after the drawing's content: a database loaded again (the tests, a reset demo) reuses the stored file.
    name = f"demo-{slugify(key)}-{hashlib.sha256(data).hexdigest()[:10]}.png"
    storage = Image._meta.get_field("file").storage
    stored = f"original_images/{name}"
    if storage.exists(stored):
        picture = PILImage.open(BytesIO(data))
        image = Image(title=title, description=alt, width=picture.width, height=picture.height, file_size=len(data))
        image.file.name = stored
    else:
        image = Image(title=title, description=alt, file=ImageFile(BytesIO(data), name=name))
    image.focal_point_x, image.focal_point_y = x + width // 2, y + height // 2
    image.focal_point_width, image.focal_point_height = max(width, 1), max(height, 1)
    image.save()
    return image


def _body(blocks):
    return [{"type": kind, "value": value} for kind, value in blocks]


def _fill(page, data: dict):
    page.title = data["title"]
    page.intro = data.get("intro", "")
    if hasattr(page, "body") and "body" in data:
        page.body = _body(data["body"])
    for field in (
        "hero_heading",
        "hero_text",
        "needs_and_priorities",
        "hero_image",
        "hero_image_alt",
        "banner_image",
        "banner_image_alt",
        "cards",
    ):
        if field in data:
            setattr(page, field, data[field])
    if "team" in data:
        page.team = [{"type": "member", "value": {"role": role, "description": text}} for role, text in data["team"]]


def _publish(page):
    page.save_revision().publish()


def _translate(page, content: dict):
    """Create or update the page's version in every other language."""
    for code in LANGUAGE_CODES:
        if code == page.locale.language_code:
            continue
        locale = Locale.objects.get(language_code=code)
        translated = page.get_translation_or_none(locale)
        if translated is None:
            translated = page.copy_for_translation(locale)
        translated = translated.specific
        _fill(translated, content[code])
        _publish(translated)


@transaction.atomic
def load_demo_pages() -> HomePage:
    from cities.models import City, Hub

    from .demo_content import ABOUT, ABOUT_CHILDREN, ACCESSIBILITY, HOME, HUBS, IMAGE_ALTS, PRIVACY, TESTIMONIALS

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code="en")
    root = Page.get_first_root_node()
    if root is None:  # an emptied database: Wagtail's migration normally makes the root
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=english, url_path="/"))

    hero = demo_image("home", 11, IMAGE_ALTS["hero"]["en"])
    HOME = {
        **HOME,
        **{
            code: {**HOME[code], "hero_image": hero, "hero_image_alt": IMAGE_ALTS["hero"][code]}
            for code in LANGUAGE_CODES
        },
    }
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        home = HomePage(slug=HOME["slug"], locale=english)
        _fill(home, HOME["en"])
        # The default Wagtail welcome page is replaced by ours.
        for page in root.get_children().exclude(pk__in=HomePage.objects.values("pk")):
            if page.slug == "home":
                page.slug = "welcome-old"
                page.save()
        root.add_child(instance=home)
    _fill(home, HOME["en"])
    _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Strong Cities Network"
        )
    elif site.root_page_id != home.pk:
        old = site.root_page
        site.root_page = home
        site.save()
        if not isinstance(old.specific, HomePage) and old.depth == 2:
            old.delete()
    _translate(home, HOME)

    def child(parent, cls, content, **extra):
        page = cls.objects.child_of(parent).filter(slug=content["slug"]).first()
        if page is None:
            page = cls(slug=content["slug"], locale=english, show_in_menus=extra.pop("show_in_menus", False), **extra)
            _fill(page, content["en"])
            parent.add_child(instance=page)
        else:
            for key, value in extra.items():
                setattr(page, key, value)
        _fill(page, content["en"])
        _publish(page)
        _translate(page, content)
        return page

    about = child(home, ContentPage, ABOUT, show_in_menus=True)
    # The notice the join form links to by its slug (`core/pages.py::PRIVACY_SLUG`), in every language.
    privacy = child(home, ContentPage, PRIVACY)
    # The accessibility statement the footer links to, in every language.
    accessibility = child(home, ContentPage, ACCESSIBILITY)
    hubs_index = None
    for content in ABOUT_CHILDREN:
        page = child(about, ContentPage, content)
        if content["slug"] == "regional-hubs":
            hubs_index = page
    hubs = {hub.code: hub for hub in Hub.objects.all()}
    for number, content in enumerate(HUBS):
        if content["code"] in hubs and hubs_index is not None:
            banner = demo_image(
                f"hub {content['code']}", 20 + number, IMAGE_ALTS["hub"]["en"], PALETTES[number % len(PALETTES)]
            )
            content = {
                **content,
                **{
                    code: {**content[code], "banner_image": banner, "banner_image_alt": IMAGE_ALTS["hub"][code]}
                    for code in LANGUAGE_CODES
                },
            }
            child(hubs_index, HubPage, content, hub=hubs[content["code"]])

    _home_cards(home, about)
    _footer(Site.objects.get(is_default_site=True), privacy, accessibility)

    Testimonial.objects.filter(is_demo=True).delete()
    cities = list(City.objects.public().filter(is_demo=True).order_by("pk")[: len(TESTIMONIALS)])
    for index, item in enumerate(TESTIMONIALS):
        original = Testimonial.objects.create(
            locale=Locale.objects.get(language_code=item["language"]),
            quote=item["quote"],
            speaker_role=item["speaker_role"],
            city=cities[index] if index < len(cities) else None,
            is_demo=True,
        )
        # Human translations where the demo has them; the others show in their own language, labelled.
        for code, (quote, role) in item.get("translations", {}).items():
            translation = original.copy_for_translation(Locale.objects.get(language_code=code))
            translation.quote, translation.speaker_role = quote, role
            translation.save()
    return home


def _home_cards(home, about):
    """The home page's cards in every language, each with a drawn illustration and its alternative text."""
    from .demo_content import CARDS

    pages = {page.slug: page for page in about.get_children().live()}
    images = [
        demo_image(f"card {card['slug']}", 40 + n, card["alt"]["en"], PALETTES[(n + 1) % len(PALETTES)])
        for n, card in enumerate(CARDS)
    ]
    for page in [
        home,
        *[home.get_translation_or_none(Locale.objects.get(language_code=code)) for code in LANGUAGE_CODES],
    ]:
        if page is None:
            continue
        page = page.specific
        code = page.locale.language_code
        page.cards = [
            {
                "type": "card",
                "value": {
                    "heading": card[code][0],
                    "text": card[code][1],
                    "icon": card["icon"],
                    "image": image.pk,
                    "image_alt": card["alt"][code],
                    "page": pages[card["slug"]].pk if card["slug"] in pages else None,
                },
            }
            for card, image in zip(CARDS, images, strict=True)
        ]
        _publish(page)


def _footer(site, privacy, accessibility):
    from .demo_content import FOOTER

    footer = FooterSettings.for_site(site)
    footer.contact_email = FOOTER["contact_email"]
    footer.address = FOOTER["address"]
    footer.privacy_page = privacy
    footer.accessibility_page = accessibility
    footer.social_links = [{"type": "link", "value": {"platform": p, "url": u}} for p, u in FOOTER["social_links"]]
    footer.save()
