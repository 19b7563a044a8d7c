"""The translator wagtail-localize's editor uses (settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR):
the configured engines, with the glossary applied (`services.machine_translate`)."""

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

from .engines import configured_engines, engine_for
from .services import machine_translate


class GlossaryTranslator(BaseMachineTranslator):
    def __init__(self, options):
        super().__init__(options)
        self.display_name = " / ".join(engine.display_name for engine in configured_engines()) or "—"

    def can_translate(self, source_locale, target_locale):
        return engine_for(source_locale, target_locale) is not None

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        result = machine_translate(
            source=source_locale.language_code, target=target_locale.language_code, texts=[s.data for s in strings]
        )
        self.display_name = result.engine  # wagtail-localize records it as the tool's name
        return {string: StringValue(text) for string, text in zip(strings, result.texts, strict=True)}
