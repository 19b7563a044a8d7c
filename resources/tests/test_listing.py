import io
from datetime import date

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from cities.models import Challenge, Hub, PracticeArea
from resources.models import ResourceKind

from .conftest import translate

pytestmark = pytest.mark.django_db


def facet(response, name):
    return {
        value: count
        for value, _label, count, _selected in next(f for f in response.context["facets"] if f.name == name).options
    }


def small_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), "#0b4f8a").save(buffer, format="PNG")
    return get_image_model().objects.create(title="Test", file=ImageFile(buffer, name="test.png"))


def titles(response):
    return [item.title for item in response.context["items"]]


@pytest.fixture
def library(hub, make_resource):
    en = hub["resources"]["en"]
    youth = Challenge.objects.get(code="youth-radicalisation")
    online = Challenge.objects.get(code="online-hate")
    schools = PracticeArea.objects.get(code="schools-education")
    mena = Hub.objects.get(code="mena")
    toolkit = make_resource(
        en,
        title="Youth toolkit",
        kind=ResourceKind.TOOLKIT,
        topics=[youth],
        practice_areas=[schools],
        hubs=[mena],
        publication_date=date(2025, 3, 1),
    )
    translate(toolkit, "ar", hub, title="مجموعة أدوات الشباب")
    guide = make_resource(
        en, title="Online guide", kind=ResourceKind.GUIDE, topics=[online], publication_date=date(2024, 6, 1)
    )
    translate(guide, "fr", hub, title="Guide en ligne")
    make_resource(
        en, title="Brief on youth", kind=ResourceKind.POLICY_BRIEF, topics=[youth], publication_date=date(2023, 1, 1)
    )
    # Written in Arabic only.
    make_resource(
        hub["resources"]["ar"],
        title="دراسة حالة عربية",
        kind=ResourceKind.CASE_STUDY,
        publication_date=date(2025, 1, 1),
    )
    # Never listed: a draft, and a page behind a password.
    make_resource(en, title="Secret draft", live=False)
    private = make_resource(en, title="Private page")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return hub


def test_english_list_shows_each_resource_once_in_the_best_language(client, library):
    response = client.get("/en/resources/")
    assert response.status_code == 200
    assert titles(response) == ["Youth toolkit", "دراسة حالة عربية", "Online guide", "Brief on youth"]
    arabic_only = response.context["items"][1]
    assert arabic_only.available_in == ["ar"]
    assert 'lang="ar" dir="rtl"' in response.content.decode()


def test_arabic_list_prefers_arabic_versions(client, library):
    response = client.get("/ar/resources/")
    assert titles(response) == ["مجموعة أدوات الشباب", "دراسة حالة عربية", "Online guide", "Brief on youth"]
    assert response.context["items"][0].available_in == ["ar", "en"]


def test_drafts_and_private_pages_never_appear(client, library):
    for url in ("/en/resources/", "/en/resources/?sort=title", "/en/resources/?year=2024", "/en/resources/feed/"):
        body = client.get(url).content.decode()
        assert "Secret draft" not in body and "Private page" not in body, url


def test_facet_counts(client, library):
    response = client.get("/en/resources/")
    assert facet(response, "kind") == {"toolkit": 1, "guide": 1, "policy-brief": 1, "case-study": 1}
    assert facet(response, "topic") == {"youth-radicalisation": 2, "online-hate": 1}
    assert facet(response, "language") == {"en": 3, "ar": 2, "fr": 1}
    assert facet(response, "year") == {"2025": 2, "2024": 1, "2023": 1}
    assert facet(response, "hub") == {"mena": 1}


def test_filters_combine_and_facets_count_the_others(client, library):
    response = client.get("/en/resources/?topic=youth-radicalisation&kind=toolkit")
    assert titles(response) == ["Youth toolkit"]
    # The kind facet ignores the kind filter: it says what choosing another kind would give.
    assert facet(response, "kind") == {"toolkit": 1, "policy-brief": 1}
    response = client.get("/ar/resources/?language=fr")
    assert titles(response) == ["Online guide"]
    response = client.get("/en/resources/?practice_area=schools-education&hub=mena&year=2025")
    assert titles(response) == ["Youth toolkit"]


def test_each_facet_count_is_what_choosing_that_option_shows(client, library, make_resource):
    """Counted over more than 64 items (the counts run on bit-packed columns, 64 items a word)."""
    en = library["resources"]["en"]
    online = Challenge.objects.get(code="online-hate")
    for number in range(70):
        make_resource(en, title=f"Extra {number}", topics=[online] if number % 3 else [], kind=ResourceKind.GUIDE)
    for start in ("", "topic=online-hate", "kind=guide&language=en"):
        response = client.get(f"/en/resources/?{start}")
        checked = 0
        for name in ("kind", "topic", "language", "year"):
            for value, count in facet(response, name).items():
                chosen = client.get(f"/en/resources/?{start}&{name}={value}")
                assert chosen.context["page_obj"].paginator.count == count, (start, name, value)
                checked += 1
        assert checked >= 4


def test_sorting(client, library):
    assert titles(client.get("/en/resources/?sort=oldest"))[0] == "Brief on youth"
    assert titles(client.get("/en/resources/?sort=title"))[:2] == ["Brief on youth", "Online guide"]


BAD_QUERIES = [
    "?bogus=1",
    "?kind=nonsense",
    "?year=20x",
    "?year=1850",
    "?topic=%00",
    "?page=abc",
    "?page=999999999999999999999",
    "?page=-3",
    "?sort=drop table",
    "?language=xx",
    "?" + "x" * 5000 + "=1",
]


def test_bad_query_strings_give_a_page_with_a_notice(client, library):
    for query in BAD_QUERIES:
        response = client.get("/en/resources/" + query)
        assert response.status_code == 200, query
        assert response.context["notices"], query
    # Repeated parameters: the last one counts, nothing to report.
    response = client.get("/en/resources/?kind=guide&kind=toolkit")
    assert response.status_code == 200
    assert titles(response) == ["Youth toolkit"]


def test_unknown_filter_is_named_and_ignored(client, library):
    response = client.get("/en/resources/?colour=blue&kind=guide")
    assert titles(response) == ["Online guide"]
    assert any("colour" in notice for notice in response.context["notices"])


def test_pagination_keeps_the_filters(client, hub, make_resource):
    for number in range(15):
        make_resource(hub["resources"]["en"], title=f"Guide {number:02d}", kind=ResourceKind.GUIDE)
    response = client.get("/en/resources/?kind=guide&sort=title")
    assert len(response.context["items"]) == 12
    assert 'href="?kind=guide&amp;sort=title&amp;page=2"' in response.content.decode()
    second = client.get("/en/resources/?kind=guide&sort=title&page=2")
    assert titles(second) == ["Guide 12", "Guide 13", "Guide 14"]


def test_query_count_does_not_grow_with_the_list(client, hub, make_resource, django_assert_max_num_queries):
    """The list reads a fixed number of queries whatever the number of cards (no query per card)."""
    youth = Challenge.objects.get(code="youth-radicalisation")
    image = small_image()
    pictured = {"topics": [youth], "image": image, "image_alt": "A pattern"}
    for number in range(2):
        make_resource(hub["resources"]["en"], title=f"Few {number}", **pictured)
    client.get("/en/resources/")  # warm the taxonomy and site caches
    with django_assert_max_num_queries(40) as few:
        client.get("/en/resources/?topic=youth-radicalisation")
    for number in range(12):
        make_resource(hub["resources"]["en"], title=f"Many {number}", **pictured)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/resources/?topic=youth-radicalisation")
    assert len(response.context["items"]) == 12


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # the lists' version committed, as in production: the index is kept
def test_a_list_page_reads_a_fixed_small_number_of_queries(client, hub, make_resource):
    """The list's own reads are six whatever the number of items, of cards or of view restrictions: the lists'
    version, the taxonomy's version, the 12 rows, their images, the images' renditions and the restrictions
    above the rows. The whole page (Wagtail's routing, menu, language links, footer) reads at most 26."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resources.listing import Listing
    from resources.models import ResourcePage

    en = hub["resources"]["en"]
    youth = Challenge.objects.get(code="youth-radicalisation")
    image = small_image()
    pictured = {"topics": [youth], "image": image, "image_alt": "A pattern"}
    for number in range(2):
        make_resource(en, title=f"Few {number}", **pictured)
    urls = ["/en/resources/", "/ar/resources/?topic=youth-radicalisation&sort=title", "/fr/resources/?q=few"]

    def counts():
        for url in urls:
            client.get(url)  # renditions made, caches warm
        pages = []
        for url in urls:
            with CaptureQueriesContext(connection) as page_queries:
                response = client.get(url)
            assert response.status_code == 200
            pages.append(len(page_queries))
        with CaptureQueriesContext(connection) as own:
            listing = Listing(ResourcePage, {"topic": "youth-radicalisation"}, language="en")
            shown = listing.page("1").object_list
            listing.facets()
        return pages, len(own), len(shown)

    few_pages, few_own, few_shown = counts()
    for number in range(14):
        make_resource(en, title=f"Many {number}", **pictured)
    private = make_resource(en, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    many_pages, many_own, many_shown = counts()
    assert (few_shown, many_shown) == (2, 12)
    assert few_own == many_own == 6
    assert many_pages == few_pages
    assert max(many_pages) <= 26, many_pages  # PostgreSQL's search: two reads of the words (search.ranking)


def test_news_list_has_its_own_kinds(client, hub, make_news):
    make_news(hub["news"]["en"], title="A statement", kind="statement")
    response = client.get("/en/news/")
    assert titles(response) == ["A statement"]
    assert facet(response, "kind") == {"statement": 1}
    assert client.get("/en/news/?kind=toolkit").context["notices"]


# The text search inside the lists (q)


def test_search_narrows_the_list_with_the_site_search_folding(client, library):
    # Arabic written with the taa marbuta as heh and no harakat finds the Arabic-only case study.
    response = client.get("/en/resources/", {"q": "دراسه حاله"})
    assert titles(response) == ["دراسة حالة عربية"]
    # A French version matches for a reader of another language: the group is shown in the reader's language.
    response = client.get("/ar/resources/", {"q": "guide en ligne"})
    assert titles(response) == ["Online guide"]
    # Every word must match; accents and case do not matter.
    assert titles(client.get("/en/resources/", {"q": "YOUTH toolkit"})) == ["Youth toolkit"]


def test_search_facet_counts_reflect_the_query(client, library):
    response = client.get("/en/resources/", {"q": "youth"})
    assert set(titles(response)) == {"Youth toolkit", "Brief on youth"}
    assert facet(response, "kind") == {"toolkit": 1, "policy-brief": 1}
    assert facet(response, "topic") == {"youth-radicalisation": 2}
    assert response.context["listing"].sort == "relevance"
    assert 'value="relevance" selected' in response.content.decode()
    # Filters still combine with the search.
    assert titles(client.get("/en/resources/", {"q": "youth", "kind": "toolkit"})) == ["Youth toolkit"]


def test_search_sorts_by_relevance_and_by_date_when_asked(client, hub, make_resource):
    en = hub["resources"]["en"]
    make_resource(
        en, title="Mediation", summary="Mediation between neighbours: mediation.", publication_date=date(2020, 1, 1)
    )
    make_resource(
        en,
        title="Other",
        summary="A long note on many things, one of them mediation, among others.",
        publication_date=date(2025, 1, 1),
    )
    make_resource(en, title="Unrelated", publication_date=date(2024, 1, 1))
    ranked = titles(client.get("/en/resources/", {"q": "mediation"}))
    assert ranked[0] == "Mediation"  # the title counts more than the text
    assert sorted(ranked) == ["Mediation", "Other"]
    assert titles(client.get("/en/resources/", {"q": "mediation", "sort": "newest"})) == ["Other", "Mediation"]
    # Without a search, "relevance" means newest first.
    assert titles(client.get("/en/resources/", {"sort": "relevance"})) == ["Other", "Unrelated", "Mediation"]


@pytest.mark.parametrize(
    "query",
    ['"youth', "youth AND NOT", "youth*", "(youth) OR -x", "youth'; DROP TABLE x;--", "youth \x00 \u202e"],
)
def test_search_operators_and_quotes_are_plain_text(client, library, query):
    response = client.get("/en/resources/", {"q": query})
    assert response.status_code == 200
    assert "Youth toolkit" in titles(response) or not titles(response)


def test_long_and_empty_searches(client, library):
    response = client.get("/en/resources/", {"q": "youth " * 1000})
    assert response.status_code == 200
    assert any("first 200 characters" in notice for notice in response.context["notices"])
    assert len(response.context["listing"].values["q"]) <= 200
    assert "Youth toolkit" in titles(response)
    nothing = client.get("/en/resources/", {"q": "zzqqxx"})
    body = nothing.content.decode()
    assert titles(nothing) == [] and "No resource matches “zzqqxx” with these filters." in body
    assert 'href="/en/resources/"' in body  # clear all
    symbols = client.get("/en/resources/", {"q": "!!! ???"})
    assert symbols.status_code == 200 and titles(symbols) == []
    assert len(titles(client.get("/en/resources/", {"q": "   "}))) == 4  # blank: no search


def test_search_query_count_does_not_grow_with_the_list(client, hub, make_resource, django_assert_max_num_queries):
    for number in range(2):
        make_resource(hub["resources"]["en"], title=f"Mediation {number}")
    client.get("/en/resources/?q=mediation")  # warm the taxonomy and site caches
    with django_assert_max_num_queries(47) as few:
        client.get("/en/resources/?q=mediation&sort=relevance")
    for number in range(14):
        make_resource(hub["resources"]["en"], title=f"Mediation {number + 2}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/resources/?q=mediation&sort=relevance")
    assert len(response.context["items"]) == 12


def test_search_never_shows_drafts_or_private_pages(client, library):
    for query in ("secret draft", "private page", "summary"):
        body = client.get("/en/resources/", {"q": query}).content.decode()
        assert "Secret draft" not in body and "Private page" not in body


# The index and its version


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publishing_moves_the_version_and_the_list_follows(client, hub, make_resource):
    from resources.listing_index import listing_version

    en = hub["resources"]["en"]
    make_resource(en, title="First")
    before = listing_version()
    assert titles(client.get("/en/resources/")) == ["First"]
    second = make_resource(en, title="Second", publication_date=date(2025, 1, 1))
    assert listing_version() > before
    assert titles(client.get("/en/resources/")) == ["Second", "First"]
    second.unpublish()
    assert titles(client.get("/en/resources/")) == ["First"]
    PageViewRestriction.objects.create(page=hub["resources"]["en"], restriction_type=PageViewRestriction.LOGIN)
    assert titles(client.get("/ar/resources/")) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restriction_the_index_has_not_seen_yet_still_hides_the_card(client, hub, make_resource):
    """The index may be a moment behind (its version moves on after the commit); the cards are
    checked again against the view restrictions on the page and on every section above it."""
    en = hub["resources"]["en"]
    make_resource(en, title="Open")
    hidden = make_resource(en, title="Soon private", publication_date=date(2025, 1, 1))
    assert titles(client.get("/en/resources/")) == ["Soon private", "Open"]
    # bulk_create sends no signal: the version stays, the index keeps both pages.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")]
    )
    assert titles(client.get("/en/resources/")) == ["Open"]


def test_rows_under_a_restricted_section_are_left_out(hub, make_resource):
    from resources.selectors import without_restricted

    shown = make_resource(hub["resources"]["ar"], title="Shown")
    under = make_resource(hub["resources"]["en"], title="Under a restricted section")
    assert without_restricted([under, shown]) == [under, shown]
    PageViewRestriction.objects.create(page=hub["resources"]["en"], restriction_type=PageViewRestriction.LOGIN)
    assert without_restricted([under, shown]) == [shown]


def test_index_and_sql_give_the_same_list(client, library):
    from resources.listing import Listing
    from resources.models import ResourcePage

    for params in ({}, {"topic": "youth-radicalisation"}, {"language": "fr"}, {"sort": "title"}, {"year": "2025"}):
        for language in ("en", "ar"):
            listing = Listing(ResourcePage, params, language=language)
            from_index = [int(pk) for pk in listing.view.page_id[listing.result_groups()]]
            assert from_index == list(listing.queryset().values_list("pk", flat=True)), (params, language)
