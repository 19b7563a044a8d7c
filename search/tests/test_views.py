"""/<lang>/search/: one list of pages and member authorities, grouped by kind, folded matching,
only what the public may see, never an error."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, get_page_models

from cities.models import Stage
from cities.tests.factories import CityFactory, add_focal_point
from search.indexing import FoldedText, FoldedTitle, kind_label, kind_of
from search.query import PER_KIND

pytestmark = pytest.mark.django_db


def results(client, query, language="en", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def hit_titles(html):
    return [
        re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<li class="search-hit">\s*<h3><a [^>]*>(.*?)</a>', html)
    ]


@pytest.fixture
def arabic_pages(homes, make_page):
    ar = homes["ar"]
    return {
        "city": make_page(ar, "المَدِينَة القَوِيَّة", "دليل عن المدينة الآمنة والشباب."),
        "other": make_page(ar, "الشباب", "برامج الوقاية في الأحياء."),
    }


@pytest.fixture
def french_pages(homes, make_page):
    fr = homes["fr"]
    return {
        "resilient": make_page(fr, "Une ville résiliente", "Guide de la prévention à l'échelle locale."),
        "other": make_page(fr, "Jeunesse", "Une ville ouverte aux jeunes, résiliente face aux crises."),
    }


@pytest.mark.parametrize("query", ["المدينه", "المدينة", "المَدِينَة", "ـالمـدينـة"])
def test_arabic_found_with_or_without_harakat_tatweel_or_taa_marbuta(client, arabic_pages, query):
    html = results(client, query, "ar")
    assert hit_titles(html) == ["المَدِينَة القَوِيَّة"]
    assert "<mark>المَدِينَة</mark>" in html
    assert "<mark>المدينة</mark>" in html  # in the body's excerpt


@pytest.mark.parametrize("query", ["ville resiliente", "Ville Résiliente", "VILLE RÉSILIENTE", '"ville" résiliente'])
def test_french_found_with_or_without_accents(client, french_pages, query):
    html = results(client, query, "fr")
    assert sorted(hit_titles(html)) == ["Jeunesse", "Une ville résiliente"]
    assert "Une <mark>ville</mark> <mark>résiliente</mark>" in html


@pytest.mark.parametrize("query", ["participacion ciudadana", "Participación Ciudadana"])
def test_spanish_found_with_or_without_accents(client, homes, make_page, query):
    make_page(homes["es"], "Participación ciudadana", "Cómo los barrios deciden.")
    make_page(homes["es"], "Otra página", "Sin relación.")
    assert hit_titles(results(client, query, "es")) == ["Participación ciudadana"]


def test_only_pages_in_the_readers_language(client, arabic_pages, french_pages, homes, make_page):
    make_page(homes["en"], "A resilient city", "Ville résiliente, in English.")
    assert hit_titles(results(client, "resiliente", "en")) == ["A resilient city"]
    assert hit_titles(results(client, "المدينه", "en")) == []


def test_every_word_must_be_found(client, french_pages):
    assert sorted(hit_titles(results(client, "résiliente ville", "fr"))) == ["Jeunesse", "Une ville résiliente"]
    assert hit_titles(results(client, "ville jeunes", "fr")) == ["Jeunesse"]


def test_drafts_unpublished_and_private_pages_never_appear(client, homes, make_page, make_private):
    make_page(homes["en"], "Zanzibar draft", "zanzibar", live=False)
    unpublished = make_page(homes["en"], "Zanzibar unpublished", "zanzibar")
    unpublished.unpublish()
    section = make_page(homes["en"], "Private section", "members only")
    make_private(section)
    make_page(section, "Zanzibar private", "zanzibar")
    make_page(homes["en"], "Zanzibar public", "zanzibar")
    # A published page's newer draft is not searched either: only what is published.
    public = Page.objects.get(title="Zanzibar public").specific
    public.title = "Zanzibar secret draft title"
    public.save_revision()
    html = results(client, "zanzibar")
    assert hit_titles(html) == ["Zanzibar public"]
    assert "secret" not in html and "private" not in html.lower().replace("privacy", "")


def test_member_authorities_found_by_any_of_their_names_without_contacts(client, homes):
    city = CityFactory(slug="zarqa", name="الزرقاء", name_en="Zarqa", name_fr="Zarka", name_ar="الزَّرْقاء")
    add_focal_point(
        city, visibility="members", name="Focal Person", email="focal@zarqa.example", phone="+962 5 000 0000"
    )
    add_focal_point(city, visibility="staff", name="Staff Person", email="staff@zarqa.example")
    CityFactory(slug="zarqa-applicant", name="Zarqa Applicant", name_en="Zarqa Applicant", stage=Stage.APPLICANT)
    for query, language in [("zarqa", "en"), ("ZARQ", "en"), ("الزرقاء", "ar"), ("الزرقا", "ar"), ("zarka", "fr")]:
        html = results(client, query, language)
        assert len(hit_titles(html)) == 1, (query, language)
        assert f'href="/{language}/network/zarqa/"' in html
        for secret in ("Focal Person", "focal@zarqa.example", "000 0000", "Staff Person", "staff@zarqa"):
            assert secret not in html
    # Found through a name in another language: the name it was found by is shown.
    assert "<mark>الزرقاء</mark>" in results(client, "الزرقاء", "en")


def test_results_grouped_by_kind_with_counts_and_show_all(client, homes, make_page):
    for n in range(PER_KIND + 2):
        make_page(homes["en"], f"Harbour page {n}", "harbour safety")
    CityFactory(slug="harbour-town", name="Harbour Town", name_en="Harbour Town")
    html = results(client, "harbour")
    assert '<h2 id="group-pages">Pages <span class="count">(7)</span></h2>' in html
    assert '<h2 id="group-cities">Member authorities <span class="count">(1)</span></h2>' in html
    assert html.index("group-pages") < html.index("group-cities")
    assert len(hit_titles(html)) == PER_KIND + 1
    assert "8 results for" in html
    assert "Show all 7: Pages" in html
    # One kind alone, paginated.
    html = results(client, "harbour", kind="pages")
    assert len(hit_titles(html)) == 7
    assert "group-cities" not in html
    assert 'aria-current="page">Pages <span class="count">7</span>' in html
    html = results(client, "harbour", kind="cities")
    assert hit_titles(html) == ["Harbour Town"]


def test_pagination_of_one_kind(client, homes, make_page):
    for n in range(23):
        make_page(homes["en"], f"Lagoon {n}", "lagoon")
    first = results(client, "lagoon", kind="pages")
    second = results(client, "lagoon", kind="pages", page="2")
    assert len(hit_titles(first)) == 20 and len(hit_titles(second)) == 3
    assert not set(hit_titles(first)) & set(hit_titles(second))
    assert "Page 2 of 2" in second and "kind=pages" in first
    assert len(hit_titles(results(client, "lagoon", kind="pages", page="999999999999999999"))) == 3


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed quote',
        "a AND OR NOT",
        "NEAR(a b) title:x ^2 * - + ~ {} [] ()",
        "\x00\x1f\u202e",
        "'; DROP TABLE wagtailcore_page; --",
        "%",
        "\\",
        "ville " * 1000,
        "é" * 5000,
    ],
)
def test_bad_input_never_a_server_error(client, french_pages, query):
    html = results(client, query, "fr")
    assert "<h1>" in html


def test_long_query_is_cut_with_a_notice(client, french_pages):
    html = results(client, "ville " * 1000, "fr")
    assert 'id="search-shortened"' in html
    assert "Une <mark>ville</mark>" in html


def test_empty_query_shows_an_empty_state(client, homes):
    for params in [{}, {"q": ""}, {"q": "   "}, {"q": "***"}, {"kind": "nonsense"}, {"page": "x"}]:
        response = client.get("/en/search/", params)
        assert response.status_code == 200
        assert b"Type one or more words" in response.content


def test_unknown_kind_shows_every_kind_with_a_notice(client, french_pages):
    html = results(client, "ville", "fr", kind="<script>")
    assert len(hit_titles(html)) == 2
    assert "&lt;script&gt;" not in html and "<script>" not in html.split("</main>")[0].split("<main")[1]


def test_query_count_is_bounded(client, homes, make_page):
    for n in range(12):
        make_page(homes["en"], f"Delta {n}", "delta river")
    for n in range(12):
        CityFactory(slug=f"delta-{n}", name=f"Delta {n}", name_en=f"Delta {n}")
    client.get("/en/search/", {"q": "delta"})  # warm the content types' cache
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/search/", {"q": "delta"}).status_code == 200
    for n in range(12, 30):
        make_page(homes["en"], f"Delta {n}", "delta river")
        CityFactory(slug=f"delta-{n}", name=f"Delta {n}", name_en=f"Delta {n}")
    client.get("/en/search/", {"q": "delta"})  # the chrome's cached figures follow the new data version
    with CaptureQueriesContext(connection) as many:
        assert client.get("/en/search/", {"q": "delta"}).status_code == 200
    assert len(many) == len(few)
    # PostgreSQL: per group, the newest buckets of index entries, then the older ones (search.ranking)
    assert len(many) <= 30, [query["sql"][:120] for query in many]
    with CaptureQueriesContext(connection) as one_kind:
        assert client.get("/en/search/", {"q": "delta", "kind": "pages"}).status_code == 200
    assert len(one_kind) <= 29


def test_header_has_a_search_box_on_every_page(client, homes):
    html = client.get("/ar/network/").content.decode()
    assert 'role="search"' in html and 'action="/ar/search/"' in html
    assert re.search(r'<label for="site-search-q"[^>]*>', html)


def test_every_page_type_indexes_folded_text():
    for model in get_page_models():
        kinds = {type(field) for field in model.get_search_fields()}
        assert {FoldedTitle, FoldedText} <= kinds, model


def test_kind_from_search_kind_or_the_model():
    from core.models import ContentPage

    class Plain:
        class _meta:
            label_lower = "app.plainpage"
            verbose_name_plural = "plain pages"

    assert kind_of(ContentPage) == "pages"
    assert kind_of(Plain) == "app.plainpage"
    assert kind_label("app.plainpage", Plain) == "plain pages"


def test_a_title_match_ranks_above_a_body_match(client, homes, make_page):
    make_page(homes["en"], "Harbour notes", "A plan for the estuary and its quays.")
    make_page(homes["en"], "Estuary", "Notes on the harbour.")
    make_page(homes["en"], "Quays", "Nothing about it.")
    assert hit_titles(results(client, "estuary")) == ["Estuary", "Harbour notes"]


def test_counts_beyond_the_limit_show_a_plus_and_the_newest_are_ranked(client, homes, make_page, monkeypatch):
    monkeypatch.setattr("search.ranking.LIMIT", 3)
    for n in range(5):
        make_page(homes["en"], f"Lagoon {n}", "lagoon")
    html = results(client, "lagoon")
    assert '<h2 id="group-pages">Pages <span class="count">(3+)</span></h2>' in html
    assert "3+ results for" in html
    assert sorted(hit_titles(html)) == ["Lagoon 2", "Lagoon 3", "Lagoon 4"]  # the newest three
    html = results(client, "lagoon", kind="pages")
    assert sorted(hit_titles(html)) == ["Lagoon 2", "Lagoon 3", "Lagoon 4"]
    # Few enough: an exact count, no plus.
    monkeypatch.setattr("search.ranking.LIMIT", 5)
    assert '<span class="count">(5)</span>' in results(client, "lagoon")


def test_hidden_pages_among_the_newest_matches_do_not_hide_older_visible_ones(
    client, homes, make_page, make_private, monkeypatch
):
    """The newest matches are read in batches and their pages checked afterwards (PostgreSQL): a
    batch made only of private pages and drafts is followed by the next, so the visible matches
    behind them are found and counted exactly, and no hidden page is shown."""
    monkeypatch.setattr("search.ranking.LIMIT", 3)
    monkeypatch.setattr("search.ranking.BATCH", 4)
    for n in range(4):
        make_page(homes["en"], f"Marsh {n}", "marsh")
    section = make_page(homes["en"], "Closed marsh section", "")
    make_private(section)
    for n in range(6):  # newer than every visible match: more than a batch
        make_page(section, f"Private marsh {n}", "marsh")
    for n in range(3):
        make_page(homes["en"], f"Draft marsh {n}", "marsh", live=False)
    html = results(client, "marsh")
    assert sorted(hit_titles(html)) == ["Marsh 1", "Marsh 2", "Marsh 3"]  # the newest three visible
    assert '<span class="count">(3+)</span>' in html
    monkeypatch.setattr("search.ranking.LIMIT", 4)
    html = results(client, "marsh", kind="pages")
    assert sorted(hit_titles(html)) == ["Marsh 0", "Marsh 1", "Marsh 2", "Marsh 3"]
    assert '<span class="count">(4)</span>' in results(client, "marsh")
