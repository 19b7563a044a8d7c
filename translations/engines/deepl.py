"""DeepL over its HTTP API: wagtail-localize's `DeepLTranslator`, with batches and retries.

Options (settings.TRANSLATION_ENGINES["deepl"]): `AUTH_KEY`, `API_URL` (default: DeepL's free or
pro API, chosen by the key as wagtail-localize does), `TIMEOUT`, `FORMALITY`, `GLOSSARY_IDS`.
Pairs from `GET /v2/languages?type=source|target`; texts in one `POST /v2/translate` with XML tag
handling, at most 50 texts a request (DeepL's limit).
"""

import requests
from wagtail_localize.machine_translators.deepl import DeepLTranslator

from .base import EngineMixin, PermanentEngineError, http_call, json_of


class DeepLEngine(EngineMixin, DeepLTranslator):
    engine_name = "deepl"
    display_name = "DeepL"
    max_batch_size = 50  # DeepL's limit of texts per request

    def api_base(self) -> str:
        if self.options.get("API_URL"):
            return self.options["API_URL"].rstrip("/")
        return self.get_api_endpoint().removesuffix("/v2/translate")

    def get_timeout(self) -> float:
        return float(self.options.get("TIMEOUT", 30))

    def pairs_cache_key(self) -> str:
        return f"{super().pairs_cache_key()}:{self.api_base()}"

    def discover_pairs(self):
        found = {}
        for kind in ("source", "target"):
            response = http_call(
                lambda kind=kind: requests.get(
                    self.api_base() + "/v2/languages",
                    params={"type": kind},
                    headers=self.get_headers(),
                    timeout=self.get_timeout(),
                )
            )
            try:
                found[kind] = {item["language"].split("-")[0].lower() for item in json_of(response)}
            except (TypeError, KeyError, AttributeError):
                raise PermanentEngineError("the list of languages is not in DeepL's form")
        return {(s, t) for s in found["source"] for t in found["target"] if s != t}

    def send_batch(self, source, target, texts):
        from types import SimpleNamespace

        from wagtail_localize.strings import StringValue

        parameters = self.get_parameters(
            SimpleNamespace(language_code=source),
            SimpleNamespace(language_code=target if target != "en" else "en-gb"),
            [StringValue(text) for text in texts],
        )
        response = http_call(
            lambda: requests.post(
                self.api_base() + "/v2/translate",
                data=parameters,
                headers=self.get_headers(),
                timeout=self.get_timeout(),
            )
        )
        try:
            return [item["text"] for item in json_of(response)["translations"]]
        except (TypeError, KeyError):
            raise PermanentEngineError("the answer has no list of translations")
