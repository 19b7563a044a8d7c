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


def test_news_list_has_its_own_kinds(client, hub, make_news):
    make_news(hub["news"]["en"], title="A statement", kind="statement")
    response = client.get("/en/news/")
    assert titles(response) == ["A statement"]
    assert facet(response, "kind") == {"statement": 1}
    assert client.get("/en/news/?kind=toolkit").context["notices"]
