import pytest

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Challenge, Country
from cities.tests.factories import CityFactory, add_challenge
from conftest import make_person

pytestmark = pytest.mark.django_db


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


def profile_post(**extra):
    data = {
        "description_en": "We run a youth forum.",
        "description_ar": "ننظم منتدى للشباب.",
        "description_fr": "",
        "description_es": "",
        "working_languages": ["ar", "en"],
    }
    for prefix in ("challenges", "offers", "needs", "contacts"):
        data.update(management(prefix, 0))
    data.update(extra)
    return data


@pytest.fixture
def cities_and_people(esa_hub_staff):
    kenya = Country.objects.get(code="KE")
    city_a = CityFactory(slug="city-a", name="City A", country=kenya)
    city_b = CityFactory(slug="city-b", name="City B", country=Country.objects.get(code="MA"))
    focal_a = make_person("focal-a@example.org")
    role_grant(user=focal_a, role=Role.FOCAL_POINT, city=city_a)
    return city_a, city_b, focal_a


def test_focal_point_edits_their_profile_and_a_revision_is_kept(client, cities_and_people):
    city_a, _city_b, focal_a = cities_and_people
    client.force_login(focal_a)
    assert client.get("/en/my-city/").url == "/en/my-city/city-a/"
    challenge = Challenge.objects.get(code="youth-radicalisation")
    data = profile_post(
        **management("challenges", 1),
        **{
            "challenges-0-challenge": challenge.pk,
            "challenges-0-intensity": "severe",
        },
    )
    response = client.post("/en/my-city/city-a/", data)
    assert response.status_code == 302
    city_a.refresh_from_db()
    assert city_a.description_ar == "ننظم منتدى للشباب."
    assert list(city_a.challenges.values_list("challenge__code", "intensity")) == [("youth-radicalisation", "severe")]
    assert sorted(city_a.working_languages.values_list("code", flat=True)) == ["ar", "en"]
    revision = city_a.revisions.get()
    assert revision.user == focal_a and revision.content["description_en"] == "We run a youth forum."


def test_a_focal_point_cannot_touch_another_city(client, cities_and_people):
    city_a, city_b, focal_a = cities_and_people
    client.force_login(focal_a)
    assert client.get("/en/my-city/city-b/").status_code == 404
    assert client.post("/en/my-city/city-b/", profile_post(description_en="Hacked")).status_code == 404
    city_b.refresh_from_db()
    assert city_b.description_en == ""


def test_hub_staff_edit_their_hub_and_staff_edit_all(client, cities_and_people, esa_hub_staff, staff_user):
    client.force_login(esa_hub_staff)
    assert client.get("/en/my-city/city-a/").status_code == 200
    assert client.get("/en/my-city/city-b/").status_code == 404
    client.force_login(staff_user)
    assert client.get("/en/my-city/city-b/").status_code == 200


def test_practitioners_and_visitors_cannot_edit(client, cities_and_people, member_user):
    assert client.get("/en/my-city/city-a/").status_code == 302  # sign in first
    client.force_login(member_user)
    assert client.get("/en/my-city/city-a/").status_code == 404


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_lost(client, cities_and_people):
    city_a, _city_b, focal_a = cities_and_people
    add_challenge(city_a, "online-hate")
    client.force_login(focal_a)
    data = profile_post(
        **management("contacts", 1),
        **{
            "contacts-0-name": "Someone",
            "contacts-0-email": "not-an-email",
            "contacts-0-visibility": "public",
        },
    )
    response = client.post("/ar/my-city/city-a/", data)
    assert response.status_code == 400
    contact_errors = response.context["contacts"].forms[0].errors
    assert "email" in contact_errors and "visibility" in contact_errors  # contacts are never public
    assert "ننظم منتدى للشباب." in response.content.decode()  # what was typed is kept
    city_a.refresh_from_db()
    assert city_a.description_ar == "" and city_a.challenges.count() == 1  # nothing stored changed
