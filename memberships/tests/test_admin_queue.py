import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Country
from memberships.models import State

pytestmark = pytest.mark.django_db

QUEUE = "/admin/applications/"


def test_management_unit_reviews_from_the_queue(client, staff_user, application):
    client.force_login(staff_user)
    assert "مدينة تجريبية" in client.get(QUEUE).content.decode()
    page = client.get(f"{QUEUE}{application.pk}/")
    assert page.status_code == 200
    client.post(f"{QUEUE}{application.pk}/act/", {"action": "start-review"})
    response = client.post(
        f"{QUEUE}{application.pk}/act/", {"action": "request-information", "note": "Letter?"}, follow=True
    )
    application.refresh_from_db()
    assert application.state == State.MORE_INFO
    assert "Letter?" in response.content.decode()  # in the history


def test_a_step_out_of_order_shows_a_message_not_an_error(client, staff_user, application):
    client.force_login(staff_user)
    response = client.post(f"{QUEUE}{application.pk}/act/", {"action": "decline", "note": "x"}, follow=True)
    assert response.status_code == 200
    assert "cannot go from" in response.content.decode()
    response = client.post(f"{QUEUE}{application.pk}/act/", {"action": "approve-everything"}, follow=True)
    assert "Unknown action" in response.content.decode()


def test_hub_staff_see_their_hub_only_and_cannot_decide(client, esa_hub_staff, mena_hub_staff, application):
    client.force_login(mena_hub_staff)  # Jordan is in the MENA hub
    assert "مدينة تجريبية" in client.get(QUEUE).content.decode()
    assert client.post(f"{QUEUE}{application.pk}/act/", {"action": "start-review"}).status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == State.SUBMITTED  # hub staff cannot decide
    client.force_login(esa_hub_staff)
    assert "مدينة تجريبية" not in client.get(QUEUE).content.decode()
    assert client.get(f"{QUEUE}{application.pk}/").status_code == 404


def test_people_without_a_staff_role_are_kept_out(client, member_user, application):
    assert client.get(QUEUE).status_code == 302  # to the sign-in page
    client.force_login(member_user)
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.post(f"{QUEUE}{application.pk}/act/", {"action": "start-review"}).status_code in (302, 403)
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_queue_filters_and_bounded_queries(client, staff_user, application):
    client.force_login(staff_user)
    assert "مدينة تجريبية" not in client.get(QUEUE + "?hub=esa").content.decode()
    assert "مدينة تجريبية" in client.get(QUEUE + "?hub=mena&country=jo&state=submitted").content.decode()
    assert "مدينة تجريبية" not in client.get(QUEUE + "?min_days=3").content.decode()
    assert client.get(QUEUE + "?min_days=abc&state=nonsense").status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for _ in range(5):
        application.pk = None
        application.withdraw_token = f"t{_}"
        application.country = Country.objects.get(code="LB")
        application.save()
    with CaptureQueriesContext(connection) as many:
        client.get(QUEUE)
    assert len(many) == len(few)


@pytest.mark.parametrize("value", ["9" * 30, "99999999", "-99999999999999999999", "1e9"])
def test_a_huge_waiting_time_filter_is_not_an_error(client, staff_user, application, value):
    client.force_login(staff_user)
    response = client.get(QUEUE + "?min_days=" + value)
    assert response.status_code == 200


def test_a_refused_step_keeps_the_note_the_reviewer_typed(client, staff_user, application):
    from memberships import services

    services.application_start_review(application=application, actor=staff_user)
    client.force_login(staff_user)
    note = "Please send the council's resolution. " * 200  # over the limit for a note
    response = client.post(f"{QUEUE}{application.pk}/act/", {"action": "decline", "note": note})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please send the council&#x27;s resolution." in page  # still in the box
    assert "at most" in page  # the reason, next to the box
    application.refresh_from_db()
    assert application.state == State.IN_REVIEW
