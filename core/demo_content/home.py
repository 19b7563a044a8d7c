"""Home page demo content (original text, labelled as demonstration)."""

HOME = {
    "slug": "home",
    "en": {
        "title": "Home",
        "intro": "The Strong Cities Network connects local governments of every size that work to prevent and respond to hate, extremism and polarisation.",
        "hero_heading": "Cities learning from cities",
        "hero_text": "Wherever your city is, you will find peers facing similar challenges with similar capacities, and the tools you need in your own language.",
        "body": [
            ("heading", "A network built around local leadership"),
            ("paragraph", "<p>Mayors, councils and municipal teams are often the first to notice rising tensions in their communities. The network helps them <strong>share practice</strong>, find partners and act early.</p>"),
            ("paragraph", "<p>Membership is <em>free</em> and open to any sub-national authority, from small towns to capital cities and regional governments.</p>"),
        ],
    },
    "ar": {
        "title": "الصفحة الرئيسية",
        "intro": "تربط Strong Cities Network الحكوماتِ المحلية بمختلف أحجامها التي تعمل على منع الكراهية والتطرف والاستقطاب والتصدي لها.",
        "hero_heading": "مدن تتعلم من مدن",
        "hero_text": "أينما كانت مدينتك، ستجد نظراء يواجهون تحديات مماثلة بقدرات مماثلة، وستحصل على الأدوات التي تحتاجها بلغتك.",
        "body": [
            ("heading", "شبكة قائمة على القيادة المحلية"),
            ("paragraph", "<p>غالبًا ما يكون رؤساء البلديات والمجالس والفرق البلدية أول من يلاحظ تصاعد التوترات في مجتمعاتهم. وتساعدهم الشبكة على <strong>تبادل الممارسات</strong>، وإيجاد الشركاء، والتحرك مبكرًا.</p>"),
            ("paragraph", "<p>العضوية <em>مجانية</em> ومفتوحة لأي سلطة دون وطنية، من البلدات الصغيرة إلى العواصم والحكومات الإقليمية.</p>"),
        ],
    },
    "fr": {
        "title": "Accueil",
        "intro": "Le Strong Cities Network relie des collectivités locales de toutes tailles qui œuvrent à prévenir la haine, l'extrémisme et la polarisation et à y répondre.",
        "hero_heading": "Des villes qui apprennent des villes",
        "hero_text": "Où que se trouve votre ville, vous trouverez des pairs confrontés à des défis semblables avec des moyens comparables, ainsi que les outils dont vous avez besoin dans votre langue.",
        "body": [
            ("heading", "Un réseau fondé sur le leadership local"),
            ("paragraph", "<p>Les maires, les conseils et les équipes municipales sont souvent les premiers à percevoir la montée des tensions. Le réseau les aide à <strong>partager leurs pratiques</strong>, à trouver des partenaires et à agir tôt.</p>"),
            ("paragraph", "<p>L'adhésion est <em>gratuite</em> et ouverte à toute autorité infranationale, des petites communes aux capitales et aux gouvernements régionaux.</p>"),
        ],
    },
    "es": {
        "title": "Inicio",
        "intro": "La Strong Cities Network conecta a gobiernos locales de todos los tamaños que trabajan para prevenir y responder al odio, el extremismo y la polarización.",
        "hero_heading": "Ciudades que aprenden de ciudades",
        "hero_text": "Dondequiera que esté su ciudad, encontrará pares con desafíos y capacidades similares, y las herramientas que necesita en su propio idioma.",
        "body": [
            ("heading", "Una red basada en el liderazgo local"),
            ("paragraph", "<p>Alcaldías, concejos y equipos municipales suelen ser los primeros en detectar el aumento de las tensiones. La red les ayuda a <strong>compartir prácticas</strong>, encontrar socios y actuar a tiempo.</p>"),
            ("paragraph", "<p>La membresía es <em>gratuita</em> y está abierta a cualquier autoridad subnacional, desde pequeños municipios hasta capitales y gobiernos regionales.</p>"),
        ],
    },
}
