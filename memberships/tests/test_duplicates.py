import pytest

from cities.models import Country
from cities.tests.factories import CityFactory
from memberships.duplicates import look_alikes, similarity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "a, b",
    [
        ("Municipality of Mombasa", "Mombasa"),
        ("Ville de Sfax", "Sfax"),
        ("Kisumu City", "Kisumu County"),
        ("Irbid", "إربد"),
        ("Irbid", "Irbed"),
        ("الزرقاء", "Zarqa"),
        ("الرباط", "Rabat"),
        ("الموصل", "Mosul"),
        ("Zarqa Municipality", "بلدية الزرقاء"),
    ],
)
def test_look_alikes_across_words_and_scripts(a, b):
    assert similarity(a, b) >= 0.7


@pytest.mark.parametrize(
    "a, b",
    [("Nairobi", "Mombasa"), ("Amman", "Aqaba"), ("Irbid", "Zarqa"), ("الزرقاء", "Irbid"), ("الرباط", "Tangier")],
)
def test_different_places_do_not_look_alike(a, b):
    assert similarity(a, b) < 0.7


def test_flags_a_member_known_by_another_script_name_and_an_open_application(application, client, staff_user):
    jordan = Country.objects.get(code="JO")
    member = CityFactory(slug="demo-city", name="Demo City", name_ar="مدينة تجريبية", country=jordan)
    CityFactory(slug="elsewhere", name="مدينة تجريبية", country=Country.objects.get(code="EG"))  # other country
    application.pk, application.withdraw_token = None, "second"
    application.save()
    found = look_alikes([application])[application.pk]
    kinds = sorted((kind, getattr(other, "slug", None)) for kind, other, _score in found)
    assert kinds == [("application", None), ("member", "demo-city")]
    client.force_login(staff_user)
    text = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "Possible duplicate" in text and f"/admin/snippets/cities/city/edit/{member.pk}/" in text
