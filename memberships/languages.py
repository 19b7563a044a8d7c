"""Working languages from what an applicant typed ("French, Wolof", "العربية والفرنسية", "fr; en").

The join form asks for the focal point's languages as free text. On approval the ones that name a
working language of the network (`cities.Language`) become the authority's working languages; the
rest are reported to the reviewer, and the text stays as typed on the focal point's record.
A language is recognised by its code or by its name in English, French, Arabic or Spanish (or in
itself), whatever the case, accents or Arabic marks.
"""

import gettext
import re
from functools import lru_cache

import pycountry
from django.conf.locale import LANG_INFO
from django.utils import translation

from cities.models import Language
from core.text import fold

NAME_LANGUAGES = ("en", "fr", "ar", "es")
# Between languages: commas (Latin and Arabic), semicolons, slashes, "+", "&", line breaks, and the word "and".
_SEPARATORS = re.compile(r"[,،;؛/+&|\n]+|\s+(?:and|et|y|e|و)\s+", re.IGNORECASE)
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def _key(text: str) -> str:
    key = fold(_BRACKETS.sub(" ", text))
    if _ARABIC.search(key):
        # "اللغة العربية", "العربية" and "عربي" all name Arabic.
        key = re.sub("^(?:اللغه |لغه )", "", key)
        key = re.sub("^ال", "", key)
        key = re.sub("ه$", "", key)
    return key


def _names(code: str) -> set[str]:
    names = {code}
    info = LANG_INFO.get(code, {})
    if info.get("name_local"):
        names.add(info["name_local"])
    record = pycountry.languages.get(alpha_2=code)
    for language in NAME_LANGUAGES:
        if info.get("name"):
            with translation.override(language):
                names.add(translation.gettext(info["name"]))
        if record is not None:
            catalogue = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)
            names.add(catalogue.gettext(record.name))
    return names


@lru_cache(maxsize=4)
def _index(codes: tuple[str, ...]) -> dict[str, str]:
    index = {}
    for code in codes:
        for name in _names(code):
            index.setdefault(_key(name), code)
    return index


def languages_from_text(text: str) -> tuple[list[Language], list[str]]:
    """The working languages named in `text`, in the order typed, and the parts not recognised."""
    known = {language.code: language for language in Language.objects.all()}
    index = _index(tuple(sorted(known)))
    found, unknown = [], []
    for part in _SEPARATORS.split(text or ""):
        part = part.strip(" .-")
        if not part:
            continue
        codes = [_code(part, index)]
        if codes[0] is None:  # "العربية والفرنسية", "French English": one language a word
            words = [_code(word, index) for word in part.split()]
            codes = words if len(words) > 1 and None not in words else codes
        if codes == [None]:
            unknown.append(part)
        for code in codes:
            if code is not None and known[code] not in found:
                found.append(known[code])
    return found, unknown


def _code(part: str, index: dict[str, str]) -> str | None:
    key = _key(part)
    code = index.get(key)
    if code is None and key.startswith("و"):  # Arabic "and" joined to the next word: "والفرنسية"
        code = index.get(_key(part[1:]))
    return code
