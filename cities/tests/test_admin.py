import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cities.models import Challenge, City
from cities.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser(email="mu@example.org", name="MU", password="pw"))
    return client


def form(city, **changes):
    data = {
        "name": city.name,
        "slug": city.slug,
        "name_en": city.name_en,
        "name_ar": "",
        "name_fr": "",
        "name_es": "",
        "authority_type": city.authority_type,
        "settlement_type": city.settlement_type,
        "country": city.country_id,
        "population": city.population,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "stage": city.stage,
        "date_joined": "",
        "description_en": "",
        "description_ar": "",
        "description_fr": "",
        "description_es": "",
        "challenges": inline_formset([]),
        "offers": inline_formset([]),
        "needs": inline_formset([]),
        "focal_points": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_management_unit_edits_a_member_with_its_challenges_and_a_revision_is_kept(admin_client):
    city = CityFactory(name="Kisumu")
    challenge = Challenge.objects.get(code="online-hate")
    response = admin_client.post(
        f"/admin/snippets/cities/city/edit/{city.pk}/",
        form(city, name_ar="كيسومو", challenges=inline_formset([{"challenge": challenge.pk, "intensity": "severe"}])),
    )
    assert response.status_code == 302, response.content.decode()[:500]
    city.refresh_from_db()
    assert city.name_ar == "كيسومو"
    assert list(city.challenges.values_list("challenge__code", "intensity")) == [("online-hate", "severe")]
    assert city.revisions.count() == 1
    assert admin_client.get(f"/admin/snippets/cities/city/history/{city.pk}/").status_code == 200


def test_bad_input_in_the_admin_is_shown_next_to_the_field_not_a_500(admin_client):
    city = CityFactory(name="Kisumu")
    response = admin_client.post(
        f"/admin/snippets/cities/city/edit/{city.pk}/", form(city, latitude="95", population="-5", name_ar="كيسومو")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "latitude" in errors and "population" in errors
    assert response.context["form"]["name_ar"].value() == "كيسومو"  # what was typed is kept
    assert City.objects.get(pk=city.pk).latitude == city.latitude


def test_staff_see_a_focal_points_revisions_and_revert_one(admin_client):
    from accounts.models import Role
    from accounts.services import role_grant
    from conftest import make_person

    city = CityFactory(name="Kisumu", description_en="First words.")
    focal = make_person("focal@example.org")
    role_grant(user=focal, role=Role.FOCAL_POINT, city=city)
    first = city.save_revision(user=focal, log_action=True)
    city.description_en = "Vandalised words."
    city.save()
    city.save_revision(user=focal, log_action=True)
    history = admin_client.get(f"/admin/snippets/cities/city/history/{city.pk}/").content.decode()
    assert "Focal" in history  # whose change it was
    revert_url = f"/admin/snippets/cities/city/history/{city.pk}/revisions/{first.pk}/revert/"
    page = admin_client.get(revert_url)
    assert page.status_code == 200 and "First words." in page.content.decode()
    version = City.objects.get(pk=city.pk).edit_version
    response = admin_client.post(revert_url, form(city, description_en="First words."))
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.description_en == "First words."
    assert city.edit_version == version + 1  # a focal point's form opened before is now stale
