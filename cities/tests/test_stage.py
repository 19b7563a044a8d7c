"""A member authority's stage (issue 8, point 7): only allowed steps, through
`city_change_stage`, with an audit trail, e-mails to the focal points in their language,
the directory following, and a read-only field in the admin with a "Change the stage" page."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Role
from accounts.services import role_grant
from cities.models import STAGE_STEPS, City, CityStageEvent, Stage
from cities.services import city_change_stage
from cities.tests.factories import CityFactory
from cities.tests.test_admin import form
from conftest import ROLES, as_role, make_person

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(a, b) for a in Stage.values for b in Stage.values if a != b]


@pytest.mark.parametrize(("before", "after"), ALL_PAIRS)
def test_only_the_listed_steps_are_allowed(staff_user, before, after):
    city = CityFactory(slug="kisumu", name="Kisumu", stage=before)
    if (before, after) in STAGE_STEPS:
        moved = city_change_stage(city=city, to=after, actor=staff_user, note="Decided by the board.")
        assert moved.stage == after and moved.previous_stage == before
        assert city.stage == after  # the caller's object follows
    else:
        with pytest.raises(ValidationError) as refused:
            city_change_stage(city=city, to=after, actor=staff_user)
        assert "cannot go from" in refused.value.messages[0]
        assert not CityStageEvent.objects.exists()
    assert City.objects.get(pk=city.pk).stage == (after if (before, after) in STAGE_STEPS else before)


def test_each_step_is_recorded_who_when_from_to_and_why(staff_user):
    city = CityFactory(slug="kisumu", name="Kisumu", stage=Stage.MEMBER)
    city_change_stage(city=city, to=Stage.SUSPENDED, actor=staff_user, note="Dues unpaid for two years.")
    city_change_stage(city=city, to=Stage.MEMBER, actor=staff_user, note="Dues paid.")
    steps = list(city.stage_events.values_list("from_state", "to_state", "actor__email", "note"))
    assert steps == [
        ("member", "suspended", "staff@example.org", "Dues unpaid for two years."),
        ("suspended", "member", "staff@example.org", "Dues paid."),
    ]
    assert all(event.created_at for event in city.stage_events.all())


def test_only_the_management_unit_changes_a_stage(world):
    for role in ("focal point of A", "hub staff of A's hub", "practitioner"):
        with pytest.raises(PermissionDenied):
            city_change_stage(city=world["city A"], to=Stage.SUSPENDED, actor=world[role])
    assert City.objects.get(pk=world["city A"].pk).stage == Stage.MEMBER
    assert not CityStageEvent.objects.exists()


def test_the_focal_points_are_told_each_in_their_language(world, django_capture_on_commit_callbacks):
    city = world["city A"]
    french = make_person("focal-fr@example.org", preferred_language="fr")
    role_grant(user=french, role=Role.FOCAL_POINT, city=city)
    with django_capture_on_commit_callbacks(execute=True):
        city_change_stage(city=city, to=Stage.SUSPENDED, actor=world["staff"], note="Dues unpaid.")
    by_reader = {tuple(message.to): message for message in mail.outbox}
    assert set(by_reader) == {("focal-a@example.org",), ("focal-fr@example.org",)}
    english, in_french = by_reader[("focal-a@example.org",)], by_reader[("focal-fr@example.org",)]
    assert "Suspended" in english.subject and "Dues unpaid." in english.body
    assert "/en/my-city/city-a/" in english.body
    assert "/fr/my-city/city-a/" in in_french.body
    assert in_french.subject != english.subject  # rendered in French, not in the actor's language


def test_an_over_long_note_is_refused_not_cut(staff_user):
    city = CityFactory(slug="kisumu", name="Kisumu", stage=Stage.MEMBER)
    with pytest.raises(ValidationError) as refused:
        city_change_stage(city=city, to=Stage.SUSPENDED, actor=staff_user, note="x" * 4001)
    assert "4,001" in refused.value.message_dict["note"][0] and "4,000" in refused.value.message_dict["note"][0]
    assert City.objects.get(pk=city.pk).stage == Stage.MEMBER and not CityStageEvent.objects.exists()


def test_a_suspended_member_leaves_the_public_directory(client, staff_user, django_capture_on_commit_callbacks):
    city = CityFactory(slug="kisumu", name="Kisumu", stage=Stage.MEMBER)
    assert 'href="/en/network/kisumu/"' in client.get("/en/network/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        city_change_stage(city=city, to=Stage.SUSPENDED, actor=staff_user)
    assert 'href="/en/network/kisumu/"' not in client.get("/en/network/").content.decode()


# --- No way around the service --------------------------------------------------------------


def test_a_plain_save_or_update_cannot_change_the_stage():
    city = CityFactory(slug="kisumu", name="Kisumu", stage=Stage.JOINING)
    city.stage = Stage.MEMBER
    with pytest.raises(IntegrityError), transaction.atomic():
        city.save()
    city.previous_stage, city.stage = Stage.SUSPENDED, Stage.MEMBER  # a forged step
    with pytest.raises(IntegrityError), transaction.atomic():
        city.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.filter(pk=city.pk).update(stage=Stage.MEMBER)
    assert City.objects.get(pk=city.pk).stage == Stage.JOINING
    with pytest.raises(IntegrityError), transaction.atomic():  # the database's own check
        City._base_manager.filter(pk=city.pk).update(previous_stage=Stage.LEFT, stage=Stage.MEMBER)


def test_reverting_a_revision_keeps_the_current_stage(staff_user):
    city = CityFactory(slug="kisumu", name="Kisumu", stage=Stage.MEMBER)
    revision = city.save_revision(user=staff_user)
    city = city_change_stage(city=city, to=Stage.SUSPENDED, actor=staff_user)
    old = City.objects.get(pk=city.pk).with_content_json(revision.content)
    old.save()
    assert City.objects.get(pk=city.pk).stage == Stage.SUSPENDED


# --- The admin ----------------------------------------------------------------------------


def test_the_stage_is_read_only_on_the_admin_edit_form(client, world):
    city = world["city A"]
    as_role(client, world, "staff")
    page = client.get(f"/admin/snippets/cities/city/edit/{city.pk}/").content.decode()
    assert 'name="stage"' not in page
    assert f"/admin/cities/stage/{city.pk}/" in page
    new = client.get("/admin/snippets/cities/city/add/")
    assert new.status_code == 200 and 'name="stage"' not in new.content.decode()  # a new record starts as applicant
    response = client.post(f"/admin/snippets/cities/city/edit/{city.pk}/", form(city, stage="left", name_ar="أ"))
    assert response.status_code == 302, response.content.decode()[:500]
    city.refresh_from_db()
    assert city.name_ar == "أ" and city.stage == Stage.MEMBER


@pytest.mark.parametrize("role", ROLES)
def test_only_the_management_unit_changes_the_stage_in_the_admin(client, world, role, two_factor_required):
    city = world["city A"]
    url = f"/admin/cities/stage/{city.pk}/"
    response = as_role(client, world, role).post(url, {"to": "suspended", "note": "Dues unpaid."})
    city.refresh_from_db()
    if role == "staff":
        assert response.status_code == 302 and response["Location"].endswith(f"/cities/city/edit/{city.pk}/")
        assert city.stage == Stage.SUSPENDED
        assert city.stage_events.get().note == "Dues unpaid."
    else:
        assert response.status_code in (302, 403) and f"/cities/city/edit/{city.pk}/" not in response.get(
            "Location", ""
        )
        assert city.stage == Stage.MEMBER and not CityStageEvent.objects.exists()


def test_the_admin_offers_only_the_allowed_steps_and_keeps_the_note_on_an_error(client, world):
    city = world["city A"]
    as_role(client, world, "staff")
    page = client.get(f"/admin/cities/stage/{city.pk}/").content.decode()
    assert 'value="suspended"' in page and 'value="left"' in page and 'value="joining"' not in page
    response = client.post(f"/admin/cities/stage/{city.pk}/", {"to": "joining", "note": "Kept words"})
    assert response.status_code == 400 and "Kept words" in response.content.decode()
    response = client.post(f"/admin/cities/stage/{city.pk}/", {"to": "left", "note": "y" * 4001})
    assert response.status_code == 400 and "4,001" in response.content.decode()
    assert "y" * 4001 in response.content.decode()  # nothing typed is lost
    city.refresh_from_db()
    assert city.stage == Stage.MEMBER
