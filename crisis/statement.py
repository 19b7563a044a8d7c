"""The solidarity statement's template text, in the network's four languages.

Written here as translatable strings (the lead's translations give the other languages): the network's
voice only, never words put in a real person's mouth. Filled with the place, the date and the kind of
incident, each in the language of the text (`translation.override`)."""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.l10n import cldr_date

LANGUAGES = ("en", "ar", "fr", "es")


def template_texts(incident, language: str) -> dict[str, str]:
    """{"title", "summary", "body"} of the template in `language` (body: plain paragraphs)."""
    with translation.override(language):
        values = {
            "place": incident.place_in(language),
            "date": cldr_date(incident.date),
            "kind": str(incident.get_kind_display()).lower() if language != "ar" else incident.get_kind_display(),
        }
        return {
            "title": _("Solidarity with %(place)s") % values,
            "summary": _(
                "The member cities of the Strong Cities Network stand with the people of %(place)s after the %(kind)s of %(date)s."
            )
            % values,
            "body": "\n\n".join(
                [
                    _(
                        "We mourn with those who were harmed in %(place)s on %(date)s and stand with their families and friends."
                    )
                    % values,
                    _(
                        "Hate and violence will not divide our communities. As local governments, we will keep working together so that every resident is safe and welcome in our public spaces."
                    ),
                    _("We offer %(place)s the support of the network: our experience, our experts and our solidarity.")
                    % values,
                ]
            ),
        }


def body_html(text: str) -> str:
    """Plain text paragraphs (blank lines between them) as the statement page's rich text."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part)}</p>".replace("\n", "<br/>") for part in paragraphs)


def cosign_until(days: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.now() + datetime.timedelta(days=days)
