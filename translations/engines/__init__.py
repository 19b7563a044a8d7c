"""The configured engines, and which one (if any) translates a language pair.

`settings.TRANSLATION_ENGINE` lists engine names in order of preference (environment variable
TRANSLATION_ENGINE, comma-separated: `apertium,libretranslate` uses Apertium where it has the pair
and LibreTranslate for the rest). Empty (the default): no machine translation, every pair is
queued for a human. Each engine's options are in `settings.TRANSLATION_ENGINES[name]`.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import EngineError, EngineMixin, language_of

__all__ = ["EngineError", "EngineMixin", "configured_engines", "engine_for"]

ENGINE_CLASSES = {
    "libretranslate": "translations.engines.libretranslate.LibreTranslateEngine",
    "deepl": "translations.engines.deepl.DeepLEngine",
    "apertium": "translations.engines.apertium.ApertiumEngine",
}


def configured_engines() -> list[EngineMixin]:
    engines = []
    for name in getattr(settings, "TRANSLATION_ENGINE", []):
        if name not in ENGINE_CLASSES:
            raise ImproperlyConfigured(
                f"TRANSLATION_ENGINE: unknown engine {name!r}; choose among {', '.join(ENGINE_CLASSES)}"
            )
        options = getattr(settings, "TRANSLATION_ENGINES", {}).get(name, {})
        engines.append(import_string(ENGINE_CLASSES[name])(options))
    return engines


def engine_for(source, target) -> EngineMixin | None:
    """The first configured engine that covers the pair, or None: the pair is queued for a human."""
    source, target = language_of(source), language_of(target)
    if source == target:
        return None
    for engine in configured_engines():
        if engine.supports(source, target):
            return engine
    return None
