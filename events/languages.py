"""Languages an event is held or interpreted in, named in the reader's language."""

from babel import Locale as BabelLocale

from core.l10n import current_locale

# Languages an event is held or interpreted in: the platform's four and those its members speak most.
EVENT_LANGUAGES = [
    "ar", "en", "fr", "es", "pt", "ru", "sw", "am", "so", "ha", "ur", "hi", "bn", "ne", "si", "ta",
    "tr", "de", "it", "nl", "sq", "bs", "sr", "mk", "id", "ms", "zh", "ja",
]  # fmt: skip


def language_name(code: str) -> str:
    """The language's name in the reader's language ("swahili", "السواحلية")."""
    try:
        name = BabelLocale.parse(code).get_display_name(current_locale())
    except (ValueError, LookupError):
        return code
    return name[:1].upper() + name[1:] if name else code


def event_language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in EVENT_LANGUAGES]
