"""Bidi isolation of names and other text people wrote (`core/text.py`, issue 11 part 6).

    {% load bidi %}
    {% blocktranslate with name=city.display_name|bdi %}Ask {{ name }} for an exchange{% endblocktranslate %}
    {% block title %}{% blocktranslate with name=city.display_name|isolate %}…{% endblocktranslate %}{% endblock %}

`bdi` (HTML): the value escaped inside `<bdi>`; the sentence's msgid does not change. `bdi_list`
(HTML): names each in `<bdi>`, joined as a sentence by the language's CLDR rules. `isolate`
(plain text: e-mail subjects and text bodies, `<title>`): the value between FSI and PDI.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core import text
from core.l10n import cldr_list

register = template.Library()


@register.filter
def bdi(value):
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", conditional_escape(value))


@register.filter
def isolate(value):
    return text.isolate(value)


@register.filter
def bdi_list(values):
    """ "<bdi>A</bdi>, <bdi>B</bdi> and <bdi>C</bdi>": each escaped; CLDR's joining words hold no markup."""
    return mark_safe(cldr_list(bdi(value) for value in values if value not in (None, "")))
