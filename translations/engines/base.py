"""What every engine shares: language pairs, batches, retries with back-off, clear errors.

An engine is a wagtail-localize machine translator (`translate(source_locale, target_locale,
strings)`, `can_translate()`, `display_name`) with this mixin in front: the engine itself only
says which pairs it covers (`discover_pairs()`) and how to send one batch (`send_batch()`).
Batching, retries and the errors the task layer records are here, in one place.

A batch that fails with a timeout, a refused connection, HTTP 429 or 5xx is tried again after
an exponentially growing pause (`BACKOFF` seconds, doubled each time, at most `MAX_DELAY`; a
429's `Retry-After` is honoured within that bound), up to `MAX_ATTEMPTS` times in all. Anything
else (a refused key, an answer that is not JSON, fewer translations than texts) fails at once.
Either way the caller gets an `EngineError` saying which engine, which pair and what went wrong.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence

import requests
from django.conf import settings
from django.core.cache import cache
from wagtail_localize.strings import StringValue

logger = logging.getLogger(__name__)

CONTENT_LANGUAGES = ("en", "ar", "fr", "es")
PAIRS_CACHE_SECONDS = 60 * 60
TAG_RE = re.compile(r"<[^>]*>")

sleep: Callable[[float], None] = time.sleep  # tests replace it to see the pauses


class EngineError(Exception):
    """An engine could not translate a batch. The message is for the people reading the admin."""

    def __init__(self, engine: str, source: str, target: str, reason: str, *, attempts: int = 1):
        self.engine, self.source, self.target, self.reason, self.attempts = engine, source, target, reason, attempts
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        super().__init__(f"{engine} could not translate {source}→{target}{tries}: {reason}")


class TransientEngineError(Exception):
    """One attempt failed in a way worth trying again (timeout, 429, 5xx, connection refused)."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


class PermanentEngineError(Exception):
    """One attempt failed in a way that trying again will not fix."""


def language_of(locale_or_code) -> str:
    code = getattr(locale_or_code, "language_code", locale_or_code)
    return str(code).split("-")[0].lower()


def retry_settings() -> dict:
    defaults = {"MAX_ATTEMPTS": 4, "BACKOFF": 1.0, "MAX_DELAY": 30.0, "BATCH_SIZE": 50, "BATCH_CHARS": 20_000}
    return {**defaults, **getattr(settings, "TRANSLATION_RETRY", {})}


def batches(texts: Sequence[str], size: int, chars: int) -> Iterable[list[int]]:
    """Indexes of `texts` in runs of at most `size` texts and about `chars` characters
    (a text longer than `chars` goes alone)."""
    batch: list[int] = []
    length = 0
    for index, text in enumerate(texts):
        if batch and (len(batch) >= size or length + len(text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(index)
        length += len(text)
    if batch:
        yield batch


def http_errors(response: requests.Response) -> None:
    """Raise the right attempt error for an HTTP answer that is not a success."""
    if response.status_code == 429 or response.status_code >= 500:
        retry_after = None
        header = response.headers.get("Retry-After", "")
        if header.strip().isdigit():
            retry_after = float(header.strip())
        raise TransientEngineError(f"HTTP {response.status_code}", retry_after=retry_after)
    if response.status_code >= 400:
        raise PermanentEngineError(f"HTTP {response.status_code}: {response.text[:200]}")


def json_of(response: requests.Response):
    try:
        return response.json()
    except ValueError:
        raise PermanentEngineError(f"the answer is not JSON (HTTP {response.status_code}, {response.text[:80]!r})")


def http_call(call: Callable[[], requests.Response]) -> requests.Response:
    """Run one HTTP request, turning network failures into attempt errors."""
    try:
        response = call()
    except requests.Timeout:
        raise TransientEngineError("no answer within the timeout")
    except requests.ConnectionError as error:
        raise TransientEngineError(f"connection failed ({error.__class__.__name__})")
    except requests.RequestException as error:
        raise PermanentEngineError(str(error))
    http_errors(response)
    return response


class EngineMixin:
    """Put first in an engine's bases, before the wagtail-localize translator it extends."""

    engine_name = "engine"  # the TRANSLATION_ENGINE value
    display_name = "Engine"
    max_batch_size = 1000

    # --- what each engine provides -------------------------------------------------------
    def discover_pairs(self) -> set[tuple[str, str]]:
        raise NotImplementedError

    def send_batch(self, source: str, target: str, texts: list[str]) -> list[str]:
        """Translate HTML `texts` once, raising TransientEngineError / PermanentEngineError."""
        raise NotImplementedError

    def pairs_cache_key(self) -> str:
        return f"translations:pairs:{self.engine_name}"

    # --- shared ----------------------------------------------------------------------------
    def pairs(self) -> set[tuple[str, str]]:
        """The (source, target) pairs among the site's languages this engine covers. Asked of the
        engine once an hour; when it cannot be asked, no pair (the failure is not remembered)."""
        key = self.pairs_cache_key()
        pairs = cache.get(key)
        if pairs is None:
            try:
                pairs = {
                    (source, target)
                    for source, target in self.discover_pairs()
                    if source in CONTENT_LANGUAGES and target in CONTENT_LANGUAGES and source != target
                }
            except (TransientEngineError, PermanentEngineError, OSError) as error:
                logger.warning("%s: could not list its language pairs: %s", self.display_name, error)
                return set()
            cache.set(key, pairs, PAIRS_CACHE_SECONDS)
        return set(pairs)

    def supports(self, source: str, target: str) -> bool:
        return (language_of(source), language_of(target)) in self.pairs()

    def can_translate(self, source_locale, target_locale) -> bool:  # wagtail-localize's question
        return self.supports(source_locale, target_locale)

    def translate_texts(self, source: str, target: str, texts: Sequence[str]) -> list[str]:
        """Translate HTML fragments, in batches, retrying what is worth retrying."""
        source, target = language_of(source), language_of(target)
        options = retry_settings()
        results: list[str] = list(texts)  # texts with nothing to translate come back as they are
        wanted = [index for index, text in enumerate(texts) if TAG_RE.sub("", text).strip()]
        for positions in batches(
            [texts[i] for i in wanted],
            min(int(options["BATCH_SIZE"]), self.max_batch_size),
            int(options["BATCH_CHARS"]),
        ):
            batch = [wanted[position] for position in positions]
            translated = self._with_retries(source, target, [texts[i] for i in batch], options)
            for index, text in zip(batch, translated, strict=True):
                results[index] = text
        return results

    def _with_retries(self, source: str, target: str, texts: list[str], options: dict) -> list[str]:
        attempts = int(options["MAX_ATTEMPTS"])
        for attempt in range(1, attempts + 1):
            try:
                translated = self.send_batch(source, target, texts)
            except TransientEngineError as error:
                if attempt == attempts:
                    raise EngineError(self.display_name, source, target, error.reason, attempts=attempt)
                delay = min(float(options["BACKOFF"]) * 2 ** (attempt - 1), float(options["MAX_DELAY"]))
                if error.retry_after is not None:
                    delay = min(max(delay, error.retry_after), float(options["MAX_DELAY"]))
                logger.info(
                    "%s: %s, attempt %d of %d; next in %.2fs", self.display_name, error, attempt, attempts, delay
                )
                sleep(delay)
                continue
            except PermanentEngineError as error:
                raise EngineError(self.display_name, source, target, str(error), attempts=attempt)
            if len(translated) != len(texts):
                raise EngineError(
                    self.display_name,
                    source,
                    target,
                    f"{len(translated)} translations came back for {len(texts)} texts",
                    attempts=attempt,
                )
            return translated
        raise AssertionError("unreachable")

    def translate(self, source_locale, target_locale, strings):  # wagtail-localize's call, no glossary
        strings = list(strings)
        texts = self.translate_texts(source_locale, target_locale, [string.data for string in strings])
        return {string: StringValue(text) for string, text in zip(strings, texts, strict=True)}
