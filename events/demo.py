"""Demo events: the events index in four languages and events of every kind, across hubs and time zones,
dated from the day the demo is loaded (so that upcoming ones stay upcoming), two of them past. Every
page is `is_demo` and says "demo" in its title; texts are written here and quote nobody.

`load_events_demo()` is called by `load_demo_network` after the Resource Hub's demo.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale

from core.i18n import LANGUAGE_CODES

from . import times
from .models import EventFormat, EventIndexPage, EventKind, EventPage

INDEX = {
    "en": ("Events", "Summits, regional workshops, webinars, trainings and exchange visits of the network."),
    "ar": ("الفعاليات", "القمم وورش العمل الإقليمية والندوات عبر الإنترنت والتدريبات والزيارات التبادلية للشبكة."),
    "fr": ("Événements", "Sommets, ateliers régionaux, webinaires, formations et visites d'échange du réseau."),
    "es": ("Eventos", "Cumbres, talleres regionales, seminarios web, formaciones y visitas de intercambio de la red."),
}

SUMMARIES = {
    EventKind.SUMMIT: {
        "en": "Mayors and local leaders of the network meet to take stock, share practice and agree on next steps (demo).",
        "ar": "يجتمع رؤساء البلديات والقادة المحليون في الشبكة لتقييم ما تحقق وتبادل الممارسات والاتفاق على الخطوات التالية (تجريبي).",
        "fr": "Les maires et responsables locaux du réseau se réunissent pour faire le point, partager leurs pratiques et convenir des prochaines étapes (démo).",
        "es": "Alcaldes y líderes locales de la red se reúnen para hacer balance, compartir prácticas y acordar los próximos pasos (demo).",
    },
    EventKind.WORKSHOP: {
        "en": "Two days for the region's member cities to work through local prevention plans together (demo).",
        "ar": "يومان تعمل فيهما المدن الأعضاء في المنطقة معًا على خطط الوقاية المحلية (تجريبي).",
        "fr": "Deux jours pour que les villes membres de la région travaillent ensemble sur leurs plans locaux de prévention (démo).",
        "es": "Dos días para que las ciudades miembro de la región trabajen juntas en sus planes locales de prevención (demo).",
    },
    EventKind.WEBINAR: {
        "en": "A one-hour online session with a short presentation and time for questions (demo).",
        "ar": "جلسة عبر الإنترنت مدتها ساعة واحدة مع عرض قصير ووقت للأسئلة (تجريبي).",
        "fr": "Une session en ligne d'une heure avec une courte présentation et du temps pour les questions (démo).",
        "es": "Una sesión en línea de una hora con una breve presentación y tiempo para preguntas (demo).",
    },
    EventKind.TRAINING: {
        "en": "A practical training for municipal staff, with exercises drawn from members' experience (demo).",
        "ar": "تدريب عملي لموظفي البلديات مع تمارين مستمدة من تجارب الأعضاء (تجريبي).",
        "fr": "Une formation pratique pour le personnel municipal, avec des exercices tirés de l'expérience des membres (démo).",
        "es": "Una formación práctica para personal municipal, con ejercicios basados en la experiencia de los miembros (demo).",
    },
    EventKind.EXCHANGE_VISIT: {
        "en": "A small delegation visits a member city to see its prevention network at work (demo).",
        "ar": "وفد صغير يزور مدينة عضوًا للاطلاع على عمل شبكتها للوقاية (تجريبي).",
        "fr": "Une petite délégation visite une ville membre pour voir son réseau de prévention à l'œuvre (démo).",
        "es": "Una pequeña delegación visita una ciudad miembro para ver su red de prevención en acción (demo).",
    },
    EventKind.OTHER: {
        "en": "An open peer-learning call for focal points of the region (demo).",
        "ar": "مكالمة مفتوحة للتعلم بين الأقران لنقاط الاتصال في المنطقة (تجريبي).",
        "fr": "Un appel ouvert d'apprentissage entre pairs pour les points focaux de la région (démo).",
        "es": "Una llamada abierta de aprendizaje entre pares para los puntos focales de la región (demo).",
    },
}

# (kind, days from today, local start hour, hours, zone, format, venue, country, lat, lon, hub, languages,
#  interpretation, original language, titles {language: title})
EVENTS = [
    (EventKind.SUMMIT, -75, 9, 8 + 24 * 2, "America/New_York", EventFormat.IN_PERSON, "Conference centre (demo)", "US",
     40.75, -73.97, None, ["en"], ["ar", "fr", "es"], "en",
     {"en": "Global Summit of the network (demo)", "ar": "القمة العالمية للشبكة (تجريبي)",
      "fr": "Sommet mondial du réseau (démo)", "es": "Cumbre mundial de la red (demo)"}),
    (EventKind.WEBINAR, -20, 14, 1, "Europe/London", EventFormat.ONLINE, "", None, None, None, None, ["en"],
     ["ar", "fr"], "en",
     {"en": "Webinar: mapping local risks and resources (demo)", "ar": "ندوة عبر الإنترنت: رسم خريطة المخاطر والموارد المحلية (تجريبي)",
      "fr": "Webinaire : cartographier les risques et les ressources locales (démo)"}),
    (EventKind.WEBINAR, 9, 14, 1, "Europe/London", EventFormat.ONLINE, "", None, None, None, None, ["en"],
     ["ar", "fr", "es"], "en",
     {"en": "Webinar: youth engagement that lasts (demo)", "ar": "ندوة عبر الإنترنت: إشراك الشباب بشكل دائم (تجريبي)",
      "fr": "Webinaire : un engagement des jeunes qui dure (démo)", "es": "Seminario web: participación juvenil duradera (demo)"}),
    (EventKind.WORKSHOP, 21, 9, 8 + 24, "Africa/Nairobi", EventFormat.IN_PERSON, "City conference hall (demo)", "KE",
     -1.2864, 36.8172, "esa", ["en", "sw"], ["fr"], "en",
     {"en": "East and Southern Africa regional workshop (demo)", "ar": "ورشة العمل الإقليمية لشرق وجنوب أفريقيا (تجريبي)",
      "fr": "Atelier régional Afrique de l'Est et australe (démo)", "es": "Taller regional de África Oriental y Austral (demo)"}),
    (EventKind.OTHER, 28, 10, 2, "America/Bogota", EventFormat.ONLINE, "", "CO", None, None, None, ["es"], [], "es",
     {"es": "Llamada de aprendizaje entre pares de América Latina (demo)"}),
    (EventKind.TRAINING, 35, 10, 6, "Asia/Amman", EventFormat.HYBRID, "Municipal training centre (demo)", "JO",
     31.9539, 35.9106, "mena", ["ar", "en"], [], "ar",
     {"ar": "تدريب: شبكات الوقاية المحلية متعددة الجهات (تجريبي)", "en": "Training: multi-actor local prevention networks (demo)",
      "fr": "Formation : réseaux locaux de prévention multi-acteurs (démo)"}),
    (EventKind.WEBINAR, 14, 15, 1, "Asia/Dhaka", EventFormat.ONLINE, "", "BD", None, None, "south-asia", ["en", "bn"],
     [], "en",
     {"en": "South Asia webinar: countering online hate locally (demo)", "ar": "ندوة جنوب آسيا: مواجهة خطاب الكراهية عبر الإنترنت محليًا (تجريبي)"}),
    (EventKind.EXCHANGE_VISIT, 50, 9, 8 + 24 * 2, "Europe/Sarajevo", EventFormat.IN_PERSON, "City hall (demo)", "BA",
     44.5384, 18.6763, "western-balkans", ["bs", "en"], ["en"], "en",
     {"en": "Exchange visit: community safety partnerships in the Western Balkans (demo)",
      "fr": "Visite d'échange : partenariats de sécurité communautaire dans les Balkans occidentaux (démo)"}),
    (EventKind.WORKSHOP, 70, 9, 8, "America/Toronto", EventFormat.HYBRID, "Civic centre (demo)", "CA", 43.6532,
     -79.3832, "north-america", ["en", "fr"], [], "en",
     {"en": "North America workshop: protecting public spaces (demo)", "fr": "Atelier Amérique du Nord : protéger les espaces publics (démo)",
      "es": "Taller de América del Norte: proteger los espacios públicos (demo)"}),
    (EventKind.WORKSHOP, 42, 9, 8, "Africa/Dakar", EventFormat.IN_PERSON, "Regional council hall (demo)", "SN", 14.7167,
     -17.4677, None, ["fr", "en"], [], "fr",
     {"fr": "Atelier Afrique de l'Ouest et Sahel : jeunes et prévention (démo)"}),
    (EventKind.TRAINING, 90, 9, 6, "Australia/Sydney", EventFormat.ONLINE, "", "AU", None, None, None, ["en"], [], "en",
     {"en": "East Asia and Pacific training: victim support after an attack (demo)"}),
    (EventKind.SUMMIT, 200, 9, 8 + 24 * 2, "Europe/Paris", EventFormat.HYBRID, "Congress centre (demo)", "FR", 48.8566,
     2.3522, None, ["en", "fr"], ["ar", "es"], "en",
     {"en": "Next Global Summit (demo)", "ar": "القمة العالمية المقبلة (تجريبي)", "fr": "Prochain sommet mondial (démo)",
      "es": "Próxima cumbre mundial (demo)"}),
]  # fmt: skip


# Who may register, and how many places, by kind (past events keep theirs, closed by the date).
REGISTRATION = {
    EventKind.SUMMIT: ("anyone", 300),
    EventKind.WORKSHOP: ("members", 40),
    EventKind.WEBINAR: ("anyone", None),
    EventKind.TRAINING: ("members", 25),
    EventKind.EXCHANGE_VISIT: ("members", 8),
    EventKind.OTHER: ("none", None),
}


def ensure_index() -> dict:
    """The events index under each language's home page: {code: EventIndexPage}."""
    from core.models import HomePage
    from resources.demo import _index, ensure_indexes

    ensure_indexes()  # the home pages (and the Resource Hub's indexes) first
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=LANGUAGE_CODES)}
    english_home = HomePage.objects.filter(locale=locales["en"]).first()
    return _index(EventIndexPage, "events", english_home, locales, titles=INDEX)


def _cities(country_code: str | None) -> list:
    from cities.models import City

    if not country_code:
        return []
    return list(City.objects.public().filter(is_demo=True, country_id=country_code).order_by("pk")[:2])


@transaction.atomic
def load_events_demo(*, today: datetime.date | None = None) -> dict:
    """Create the demo events (replacing earlier demo events). Returns what was made."""
    from cities.models import Country, Hub

    for page in list(EventPage.objects.filter(is_demo=True)):
        page.delete()
    indexes = ensure_index()
    today = today or timezone.localdate()
    hubs = {hub.code: hub for hub in Hub.objects.all()}
    countries = {country.code: country for country in Country.objects.all()}
    made = {"events": 0, "translations": 0}
    for (kind, days, hour, hours, zone, fmt, venue, country, lat, lon, hub, languages, interpretation, original,
         titles) in EVENTS:  # fmt: skip
        wall_clock = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
        start = times.to_utc(wall_clock, zone)
        event = EventPage(
            title=titles[original],
            slug=slugify(titles["en"] if "en" in titles else titles[original])[:60] or f"event-{made['events'] + 1}",
            locale=indexes[original].locale,
            kind=kind,
            summary=SUMMARIES[kind][original],
            start=start,
            end=start + datetime.timedelta(hours=hours),
            time_zone=zone,
            format=fmt,
            venue_name=venue,
            country=countries.get(country) if country else None,
            region=countries[country].region if country in countries else (hubs[hub].region if hub in hubs else None),
            latitude=Decimal(str(lat)) if lat is not None else None,
            longitude=Decimal(str(lon)) if lon is not None else None,
            hub=hubs.get(hub) if hub else None,
            languages=languages,
            interpretation=interpretation,
            registration=REGISTRATION[kind][0],
            capacity=REGISTRATION[kind][1],
            is_demo=True,
        )
        event.cities = _cities(country)
        indexes[original].add_child(instance=event)
        event.save_revision().publish()
        made["events"] += 1
        for code, title in titles.items():
            if code == original or indexes.get(code) is None:
                continue
            translated = event.copy_for_translation(indexes[code].locale).specific
            translated.title, translated.summary = title, SUMMARIES[kind][code]
            translated.save_revision().publish()
            made["translations"] += 1
    return made
