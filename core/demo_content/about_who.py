"""About > Who we are (original demo text)."""

WHO_WE_ARE = {
    "slug": "who-we-are",
    "en": {
        "title": "Who we are",
        "intro": "The Strong Cities Network is a global network of local governments working together to prevent and respond to hate, extremism and polarisation.",
        "body": [
            ("heading", "Local governments, working together"),
            ("paragraph", "<p>Our members are sub-national authorities of every kind: capital cities and small towns, municipalities and districts, counties, provinces and regional governments. They know their residents, run the services people rely on and are often the first to see tensions grow. Yet many work alone, with limited resources and little access to tested practice.</p>"),
            ("paragraph", "<p>The network exists to change that. It connects cities with <strong>peers facing similar challenges with similar capacities</strong>, so they can exchange ideas, test approaches and build confidence to act.</p>"),
            ("heading", "Our vision"),
            ("paragraph", "<p>We want every community to be a place where people feel safe, respected and able to take part in local life. Wherever a city is, it should find partners to learn from and <em>practical tools in its own language</em>.</p>"),
        ],
    },
    "ar": {
        "title": "من نحن",
        "intro": "Strong Cities Network شبكة عالمية من الحكومات المحلية تعمل معًا على منع الكراهية والتطرف والاستقطاب والتصدي لها.",
        "body": [
            ("heading", "حكومات محلية تعمل معًا"),
            ("paragraph", "<p>أعضاؤنا سلطات دون وطنية من كل الأنواع: عواصم وبلدات صغيرة، وبلديات ومقاطعات، ومحافظات وأقاليم وحكومات إقليمية. وهي تعرف سكانها، وتدير الخدمات التي يعتمدون عليها، وغالبًا ما تكون أول من يرى التوترات وهي تتصاعد. غير أن كثيرًا منها يعمل منفردًا، بموارد محدودة وفرص قليلة للاطلاع على الممارسات المجرَّبة.</p>"),
            ("paragraph", "<p>وُجدت الشبكة لتغيير ذلك، فهي تربط المدن <strong>بنظراء يواجهون تحديات مماثلة بقدرات مماثلة</strong>، لتتبادل الأفكار وتختبر المقاربات وتكتسب الثقة اللازمة للتحرك.</p>"),
            ("heading", "رؤيتنا"),
            ("paragraph", "<p>نريد أن يكون كل مجتمع مكانًا يشعر فيه الناس بالأمان والاحترام، ويستطيعون المشاركة في الحياة المحلية. وأينما كانت المدينة، ينبغي أن تجد شركاء تتعلم منهم، و<em>أدوات عملية بلغتها</em>.</p>"),
        ],
    },
    "fr": {
        "title": "Qui nous sommes",
        "intro": "Le Strong Cities Network est un réseau mondial de collectivités locales qui agissent ensemble pour prévenir la haine, l'extrémisme et la polarisation et y répondre.",
        "body": [
            ("heading", "Des collectivités locales qui agissent ensemble"),
            ("paragraph", "<p>Nos membres sont des autorités infranationales de toutes sortes : capitales et petites villes, communes et districts, comtés, provinces et gouvernements régionaux. Elles connaissent leurs habitants, gèrent les services essentiels et voient souvent les tensions monter en premier. Pourtant, beaucoup travaillent seules, avec peu de moyens et un accès limité aux pratiques éprouvées.</p>"),
            ("paragraph", "<p>Le réseau est là pour y remédier. Il met les villes en relation avec des <strong>pairs confrontés à des défis semblables avec des moyens comparables</strong>, pour échanger, expérimenter et gagner en confiance.</p>"),
            ("heading", "Notre vision"),
            ("paragraph", "<p>Nous voulons que chaque communauté soit un lieu où chacun se sent en sécurité, respecté et libre de participer à la vie locale. Où qu'elle se trouve, une ville doit trouver des partenaires dont apprendre et des <em>outils pratiques dans sa langue</em>.</p>"),
        ],
    },
    "es": {
        "title": "Quiénes somos",
        "intro": "La Strong Cities Network es una red mundial de gobiernos locales que trabajan juntos para prevenir y responder al odio, el extremismo y la polarización.",
        "body": [
            ("heading", "Gobiernos locales que trabajan juntos"),
            ("paragraph", "<p>Nuestros miembros son autoridades subnacionales de todo tipo: capitales y pequeñas localidades, municipios y distritos, condados, provincias y gobiernos regionales. Conocen a sus habitantes, gestionan servicios esenciales y a menudo son los primeros en ver crecer las tensiones. Sin embargo, muchos trabajan solos, con recursos limitados y poco acceso a prácticas probadas.</p>"),
            ("paragraph", "<p>La red existe para cambiarlo. Conecta a las ciudades con <strong>pares que enfrentan desafíos similares con capacidades similares</strong>, para intercambiar ideas, probar enfoques y ganar confianza para actuar.</p>"),
            ("heading", "Nuestra visión"),
            ("paragraph", "<p>Queremos que cada comunidad sea un lugar donde las personas se sientan seguras, respetadas y capaces de participar en la vida local. Dondequiera que esté, una ciudad debe encontrar socios de quienes aprender y <em>herramientas prácticas en su propio idioma</em>.</p>"),
        ],
    },
}
