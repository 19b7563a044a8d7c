"""LibreTranslate over its HTTP API: wagtail-localize's `LibreTranslator`, with batches and retries.

Options (settings.TRANSLATION_ENGINES["libretranslate"]): `LIBRETRANSLATE_URL`, `API_KEY`, `TIMEOUT`.
Pairs from `GET /languages`; texts as a list in one `POST /translate` with `format: html`.
"""

import requests
from wagtail_localize.machine_translators.libretranslate import LibreTranslator

from .base import EngineMixin, PermanentEngineError, http_call, json_of


class LibreTranslateEngine(EngineMixin, LibreTranslator):
    engine_name = "libretranslate"
    display_name = "LibreTranslate"

    def get_api_endpoint(self):
        return self.options["LIBRETRANSLATE_URL"].rstrip("/")

    def get_timeout(self):
        return float(self.options.get("TIMEOUT", 10))

    def pairs_cache_key(self) -> str:
        return f"{super().pairs_cache_key()}:{self.get_api_endpoint()}"

    def discover_pairs(self):
        response = http_call(lambda: requests.get(self.get_api_endpoint() + "/languages", timeout=self.get_timeout()))
        languages = json_of(response)
        try:
            return {
                (self.language_code(item["code"]), self.language_code(target))
                for item in languages
                for target in item.get("targets", [])
            }
        except (TypeError, KeyError, AttributeError):
            raise PermanentEngineError("the list of languages is not in LibreTranslate's form")

    def send_batch(self, source, target, texts):
        payload = {"q": texts, "source": source, "target": target, "format": "html"}
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        response = http_call(
            lambda: requests.post(self.get_api_endpoint() + "/translate", json=payload, timeout=self.get_timeout())
        )
        translated = json_of(response)
        texts_back = translated.get("translatedText") if isinstance(translated, dict) else None
        if isinstance(texts_back, str) and len(texts) == 1:
            texts_back = [texts_back]
        if not isinstance(texts_back, list) or not all(isinstance(text, str) for text in texts_back):
            raise PermanentEngineError("the answer has no list of translated texts")
        return texts_back
