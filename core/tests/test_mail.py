"""E-mails never carry the invisible characters that reorder or hide text, even from text stored
before forms dropped them or written by other paths (the admin, a shell, an import)."""

from types import SimpleNamespace

from core.mail import email_render

RLO, LRE, PDF, FSI, PDI = "\u202e", "\u202a", "\u202c", "\u2068", "\u2069"


def test_plain_text_html_and_subject_drop_bidi_overrides_and_control_characters():
    city = SimpleNamespace(display_name=f"{RLO}A ytiC")
    exchange = SimpleNamespace(requester=city, partner=SimpleNamespace(display_name=f"City {LRE}B{PDF}\x1b[31m"))
    context = {
        "exchange": exchange,
        "actor": SimpleNamespace(display_name=f"Ama{FSI} Demo{PDI}"),
        "actor_city": city,
        "body": "Line one\x07\r\nLine two\twith a tab",
        "page_url": "https://example.org/en/exchanges/1/",
    }
    message = email_render("exchanges/email/message", context, language="en")
    for text in (message["subject"], message["body"], message["html"]):
        # The names come isolated (core/text.py::isolate: FSI…PDI around each, cleaned); nothing else.
        for name in ("A ytiC", "City B[31m", "Ama Demo"):
            text = text.replace(f"{FSI}{name}{PDI}", name)
        assert not {RLO, LRE, PDF, FSI, PDI, "\x07", "\x1b"} & set(text), repr(text)
    assert message["subject"] == f"New message in the exchange between {FSI}A ytiC{PDI} and {FSI}City B[31m{PDI}"
    assert f"{FSI}Ama Demo{PDI} ({FSI}A ytiC{PDI}) wrote:" in message["body"]
    assert "Line one\r\nLine two\twith a tab" in message["body"]  # layout characters stay


def test_arabic_direction_marks_are_kept():
    name = "\u0645\u0631\u064a\u0645 \u200f(Maryam)\u200e"
    context = {
        "exchange": SimpleNamespace(
            requester=SimpleNamespace(display_name=name), partner=SimpleNamespace(display_name="B")
        )
    }
    assert name in email_render("exchanges/email/message", {**context, "actor": None}, language="ar")["subject"]


def test_a_subject_is_plain_text_an_apostrophe_stays_an_apostrophe():
    """A subject is not HTML: “l'Ouest” must not arrive as “l&#x27;Ouest” (every subject template)."""
    from pathlib import Path

    from django.conf import settings

    title = "Atelier de l'Ouest & du Sahel <2027>"
    event = SimpleNamespace(title=title)
    for name in ("registered", "promoted", "waiting", "cancelled", "reminder"):
        assert title in email_render(f"events/email/{name}", {"event": event}, language="fr")["subject"]
    for template in Path(settings.BASE_DIR, "templates").rglob("*_subject.txt"):
        text = template.read_text()
        assert "{{" not in text and "with " not in text or "{% autoescape off %}" in text, template
