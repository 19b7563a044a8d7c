"""Pages that depend on who is signed in say `Cache-Control: private, no-store`, so neither a
shared proxy nor the browser's back button keeps them; anonymous public pages stay cacheable."""

import pytest

from exchanges.tests.conftest import request_exchange
from helpdesk.tests.conftest import ask
from memberships.tests.conftest import application  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def private(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def urls(world):
    exchange = request_exchange(world["city A"], world["city B"], world["focal point of A"])
    question = ask(world["focal point of A"], world["city A"])
    return [
        "/en/network/city-a/",  # contacts for members
        "/en/network/",
        "/en/my-city/",
        "/en/my-city/city-a/",
        "/en/exchanges/",
        f"/en/exchanges/{exchange.pk}/",
        "/en/exchanges/new/",
        "/en/help/",
        "/en/help/ask/",
        f"/en/help/{question.pk}/",
        "/en/account/two-factor/",
        "/admin/",
    ]


def test_every_page_for_a_signed_in_person_is_private(client, world, urls):
    client.force_login(world["focal point of A"])
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert private(response), (url, response.get("Cache-Control"))


def test_public_pages_for_an_anonymous_visitor_stay_cacheable(client, world):
    for url in ("/en/network/", "/en/network/city-a/", "/en/network/map/", "/en/network/map/data.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_pages_behind_a_personal_link_are_private_for_anyone(client, application):  # noqa: F811
    assert private(client.get(f"/en/join/application/{application.withdraw_token}/"))
    assert private(client.get("/en/account/invitation/not-a-real-token/"))
    assert private(client.get("/en/account/sign-in/"))
    assert private(client.get("/en/account/password-reset/"))
