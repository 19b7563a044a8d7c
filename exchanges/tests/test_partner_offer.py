"""The exchange form shows what the chosen city offers: its practice, description and languages,
what its public profile shows, and never its contacts nor anything of a city the person may not see."""

import pytest

from cities.models import Country, Language, Stage
from cities.tests.factories import CityFactory, add_focal_point, add_offer

pytestmark = pytest.mark.django_db

NEW = "/en/exchanges/new/"


@pytest.fixture
def city_b_offers(people):
    city_b = people["city B"]
    add_offer(city_b, "youth-engagement", maturity="leading")
    add_offer(city_b, "prevention-network", maturity="starting")
    city_b.description_en = "A coastal city with a youth forum (demo)."
    city_b.save()
    city_b.working_languages.through.objects.create(city=city_b, language=Language.objects.get(code="fr"))
    add_focal_point(city_b, visibility="members", name="Hidden Person", email="hidden-b@example.org")
    return city_b


def test_the_form_shows_what_the_partner_offers_and_never_its_contacts(client, people, city_b_offers):
    client.force_login(people["focal point of A"])
    page = client.get(NEW, {"to": "city-b"}).content.decode()
    panel = page[page.index('id="partner-offer"') :]
    assert "What <bdi>City B</bdi> offers" in panel
    # Leading practice first, then the rest, each with how far along the city is.
    assert panel.index("Youth engagement") < panel.index("Multi-actor local prevention network")
    assert "(Leading)" in panel and "(Starting)" in panel
    assert "A coastal city with a youth forum (demo)." in panel
    assert "French" in panel
    assert "hidden-b@example.org" not in page and "Hidden Person" not in page


def test_without_a_partner_there_is_no_panel(client, people, city_b_offers):
    client.force_login(people["focal point of A"])
    page = client.get(NEW).content.decode()
    assert "partner-offer-heading" not in page


def test_show_partner_keeps_what_was_typed_and_sends_nothing(client, people, city_b_offers):
    client.force_login(people["focal point of A"])
    response = client.post(
        NEW,
        {"partner": "city-b", "areas": ["schools-education"], "message": "Half-written (demo)", "show-partner": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "What <bdi>City B</bdi> offers" in page and "Half-written (demo)" in page
    assert "checked" in page.split('value="schools-education"')[1].split(">")[0]
    assert "Please correct" not in page
    assert not people["city B"].exchanges_received.exists()


def test_the_panel_alone_for_the_script(client, people, city_b_offers):
    client.force_login(people["focal point of A"])
    response = client.get("/en/exchanges/new/offer/city-b/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Youth engagement" in text and "hidden-b@example.org" not in text


def test_a_city_the_person_may_not_see_shows_nothing(client, people):
    hidden = CityFactory(
        slug="hidden-applicant", name="Hidden Applicant", country=Country.objects.get(code="FR"), stage=Stage.APPLICANT
    )
    add_offer(hidden, "youth-engagement", maturity="leading")
    client.force_login(people["focal point of A"])
    page = client.get(NEW, {"to": "hidden-applicant"}).content.decode()
    assert "Hidden Applicant" not in page
    assert client.get("/en/exchanges/new/offer/hidden-applicant/").status_code == 404


def test_only_focal_points_get_the_panel_alone(client, people, city_b_offers):
    client.force_login(people["practitioner of A"])
    assert client.get("/en/exchanges/new/offer/city-b/").status_code == 404
