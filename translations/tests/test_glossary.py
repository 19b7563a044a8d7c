"""The glossary: the seed's terms, protection around every engine (stand-in and Apertium for real),
the directory's names, and the checker on machine and human translations."""

from html import escape

import pytest

from cities.models import Hub, Stage
from cities.tests.factories import CityFactory
from translations.engines import engine_for
from translations.glossary import GlossaryIssue, glossary_check, protect
from translations.models import GlossaryTerm
from translations.services import machine_translate

pytestmark = pytest.mark.django_db


ISC_AR = "اللجنة التوجيهية الدولية"
OLD_SITE_MISTAKE = "مركز الدراسات الدولية"  # "International Studies Centre"
ABOUT = "The International Steering Committee of the Strong Cities Network met in Amman."


def test_the_seed_holds_the_networks_terms():
    isc = GlossaryTerm.objects.get(term_en="International Steering Committee")
    assert (isc.term_ar, isc.term_fr, isc.term_es) == (
        ISC_AR,
        "Comité directeur international",
        "Comité Directivo Internacional",
    )
    assert GlossaryTerm.objects.get(term_en="Strong Cities Network").do_not_translate
    assert GlossaryTerm.objects.get(term_en="ISC").do_not_translate
    forms = {t.term_en: (t.term_ar, t.term_fr, t.term_es) for t in GlossaryTerm.objects.filter(do_not_translate=False)}
    assert forms["Management Unit"] == ("وحدة الإدارة", "Unité de gestion", "Unidad de Gestión")
    assert forms["Regional Hub"] == ("المركز الإقليمي", "Pôle régional", "Centro Regional")
    assert forms["focal point"] == ("جهة الاتصال", "point focal", "punto focal")


def test_the_old_sites_error_happens_without_the_glossary_and_not_with_it(engines, standin):
    raw = engine_for("en", "ar").translate_texts("en", "ar", [ABOUT])[0]
    assert OLD_SITE_MISTAKE in raw  # the engine alone repeats the old site's mistake...
    assert glossary_check(ABOUT, raw, "en", "ar") == [
        GlossaryIssue("International Steering Committee", ISC_AR),
        GlossaryIssue("Strong Cities Network", "Strong Cities Network"),
    ]  # ...which the checker flags

    result = machine_translate(source="en", target="ar", texts=[ABOUT])
    assert ISC_AR in result.texts[0] and "Strong Cities Network" in result.texts[0]
    assert OLD_SITE_MISTAKE not in result.texts[0]
    assert result.issues == [[]]
    # The engine never saw the terms, only placeholders it carried through.
    sent = standin.requests()[-1]["texts"][0]
    assert "Steering" not in sent and "Strong" not in sent
    assert sent.count('<x id="g') == 2


def test_deepl_gets_the_same_protection(engines, standin):
    engines.TRANSLATION_ENGINE = ["deepl"]
    result = machine_translate(source="en", target="fr", texts=["Our focal point and the Management Unit met."])
    assert result.engine == "DeepL"
    assert result.texts == ["nos point focal et le Unité de gestion s'est réuni."]


def test_a_term_at_the_start_of_a_sentence_keeps_its_capital(engines):
    result = machine_translate(source="en", target="fr", texts=["Focal point of the city"])
    assert result.texts == ["Point focal de le ville"]


def test_terms_are_whole_words_found_in_any_case_and_never_inside_tags(engines):
    text = 'ISCA and the isc, <a id="isc">Strong Cities Network</a>'
    protected = protect(text, "en", "ar")
    assert protected.text == 'ISCA and the <x id="g0"></x>, <a id="isc"><x id="g1"></x></a>'
    assert protected.slots == ["isc", "Strong Cities Network"]


def test_names_from_the_directory_keep_their_approved_form_or_stay_as_written(engines):
    CityFactory(name="Sousse", name_en="Sousse", name_ar="سوسة", name_fr="Sousse", country__code="TN")
    CityFactory(name="Mombasa", name_en="Mombasa")
    CityFactory(name="Secret Town", name_en="Secret Town", stage=Stage.APPLICANT)
    hub = Hub.objects.get(code="mena")
    text = f"Sousse and Mombasa joined the {escape(hub.name_en)}; Secret Town applied."
    result = machine_translate(source="en", target="ar", texts=[text])
    assert result.texts == [f"سوسة و Mombasa joined ال {hub.name_ar}; Secret Town applied."]


def test_a_term_edited_in_the_admin_applies_to_the_next_translation(engines):
    assert ISC_AR in machine_translate(source="en", target="ar", texts=[ABOUT]).texts[0]
    isc = GlossaryTerm.objects.get(term_en="International Steering Committee")
    isc.term_ar = "اللجنة الدولية"
    isc.save()
    arabic = machine_translate(source="en", target="ar", texts=[ABOUT]).texts[0]
    assert "اللجنة الدولية" in arabic and ISC_AR not in arabic


@pytest.mark.parametrize(
    ("translation", "issues"),
    [
        ("واللجنة التوجيهية الدولية اجتمعت في عمّان", []),  # with the conjunction joined to it
        ("اجتمع مركز الدراسات الدولية في عمّان", [GlossaryIssue("International Steering Committee", ISC_AR)]),
    ],
)
def test_the_checker_reads_human_arabic(translation, issues):
    assert glossary_check("The International Steering Committee met in Amman.", translation, "en", "ar") == issues


def test_the_checker_flags_a_human_french_translation_missing_the_approved_form():
    source = "The Management Unit and the focal points of <b>the ISC</b>."
    assert glossary_check(source, "L’unité de gestion et les points focaux de <b>l’ISC</b>.", "en", "fr") == []
    assert glossary_check(source, "L'équipe de direction et les points focaux du CDI.", "en", "fr") == [
        GlossaryIssue("Management Unit", "Unité de gestion"),
        GlossaryIssue("ISC", "ISC"),
    ]


def test_terms_are_recognised_in_a_french_or_arabic_source():
    assert glossary_check("Le Comité directeur international", "The Steering Board", "fr", "en") == [
        GlossaryIssue("Comité directeur international", "International Steering Committee")
    ]
    assert glossary_check("وحدة الإدارة", "La unidad de gestión", "ar", "es") == []


def test_apertium_keeps_the_placeholders_for_real(engines):
    engines.TRANSLATION_ENGINE = ["apertium"]
    CityFactory(name="Mombasa", name_en="Mombasa")
    text = "The <b>International Steering Committee</b> of the Strong Cities Network met the focal point of Mombasa."
    result = machine_translate(source="en", target="es", texts=[text])
    assert result.engine == "Apertium"
    spanish = result.texts[0]
    assert "<b>Comité Directivo Internacional</b>" in spanish
    assert "Strong Cities Network" in spanish and "punto focal" in spanish and "Mombasa" in spanish
    assert result.issues == [[]]

    french = machine_translate(
        source="fr", target="es", texts=["Le Comité directeur international et le Pôle régional."]
    )
    assert "Comité Directivo Internacional" in french.texts[0] and "Centro Regional" in french.texts[0]
