"""The generated items of `load_demo_network --count N` for benchmarks (`resources/scale.py`)."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from resources.listing_index import forget_listing_indexes
from resources.models import NewsArticlePage, ResourcePage
from resources.scale import delete_generated, load_resources_scale

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(hub):
    forget_listing_indexes()
    made = load_resources_scale(400, seed=3)
    yield made
    forget_listing_indexes()


def test_generated_pages_are_valid_wagtail_pages_in_four_languages(generated):
    assert all(not problems for problems in Page.find_problems()), Page.find_problems()
    assert generated["resources"] + generated["news"] == 400
    assert generated["drafts"] and generated["private"]
    pages = ResourcePage.objects.filter(slug__startswith="gen-")
    assert set(pages.values_list("locale__language_code", flat=True)) == {"en", "ar", "fr", "es"}
    assert len(set(pages.values_list("kind", flat=True))) == 7
    # Real translations: one translation_key across locales, found by Wagtail's own API.
    page = pages.filter(locale__language_code="en").live().first()
    assert {p.locale.language_code for p in page.get_translations(inclusive=True)} >= {"en"}
    assert any(len(p.get_translations()) == 3 for p in pages.filter(locale__language_code="en")[:20])
    # The parent's child count and the page's URL are right: it is served.
    index = page.get_parent()
    assert index.numchild == index.get_children().count()


def test_generated_items_are_listed_found_and_served_but_drafts_and_private_are_not(client, generated):
    live = ResourcePage.objects.filter(slug__startswith="gen-").live().public()
    listed = client.get("/en/resources/")
    # One card per translation group: the count is the number of groups with a live public version.
    groups = set(live.values_list("translation_key", flat=True))
    assert listed.context["page_obj"].paginator.count == len(groups)
    page = live.filter(locale__language_code="en").first()
    assert client.get(page.url).status_code == 200
    found = client.get("/en/resources/", {"q": page.title})
    assert page.pk in {item.pk for item in found.context["items"]}
    draft = ResourcePage.objects.filter(slug__startswith="gen-", live=False).first()
    private = ResourcePage.objects.filter(pk__in=PageViewRestriction.objects.values("page")).first()
    for hidden in (draft, private):
        assert hidden.translation_key not in groups or hidden.translation_key in set(
            live.exclude(pk=hidden.pk).values_list("translation_key", flat=True)
        )
        assert client.get(hidden.url).status_code in (302, 404)
        result = client.get("/en/resources/", {"q": hidden.title, "sort": "relevance"})
        assert hidden.pk not in {item.pk for item in result.context["items"]}
    feed = client.get("/en/news/feed/").content.decode()
    hidden_news = NewsArticlePage.objects.filter(slug__startswith="gen-", live=False).first()
    assert hidden_news is None or hidden_news.title not in feed


def test_load_demo_network_scales_and_delete_generated_removes_them(hub):
    call_command("load_demo_network", "--count", "30", "--resources", "60", "--seed", "4")
    assert (
        ResourcePage.objects.filter(slug__startswith="gen-").count()
        + NewsArticlePage.objects.filter(slug__startswith="gen-").count()
        == 60
    )
    assert delete_generated() == 60
    assert not Page.objects.filter(slug__startswith="gen-").exists()
    assert sum(len(problems) for problems in Page.find_problems()) == 0
