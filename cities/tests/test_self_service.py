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
        "edit_version": "0",
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


def opened_form(client, url):
    """What the page gave the person when they opened it: the hidden fields they will send back."""
    form = client.get(url).context["form"]
    return {field.name: field.value() for field in form.hidden_fields()}


def test_a_stale_save_is_refused_shows_what_changed_and_keeps_what_was_typed(client, cities_and_people):
    city_a, _city_b, focal_a = cities_and_people
    colleague = make_person("focal-a2@example.org")
    role_grant(user=colleague, role=Role.FOCAL_POINT, city=city_a)
    url = "/en/my-city/city-a/"
    client.force_login(colleague)
    colleague_opened = opened_form(client, url)
    client.force_login(focal_a)
    first = profile_post(**opened_form(client, url), description_en="The first person's words.")
    assert client.post(url, first).status_code == 302

    client.force_login(colleague)
    second = profile_post(**colleague_opened, description_en="", description_fr="Les mots du second.")
    response = client.post(url, second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this profile after you opened it" in page
    assert "Saved by someone else since you opened the form" in page
    changes = {change["label"]: change["value"] for change in response.context["changes"]}
    assert changes == {  # what the first person changed, as it is now
        "Public description (English)": "The first person's words.",
        "Public description (Arabic)": "ننظم منتدى للشباب.",
        "Working languages": "Arabic, English",
    }
    assert response.context["form"]["description_fr"].value() == "Les mots du second."  # what they typed
    city_a.refresh_from_db()
    assert (city_a.description_en, city_a.description_fr) == ("The first person's words.", "")  # nothing lost

    # The page now carries the new version: once they have re-applied their change, it saves.
    hidden = {field.name: field.value() for field in response.context["form"].hidden_fields()}
    again = profile_post(**hidden, description_en="The first person's words.", description_fr="Les mots du second.")
    assert client.post(url, again).status_code == 302
    city_a.refresh_from_db()
    assert (city_a.description_en, city_a.description_fr) == ("The first person's words.", "Les mots du second.")
    assert city_a.edit_version == 2


def test_a_form_opened_before_an_admin_edit_is_stale(client, cities_and_people, staff_user):
    from cities.tests.test_admin import form as admin_form

    city_a, _city_b, focal_a = cities_and_people
    client.force_login(focal_a)
    opened = opened_form(client, "/en/my-city/city-a/")
    admin = make_person("admin@example.org", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(f"/admin/snippets/cities/city/edit/{city_a.pk}/", admin_form(city_a, description_es="Hola."))
    assert response.status_code == 302
    client.force_login(focal_a)
    response = client.post("/en/my-city/city-a/", profile_post(**opened))
    assert response.status_code == 409
    assert [change["value"] for change in response.context["changes"]] == ["Hola."]
    city_a.refresh_from_db()
    assert city_a.description_es == "Hola." and city_a.description_en == ""


def test_the_service_saves_nothing_from_a_stale_version(cities_and_people):
    from cities.forms import CityProfileForm
    from cities.services import ProfileConflict, city_update_profile

    city_a, _city_b, focal_a = cities_and_people
    form = CityProfileForm(profile_post(edit_version="0"), instance=city_a)
    assert form.is_valid()
    City = type(city_a)
    City.objects.filter(pk=city_a.pk).update(edit_version=1)  # someone saved meanwhile
    with pytest.raises(ProfileConflict):
        city_update_profile(city=city_a, actor=focal_a, form=form, formsets=[], expected_version=0)
    city_a.refresh_from_db()
    assert city_a.description_en == "" and city_a.edit_version == 1 and not city_a.revisions.exists()


def test_my_city_pages_are_kept_by_no_cache(client, cities_and_people):
    _city_a, _city_b, focal_a = cities_and_people
    client.force_login(focal_a)
    for url in ("/en/my-city/", "/en/my-city/city-a/"):
        response = client.get(url)
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, url
