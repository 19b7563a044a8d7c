"""The permission matrix for events: every role × registering (an event open to anyone, one for
members), seeing the registrants, exporting them, marking attendance and cancelling on someone's
behalf, for an event organised by the ESA hub (city A's) and one by the Management Unit."""

import datetime

import pytest

from cities.models import Hub
from conftest import ROLES, as_role
from events import services
from events.models import Action, Registration

from .conftest import days_from_now, make_event

# As in production: staff privileges need a code confirmed in the session.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]

SIGNED_IN = set(ROLES) - {"anonymous"}
MANAGERS = {
    "esa": {"hub staff of A's hub", "staff"},  # the organising hub's staff and the Management Unit
    "mu": {"staff"},
}


@pytest.fixture
def events(events_index, world):
    esa = Hub.objects.get(code="esa")
    made = {
        "esa": make_event(events_index["en"], title="ESA workshop", start=days_from_now(10), registration="anyone",
                          hub=esa, capacity=50),
        "mu": make_event(events_index["en"], title="Summit", start=days_from_now(20), registration="anyone"),
    }  # fmt: skip
    for event in made.values():
        services.registration_create(event=event, name="Zanele", email="zanele@example.org", language="en")
    type(made["esa"]).objects.filter(pk=made["esa"].pk).update(registration="members")  # she came in before
    made["esa"].refresh_from_db()
    return made


@pytest.mark.parametrize("role", ROLES)
def test_who_may_register_for_a_members_event(client, world, events, role):
    as_role(client, world, role)
    page = client.get(f"/en/event-registration/{events['esa'].pk}/")
    if role == "anonymous":
        assert page.status_code == 302 and "/sign-in/" in page["Location"]
        return
    assert page.status_code == 200  # every signed-in member of the network, staff waiting for a code too
    response = client.post(f"/en/event-registration/{events['esa'].pk}/", {})
    assert response.status_code == 200 and "You are registered" in response.content.decode()
    assert Registration.objects.filter(email=world[role].email, status="registered").exists()


@pytest.mark.parametrize("role", ROLES)
def test_anyone_may_register_for_an_open_event(client, world, events, role):
    as_role(client, world, role)
    data = {} if role in SIGNED_IN else {"name": "Visitor", "email": "visitor@example.org"}
    response = client.post(f"/en/event-registration/{events['mu'].pk}/", data)
    assert response.status_code == 200 and "You are registered" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["esa", "mu"])
def test_registrants_are_for_the_organisers_only(client, world, events, role, which):
    as_role(client, world, role)
    event = events[which]
    registration = Registration.objects.for_event(event).get()
    allowed = role in MANAGERS[which]
    listing = client.get(f"/admin/event-registrations/{event.pk}/")
    export = client.get(f"/admin/event-registrations/{event.pk}/registrants.csv")
    attendance = client.post(
        f"/admin/event-registrations/{event.pk}/{registration.pk}/attendance/", {"attended": "yes"}
    )
    if allowed:
        assert listing.status_code == 200 and "zanele@example.org" in listing.content.decode()
        assert export.status_code == 200 and "zanele@example.org" in export.content.decode()
        assert export["Cache-Control"].startswith("private, no-store")
        assert attendance.status_code == 302
        assert Registration.objects.get(pk=registration.pk).attended is True
    else:
        for response in (listing, export, attendance):
            assert response.status_code in (302, 403, 404), response.status_code
            assert b"zanele@example.org" not in response.content
        assert Registration.objects.get(pk=registration.pk).attended is None
    assert "zanele@example.org" not in client.get(event.url).content.decode()  # never on the public page


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisers_cancel_on_someone_behalf(client, world, events, role):
    as_role(client, world, role)
    event = events["esa"]
    registration = Registration.objects.for_event(event).get()
    client.post(f"/admin/event-registrations/{event.pk}/{registration.pk}/cancel/")
    status = Registration.objects.get(pk=registration.pk).status
    assert status == ("cancelled" if role in MANAGERS["esa"] else "registered")


# Reports' next steps: who writes them, who updates an action (by owner), who reads the progress notes.

UPDATERS = {
    "city A": {"focal point of A", "hub staff of A's hub", "staff"},  # its focal points, its hub, the MU
    "esa hub": {"hub staff of A's hub", "staff"},
    "management unit": {"staff"},
}
NOTE = "Council vote on the budget line pending"


@pytest.fixture
def actions(events, world):
    from events import actions as action_services

    due = datetime.date.today() + datetime.timedelta(days=30)
    esa = Hub.objects.get(code="esa")
    owners = {"city A": {"owner_city": world["city A"]}, "esa hub": {"owner_hub": esa}, "management unit": {}}
    made = {}
    for name, owner in owners.items():
        made[name] = action_services.action_create(
            event=events["esa"], actor=world["staff"], title=f"Step owned by {name}", due=due, **owner
        )
        action_services.action_note(action=made[name], note=NOTE, actor=world["staff"])
    return made


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("owner", list(UPDATERS))
def test_who_may_read_and_update_an_action_in_the_admin(client, world, actions, role, owner):
    """Focal points update from /my-city/ (below); in the admin, the owner's staff update it and the
    event's organisers read it (they wrote the step)."""
    as_role(client, world, role)
    action = actions[owner]
    may_update = role in UPDATERS[owner] - {"focal point of A"}
    may_read = may_update or role in MANAGERS["esa"]
    page = client.get(f"/admin/event-actions/{action.pk}/")
    response = client.post(f"/admin/event-actions/{action.pk}/", {"status": "under_way", "note": "Begun."})
    if may_read:
        assert page.status_code == 200 and NOTE in page.content.decode()
    else:
        assert page.status_code in (302, 403, 404) and NOTE.encode() not in page.content
    if may_update:
        assert response.status_code == 302 and response["Location"] == f"/admin/event-actions/{action.pk}/"
    else:
        assert response.status_code in (302, 403, 404) and not response.get("Location", "").startswith(
            "/admin/event-actions/"
        )
    assert Action.objects.get(pk=action.pk).status == ("under_way" if may_update else "planned")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_update_a_city_action_from_my_city(client, world, actions, role):
    as_role(client, world, role)
    action = actions["city A"]
    url = f"/en/my-city/city-a/actions/{action.pk}/"
    page = client.get(url)
    response = client.post(url, {"status": "done", "note": ""})
    allowed = role in UPDATERS["city A"]
    if role == "anonymous":
        assert page.status_code == 302 and "/sign-in/" in page["Location"]
    elif allowed:
        assert page.status_code == 200 and NOTE in page.content.decode() and response.status_code == 302
    else:
        assert page.status_code == 403 and NOTE.encode() not in page.content
    assert Action.objects.get(pk=action.pk).status == ("done" if allowed else "planned")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisers_write_next_steps_and_fill_the_report(client, world, events, actions, role):
    as_role(client, world, role)
    event = events["esa"]
    before = Action.objects.count()
    page = client.get(f"/admin/event-actions/event/{event.pk}/")
    client.post(
        f"/admin/event-actions/event/{event.pk}/",
        {"title": "Another step", "due": "2030-01-01", "owner_city": "", "owner_hub": ""},
    )
    fill = client.post(f"/admin/event-actions/event/{event.pk}/report-cities/")
    allowed = role in MANAGERS["esa"]
    assert Action.objects.count() == before + (1 if allowed else 0)
    assert (page.status_code == 200) is allowed
    assert (fill.status_code == 302 and fill["Location"].startswith("/admin/event-actions/event/")) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_the_public_sees_actions_without_their_notes(client, world, actions, role):
    as_role(client, world, role)
    html = client.get(world["city A"].get_absolute_url()).content.decode()
    assert "Step owned by city A" in html and NOTE not in html
