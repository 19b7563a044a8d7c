"""The languages typed in the join application become the member authority's working languages."""

import pytest

from cities.models import City, Country, Language, Stage
from cities.tests.factories import CityFactory
from memberships import services
from memberships.languages import languages_from_text
from memberships.models import JoinApplication

pytestmark = pytest.mark.django_db


def approve(application, actor, capture):
    with capture(execute=True):
        services.application_start_review(application=application, actor=actor)
        services.application_approve(application=application, actor=actor, base_url="http://testserver")


def typed(application, text):
    JoinApplication.objects.filter(pk=application.pk).update(focal_languages=text)
    application.refresh_from_db()


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("French, Wolof", ["fr"], ["Wolof"]),
        ("fr; EN", ["fr", "en"], []),
        ("francais et anglais", ["fr", "en"], []),
        ("Árabe y Francés", ["ar", "fr"], []),
        ("العربية والفرنسية", ["ar", "fr"], []),
        ("اللغة العربيّة، الإنجليزية", ["ar", "en"], []),
        ("Kiswahili / English (fluent)", ["sw", "en"], []),
        ("Wolof or Pulaar", [], ["Wolof or Pulaar"]),
        ("Swahili, Arabic, arabic", ["sw", "ar"], []),
        ("", [], []),
    ],
)
def test_languages_are_read_in_any_of_the_four_languages(text, codes, unknown):
    found, not_found = languages_from_text(text)
    assert [language.code for language in found] == codes
    assert not_found == unknown


def test_approval_gives_the_new_authority_the_languages_typed(
    application, staff_user, django_capture_on_commit_callbacks
):
    typed(application, "العربية، Français, Wolof")
    approve(application, staff_user, django_capture_on_commit_callbacks)
    city = City.objects.get(applications=application)
    assert sorted(city.working_languages.values_list("code", flat=True)) == ["ar", "fr"]
    # What was not recognised stays as typed with the focal point (seen by staff only).
    assert city.focal_points.get().languages == "العربية، Français, Wolof"


def test_approval_adds_the_languages_to_an_authority_that_returns(
    application, staff_user, django_capture_on_commit_callbacks
):
    old = CityFactory(slug="returning", name="مدينة تجريبية", country=Country.objects.get(code="JO"), stage=Stage.LEFT)
    old.working_languages.set([Language.objects.get(code="en")])
    old.save()
    typed(application, "Arabic and English")
    approve(application, staff_user, django_capture_on_commit_callbacks)
    assert sorted(old.working_languages.through.objects.filter(city=old).values_list("language_id", flat=True)) == [
        "ar",
        "en",
    ]


def test_the_review_page_says_which_languages_are_not_recognised(client, staff_user, application):
    typed(application, "French, Wolof")
    client.force_login(staff_user)
    html = client.get(f"/admin/applications/{application.pk}/").content.decode()
    assert "Become working languages of the authority on approval: French" in html
    assert "Not recognised as a working language:</strong> <bdi>Wolof</bdi>" in html
