"""A Resource Hub item or news article about a member authority counts once for it, when first
published, whatever the number of its languages (its own module: the Resource Hub's pages)."""

import pytest

from activity.backfill import activity_backfill
from activity.models import Activity, Kind
from resources.models import NewsArticlePage
from resources.tests.conftest import hub, make, translate  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_an_item_about_a_city_counts_once_in_every_language(world, hub, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        page = make(hub["resources"]["en"], title="Youth councils in City A", cities=[world["city A"]])
        make(hub["resources"]["en"], title="About nowhere")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, "fr", hub, title="Conseils de jeunes")
        make(hub["news"]["en"], model=NewsArticlePage, title="City B joins", cities=[world["city B"]])
    rows = sorted((row.city.slug, row.kind, row.source_id) for row in Activity.objects.select_related("city"))
    news = NewsArticlePage.objects.get(title="City B joins")
    assert rows == sorted([("city-a", Kind.RESOURCE, page.pk), ("city-b", Kind.RESOURCE, news.pk)])
    assert Activity.objects.get(city=world["city A"]).at == page.first_published_at

    Activity.objects.all().delete()
    assert activity_backfill()["resources"] == 2
    assert sorted((row.city.slug, row.kind, row.source_id) for row in Activity.objects.select_related("city")) == rows
