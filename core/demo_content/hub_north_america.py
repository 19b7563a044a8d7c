"""Regional Hub: North America (original demo text)."""

HUB_NORTH_AMERICA = {
    "code": "north-america",
    "slug": "north-america",
    "en": {
        "title": "North America Hub",
        "intro": "The North America Hub helps member cities, towns and counties respond to hate and polarisation and strengthen trust in local institutions.",
        "needs_and_priorities": "<ul><li>Preparing coordinated local responses to hate incidents</li><li>Supporting communities targeted by hate and harassment</li><li>Addressing online hate, conspiracy narratives and harassment of local officials</li><li>Building partnerships between local government, schools and community groups</li></ul>",
        "team": [
            ("Hub coordinator", "Leads the hub's work and connects local leaders with peers facing similar challenges."),
            ("Programme officer", "Develops practical guidance and organises peer-learning sessions for focal points."),
        ],
    },
    "ar": {
        "title": "مركز أمريكا الشمالية",
        "intro": "يساعد مركز أمريكا الشمالية المدنَ والبلدات والمقاطعات الأعضاء على التصدي للكراهية والاستقطاب، وتعزيز الثقة في المؤسسات المحلية.",
        "needs_and_priorities": "<ul><li>إعداد استجابات محلية منسّقة لحوادث الكراهية</li><li>دعم المجتمعات المستهدفة بالكراهية والمضايقات</li><li>التصدي للكراهية على الإنترنت وسرديات المؤامرة ومضايقة المسؤولين المحليين</li><li>بناء شراكات بين الحكومة المحلية والمدارس والمجموعات المجتمعية</li></ul>",
        "team": [
            ("منسّق المركز", "يقود عمل المركز، ويربط القادة المحليين بنظراء يواجهون تحديات مماثلة."),
            ("مسؤول البرامج", "يُعدّ إرشادات عملية، وينظّم جلسات تعلّم بين النظراء لجهات الاتصال."),
        ],
    },
    "fr": {
        "title": "Pôle Amérique du Nord",
        "intro": "Le Pôle Amérique du Nord aide les villes, municipalités et comtés membres à répondre à la haine et à la polarisation et à renforcer la confiance dans les institutions locales.",
        "needs_and_priorities": "<ul><li>Préparer des réponses locales coordonnées aux incidents haineux</li><li>Soutenir les communautés visées par la haine et le harcèlement</li><li>Répondre à la haine en ligne, aux récits complotistes et au harcèlement des élus locaux</li><li>Bâtir des partenariats entre collectivités, écoles et associations</li></ul>",
        "team": [
            ("Coordinateur du pôle", "Dirige les activités du pôle et met les responsables locaux en relation avec des pairs confrontés à des défis semblables."),
            ("Chargé de programme", "Élabore des guides pratiques et organise des séances d'apprentissage entre pairs pour les points focaux."),
        ],
    },
    "es": {
        "title": "Centro de América del Norte",
        "intro": "El Centro de América del Norte ayuda a las ciudades, municipios y condados miembro a responder al odio y la polarización y a reforzar la confianza en las instituciones locales.",
        "needs_and_priorities": "<ul><li>Preparar respuestas locales coordinadas ante incidentes de odio</li><li>Apoyar a las comunidades afectadas por el odio y el acoso</li><li>Abordar el odio en línea, las narrativas conspirativas y el acoso a autoridades locales</li><li>Crear alianzas entre gobierno local, escuelas y organizaciones comunitarias</li></ul>",
        "team": [
            ("Coordinación del centro", "Dirige el trabajo del centro y conecta a líderes locales con pares que enfrentan desafíos similares."),
            ("Responsable de programas", "Elabora guías prácticas y organiza sesiones de aprendizaje entre pares para los puntos focales."),
        ],
    },
}
