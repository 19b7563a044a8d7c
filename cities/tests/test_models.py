import pycountry
import pytest
from django.db import IntegrityError

from cities.models import City, Country, Hub, Region, country_name
from cities.tests.factories import CityFactory, add_focal_point

pytestmark = pytest.mark.django_db


def test_every_country_belongs_to_exactly_one_region():
    codes = {country.alpha_2 for country in pycountry.countries} | {"XK"}
    assert set(Country.objects.values_list("code", flat=True)) == codes
    assert not Country.objects.filter(region__isnull=True).exists()


def test_hubs_and_regions_of_the_vocabulary():
    assert Region.objects.count() == 10
    assert set(Hub.objects.values_list("code", flat=True)) == {
        "esa",
        "mena",
        "south-asia",
        "western-balkans",
        "north-america",
    }
    assert all(hub.name_ar and hub.name_fr and hub.name_es for hub in Hub.objects.all())


@pytest.mark.parametrize("language, name", [("en", "Kenya"), ("fr", "Kenya"), ("ar", "كينيا"), ("es", "Kenia")])
def test_country_names_come_translated(language, name):
    assert country_name("KE", language) == name


def test_kosovo_has_a_name_although_iso_does_not_list_it():
    assert country_name("XK", "en") == "Kosovo"
    assert country_name("XK", "ar") != "XK"


def test_focal_point_contacts_can_never_be_public():
    city = CityFactory()
    assert add_focal_point(city).visibility == "staff"  # the default
    with pytest.raises(IntegrityError):
        add_focal_point(city, visibility="public")


def test_coordinates_out_of_range_are_refused_by_the_database():
    with pytest.raises(IntegrityError):
        CityFactory(latitude=120)


def test_edits_are_kept_as_revisions_staff_can_see():
    city = CityFactory(name="Old Name")
    city.save_revision()
    city.name = "New Name"
    city.save()
    city.save_revision()
    revisions = list(city.revisions.order_by("created_at"))
    assert [r.content["name"] for r in revisions] == ["Old Name", "New Name"]


def test_search_key_is_updated_on_save():
    city = CityFactory(name="Zürich", name_ar="زيورخ")
    assert "zurich" in city.search_text and "زيورخ" in city.search_text
    city.name_ar = "زيوريخ"
    city.save()
    assert City.objects.search("زيوريخ").get() == city
