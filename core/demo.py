"""Demo site pages: English originals with human-written ar/fr/es versions.

Called by `load_demo_network`. The texts live in `core/demo_content/` and are
labelled demo; no words are attributed to real people.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.i18n import LANGUAGE_CODES

from .models import ContentPage, HomePage, HubPage, Testimonial


def _body(blocks):
    return [{"type": kind, "value": value} for kind, value in blocks]


def _fill(page, data: dict):
    page.title = data["title"]
    page.intro = data.get("intro", "")
    if hasattr(page, "body") and "body" in data:
        page.body = _body(data["body"])
    for field in ("hero_heading", "hero_text", "needs_and_priorities"):
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

    from .demo_content import ABOUT, ABOUT_CHILDREN, HOME, HUBS, PRIVACY, TESTIMONIALS

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    english = Locale.objects.get(language_code="en")
    root = Page.get_first_root_node()
    if root is None:  # an emptied database: Wagtail's migration normally makes the root
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=english, url_path="/"))

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
    child(home, ContentPage, PRIVACY)
    hubs_index = None
    for content in ABOUT_CHILDREN:
        page = child(about, ContentPage, content)
        if content["slug"] == "regional-hubs":
            hubs_index = page
    hubs = {hub.code: hub for hub in Hub.objects.all()}
    for content in HUBS:
        if content["code"] in hubs and hubs_index is not None:
            child(hubs_index, HubPage, content, hub=hubs[content["code"]])

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
        # Testimonials keep their original language; each locale shows its own.
        del original
    return home
