import pytest
from django.core.management import CommandError, call_command

from cities.demo import build_demo_network
from cities.models import AuthorityType, City, FocalPoint, Region

pytestmark = pytest.mark.django_db


def test_demo_network_spans_every_region_and_authority_type():
    assert build_demo_network(count=200, seed=2026) == 200
    regions = set(City.objects.values_list("country__region__code", flat=True))
    assert regions == set(Region.objects.values_list("code", flat=True))
    assert set(City.objects.values_list("authority_type", flat=True)) == set(AuthorityType.values)
    assert not City.objects.filter(is_demo=False).exists()
    assert all("Demo profile" in d for d in City.objects.values_list("description_en", flat=True))
    assert not FocalPoint.objects.exclude(email__endswith="@example.org").exists()
    assert City.objects.filter(isc_seat=True).count() <= 25
    assert City.objects.exclude(name_ar="").count() > 50


def test_same_seed_gives_the_same_network():
    build_demo_network(count=30, seed=5)
    first = list(City.objects.order_by("slug").values_list("slug", "population", "stage"))
    City.objects.all().delete()
    build_demo_network(count=30, seed=5)
    assert list(City.objects.order_by("slug").values_list("slug", "population", "stage")) == first


def test_command_refuses_to_load_twice_and_resets(capsys):
    call_command("load_demo_network", "--count", "20", "--no-pages")
    with pytest.raises(CommandError):
        call_command("load_demo_network", "--count", "20", "--no-pages")
    call_command("load_demo_network", "--count", "25", "--no-pages", "--reset")
    assert City.objects.count() == 25
    call_command("load_demo_network", "--if-empty")
    assert City.objects.count() == 25


def test_scale_data_repeats_places_with_distinct_slugs():
    build_demo_network(count=2500, seed=1)
    assert City.objects.count() == 2500
    assert City.objects.values("slug").distinct().count() == 2500
