"""The site's face (issue 9, point 8): logo and colours, icons, Wagtail images with alt text, the footer from
Wagtail settings, demo copy without demo prefixes, testimonials in the page's language, one h1 a page."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Template, TemplateSyntaxError
from wagtail.models import Locale, Site

from cities.demo import build_demo_network
from conftest import kept_for_module
from core.demo import draw_illustration, load_demo_pages
from core.models import CardBlock, ContentPage, FooterSettings, HomePage, HubPage
from core.models import Testimonial as Quote

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "fr", "es"]
PAGES = [
    "",
    "about/",
    "about/who-we-are/",
    "about/regional-hubs/",
    "about/regional-hubs/middle-east-north-africa/",
    "privacy/",
    "accessibility/",
]
STATIC = Path(settings.BASE_DIR) / "static"


@pytest.fixture(scope="module")
def _site_id(request, django_db_setup, django_db_blocker):
    with kept_for_module(request, django_db_blocker):
        build_demo_network(count=20, seed=5)
        yield load_demo_pages().pk


@pytest.fixture
def site(_site_id, db):
    """The demo site (made once for the module): its English home page."""
    return HomePage.objects.get(pk=_site_id)


class Outline(HTMLParser):
    """Headings (level, text) and images (attributes) of a page, in order."""

    def __init__(self):
        super().__init__()
        self.headings, self.images, self._level, self._text = [], [], None, []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), []
        elif tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data):
        if self._level:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._level and tag == f"h{self._level}":
            self.headings.append((self._level, " ".join("".join(self._text).split())))
            self._level = None


def outline(response) -> Outline:
    assert response.status_code == 200
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


# Logo and colours -----------------------------------------------------------------------------------------------


def test_logo_is_a_titled_svg_used_in_the_header_and_as_favicon(client, site):
    for name in ("logo.svg", "logo-mark.svg"):
        text = (STATIC / "img" / name).read_text()
        assert "<title" in text and "Strong Cities Network" in text
    html = client.get("/en/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/img/logo-mark\.svg"', html)
    assert 'href="data:,"' not in html
    link = re.search(r'<a class="site-name"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert "logo-mark.svg" in link and 'alt=""' in link and "Strong Cities Network" in link  # named once, by its text


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_brand_colours_meet_aa_contrast_for_text():
    css = (STATIC / "css" / "site.css").read_text()
    colours = dict(re.findall(r"--(brand-[a-z]+): (#[0-9a-f]{6});", css))
    assert {"brand-blue", "brand-navy", "brand-deep", "brand-teal", "brand-amber", "brand-sky"} <= set(colours)
    for name in ("brand-blue", "brand-navy", "brand-deep", "brand-teal", "brand-amber"):
        assert _contrast(colours[name], "#ffffff") >= 4.5, name
    assert _contrast(colours["brand-navy"], colours["brand-sky"]) >= 4.5


# Icons ----------------------------------------------------------------------------------------------------------


def test_icon_tag_renders_a_kept_lucide_icon_hidden_from_assistive_technology():
    html = Template('{% load icons %}{% icon "mail" %}').render(Context())
    assert html.startswith('<svg class="icon icon--mail" aria-hidden="true" focusable="false"')
    assert "<!--" not in html and "<path" in html
    assert '<rect x="2" y="4" width="20" height="16"' in html  # the shapes keep their sizes
    assert (STATIC / "icons" / "LICENSE-lucide.txt").is_file()
    with pytest.raises(TemplateSyntaxError):
        Template('{% load icons %}{% icon "no-such-icon" %}').render(Context())


# Footer from Wagtail settings -----------------------------------------------------------------------------------


def test_footer_links_privacy_and_accessibility_in_the_visitors_language(client, site):
    for language in LANGUAGES:
        html = client.get(f"/{language}/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'href="/{language}/privacy/"' in footer
        assert f'href="/{language}/accessibility/"' in footer
        assert "mailto:contact@example.org" in footer
        assert 'class="icon icon--mail"' in footer and 'class="icon icon--play"' in footer
        assert "export.csv" in footer  # the open-data links stay


@pytest.mark.parametrize(
    ("language", "heading", "letters"),
    [
        ("en", "What is kept and for how long", "Deleted 45 days after the decision"),
        ("ar", "ما الذي يُحتفظ به وإلى متى", "45 يومًا"),
        ("fr", "Ce qui est conservé, et combien de temps", "45 jours"),
        ("es", "Qué se conserva y durante cuánto tiempo", "45 días"),
    ],
)
def test_the_privacy_notice_says_what_is_kept_and_for_how_long(client, site, settings, language, heading, letters):
    """Under the notice's own text, from the settings the jobs obey: change one, the notice says so."""
    settings.RETENTION_CLOSED_LETTER_DAYS = 45
    html = client.get(f"/{language}/privacy/").content.decode()
    section = html[html.index('id="retention-title"') :]
    assert heading in section and letters in section
    assert section.count("<dt>") == 7
    assert 'id="retention-title"' not in client.get(f"/{language}/accessibility/").content.decode()


def test_changing_the_footer_setting_changes_the_footer(client, site):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.contact_email = "hello@example.net"
    footer.address = "Rue de l'Exemple 1\n1000 Exampleville"
    footer.social_links = [
        {"type": "link", "value": {"platform": "mastodon", "url": "https://social.example/@network"}}
    ]
    footer.accessibility_page = None
    footer.save()
    html = client.get("/en/").content.decode()
    footer_html = html[html.index('<footer class="site-footer">') :]
    assert "mailto:hello@example.net" in footer_html and "contact@example.org" not in footer_html
    assert "Rue de l&#x27;Exemple 1<br>1000 Exampleville" in footer_html
    assert 'href="https://social.example/@network"' in footer_html and ">Mastodon<" in footer_html
    assert "YouTube" not in footer_html
    assert "/accessibility/" not in footer_html and "/en/privacy/" in footer_html


def test_footer_settings_are_editable_in_the_admin(client, site, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x", name="Admin")
    client.force_login(admin)
    site_id = Site.objects.get(is_default_site=True).pk
    response = client.get(f"/admin/settings/core/footersettings/{site_id}/")
    assert response.status_code == 200
    assert b"contact_email" in response.content and b"social_links" in response.content


# Images through Wagtail -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar"])
def test_home_and_hub_images_are_renditions_with_alt_text_in_the_pages_language(client, site, language):
    home = outline(client.get(f"/{language}/"))
    renditions = [img for img in home.images if "/media/images/" in img.get("src", "")]
    assert len(renditions) == 4  # the hero and three cards
    hero = next(img for img in renditions if "hero__image" in img.get("class", ""))
    assert ".fill-960x640" in hero["src"]
    for img in renditions:
        assert img["alt"].strip(), img
    page = HomePage.objects.get(locale__language_code=language)
    assert hero["alt"] == page.hero_image_alt
    if language == "ar":
        assert re.search("[\u0600-\u06ff]", hero["alt"])
    hub = outline(client.get(f"/{language}/about/regional-hubs/middle-east-north-africa/"))
    banner = next(img for img in hub.images if "page-banner" in img.get("class", ""))
    assert ".fill-1200x400" in banner["src"] and banner["alt"].strip()


def test_demo_images_are_drawn_here_with_a_focal_point(site):
    page = HomePage.objects.get(locale__language_code="en")
    image = page.hero_image
    assert image.title.startswith("Demo illustration") and image.description
    assert image.has_focal_point()
    png, (x, y, width, height) = draw_illustration(3)
    assert png.startswith(b"\x89PNG") and width > 0 and height > 0


def test_an_image_without_alt_text_is_refused(site):
    page = HomePage.objects.get(locale__language_code="en")
    page.hero_image_alt = "  "
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "hero_image_alt" in refused.value.message_dict
    hub = HubPage.objects.filter(locale__language_code="fr").first()
    hub.banner_image_alt = ""
    with pytest.raises(ValidationError):
        hub.full_clean()
    block = CardBlock()
    value = block.to_python({"heading": "Cities", "image": page.hero_image.pk, "image_alt": ""})
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python({"heading": "Cities", "image": page.hero_image.pk, "image_alt": "Rings over a skyline"})
    assert block.clean(value)["image_alt"] == "Rings over a skyline"


# Demo copy, headings, testimonials ------------------------------------------------------------------------------

DEMO_PREFIXES = ["Demonstration text", "Texte de démonstration", "Texto de demostración", "نص تجريبي", "(demo)"]


def test_demo_copy_has_no_demo_prefix_and_pages_one_h1_no_repeated_heading(client, site):
    for language in LANGUAGES:
        for path in PAGES:
            response = client.get(f"/{language}/{path}")
            html = response.content.decode()
            main = html[html.index('<main id="main"') : html.index("</main>")]
            for prefix in DEMO_PREFIXES:
                assert prefix not in main, (path, prefix)
            headings = outline(response).headings
            assert [level for level, _text in headings].count(1) == 1, headings
            texts = [text.casefold() for _level, text in headings]
            assert len(texts) == len(set(texts)), f"a heading repeats on /{language}/{path}: {headings}"


def test_every_demo_content_page_exists_in_four_languages(site):
    for slug in ("privacy", "accessibility"):
        assert {p.locale.language_code for p in ContentPage.objects.filter(slug=slug)} == set(LANGUAGES)


def test_testimonials_show_in_the_pages_language_or_labelled_with_their_own(client, site):
    arabic = Locale.objects.get(language_code="ar")
    chosen = Quote.objects.for_locale(arabic, limit=10)
    keys = [t.translation_key for t in chosen]
    assert len(keys) == len(set(keys)), "a testimonial shows twice (original and translation)"
    for testimonial in chosen:
        translated = Quote.objects.filter(translation_key=testimonial.translation_key, locale=arabic).exists()
        assert testimonial.locale == arabic or not translated
    html = client.get("/ar/").content.decode()
    quotes = re.findall(r'<blockquote lang="([a-z]+)" dir="(rtl|ltr)">', html)
    assert quotes and all(language == "ar" and direction == "rtl" for language, direction in quotes)
    # A testimonial with no Arabic version shows in its own language, marked with it.
    Quote.objects.exclude(locale__language_code="es").delete()
    html = client.get("/ar/").content.decode()
    assert '<blockquote lang="es" dir="ltr">' in html
    assert 'class="testimonial__language"' in html
