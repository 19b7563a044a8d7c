"""About section landing page and its child pages (original demo text)."""
from .about_who import WHO_WE_ARE
from .about_principles import PRINCIPLES
from .about_approach import APPROACH
from .about_structure import STRUCTURE
from .about_hubs_intro import HUBS_INTRO

ABOUT = {
    "slug": "about",
    "en": {
        "title": "About us",
        "intro": "Learn who we are, what guides our work, how we are organised and where our Regional Hubs operate.",
        "body": [
            ("heading", "A global network of local governments"),
            ("paragraph", "<p>The Strong Cities Network brings together capital cities, towns, municipalities, districts, counties, provinces and regional governments. What unites them is a shared commitment to <strong>preventing and responding to hate, extremism and polarisation</strong> in ways that respect human rights and strengthen social cohesion. Members range from authorities just starting this work to those with long experience.</p>"),
            ("paragraph", "<p>Membership is free and open to any sub-national authority. Each member city names a <em>focal point</em> who connects local teams with peers and resources across the network.</p>"),
        ],
    },
    "ar": {
        "title": "من نحن",
        "intro": "تعرّف على هويتنا، والمبادئ التي توجّه عملنا، وطريقة تنظيمنا، والمناطق التي تعمل فيها مراكزنا الإقليمية.",
        "body": [
            ("heading", "شبكة عالمية من الحكومات المحلية"),
            ("paragraph", "<p>تجمع Strong Cities Network العواصمَ والبلدات والبلديات والمقاطعات والمحافظات والأقاليم والحكومات الإقليمية. ويوحّدها التزام مشترك <strong>بمنع الكراهية والتطرف والاستقطاب والتصدي لها</strong> بطرق تحترم حقوق الإنسان وتعزز التماسك الاجتماعي. ويتراوح الأعضاء بين سلطات بدأت هذا العمل للتو وأخرى تتمتع بخبرة طويلة فيه.</p>"),
            ("paragraph", "<p>العضوية مجانية ومفتوحة لأي سلطة دون وطنية. وتسمّي كل مدينة عضو شخصًا يتولى دور <em>جهة الاتصال</em>، فيربط الفرق المحلية بنظرائها وبالموارد المتاحة في أنحاء الشبكة.</p>"),
        ],
    },
    "fr": {
        "title": "À propos",
        "intro": "Découvrez qui nous sommes, ce qui guide notre action, notre organisation et les régions où opèrent nos Pôles régionaux.",
        "body": [
            ("heading", "Un réseau mondial de collectivités locales"),
            ("paragraph", "<p>Le Strong Cities Network rassemble des capitales, des villes, des communes, des districts, des comtés, des provinces et des gouvernements régionaux. Ils partagent un engagement commun : <strong>prévenir la haine, l'extrémisme et la polarisation et y répondre</strong>, dans le respect des droits humains et au service de la cohésion sociale. Certains membres débutent dans ce domaine, d'autres y ont une longue expérience.</p>"),
            ("paragraph", "<p>L'adhésion est gratuite et ouverte à toute autorité infranationale. Chaque ville membre désigne un <em>point focal</em> qui met les équipes locales en relation avec leurs pairs et les ressources du réseau.</p>"),
        ],
    },
    "es": {
        "title": "Quiénes somos",
        "intro": "Conozca quiénes somos, qué orienta nuestro trabajo, cómo nos organizamos y dónde operan nuestros Centros Regionales.",
        "body": [
            ("heading", "Una red mundial de gobiernos locales"),
            ("paragraph", "<p>La Strong Cities Network reúne capitales, ciudades, municipios, distritos, condados, provincias y gobiernos regionales. Los une un compromiso común: <strong>prevenir y responder al odio, el extremismo y la polarización</strong> respetando los derechos humanos y fortaleciendo la cohesión social. Algunos miembros comienzan en este ámbito y otros cuentan con una larga experiencia.</p>"),
            ("paragraph", "<p>La membresía es gratuita y abierta a cualquier autoridad subnacional. Cada ciudad miembro designa un <em>punto focal</em> que conecta a los equipos locales con sus pares y con los recursos de la red.</p>"),
        ],
    },
}

ABOUT_CHILDREN = [WHO_WE_ARE, PRINCIPLES, APPROACH, STRUCTURE, HUBS_INTRO]
