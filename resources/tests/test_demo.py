"""The demo Resource Hub, built by `load_demo_network` on an empty database (about a minute)."""

from collections import Counter

import pytest
from django.core.management import call_command

from cities.models import Challenge, Hub, PracticeArea
from resources.models import NewsArticlePage, NewsKind, ResourceKind, ResourcePage, ToolkitChapterPage

pytestmark = pytest.mark.django_db


def test_load_demo_network_builds_the_resource_hub_and_news(client):
    assert not ResourcePage.objects.exists()
    call_command("load_demo_network", "--count", "40")

    resources = ResourcePage.objects.live()
    news = NewsArticlePage.objects.live()
    groups = Counter(resources.values_list("translation_key", flat=True))
    assert len(groups) >= 40
    assert len(set(news.values_list("translation_key", flat=True))) >= 20
    assert set(resources.values_list("kind", flat=True)) == set(ResourceKind.values)
    assert set(news.values_list("kind", flat=True)) == set(NewsKind.values)
    assert set(resources.values_list("topics__code", flat=True)) >= set(
        Challenge.objects.values_list("code", flat=True)
    )
    assert set(resources.values_list("practice_areas__code", flat=True)) >= set(
        PracticeArea.objects.values_list("code", flat=True)
    )
    assert set(resources.values_list("hubs__code", flat=True)) >= set(Hub.objects.values_list("code", flat=True))
    # Some resources in all four languages, some in one only; originals not only in English.
    assert 4 in groups.values() and 1 in groups.values()
    assert set(resources.values_list("locale__language_code", flat=True)) == {"en", "ar", "fr", "es"}
    # Marked as demo data (the site's demo banner says so), with copy that reads like a real hub's.
    assert all(page.is_demo for page in resources)
    assert not any(page.summary.startswith("Demonstration") for page in resources.filter(locale__language_code="en"))
    # A toolkit of at least four chapters, in Arabic too; images with alternative text.
    toolkit = resources.filter(kind=ResourceKind.TOOLKIT, locale__language_code="ar").first()
    assert ToolkitChapterPage.objects.child_of(toolkit).live().count() >= 4
    assert all(page.image_id and page.image_alt for page in resources)
    assert toolkit.reading_minutes >= 1

    for url in (
        "/en/resources/",
        "/ar/resources/?kind=toolkit&topic=youth-radicalisation",
        "/fr/news/",
        "/es/news/feed/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(toolkit.url).status_code == 200
