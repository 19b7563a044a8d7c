"""Regional Hub: South Asia (original demo text)."""

HUB_SOUTH_ASIA = {
    "code": "south-asia",
    "slug": "south-asia",
    "en": {
        "title": "South Asia Hub",
        "intro": "The South Asia Hub helps member cities anticipate and defuse local tensions and build trust between communities.",
        "needs_and_priorities": "<ul><li>Preventing and responding to communal and interfaith tensions</li><li>Countering online rumours and hate speech that can trigger violence</li><li>Involving young people and women in local peacebuilding</li><li>Setting up local early warning and rapid response mechanisms</li></ul>",
        "team": [
            ("Hub coordinator", "Leads the hub's work and connects member cities with peers across the region."),
            ("Programme officer", "Supports focal points in designing local activities and organises regional training."),
            ("Communications and languages officer", "Adapts tools and guidance into regional languages and shares member stories."),
        ],
    },
    "ar": {
        "title": "مركز جنوب آسيا",
        "intro": "يساعد مركز جنوب آسيا المدنَ الأعضاء على استباق التوترات المحلية ونزع فتيلها، وبناء الثقة بين المجتمعات.",
        "needs_and_priorities": "<ul><li>منع التوترات بين المجتمعات المحلية وبين أتباع الأديان والتصدي لها</li><li>مواجهة الشائعات وخطاب الكراهية على الإنترنت التي قد تؤدي إلى العنف</li><li>إشراك الشباب والنساء في بناء السلام محليًا</li><li>إنشاء آليات محلية للإنذار المبكر والاستجابة السريعة</li></ul>",
        "team": [
            ("منسّق المركز", "يقود عمل المركز، ويربط المدن الأعضاء بنظرائها في أنحاء المنطقة."),
            ("مسؤول البرامج", "يدعم جهات الاتصال في تصميم الأنشطة المحلية، وينظّم التدريبات الإقليمية."),
            ("مسؤول الإعلام واللغات", "يكيّف الأدوات والإرشادات مع لغات المنطقة، وينشر قصص الأعضاء."),
        ],
    },
    "fr": {
        "title": "Pôle Asie du Sud",
        "intro": "Le Pôle Asie du Sud aide les villes membres à anticiper et à apaiser les tensions locales et à bâtir la confiance entre communautés.",
        "needs_and_priorities": "<ul><li>Prévenir les tensions intercommunautaires et interreligieuses et y répondre</li><li>Contrer les rumeurs et les discours de haine en ligne susceptibles de déclencher des violences</li><li>Associer les jeunes et les femmes à la consolidation de la paix au niveau local</li><li>Mettre en place des mécanismes locaux d'alerte précoce et de réponse rapide</li></ul>",
        "team": [
            ("Coordinateur du pôle", "Dirige les activités du pôle et met les villes membres en relation avec leurs pairs de la région."),
            ("Chargé de programme", "Aide les points focaux à concevoir des activités locales et organise des formations régionales."),
            ("Chargé de communication et des langues", "Adapte outils et guides dans les langues de la région et fait connaître les expériences des membres."),
        ],
    },
    "es": {
        "title": "Centro de Asia Meridional",
        "intro": "El Centro de Asia Meridional ayuda a las ciudades miembro a anticipar y desactivar tensiones locales y a generar confianza entre comunidades.",
        "needs_and_priorities": "<ul><li>Prevenir y responder a tensiones intercomunitarias e interreligiosas</li><li>Contrarrestar rumores y discursos de odio en línea que pueden desencadenar violencia</li><li>Involucrar a jóvenes y mujeres en la construcción de paz local</li><li>Crear mecanismos locales de alerta temprana y respuesta rápida</li></ul>",
        "team": [
            ("Coordinación del centro", "Dirige el trabajo del centro y conecta a las ciudades miembro con sus pares de la región."),
            ("Responsable de programas", "Apoya a los puntos focales en el diseño de actividades locales y organiza formaciones regionales."),
            ("Responsable de comunicación e idiomas", "Adapta herramientas y guías a los idiomas de la región y difunde las experiencias de los miembros."),
        ],
    },
}
