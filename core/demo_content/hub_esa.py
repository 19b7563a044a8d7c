"""Regional Hub: East & Southern Africa (original demo text)."""

HUB_ESA = {
    "code": "esa",
    "slug": "east-southern-africa",
    "en": {
        "title": "East & Southern Africa Hub",
        "intro": "The East & Southern Africa Hub supports member cities across the region to build local approaches to preventing hate, extremism and polarisation.",
        "needs_and_priorities": "<ul><li>Engaging young people through livelihoods, sport and civic participation</li><li>Supporting the reintegration of returnees and people leaving armed groups</li><li>Strengthening intercommunal and interfaith dialogue</li><li>Preventing tensions around elections and competition over resources</li></ul>",
        "team": [
            ("Hub coordinator", "Leads the hub's work and is the first point of contact for member cities in the region."),
            ("Programme officer", "Organises regional exchanges and training and follows up with focal points."),
            ("Communications and languages officer", "Adapts tools and guidance into regional languages and shares member stories."),
        ],
    },
    "ar": {
        "title": "مركز شرق وجنوب أفريقيا",
        "intro": "يدعم مركز شرق وجنوب أفريقيا المدنَ الأعضاء في المنطقة لبناء مقاربات محلية لمنع الكراهية والتطرف والاستقطاب.",
        "needs_and_priorities": "<ul><li>إشراك الشباب من خلال سبل العيش والرياضة والمشاركة المدنية</li><li>دعم إعادة إدماج العائدين والأشخاص الذين يغادرون الجماعات المسلحة</li><li>تعزيز الحوار بين المجتمعات المحلية وبين الأديان</li><li>منع التوترات المرتبطة بالانتخابات والتنافس على الموارد</li></ul>",
        "team": [
            ("منسّق المركز", "يقود عمل المركز، وهو جهة التواصل الأولى للمدن الأعضاء في المنطقة."),
            ("مسؤول البرامج", "ينظّم اللقاءات والتدريبات الإقليمية، ويتابع مع جهات الاتصال."),
            ("مسؤول الإعلام واللغات", "يكيّف الأدوات والإرشادات مع لغات المنطقة، وينشر قصص الأعضاء."),
        ],
    },
    "fr": {
        "title": "Pôle Afrique de l'Est et australe",
        "intro": "Le Pôle Afrique de l'Est et australe aide les villes membres de la région à bâtir des approches locales de prévention de la haine, de l'extrémisme et de la polarisation.",
        "needs_and_priorities": "<ul><li>Mobiliser les jeunes par l'emploi, le sport et la participation citoyenne</li><li>Accompagner la réintégration des rapatriés et des personnes quittant des groupes armés</li><li>Renforcer le dialogue intercommunautaire et interreligieux</li><li>Prévenir les tensions liées aux élections et à la concurrence pour les ressources</li></ul>",
        "team": [
            ("Coordinateur du pôle", "Dirige les activités du pôle et constitue le premier contact des villes membres de la région."),
            ("Chargé de programme", "Organise échanges et formations régionales et assure le suivi avec les points focaux."),
            ("Chargé de communication et des langues", "Adapte outils et guides dans les langues de la région et fait connaître les expériences des membres."),
        ],
    },
    "es": {
        "title": "Centro de África Oriental y Austral",
        "intro": "El Centro de África Oriental y Austral apoya a las ciudades miembro de la región a construir enfoques locales para prevenir el odio, el extremismo y la polarización.",
        "needs_and_priorities": "<ul><li>Involucrar a la juventud mediante medios de vida, deporte y participación cívica</li><li>Apoyar la reintegración de personas retornadas y de quienes abandonan grupos armados</li><li>Fortalecer el diálogo intercomunitario e interreligioso</li><li>Prevenir tensiones en torno a elecciones y a la competencia por los recursos</li></ul>",
        "team": [
            ("Coordinación del centro", "Dirige el trabajo del centro y es el primer contacto de las ciudades miembro de la región."),
            ("Responsable de programas", "Organiza intercambios y formaciones regionales y hace seguimiento con los puntos focales."),
            ("Responsable de comunicación e idiomas", "Adapta herramientas y guías a los idiomas de la región y difunde las experiencias de los miembros."),
        ],
    },
}
