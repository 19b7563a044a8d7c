"""Help-desk answers link Resource Hub pages ("reading"): chosen among published resources in the
chooser's language, read by the asker in their own language where translated; who may link and who
sees the links, for every role (staff without a second factor included).

The request is city A's (East & Southern Africa hub), asked by its focal point and referred to
"referred expert" (`conftest.py`)."""

from datetime import date

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import Locale, Page, Site

from conftest import as_role
from core.models import ContentPage, HomePage
from helpdesk import services
from helpdesk.forms import AnswerForm
from helpdesk.models import MAX_RESOURCES, EventKind, State
from resources.models import ResourceIndexPage, ResourceKind, ResourcePage

from .test_permissions import ALL_ROLES, HANDLERS, QUEUE, READERS, SIGN_IN_OR_DENIED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


@pytest.fixture
def reading(db):
    """A Resource Hub in English and Arabic: a guide in both languages, a toolkit in English only,
    a draft case study, and a plain content page (not a resource)."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "ar")}
    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="home-reading", hero_heading="Welcome", locale=locales["en"])
    root.add_child(instance=home)
    _publish(home)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    _publish(home.copy_for_translation(locales["ar"]))
    hub = ResourceIndexPage(title="Resource Hub", slug="resources", locale=locales["en"])
    home.add_child(instance=hub)
    _publish(hub)
    hub_ar = hub.copy_for_translation(locales["ar"])
    hub_ar.title = "مركز الموارد"
    hub_ar = _publish(hub_ar)

    def resource(parent, title, *, kind=ResourceKind.GUIDE, live=True):
        page = ResourcePage(
            title=title, summary="Demo.", kind=kind, publication_date=date(2025, 3, 1), locale=parent.locale, live=live
        )
        parent.add_child(instance=page)
        if live:
            return _publish(page)
        page.save_revision()
        return page

    guide = resource(hub, "Youth councils: a guide")
    guide_ar = guide.copy_for_translation(locales["ar"]).specific
    guide_ar.title = "مجالس الشباب: دليل"
    guide_ar = _publish(guide_ar)
    content = ContentPage(title="About us", intro="Demo.")
    home.add_child(instance=content)
    return {
        "guide": guide,
        "guide in Arabic": guide_ar,
        "toolkit": resource(hub, "Local prevention toolkit", kind=ResourceKind.TOOLKIT),
        "draft": resource(hub, "Unpublished case study", kind=ResourceKind.CASE_STUDY, live=False),
        "content page": _publish(content),
    }


def answered(help_request, people, reading):
    return services.help_request_answer(
        request=help_request,
        answer="Start with a small council.",
        actor=people["staff"],
        resources=[reading["guide"], reading["toolkit"]],
    )


# What staff choose from


def test_the_choice_is_published_resources_in_the_choosers_language(reading):
    with translation.override("ar"):
        choices = {label for _value, label in AnswerForm().fields["resources"].choices}
    assert "مجالس الشباب: دليل (دليل)" in choices  # the Arabic version of the guide, kind in Arabic
    assert "Local prevention toolkit (مجموعة أدوات) [EN]" in choices  # no Arabic version: marked English
    assert not any("Youth councils" in label or "Unpublished" in label or "About us" in label for label in choices)
    with translation.override("en"):
        choices = {label for _value, label in AnswerForm().fields["resources"].choices}
    assert choices == {"Youth councils: a guide (Guide)", "Local prevention toolkit (Toolkit)"}


def test_answering_links_the_reading_and_mails_it_in_the_askers_language(
    people, help_request, reading, django_capture_on_commit_callbacks
):
    asker = people["focal point of A"]
    asker.preferred_language = "ar"
    asker.save()
    with django_capture_on_commit_callbacks(execute=True):
        answered(help_request, people, reading)
    assert set(help_request.resources.all()) == {reading["guide"], reading["toolkit"]}
    (message,) = mail.outbox
    assert "مجالس الشباب: دليل" in message.body  # the asker's language where translated
    assert "/ar/resources/" in message.body
    assert "Local prevention toolkit" in message.body  # else the version chosen
    assert "Youth councils" not in message.body


@pytest.mark.parametrize(
    "choose,problem",
    [
        (lambda reading: [reading["draft"]], "published in the Resource Hub"),
        (lambda reading: [reading["content page"]], "published in the Resource Hub"),
        (lambda reading: [reading["guide"]] * 2 + [10**9], "published in the Resource Hub"),
    ],
    ids=["draft", "not-a-resource", "unknown"],
)
def test_only_published_resources_can_be_linked(client, people, help_request, reading, choose, problem):
    response = as_role(client, people, "staff").post(
        f"{QUEUE}{help_request.pk}/act/",
        {
            "action": "answer",
            "answer-answer": "An answer",
            "answer-resources": [p if isinstance(p, int) else p.pk for p in choose(reading)],
        },
    )
    assert response.status_code == 400
    help_request.refresh_from_db()
    assert help_request.state != State.ANSWERED and not help_request.resources.exists()
    assert response.content.decode().count("An answer") >= 1  # what was typed is kept


def test_the_service_refuses_more_than_the_limit_and_drafts(people, help_request, reading):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.help_request_resources_link(
            request=help_request, resources=list(range(1, MAX_RESOURCES + 2)), actor=people["staff"]
        )
    assert "at most" in str(error.value)
    with pytest.raises(ValidationError):
        services.help_request_resources_link(request=help_request, resources=[reading["draft"]], actor=people["staff"])
    assert not help_request.resources.exists()


def test_the_asker_reads_each_resource_in_their_language_and_only_while_published(
    client, people, help_request, reading
):
    answered(help_request, people, reading)
    as_role(client, people, "focal point of A")
    arabic = client.get(f"/ar/help/{help_request.pk}/").content.decode()
    assert "مجالس الشباب: دليل" in arabic and "Youth councils" not in arabic
    assert f'href="{reading["guide in Arabic"].url}"' in arabic
    assert 'lang="en"' in arabic and "Local prevention toolkit" in arabic  # not translated: marked English
    english = client.get(f"/en/help/{help_request.pk}/").content.decode()
    assert "Youth councils: a guide" in english and "مجالس الشباب" not in english

    reading["toolkit"].unpublish()
    english = client.get(f"/en/help/{help_request.pk}/").content.decode()
    assert "Local prevention toolkit" not in english and "Youth councils: a guide" in english


# Who may link, and who sees the links: every role


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_links_reading_after_the_answer(client, people, help_request, reading, role):
    answered(help_request, people, reading)
    response = as_role(client, people, role).post(
        f"{QUEUE}{help_request.pk}/act/", {"action": "resources", "resources-resources": [reading["toolkit"].pk]}
    )
    linked = set(help_request.resources.all())
    if role in HANDLERS:
        assert response.status_code == 302
        assert linked == {reading["toolkit"]}
        assert help_request.events.filter(kind=EventKind.LINKED).count() == 1
    else:
        assert response.status_code in (*SIGN_IN_OR_DENIED, 404)
        assert linked == {reading["guide"], reading["toolkit"]}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_links_reading_with_an_answer_from_the_member_page(client, people, help_request, reading, role):
    as_role(client, people, role).post(
        f"/en/help/{help_request.pk}/",
        {"action": "answer", "answer-answer": "An answer", "answer-resources": [reading["guide"].pk]},
    )
    answerers = {"referred expert", *HANDLERS}
    assert (list(help_request.resources.all()) == [reading["guide"]]) == (role in answerers)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_sees_the_reading(client, people, help_request, reading, role):
    answered(help_request, people, reading)
    response = as_role(client, people, role).get(f"/en/help/{help_request.pk}/")
    html = response.content.decode() if response.status_code == 200 else ""
    assert ("Local prevention toolkit" in html) == (role in READERS)
    if role not in READERS:
        assert response.status_code in (302, 404)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_sees_the_reading_form_in_the_admin(client, people, help_request, reading, role):
    answered(help_request, people, reading)
    response = as_role(client, people, role).get(f"{QUEUE}{help_request.pk}/")
    html = response.content.decode() if response.status_code == 200 else ""
    assert ('name="resources-resources"' in html) == (role in HANDLERS)
