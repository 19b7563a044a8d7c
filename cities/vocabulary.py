"""The network's starting vocabulary (DESIGN.md, "Vocabulary"), in four languages.

A data migration loads it; afterwards the Management Unit edits it in the
admin. Each entry: code, English, Arabic, French, Spanish.
"""

REGIONS = [
    (
        "esa",
        "East & Southern Africa",
        "شرق أفريقيا وجنوبها",
        "Afrique de l'Est et australe",
        "África Oriental y Austral",
    ),
    (
        "mena",
        "Middle East & North Africa",
        "الشرق الأوسط وشمال أفريقيا",
        "Moyen-Orient et Afrique du Nord",
        "Oriente Medio y Norte de África",
    ),
    ("south-asia", "South Asia", "جنوب آسيا", "Asie du Sud", "Asia Meridional"),
    ("western-balkans", "Western Balkans", "غرب البلقان", "Balkans occidentaux", "Balcanes Occidentales"),
    ("north-america", "North America", "أمريكا الشمالية", "Amérique du Nord", "América del Norte"),
    ("europe", "Europe", "أوروبا", "Europe", "Europa"),
    (
        "west-africa-sahel",
        "West Africa & Sahel",
        "غرب أفريقيا والساحل",
        "Afrique de l'Ouest et Sahel",
        "África Occidental y Sahel",
    ),
    (
        "latin-america-caribbean",
        "Latin America & Caribbean",
        "أمريكا اللاتينية والكاريبي",
        "Amérique latine et Caraïbes",
        "América Latina y el Caribe",
    ),
    ("central-asia", "Central Asia", "آسيا الوسطى", "Asie centrale", "Asia Central"),
    (
        "east-asia-pacific",
        "East Asia & Pacific",
        "شرق آسيا والمحيط الهادئ",
        "Asie de l'Est et Pacifique",
        "Asia Oriental y el Pacífico",
    ),
]

# Hubs open today; every other region is served by the central team.
HUBS = [
    (
        "esa",
        "East & Southern Africa Hub",
        "مركز شرق أفريقيا وجنوبها",
        "Pôle Afrique de l'Est et australe",
        "Centro de África Oriental y Austral",
        "#1b7837",
    ),
    (
        "mena",
        "Middle East & North Africa Hub",
        "مركز الشرق الأوسط وشمال أفريقيا",
        "Pôle Moyen-Orient et Afrique du Nord",
        "Centro de Oriente Medio y Norte de África",
        "#8c510a",
    ),
    ("south-asia", "South Asia Hub", "مركز جنوب آسيا", "Pôle Asie du Sud", "Centro de Asia Meridional", "#762a83"),
    (
        "western-balkans",
        "Western Balkans Hub",
        "مركز غرب البلقان",
        "Pôle Balkans occidentaux",
        "Centro de los Balcanes Occidentales",
        "#2166ac",
    ),
    (
        "north-america",
        "North America Hub",
        "مركز أمريكا الشمالية",
        "Pôle Amérique du Nord",
        "Centro de América del Norte",
        "#b2182b",
    ),
]
CENTRAL_TEAM_COLOR = "#4d4d4d"

# ISO 3166-1 alpha-2 codes (plus XK, Kosovo) by region: every country in exactly one.
COUNTRY_REGIONS = {
    "esa": "AO BI BW DJ ER ET IO KE KM LS MG MU MW MZ NA RE RW SC SO SS SZ TZ UG YT ZA ZM ZW",
    "mena": "AE BH DZ EG EH IL IQ IR JO KW LB LY MA OM PS QA SA SD SY TN YE",
    "south-asia": "AF BD BT IN LK MV NP PK",
    "western-balkans": "AL BA ME MK RS XK",
    "north-america": "BM CA GL PM UM US",
    "europe": "AD AM AT AX AZ BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IM IS IT "
    "JE LI LT LU LV MC MD MT NL NO PL PT RO RU SE SI SJ SK SM TR UA VA",
    "west-africa-sahel": "BF BJ CD CF CG CI CM CV GA GH GM GN GQ GW LR ML MR NE NG SH SL SN ST TD TG",
    "latin-america-caribbean": "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY "
    "HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI",
    "central-asia": "KG KZ MN TJ TM UZ",
    "east-asia-pacific": "AQ AS AU BN CC CK CN CX FJ FM GU HK HM ID JP KH KI KP KR LA MH MM MO MP MY NC NF "
    "NR NU NZ PF PG PH PN PW SB SG TF TH TK TL TO TV TW VN VU WF WS",
}

CHALLENGES = [
    ("violent-extremism", "Violent extremism", "التطرف العنيف", "Extrémisme violent", "Extremismo violento"),
    (
        "hate-crime",
        "Hate crime and hate incidents",
        "جرائم الكراهية وحوادثها",
        "Crimes et incidents de haine",
        "Delitos e incidentes de odio",
    ),
    (
        "online-hate",
        "Online hate and disinformation",
        "الكراهية والتضليل عبر الإنترنت",
        "Haine en ligne et désinformation",
        "Odio en línea y desinformación",
    ),
    (
        "polarisation",
        "Polarisation and tension between communities",
        "الاستقطاب والتوتر بين المجتمعات",
        "Polarisation et tensions entre communautés",
        "Polarización y tensión entre comunidades",
    ),
    (
        "youth-radicalisation",
        "Youth radicalisation",
        "تطرف الشباب",
        "Radicalisation des jeunes",
        "Radicalización juvenil",
    ),
    (
        "return-reintegration",
        "Return and reintegration of people leaving violent groups",
        "عودة الخارجين من الجماعات العنيفة وإعادة إدماجهم",
        "Retour et réintégration des personnes quittant des groupes violents",
        "Retorno y reintegración de personas que abandonan grupos violentos",
    ),
    (
        "attacks-public-spaces",
        "Attacks on public spaces",
        "الهجمات على الأماكن العامة",
        "Attaques contre les espaces publics",
        "Ataques contra espacios públicos",
    ),
    (
        "post-conflict-tension",
        "Intercommunal or post-conflict tension",
        "التوتر بين المجتمعات أو ما بعد النزاع",
        "Tensions intercommunautaires ou post-conflit",
        "Tensión intercomunitaria o posconflicto",
    ),
    (
        "threats-officials",
        "Threats and harassment against local officials",
        "تهديد المسؤولين المحليين ومضايقتهم",
        "Menaces et harcèlement contre les élus et agents locaux",
        "Amenazas y acoso contra cargos locales",
    ),
    (
        "migration-tension",
        "Tension linked to migration and displacement",
        "التوتر المرتبط بالهجرة والنزوح",
        "Tensions liées aux migrations et aux déplacements",
        "Tensión vinculada a la migración y el desplazamiento",
    ),
    (
        "identity-hatred",
        "Identity-based hatred (racism, antisemitism, anti-Muslim hatred, xenophobia)",
        "الكراهية القائمة على الهوية (العنصرية ومعاداة السامية وكراهية المسلمين وكراهية الأجانب)",
        "Haine identitaire (racisme, antisémitisme, haine antimusulmane, xénophobie)",
        "Odio por motivos de identidad (racismo, antisemitismo, odio antimusulmán, xenofobia)",
    ),
    (
        "gender-hate",
        "Misogyny and gender-based hate",
        "كراهية النساء والكراهية القائمة على النوع الاجتماعي",
        "Misogynie et haine fondée sur le genre",
        "Misoginia y odio por razón de género",
    ),
]

PRACTICE_AREAS = [
    (
        "prevention-network",
        "Multi-actor local prevention network",
        "شبكة وقاية محلية متعددة الأطراف",
        "Réseau local de prévention multi-acteurs",
        "Red local de prevención multiactor",
    ),
    (
        "prevention-strategy",
        "Local prevention strategy and action plan",
        "استراتيجية وخطة عمل محلية للوقاية",
        "Stratégie et plan d'action locaux de prévention",
        "Estrategia y plan de acción locales de prevención",
    ),
    (
        "risk-mapping",
        "Mapping local risks and resources",
        "رسم خرائط المخاطر والموارد المحلية",
        "Cartographie des risques et des ressources locales",
        "Mapeo de riesgos y recursos locales",
    ),
    ("youth-engagement", "Youth engagement", "إشراك الشباب", "Engagement des jeunes", "Participación juvenil"),
    (
        "womens-leadership",
        "Women's leadership and networks",
        "قيادة المرأة وشبكاتها",
        "Leadership et réseaux de femmes",
        "Liderazgo y redes de mujeres",
    ),
    ("schools-education", "Schools and education", "المدارس والتعليم", "Écoles et éducation", "Escuelas y educación"),
    (
        "mental-health",
        "Mental health and psychosocial support",
        "الصحة النفسية والدعم النفسي والاجتماعي",
        "Santé mentale et soutien psychosocial",
        "Salud mental y apoyo psicosocial",
    ),
    (
        "community-policing",
        "Community policing and safety partnerships",
        "الشرطة المجتمعية وشراكات السلامة",
        "Police de proximité et partenariats de sécurité",
        "Policía comunitaria y alianzas de seguridad",
    ),
    (
        "social-cohesion",
        "Social cohesion and intercommunal / interfaith dialogue",
        "التماسك الاجتماعي والحوار بين المجتمعات والأديان",
        "Cohésion sociale et dialogue intercommunautaire / interreligieux",
        "Cohesión social y diálogo intercomunitario / interreligioso",
    ),
    (
        "strategic-communications",
        "Online harms and strategic communications",
        "الأضرار عبر الإنترنت والاتصال الاستراتيجي",
        "Préjudices en ligne et communication stratégique",
        "Daños en línea y comunicación estratégica",
    ),
    ("victim-support", "Victim support", "دعم الضحايا", "Aide aux victimes", "Apoyo a las víctimas"),
    (
        "rehabilitation",
        "Rehabilitation and reintegration",
        "إعادة التأهيل وإعادة الإدماج",
        "Réhabilitation et réintégration",
        "Rehabilitación y reintegración",
    ),
    (
        "crisis-response",
        "Crisis response and recovery",
        "الاستجابة للأزمات والتعافي منها",
        "Réponse aux crises et relèvement",
        "Respuesta a crisis y recuperación",
    ),
    (
        "public-spaces",
        "Protecting public spaces",
        "حماية الأماكن العامة",
        "Protection des espaces publics",
        "Protección de espacios públicos",
    ),
    (
        "monitoring-evaluation",
        "Monitoring and evaluation",
        "الرصد والتقييم",
        "Suivi et évaluation",
        "Seguimiento y evaluación",
    ),
    (
        "national-international",
        "Working with national government and international partners",
        "العمل مع الحكومة الوطنية والشركاء الدوليين",
        "Travail avec le gouvernement national et les partenaires internationaux",
        "Trabajo con el gobierno nacional y socios internacionales",
    ),
    (
        "mayoral-leadership",
        "Mayoral leadership and public statements",
        "قيادة رؤساء البلديات والتصريحات العامة",
        "Leadership des maires et déclarations publiques",
        "Liderazgo de alcaldes y declaraciones públicas",
    ),
    (
        "partnerships",
        "Partnerships with civil society and the private sector",
        "الشراكات مع المجتمع المدني والقطاع الخاص",
        "Partenariats avec la société civile et le secteur privé",
        "Alianzas con la sociedad civil y el sector privado",
    ),
]
