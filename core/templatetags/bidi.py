"""Bidi isolation of names and other text people wrote (`core/text.py`, issue 11 part 6).

    {% load bidi %}
    {% blocktranslate with name=city.display_name|bdi %}Ask {{ name }} for an exchange{% endblocktranslate %}
    {% block title %}{% blocktranslate with name=city.display_name|isolate %}…{% endblocktranslate %}{% endblock %}

`bdi` (HTML): the value escaped inside `<bdi>`; the sentence's msgid does not change. `isolate`
(plain text: e-mail subjects and text bodies, `<title>`): the value between FSI and PDI.
"""

from django import template
from django.utils.html import conditional_escape, format_html

from core import text

register = template.Library()


@register.filter
def bdi(value):
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", conditional_escape(value))


@register.filter
def isolate(value):
    return text.isolate(value)
