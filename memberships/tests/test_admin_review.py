"""The review page and queue as a reviewer sees them: the steps offered, look-alikes, the country filter, numbers."""

import pytest
from wagtail.users.models import UserProfile

from cities.models import Country
from memberships import services
from memberships.duplicates import look_alikes
from memberships.models import JoinApplication, State

pytestmark = pytest.mark.django_db

QUEUE = "/admin/applications/"
BUTTONS = ["start-review", "request-information", "approve", "decline"]


def _move_to(application, state, staff):
    """Walk the application to `state` through the services, as reviewers and the applicant would."""
    paths = {
        State.SUBMITTED: [],
        State.IN_REVIEW: ["start"],
        State.MORE_INFO: ["start", "ask"],
        State.RESUBMITTED: ["start", "ask", "answer"],
        State.APPROVED: ["start", "approve"],
        State.DECLINED: ["start", "decline"],
        State.WITHDRAWN: ["withdraw"],
    }
    steps = {
        "start": lambda: services.application_start_review(application=application, actor=staff),
        "ask": lambda: services.application_request_information(application=application, actor=staff, note="Letter?"),
        "answer": lambda: services.application_resubmit(application=application, note="Here."),
        "approve": lambda: services.application_approve(
            application=application, actor=staff, base_url="http://testserver"
        ),
        "decline": lambda: services.application_decline(application=application, actor=staff, note="No."),
        "withdraw": lambda: services.application_withdraw(application=application),
    }
    for step in paths[state]:
        steps[step]()
    application.refresh_from_db()
    assert application.state == state


@pytest.mark.parametrize(
    "state, offered, line",
    [
        (State.SUBMITTED, {"start-review"}, None),
        (State.IN_REVIEW, {"request-information", "approve", "decline"}, None),
        (State.MORE_INFO, set(), "Waiting for the applicant"),
        (State.RESUBMITTED, {"start-review"}, None),
        (State.APPROVED, set(), "This application is decided"),
        (State.DECLINED, set(), "This application is decided"),
        (State.WITHDRAWN, set(), "The applicant withdrew this application"),
    ],
)
def test_the_page_offers_only_the_steps_allowed_now(client, staff_user, application, state, offered, line):
    _move_to(application, state, staff_user)
    client.force_login(staff_user)
    html = client.get(f"{QUEUE}{application.pk}/").content.decode()
    shown = {button for button in BUTTONS if f'value="{button}"' in html}
    assert shown == offered
    if line:
        assert line in html
    if not offered:
        assert 'name="note"' not in html  # no form to type into for nothing


def test_an_approved_application_does_not_look_like_the_authority_it_created(client, staff_user, application):
    _move_to(application, State.APPROVED, staff_user)
    assert application.city is not None
    assert look_alikes([application])[application.pk] == []
    client.force_login(staff_user)
    assert "Possible duplicate" not in client.get(f"{QUEUE}{application.pk}/").content.decode()
    queue = client.get(QUEUE + "?state=approved").content.decode()
    assert "مدينة تجريبية" in queue and "look-alike" not in queue


def test_another_application_still_sees_the_approved_authority(staff_user, application):
    _move_to(application, State.APPROVED, staff_user)
    second = JoinApplication.objects.get(pk=application.pk)
    second.pk, second.withdraw_token, second.city = None, "second", None
    second.state, second.previous_state = State.SUBMITTED, ""
    second.save()
    kinds = [(kind, getattr(other, "pk", None)) for kind, other, _score in look_alikes([second])[second.pk]]
    assert kinds == [("member", application.city_id)]


@pytest.fixture
def kenyan(application):
    other = JoinApplication.objects.get(pk=application.pk)
    other.pk, other.withdraw_token, other.authority_name = None, "kenyan", "Kisumu Demo County"
    other.country = Country.objects.get(code="KE")
    other.save()
    return other


@pytest.mark.parametrize("typed", ["Kenya", "kenya ", "كينيا", "KE"])
def test_the_country_filter_takes_a_name(client, staff_user, application, kenyan, typed):
    client.force_login(staff_user)
    html = client.get(QUEUE, {"country": typed}).content.decode()
    assert "Kisumu Demo County" in html and "مدينة تجريبية" not in html


def test_the_country_filter_is_a_visible_list_of_names_in_the_admin_language(client, staff_user, kenyan):
    client.force_login(staff_user)
    html = client.get(QUEUE).content.decode()
    assert 'list="countries"' in html and '<option value="Kenya">' in html and 'maxlength="2"' not in html
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "ar"
    profile.save()
    html = client.get(QUEUE, {"country": "كينيا"}).content.decode()
    assert '<option value="كينيا">' in html and "Kisumu Demo County" in html


def test_an_unknown_country_gives_a_message(client, staff_user, application):
    client.force_login(staff_user)
    response = client.get(QUEUE, {"country": "Atlantis"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No country is called “Atlantis”" in html
    assert 'value="Atlantis"' in html  # what was typed stays in the field


def test_population_and_days_are_grouped_in_the_admin_language(client, staff_user, application):
    JoinApplication.objects.filter(pk=application.pk).update(population=1208333)
    client.force_login(staff_user)
    assert "1,208,333" in client.get(f"{QUEUE}{application.pk}/").content.decode()
    long_ago = application.updated_at.replace(year=application.updated_at.year - 4)
    JoinApplication.objects.filter(pk=application.pk).update(updated_at=long_ago)
    queue = client.get(QUEUE).content.decode()
    assert "1,46" in queue  # 1,460 or 1,461 days
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "fr"
    profile.save()
    assert "1\u202f208\u202f333" in client.get(f"{QUEUE}{application.pk}/").content.decode()
    profile.preferred_language = "es"
    profile.save()
    assert "1.208.333" in client.get(f"{QUEUE}{application.pk}/").content.decode()
