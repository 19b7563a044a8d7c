"""The focal point's page: sections a phone user can jump between, and a saved profile says so
as a success message, once."""

import re

import pytest

from accounts.models import Role
from accounts.services import role_grant
from cities.models import Country
from cities.tests.factories import CityFactory
from cities.tests.test_self_service import profile_post
from conftest import make_person

pytestmark = pytest.mark.django_db

PAGE = "/en/my-city/city-a/"


@pytest.fixture
def focal(db):
    city = CityFactory(slug="city-a", name="City A", country=Country.objects.get(code="KE"))
    person = make_person("focal-a@example.org")
    role_grant(user=person, role=Role.FOCAL_POINT, city=city)
    return person


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_page_has_a_jump_list_whose_links_all_lead_somewhere(client, focal, language):
    client.force_login(focal)
    html = client.get(PAGE.replace("/en/", f"/{language}/")).content.decode()
    nav = re.search(r'<nav class="page-sections"(.*?)</nav>', html, re.S)
    assert nav, "no 'On this page' list"
    targets = re.findall(r'href="#([^"]+)"', nav.group(1))
    assert {"profile-description", "profile-languages", "profile-challenges", "profile-offers"} <= set(targets)
    assert {"profile-needs", "profile-contacts"} <= set(targets)
    for target in targets:
        assert len(re.findall(rf'id="{re.escape(target)}"', html)) == 1, target
    # Each part of the profile is a section with its heading.
    for target in targets:
        if target.startswith("profile-"):
            assert re.search(
                rf'<section class="profile-section" id="{target}" aria-labelledby="{target}-heading">', html
            )
            assert f'<h2 id="{target}-heading">' in html


def test_a_section_with_a_problem_is_marked_in_the_list(client, focal):
    client.force_login(focal)
    data = profile_post(
        **{
            "offers-TOTAL_FORMS": "1",
            "offers-0-practice_area": "",
            "offers-0-maturity": "nonsense",
        }
    )
    html = client.post(PAGE, data).content.decode()
    nav = re.search(r'<nav class="page-sections"(.*?)</nav>', html, re.S).group(1)
    offers_item = re.search(r'<li><a href="#profile-offers">.*?</li>', nav, re.S).group(0)
    assert "(needs checking)" in offers_item
    assert "(needs checking)" not in re.search(r'<li><a href="#profile-contacts">.*?</li>', nav, re.S).group(0)


def test_a_saved_profile_shows_a_success_message_once(client, focal):
    client.force_login(focal)
    response = client.post(PAGE, profile_post(), follow=True)
    html = response.content.decode()
    assert html.count("The profile is saved.") == 1
    message = re.search(r'<div class="message message--success" role="status">\s*<p>(.*?)</p>', html, re.S)
    assert message and "Done:" in message.group(1) and "The profile is saved." in message.group(1)
    # Shown once: the next page has no message left.
    assert "message--success" not in client.get(PAGE).content.decode()
