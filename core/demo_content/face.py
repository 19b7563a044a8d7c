"""The site's face in the demo: drawn illustrations (alt text in each language), home page cards, footer settings.

The illustrations are drawn by `core/demo.py` (Pillow), never downloaded. Contact details are placeholders on a
reserved domain (example.org), not a real address.
"""

# Alternative text for the drawn illustrations, per language: they show shapes, not people.
IMAGE_ALTS = {
    "hero": {
        "en": "Illustration: linked circles, like cities connected in a network, above a skyline of buildings.",
        "ar": "رسم توضيحي: دوائر متشابكة، كمدن تربطها شبكة، فوق أفق من المباني.",
        "fr": "Illustration : des cercles reliés, comme des villes en réseau, au-dessus d'une silhouette d'immeubles.",
        "es": "Ilustración: círculos enlazados, como ciudades conectadas en red, sobre un perfil de edificios.",
    },
    "hub": {
        "en": "Illustration: a city skyline under linked circles in the colours of the network.",
        "ar": "رسم توضيحي: أفق مدينة تحت دوائر متشابكة بألوان الشبكة.",
        "fr": "Illustration : la silhouette d'une ville sous des cercles reliés aux couleurs du réseau.",
        "es": "Ilustración: el perfil de una ciudad bajo círculos enlazados con los colores de la red.",
    },
}

# Home page cards: (icon, image key, page slug it links to) and the words in each language.
CARDS = [
    {
        "icon": "users",
        "slug": "who-we-are",
        "en": (
            "A network of peers",
            "Local governments of every size, from small towns to capital cities, learning from each other.",
        ),
        "ar": ("شبكة من النظراء", "حكومات محلية بمختلف أحجامها، من البلدات الصغيرة إلى العواصم، تتعلّم بعضها من بعض."),
        "fr": (
            "Un réseau de pairs",
            "Des collectivités de toutes tailles, des petites communes aux capitales, qui apprennent les unes des autres.",
        ),
        "es": (
            "Una red de pares",
            "Gobiernos locales de todos los tamaños, desde pequeños municipios hasta capitales, que aprenden unos de otros.",
        ),
        "alt": {
            "en": "Illustration: small and large circles joined by lines.",
            "ar": "رسم توضيحي: دوائر صغيرة وكبيرة تصل بينها خطوط.",
            "fr": "Illustration : des cercles petits et grands reliés par des lignes.",
            "es": "Ilustración: círculos pequeños y grandes unidos por líneas.",
        },
    },
    {
        "icon": "handshake",
        "slug": "our-approach",
        "en": (
            "Practical support",
            "Peer exchanges, training and tools that local teams can use straight away, in their own language.",
        ),
        "ar": ("دعم عملي", "تبادل بين النظراء وتدريبات وأدوات يمكن للفرق المحلية استخدامها فورًا، بلغتها."),
        "fr": (
            "Un appui concret",
            "Échanges entre pairs, formations et outils que les équipes locales peuvent utiliser tout de suite, dans leur langue.",
        ),
        "es": (
            "Apoyo práctico",
            "Intercambios entre pares, formación y herramientas que los equipos locales pueden usar enseguida, en su idioma.",
        ),
        "alt": {
            "en": "Illustration: two overlapping circles over a row of buildings.",
            "ar": "رسم توضيحي: دائرتان متداخلتان فوق صف من المباني.",
            "fr": "Illustration : deux cercles qui se chevauchent au-dessus d'une rangée d'immeubles.",
            "es": "Ilustración: dos círculos superpuestos sobre una hilera de edificios.",
        },
    },
    {
        "icon": "map",
        "slug": "regional-hubs",
        "en": ("Regional Hubs", "Support close to member cities, in their languages and time zones."),
        "ar": ("المراكز الإقليمية", "دعم قريب من المدن الأعضاء، بلغاتها وفي مناطقها الزمنية."),
        "fr": ("Pôles régionaux", "Un appui proche des villes membres, dans leurs langues et leurs fuseaux horaires."),
        "es": ("Centros Regionales", "Apoyo cercano a las ciudades miembro, en sus idiomas y husos horarios."),
        "alt": {
            "en": "Illustration: circles spread across a horizon like points on a map.",
            "ar": "رسم توضيحي: دوائر موزّعة على امتداد الأفق كنقاط على خريطة.",
            "fr": "Illustration : des cercles répartis sur l'horizon comme des points sur une carte.",
            "es": "Ilustración: círculos repartidos por el horizonte como puntos en un mapa.",
        },
    },
]

FOOTER = {
    "contact_email": "contact@example.org",
    "address": "Management Unit\nStrong Cities Network\nPO Box 0000, 1000 Example City",
    "social_links": [
        ("linkedin", "https://www.linkedin.com/"),
        ("youtube", "https://www.youtube.com/"),
        ("newsletter", "https://example.org/newsletter"),
    ],
}
