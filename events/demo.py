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


# The past Global Summit's report (the first event above): texts written here for the demo, quoting nobody.
REPORT_SUMMARY = {
    "en": "<p>Delegations of member cities from every region met for three days. They reviewed what the network did since the last summit, compared local prevention plans and agreed on next steps, each with an owner and a date (demo).</p>",
    "ar": "<p>اجتمعت وفود المدن الأعضاء من جميع المناطق لمدة ثلاثة أيام. راجعت ما أنجزته الشبكة منذ القمة الماضية، وقارنت خطط الوقاية المحلية، واتفقت على الخطوات التالية، لكل منها جهة مسؤولة وموعد (تجريبي).</p>",
    "fr": "<p>Des délégations des villes membres de toutes les régions se sont réunies pendant trois jours. Elles ont passé en revue le travail du réseau depuis le dernier sommet, comparé leurs plans locaux de prévention et convenu des prochaines étapes, chacune avec un responsable et une date (démo).</p>",
    "es": "<p>Delegaciones de ciudades miembro de todas las regiones se reunieron durante tres días. Revisaron lo hecho por la red desde la última cumbre, compararon sus planes locales de prevención y acordaron los próximos pasos, cada uno con un responsable y una fecha (demo).</p>",
}
RECOMMENDATIONS = {
    "cities": {
        "en": ["Name one contact in the city administration for prevention and keep it up to date.",
               "Bring schools, youth services and community groups into one local prevention network."],
        "ar": ["تعيين جهة اتصال واحدة في إدارة المدينة لشؤون الوقاية وتحديث بياناتها باستمرار.",
               "جمع المدارس وخدمات الشباب والمجموعات المجتمعية في شبكة وقاية محلية واحدة."],
        "fr": ["Désigner un contact unique pour la prévention dans l'administration municipale et le tenir à jour.",
               "Réunir écoles, services jeunesse et associations dans un même réseau local de prévention."],
        "es": ["Designar un único contacto para la prevención en la administración municipal y mantenerlo al día.",
               "Reunir escuelas, servicios juveniles y grupos comunitarios en una misma red local de prevención."],
    },
    "national": {
        "en": ["Involve local governments when national prevention strategies are written."],
        "ar": ["إشراك الحكومات المحلية عند صياغة الاستراتيجيات الوطنية للوقاية."],
        "fr": ["Associer les collectivités locales à l'écriture des stratégies nationales de prévention."],
        "es": ["Involucrar a los gobiernos locales en la redacción de las estrategias nacionales de prevención."],
    },
    "partners": {
        "en": ["Fund multi-year local programmes rather than single projects."],
        "ar": ["تمويل برامج محلية متعددة السنوات بدلًا من مشاريع منفردة."],
        "fr": ["Financer des programmes locaux pluriannuels plutôt que des projets isolés."],
        "es": ["Financiar programas locales plurianuales en lugar de proyectos aislados."],
    },
    "network": {
        "en": ["Translate the core toolkits into the network's four languages within a year.",
               "Pair each new member with a mentor city in its region."],
        "ar": ["ترجمة مجموعات الأدوات الأساسية إلى لغات الشبكة الأربع خلال عام.",
               "إقران كل عضو جديد بمدينة مرشدة في منطقته."],
        "fr": ["Traduire les boîtes à outils principales dans les quatre langues du réseau d'ici un an.",
               "Associer chaque nouveau membre à une ville mentor de sa région."],
        "es": ["Traducir las principales herramientas a los cuatro idiomas de la red en un año.",
               "Emparejar a cada nuevo miembro con una ciudad mentora de su región."],
    },
}  # fmt: skip

# The summit's twelve next steps: (title, owner: "city" (the n-th represented city) / a hub code / None for
# the Management Unit, city index, days due after the summit, the steps it went through, a progress note).
ACTIONS = [
    ("Publish the summit report in four languages", None, None, 30, ["done"], "Report published on the platform."),
    ("Run a regional workshop on local prevention plans", "esa", None, 120, ["under_way"], "Venue and dates agreed."),
    ("Set up a youth advisory council", "city", 0, 180, ["under_way"], "First meeting held with twelve young residents."),
    ("Map community spaces and their keepers", "city", 1, 150, ["under_way", "done"], "Map shared with the police and the schools."),
    ("Train frontline staff on recognising hate incidents", "city", 2, 90, [], ""),
    ("Start a mentoring pair with a new member", "city", 3, 120, ["dropped"], "Postponed after the elections; to be proposed again."),
    ("Translate the youth engagement toolkit into Arabic", "mena", None, 200, ["under_way"], "Glossary checked; chapters 1 to 3 done."),
    ("Hold a webinar on protecting public spaces", "north-america", None, 60, ["done"], "Held online with members of three regions."),
    ("Write a local prevention plan with community groups", "city", 4, 240, ["under_way"], "Draft discussed with neighbourhood associations."),
    ("Open a victim support desk at city hall", "city", 5, 45, [], ""),
    ("Propose a regional exchange visit", "western-balkans", None, 100, [], ""),
    ("Share a case study on school mediation", "city", 6, 75, ["under_way"], "Text written; photos being chosen."),
]  # fmt: skip
SUMMIT_REPRESENTED = 24


def _summit_report(event: EventPage, cities: list) -> None:
    """The report fields of the demo summit in its language (`event` not saved yet)."""
    language = event.locale.language_code
    event.report_summary = REPORT_SUMMARY[language]
    event.recommendations = [
        {"type": audience, "value": texts[language]} for audience, texts in RECOMMENDATIONS.items()
    ]
    event.represented_cities = cities


def _summit_actions(event: EventPage, cities: list, hubs: dict) -> int:
    """The twelve next steps with their histories (no person named: the demo's updates carry no author)."""
    from core.workflow import workflow_step

    from .models import ACTION_STEPS, Action, ActionEvent

    made = 0
    summit_day = timezone.localtime(event.end).date()
    for position, (title, owner, city_index, due_in, steps, note) in enumerate(ACTIONS):
        if owner == "city" and city_index >= len(cities):
            continue
        action = Action.objects.create(
            event_key=event.translation_key,
            position=position,
            title=f"{title} (demo)",
            owner_city=cities[city_index] if owner == "city" else None,
            owner_hub=hubs.get(owner) if owner not in (None, "city") else None,
            due=summit_day + datetime.timedelta(days=due_in),
            language="en",
            is_demo=True,
        )
        ActionEvent.objects.create(action=action, from_state="", to_state=action.status)
        for step in steps:
            workflow_step(record=action, to=step, transitions=ACTION_STEPS, event_model=ActionEvent)
        if note:
            ActionEvent.objects.create(
                action=action, from_state=action.status, to_state=action.status, note=f"{note} (demo)"
            )
        made += 1
    return made


def _statement(indexes: dict, today: datetime.date) -> int:
    """The demo statement in four languages, open for co-signing for another week, co-signed by demo
    member cities (recorded on their behalf)."""
    from cities.models import City

    from .models import CoSignature, StatementPage

    def fill(page, language):
        page.title, page.summary, page.body = (STATEMENT[key][language] for key in ("title", "summary", "body"))

    closes = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(18)))
    page = StatementPage(slug="solidarity-after-an-attack-demo", locale=indexes["en"].locale, cosign_until=closes,
                         is_demo=True)  # fmt: skip
    fill(page, "en")
    indexes["en"].add_child(instance=page)
    page.save_revision().publish()
    for code, index in indexes.items():
        if code != "en" and index is not None:
            translated = page.copy_for_translation(index.locale).specific
            fill(translated, code)
            translated.save_revision().publish()
    cities = City.objects.public().filter(is_demo=True).order_by("-pk")[:STATEMENT_COSIGNERS]
    CoSignature.objects.bulk_create(
        CoSignature(statement_key=page.translation_key, city=city, on_behalf=True, is_demo=True) for city in cities
    )
    return len(cities)


def _declaration(indexes: dict, summit: EventPage) -> int:
    """The summit's declaration in four languages, endorsed by demo member cities from every region
    (recorded on their behalf, so no person's words), each with progress on some commitments."""
    from cities.models import City

    from .models import CommitmentProgress, DeclarationPage, Endorsement

    def fill(page, language):
        page.title, page.summary = DECLARATION["title"][language], DECLARATION["summary"][language]
        page.body = DECLARATION_BODY[language]
        page.commitments = [
            {"type": "commitment", "value": {"title": item[language], "text": ""}}
            for item in DECLARATION["commitments"]
        ]

    page = DeclarationPage(
        slug="declaration-of-the-global-summit-demo", locale=indexes["en"].locale, adopted_on=summit.end.date(),
        adopted_at=summit, is_demo=True,
    )  # fmt: skip
    fill(page, "en")
    indexes["en"].add_child(instance=page)
    page.save_revision().publish()
    for code, index in indexes.items():
        if code == "en" or index is None:
            continue
        translated = page.copy_for_translation(index.locale).specific
        fill(translated, code)
        for block, original in zip(translated.commitments, page.commitments, strict=True):
            block.id = original.id  # the same commitments in every language
        translated.save_revision().publish()
    commitments = [block.id for block in page.commitments]
    cities = list(City.objects.public().filter(is_demo=True).order_by("pk")[: DECLARATION_ENDORSERS * 3])
    made = 0
    for number, city in enumerate(cities[::3]):
        endorsement = Endorsement.objects.create(
            declaration_key=page.translation_key, city=city, on_behalf=True, is_demo=True,
            endorsed_on=page.adopted_on + datetime.timedelta(days=number % 30),
        )  # fmt: skip
        for position, commitment in enumerate(commitments):
            status = PROGRESS_PATTERN[(number + position) % len(PROGRESS_PATTERN)]
            if status is not None:
                CommitmentProgress.objects.create(
                    endorsement=endorsement, commitment=commitment, status=status, is_demo=True
                )
        made += 1
    return made


# A declaration adopted at the summit: five commitments in four languages, texts written here.
DECLARATION = {
    "title": {"en": "Declaration of the Global Summit (demo)", "ar": "إعلان القمة العالمية (تجريبي)",
              "fr": "Déclaration du Sommet mondial (démo)", "es": "Declaración de la Cumbre Mundial (demo)"},
    "summary": {
        "en": "Member cities commit to five steps to prevent hate, extremism and polarisation locally (demo).",
        "ar": "تلتزم المدن الأعضاء بخمس خطوات لمنع الكراهية والتطرف والاستقطاب محليًا (تجريبي).",
        "fr": "Les villes membres s'engagent sur cinq mesures pour prévenir localement la haine, l'extrémisme et la polarisation (démo).",
        "es": "Las ciudades miembro se comprometen con cinco medidas para prevenir localmente el odio, el extremismo y la polarización (demo).",
    },
    "commitments": [
        {"en": "Name a prevention focal point in the city administration.", "ar": "تعيين جهة اتصال للوقاية في إدارة المدينة.",
         "fr": "Désigner un point focal pour la prévention dans l'administration municipale.",
         "es": "Designar un punto focal de prevención en la administración municipal."},
        {"en": "Build a local prevention network with schools, youth services and community groups.",
         "ar": "بناء شبكة وقاية محلية مع المدارس وخدمات الشباب والمجموعات المجتمعية.",
         "fr": "Construire un réseau local de prévention avec les écoles, les services jeunesse et les associations.",
         "es": "Construir una red local de prevención con escuelas, servicios juveniles y grupos comunitarios."},
        {"en": "Train frontline staff to recognise and report hate incidents.",
         "ar": "تدريب الموظفين في الخطوط الأمامية على التعرف على حوادث الكراهية والإبلاغ عنها.",
         "fr": "Former le personnel de première ligne à reconnaître et signaler les incidents haineux.",
         "es": "Formar al personal de primera línea para reconocer y denunciar incidentes de odio."},
        {"en": "Publish a local prevention plan and review it every year.", "ar": "نشر خطة وقاية محلية ومراجعتها كل عام.",
         "fr": "Publier un plan local de prévention et le revoir chaque année.",
         "es": "Publicar un plan local de prevención y revisarlo cada año."},
        {"en": "Share one practice a year with the network.", "ar": "مشاركة ممارسة واحدة كل عام مع الشبكة.",
         "fr": "Partager une pratique par an avec le réseau.", "es": "Compartir una práctica al año con la red."},
    ],
}  # fmt: skip
DECLARATION_BODY = {
    "en": "<p>The cities endorsing this declaration report their progress on each commitment at least once a year. The figures below are counted from their reports (demo).</p>",
    "ar": "<p>تُبلغ المدن المؤيِّدة لهذا الإعلان عن تقدّمها في كل التزام مرة واحدة في السنة على الأقل. الأرقام أدناه محسوبة من تقاريرها (تجريبي).</p>",
    "fr": "<p>Les villes qui soutiennent cette déclaration rendent compte de leur avancement sur chaque engagement au moins une fois par an. Les chiffres ci-dessous sont tirés de leurs comptes rendus (démo).</p>",
    "es": "<p>Las ciudades que respaldan esta declaración informan de su avance en cada compromiso al menos una vez al año. Las cifras siguientes se calculan a partir de sus informes (demo).</p>",
}
DECLARATION_ENDORSERS = 40
# Each endorser's progress: the status of each commitment, cycling so that the chart shows every state.
PROGRESS_PATTERN = ["achieved", "in_progress", "not_started", "achieved", None, "in_progress", "achieved"]


# A solidarity statement after an imagined attack (no real event, place or person), co-signed by demo cities.
STATEMENT = {
    "title": {"en": "Solidarity with a member city after an attack on its market (demo)",
              "ar": "تضامن مع مدينة عضو بعد هجوم على سوقها (تجريبي)",
              "fr": "Solidarité avec une ville membre après une attaque contre son marché (démo)",
              "es": "Solidaridad con una ciudad miembro tras un ataque contra su mercado (demo)"},
    "summary": {"en": "The network's member cities stand with the people of a member city after an attack on its market (demo).",
                "ar": "تقف المدن الأعضاء في الشبكة إلى جانب سكان مدينة عضو بعد هجوم على سوقها (تجريبي).",
                "fr": "Les villes membres du réseau se tiennent aux côtés des habitants d'une ville membre après une attaque contre son marché (démo).",
                "es": "Las ciudades miembro de la red están junto a la población de una ciudad miembro tras un ataque contra su mercado (demo)."},
    "body": {"en": "<p>We mourn the victims and stand with their families. Hate will not divide our communities: we will keep working together so that every resident is safe in public spaces (demo).</p>",
             "ar": "<p>نحزن على الضحايا ونقف إلى جانب عائلاتهم. لن تفرّق الكراهية مجتمعاتنا: سنواصل العمل معًا ليكون كل ساكن آمنًا في الأماكن العامة (تجريبي).</p>",
             "fr": "<p>Nous pleurons les victimes et sommes aux côtés de leurs familles. La haine ne divisera pas nos communautés : nous continuerons à travailler ensemble pour que chaque habitant soit en sécurité dans l'espace public (démo).</p>",
             "es": "<p>Lloramos a las víctimas y acompañamos a sus familias. El odio no dividirá nuestras comunidades: seguiremos trabajando juntos para que cada residente esté seguro en los espacios públicos (demo).</p>"},
}  # fmt: skip
STATEMENT_COSIGNERS = 15


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


def _represented() -> list:
    """Demo member cities from every region, a few each, for the summit's report."""
    from cities.models import City

    cities, seen = [], {}
    for city in City.objects.public().filter(is_demo=True).select_related("country").order_by("pk")[:400]:
        region = city.country.region_id
        if seen.get(region, 0) < 3:
            seen[region] = seen.get(region, 0) + 1
            cities.append(city)
        if len(cities) == SUMMIT_REPRESENTED:
            break
    return cities


@transaction.atomic
def load_events_demo(*, today: datetime.date | None = None) -> dict:
    """Create the demo events (replacing earlier demo events). Returns what was made."""
    from cities.models import Country, Hub

    from .models import Action, CoSignature, DeclarationPage, Endorsement, StatementPage

    Action.objects.filter(is_demo=True).delete()
    Endorsement.objects.filter(is_demo=True).delete()
    CoSignature.objects.filter(is_demo=True).delete()
    for model in (DeclarationPage, StatementPage, EventPage):
        for page in list(model.objects.filter(is_demo=True)):
            page.delete()
    indexes = ensure_index()
    today = today or timezone.localdate()
    hubs = {hub.code: hub for hub in Hub.objects.all()}
    countries = {country.code: country for country in Country.objects.all()}
    made = {"events": 0, "translations": 0, "actions": 0}
    represented = _represented()
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
        report = made["events"] == 0  # the past Global Summit: its report and next steps
        if report:
            _summit_report(event, represented)
        indexes[original].add_child(instance=event)
        event.save_revision().publish()
        made["events"] += 1
        if report:
            made["actions"] = _summit_actions(event, represented, hubs)
            summit = event
        for code, title in titles.items():
            if code == original or indexes.get(code) is None:
                continue
            translated = event.copy_for_translation(indexes[code].locale).specific
            translated.title, translated.summary = title, SUMMARIES[kind][code]
            if report:
                _summit_report(translated, represented)
            translated.save_revision().publish()
            made["translations"] += 1
    made["endorsements"] = _declaration(indexes, summit)
    made["cosignatures"] = _statement(indexes, today)
    return made
