"""The directory's and the map's result count, "Filters" control and active-filter summary
(issue 9, phones): what the server sends, which works without JavaScript."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from cities.models import Country
from cities.selectors import get_taxonomy
from cities.tests.factories import CityFactory, add_challenge

pytestmark = pytest.mark.django_db

PAGES = ["/en/network/", "/en/network/map/"]
ACTIVE_LINK = re.compile(r'<a class="filter-chip" data-filter="([a-z_]+)" href="([^"]*)">(.*?)</a>', re.S)
CLEAR_LINK = re.compile(r'<a class="filter-summary__clear" href="([^"]*)">')


@pytest.fixture
def towns():
    kenya, france = Country.objects.get(code="KE"), Country.objects.get(code="FR")
    mombasa = CityFactory(slug="mombasa", name="Mombasa", country=kenya, authority_type="city")
    kisumu = CityFactory(slug="kisumu", name="Kisumu", country=kenya)
    lyon = CityFactory(slug="lyon", name="Lyon", country=france)
    add_challenge(mombasa, "online-hate")
    add_challenge(lyon, "online-hate")
    return [mombasa, kisumu, lyon]


def text_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def active_links(text: str) -> dict[str, tuple[str, str]]:
    """{filter name: (href, visible text without tags)} of the summary's removal links."""
    links = {}
    for name, href, inner in ACTIVE_LINK.findall(text):
        visible = re.sub(r'<span class="visually-hidden">.*?</span>', "", inner, flags=re.S)
        links[name] = (html.unescape(href), " ".join(html.unescape(re.sub(r"<[^>]+>", "", visible)).split()))
    return links


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


@pytest.mark.parametrize("path", PAGES)
def test_each_removal_link_drops_exactly_one_filter(client, towns, path):
    given = {"q": "a", "country": ["KE"], "challenge": ["online-hate"], "authority_type": ["city"]}
    response = client.get(
        path,
        {
            "q": "a",
            "country": "KE",
            "challenge": "online-hate",
            "authority_type": "city",
            "sort": "-population",
            "page": "2",
        },
    )
    links = active_links(text_of(response))
    assert set(links) == {"q", "country", "challenge", "authority_type"}
    for name, (href, _text) in links.items():
        assert urlsplit(href).path == path, href
        expected = {key: value if isinstance(value, list) else [value] for key, value in given.items() if key != name}
        # The others and the order are kept; the page number is not (the pages change).
        assert query_of(href) == {**expected, "sort": ["-population"]}, (name, href)


@pytest.mark.parametrize("path", PAGES)
def test_removing_the_last_filter_links_to_the_bare_page(client, towns, path):
    links = active_links(text_of(client.get(path, {"country": "KE"})))
    assert links["country"][0] == path


@pytest.mark.parametrize("path", PAGES)
def test_clear_all_removes_every_filter_but_keeps_the_order(client, towns, path):
    text = text_of(client.get(path, {"country": "KE", "challenge": "online-hate", "sort": "-population"}))
    (href,) = CLEAR_LINK.findall(text)
    href = html.unescape(href)
    assert urlsplit(href).path == path
    assert query_of(href) == {"sort": ["-population"]}


def test_summary_names_each_filter_and_its_value(client, towns):
    links = active_links(text_of(client.get("/en/network/", {"country": "KE", "challenge": "online-hate", "q": "mom"})))
    taxonomy = get_taxonomy()
    assert links["country"][1] == f"Country: {dict(taxonomy.country_choices('en'))['KE']} ×"
    assert links["challenge"][1] == f"Challenge faced: {taxonomy.label('challenges', 'online-hate')} ×"
    assert links["q"][1] == "Search by name: mom ×"


def test_summary_is_in_the_readers_language(client, towns):
    text = text_of(client.get("/ar/network/", {"country": "KE"}))
    with translation.override("ar"):
        kenya = dict(get_taxonomy().country_choices("ar"))["KE"]
    assert kenya != "Kenya"
    assert kenya in active_links(text)["country"][1]


def test_no_summary_without_filters_and_sorting_is_not_a_filter(client, towns):
    text = text_of(client.get("/en/network/", {"sort": "-population"}))
    assert 'class="filter-summary"' not in text
    assert active_links(text) == {}


def test_ignored_values_are_not_listed_as_active(client, towns):
    text = text_of(client.get("/en/network/", {"country": "KE", "region": "atlantis"}))
    assert set(active_links(text)) == {"country"}


@pytest.mark.parametrize("path", PAGES)
def test_filters_control_counts_the_active_filters_and_is_sent_open(client, towns, path):
    text = text_of(client.get(path, {"country": "KE", "challenge": "online-hate", "sort": "-population"}))
    summary = re.search(r'<summary class="filters-panel__toggle">(.*?)</summary>', text, re.S).group(1)
    visible = re.sub(r'<span class="visually-hidden">.*?</span>', "", summary, flags=re.S)
    assert " ".join(re.sub(r"<[^>]+>", "", visible).split()) == "Filters (2)"
    assert "(2 active)" in summary
    # Open as sent: without JavaScript the form is usable at any width.
    assert '<details class="filters-panel" open data-filters-panel>' in text
    plain = text_of(client.get(path))
    summary = re.search(r'<summary class="filters-panel__toggle">(.*?)</summary>', plain, re.S).group(1)
    assert summary.strip() == "Filters"


@pytest.mark.parametrize(
    "query, heading",
    [
        ({"country": "FR"}, "1 member authority"),
        ({"country": "KE"}, "2 member authorities"),
        ({}, "3 member authorities"),
    ],
)
@pytest.mark.parametrize("path", PAGES)
def test_result_count_before_the_results_with_plural_forms(client, towns, path, query, heading):
    text = text_of(client.get(path, query))
    match = re.search(r'<h2 id="(?:results|map)-heading" class="results__count"[^>]*>(.*?)</h2>', text, re.S)
    assert " ".join(match.group(1).split()) == heading
    assert match.start() < text.index('class="city-list')


def test_count_is_grouped_in_the_readers_language(client, towns, monkeypatch):
    from django.core.paginator import Paginator

    monkeypatch.setattr(Paginator, "count", 12345)
    assert "12,345 member authorities" in text_of(client.get("/en/network/"))
    with translation.override("fr"):
        french = text_of(client.get("/fr/network/"))
    assert re.search(r"12[\u00a0\u202f ]345", french), "the French count is not grouped"


def test_header_has_a_menu_button_for_phones(client, towns):
    text = text_of(client.get("/en/network/"))
    button = re.search(r'<button type="button" class="menu-toggle"[^>]*>', text).group(0)
    assert 'aria-expanded="false"' in button
    controls = re.search(r'aria-controls="([^"]+)"', button).group(1)
    menu = re.search(rf'<div class="site-menu" id="{controls}">(.*?)</header>', text, re.S).group(1)
    assert 'class="site-nav"' in menu and 'class="account-links"' in menu
    assert "/static/js/site-menu.js" in text
