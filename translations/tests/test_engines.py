"""The engines against the stand-in (a separate process speaking LibreTranslate's and DeepL's
protocols) and Apertium for real: pairs, batches, retries and back-off, clear errors."""

import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

from translations.engines import EngineError, configured_engines, engine_for
from translations.services import PairQueuedForHuman, machine_translate

pytestmark = pytest.mark.django_db


def libretranslate():
    return engine_for("en", "fr")


@pytest.mark.parametrize("engine_name", ["libretranslate", "deepl"])
def test_http_engines_translate_and_keep_tags_in_place(engines, standin, engine_name):
    engines.TRANSLATION_ENGINE = [engine_name]
    engine = engine_for("en", "fr")
    assert engine.engine_name == engine_name
    texts = ['The <a id="a1">network</a> met.', "Our members", "", "Cities &amp; members"]
    assert engine.translate_texts("en", "fr", texts) == [
        'le <a id="a1">réseau</a> s\'est réuni.',
        "nos membres",
        "",
        "villes &amp; membres",
    ]
    sent = standin.requests()
    assert len(sent) == 1 and sent[0]["texts"] == [text for text in texts if text]  # nothing sent for ""
    assert sent[0].get("format") == "html" or sent[0].get("tag_handling") == "xml"


def test_texts_go_in_batches_and_come_back_in_order(engines, standin):
    engines.TRANSLATION_RETRY = {**engines.TRANSLATION_RETRY, "BATCH_SIZE": 2}
    texts = [f"city {n}" for n in range(5)]
    assert libretranslate().translate_texts("en", "es", texts) == [f"ciudad {n}" for n in range(5)]
    assert [len(request["texts"]) for request in standin.requests()] == [2, 2, 1]


def test_deepl_batches_are_at_most_fifty_texts(engines, standin):
    engines.TRANSLATION_ENGINE = ["deepl"]
    engines.TRANSLATION_RETRY = {**engines.TRANSLATION_RETRY, "BATCH_SIZE": 500}
    assert engine_for("fr", "en").translate_texts("fr", "en", ["x"] * 120) == ["x"] * 120
    assert [len(request["texts"]) for request in standin.requests()] == [50, 50, 20]


def test_server_errors_are_retried_with_exponential_back_off(engines, standin, pauses):
    standin.control(mode="500", times=2)
    assert libretranslate().translate_texts("en", "es", ["the city"]) == ["el ciudad"]
    assert len(standin.requests()) == 3
    assert pauses == [0.5, 1.0]


def test_giving_up_says_which_engine_pair_and_error(engines, standin, pauses):
    engines.TRANSLATION_RETRY = {**engines.TRANSLATION_RETRY, "MAX_ATTEMPTS": 3}
    standin.control(mode="500", times=10)
    with pytest.raises(EngineError) as error:
        libretranslate().translate_texts("en", "es", ["the city"])
    assert str(error.value) == "LibreTranslate could not translate en→es after 3 attempts: HTTP 500"
    assert len(standin.requests()) == 3 and pauses == [0.5, 1.0]


def test_rate_limit_waits_as_long_as_retry_after_says(engines, standin, pauses):
    standin.control(mode="429", times=1, retry_after=3)
    assert libretranslate().translate_texts("en", "ar", ["the city"]) == ["ال مدينة"]
    assert pauses == [3.0]


def test_retry_after_is_bounded_by_the_longest_pause(engines, standin, pauses):
    standin.control(mode="429", times=1, retry_after=3600)
    libretranslate().translate_texts("en", "ar", ["city"])
    assert pauses == [8.0]


def test_slow_answer_beyond_the_timeout_is_retried(engines, standin, pauses):
    engines.TRANSLATION_ENGINES["libretranslate"]["TIMEOUT"] = 0.3
    standin.control(mode="slow", times=1, delay=1.5)
    started = time.monotonic()
    assert libretranslate().translate_texts("en", "fr", ["the city"]) == ["le ville"]
    assert time.monotonic() - started < 1.5  # did not wait for the slow answer
    assert pauses == [0.5]


def test_slow_answers_every_time_end_in_a_timeout_error(engines, standin, pauses):
    engines.TRANSLATION_ENGINES["libretranslate"]["TIMEOUT"] = 0.2
    engines.TRANSLATION_RETRY = {**engines.TRANSLATION_RETRY, "MAX_ATTEMPTS": 2}
    standin.control(mode="slow", times=5, delay=1)
    with pytest.raises(EngineError, match="after 2 attempts: no answer within the timeout"):
        libretranslate().translate_texts("en", "fr", ["the city"])


@pytest.mark.parametrize("engine_name", ["libretranslate", "deepl"])
def test_an_answer_that_is_not_json_fails_at_once(engines, standin, pauses, engine_name):
    engines.TRANSLATION_ENGINE = [engine_name]
    standin.control(mode="bad-json", times=1)
    with pytest.raises(EngineError, match="the answer is not JSON"):
        engine_for("en", "fr").translate_texts("en", "fr", ["the city"])
    assert len(standin.requests()) == 1 and pauses == []


def test_a_refused_deepl_key_fails_at_once_and_clearly(engines, standin, pauses):
    engines.TRANSLATION_ENGINE = ["deepl"]
    engine = engine_for("en", "fr")
    engines.TRANSLATION_ENGINES["deepl"]["AUTH_KEY"] = "wrong"
    engine.options = engines.TRANSLATION_ENGINES["deepl"]
    with pytest.raises(EngineError, match=r"DeepL could not translate en→fr: HTTP 403"):
        engine.translate_texts("en", "fr", ["city"])
    assert pauses == []


def test_an_engine_nobody_answers_for_is_retried_then_reported(engines, pauses):
    engines.TRANSLATION_ENGINES["libretranslate"]["LIBRETRANSLATE_URL"] = "http://127.0.0.1:9"
    engines.TRANSLATION_RETRY = {**engines.TRANSLATION_RETRY, "MAX_ATTEMPTS": 2}
    # Its pairs cannot be listed: no pair for it, the pair waits for a human.
    assert engine_for("en", "fr") is None
    engine = configured_engines()[0]
    with pytest.raises(EngineError, match="after 2 attempts: connection failed"):
        engine.translate_texts("en", "fr", ["city"])


def test_pairs_come_from_the_engines_language_lists(engines):
    engines.TRANSLATION_ENGINE = ["deepl"]
    deepl = configured_engines()[0]
    assert deepl.pairs() == {(s, t) for s in ("en", "ar", "fr", "es") for t in ("en", "ar", "fr", "es") if s != t}


def test_without_an_engine_every_pair_is_queued_for_a_human(settings):
    settings.TRANSLATION_ENGINE = []
    assert engine_for("en", "ar") is None
    with pytest.raises(PairQueuedForHuman, match="queued for a human"):
        machine_translate(source="en", target="ar", texts=["The city"])


def test_an_unknown_engine_name_is_a_configuration_error(settings):
    settings.TRANSLATION_ENGINE = ["babelfish"]
    with pytest.raises(ImproperlyConfigured, match="unknown engine 'babelfish'"):
        engine_for("en", "ar")


def test_apertium_covers_the_pairs_debian_has(engines):
    engines.TRANSLATION_ENGINE = ["apertium"]
    assert configured_engines()[0].pairs() == {("en", "es"), ("es", "en"), ("fr", "es"), ("es", "fr")}
    assert engine_for("en", "ar") is None
    assert engine_for("en", "fr") is None
    with pytest.raises(PairQueuedForHuman):
        machine_translate(source="en", target="ar", texts=["The city"])


def test_apertium_translates_a_batch_keeping_tags_and_edges(engines):
    engines.TRANSLATION_ENGINE = ["apertium"]
    texts = ["The city is <b>big</b>.", ' The <a id="a1">network</a> ', "La ville est grande.", ""]
    out = engine_for("en", "es").translate_texts("en", "es", texts[:2])
    assert out == ["La ciudad es <b>grande</b>.", ' La <a id="a1">red</a> ']
    assert engine_for("fr", "es").translate_texts("fr", "es", texts[2:]) == ["La ciudad es grande.", ""]


def test_apertium_then_libretranslate_in_order_of_preference(engines, standin):
    engines.TRANSLATION_ENGINE = ["apertium", "libretranslate"]
    assert engine_for("en", "es").engine_name == "apertium"
    assert engine_for("en", "ar").engine_name == "libretranslate"
    assert machine_translate(source="en", target="es", texts=["The city"]).engine == "Apertium"
    assert standin.requests() == []


def test_wagtail_localize_uses_the_engines_with_the_glossary(engines, standin):
    engines.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "translations.machine.GlossaryTranslator"}
    translator = get_machine_translator()
    locale = type("Locale", (), {"language_code": "en"})()
    arabic = type("Locale", (), {"language_code": "ar"})()
    assert translator.can_translate(locale, arabic)
    source = StringValue("The International Steering Committee met.")
    result = translator.translate(locale, arabic, [source])
    assert result[source].data == "ال اللجنة التوجيهية الدولية اجتمعت."
    assert translator.display_name == "LibreTranslate"
