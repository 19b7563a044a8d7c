"""The glossary in the Wagtail admin: who may see and edit it, and what a bad entry gets."""

import pytest

from accounts.models import Role
from accounts.services import role_grant
from conftest import ROLES, as_role, make_person
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/translations/glossaryterm/"
ADD = LIST + "add/"
NEW_TERM = {"term_en": "Expert Pool", "term_ar": "مجموعة الخبراء", "term_fr": "Groupe d'experts", "term_es": ""}


@pytest.fixture
def people(world, two_factor_required):
    translator = make_person("translator@example.org")
    role_grant(user=translator, role=Role.TRANSLATOR)
    return {**world, "translator": translator}


@pytest.mark.parametrize("role", [*ROLES, "translator"])
def test_only_the_management_unit_and_translators_work_on_the_glossary(client, people, role):
    allowed = role in {"staff", "translator"}
    as_role(client, people, role)
    listing = client.get(LIST)
    created = client.post(ADD, NEW_TERM)
    if allowed:
        assert listing.status_code == 200
        assert "International Steering Committee" in listing.content.decode()
        assert created.status_code == 302
        assert GlossaryTerm.objects.filter(term_en="Expert Pool", term_ar="مجموعة الخبراء").exists()
    else:
        assert listing.status_code in (302, 403)
        assert created.status_code in (302, 403)
        assert not GlossaryTerm.objects.filter(term_en="Expert Pool").exists()


def test_a_translator_edits_an_approved_form(client, people):
    as_role(client, people, "translator")
    term = GlossaryTerm.objects.get(term_en="focal point")
    data = {"term_en": "focal point", "term_ar": "نقطة الاتصال", "term_fr": "point focal", "term_es": "punto focal"}
    assert client.post(f"{LIST}edit/{term.pk}/", data).status_code == 302
    term.refresh_from_db()
    assert term.term_ar == "نقطة الاتصال"


def test_bad_entries_get_a_message_and_keep_what_was_typed(client, people):
    as_role(client, people, "staff")
    response = client.post(ADD, {"term_en": "Strong Cities Network", "term_fr": "Réseau des villes fortes"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Réseau des villes fortes" in page
    assert GlossaryTerm.objects.filter(term_en__iexact="strong cities network").count() == 1
    response = client.post(ADD, {"term_en": "Peer exchange", "term_fr": "Échange", "do_not_translate": "on"})
    assert response.status_code == 200
    assert "A term that is not translated has no other forms" in response.content.decode()
    assert not GlossaryTerm.objects.filter(term_en="Peer exchange").exists()
