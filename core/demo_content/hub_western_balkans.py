"""Regional Hub: Western Balkans (original demo text)."""

HUB_WESTERN_BALKANS = {
    "code": "western-balkans",
    "slug": "western-balkans",
    "en": {
        "title": "Western Balkans Hub",
        "intro": "The Western Balkans Hub supports member municipalities to address divisive narratives and build inclusive local responses.",
        "needs_and_priorities": "<ul><li>Addressing divisive narratives linked to the legacy of past conflicts</li><li>Supporting the rehabilitation and reintegration of returnees and their families</li><li>Engaging schools and young people in building inclusive communities</li><li>Strengthening local multi-agency safety councils</li><li>Responding to online radicalisation and hate speech</li></ul>",
        "team": [
            ("Hub coordinator", "Leads the hub's work and brings municipalities together for regional exchanges."),
            ("Programme officer", "Helps local safety councils and focal points turn plans into activities."),
        ],
    },
    "ar": {
        "title": "مركز غرب البلقان",
        "intro": "يدعم مركز غرب البلقان البلدياتِ الأعضاء في التصدي للسرديات المثيرة للانقسام وبناء استجابات محلية شاملة.",
        "needs_and_priorities": "<ul><li>معالجة السرديات المثيرة للانقسام المرتبطة بإرث النزاعات السابقة</li><li>دعم تأهيل العائدين وأسرهم وإعادة إدماجهم</li><li>إشراك المدارس والشباب في بناء مجتمعات شاملة</li><li>تعزيز مجالس السلامة المحلية متعددة الجهات</li><li>التصدي للتطرف وخطاب الكراهية على الإنترنت</li></ul>",
        "team": [
            ("منسّق المركز", "يقود عمل المركز، ويجمع البلديات في لقاءات تبادل إقليمية."),
            ("مسؤول البرامج", "يساعد مجالس السلامة المحلية وجهات الاتصال على تحويل الخطط إلى أنشطة."),
        ],
    },
    "fr": {
        "title": "Pôle Balkans occidentaux",
        "intro": "Le Pôle Balkans occidentaux aide les municipalités membres à répondre aux discours qui divisent et à construire des réponses locales inclusives.",
        "needs_and_priorities": "<ul><li>Répondre aux discours qui divisent, liés à l'héritage des conflits passés</li><li>Accompagner la réhabilitation et la réintégration des rapatriés et de leurs familles</li><li>Associer les écoles et les jeunes à la construction de communautés inclusives</li><li>Renforcer les conseils locaux de sécurité pluri-institutionnels</li><li>Répondre à la radicalisation et aux discours de haine en ligne</li></ul>",
        "team": [
            ("Coordinateur du pôle", "Dirige les activités du pôle et réunit les municipalités pour des échanges régionaux."),
            ("Chargé de programme", "Aide les conseils locaux de sécurité et les points focaux à traduire leurs plans en actions."),
        ],
    },
    "es": {
        "title": "Centro de los Balcanes Occidentales",
        "intro": "El Centro de los Balcanes Occidentales apoya a los municipios miembro para abordar narrativas divisivas y construir respuestas locales inclusivas.",
        "needs_and_priorities": "<ul><li>Abordar narrativas divisivas ligadas al legado de conflictos pasados</li><li>Apoyar la rehabilitación y reintegración de personas retornadas y sus familias</li><li>Involucrar a escuelas y jóvenes en la construcción de comunidades inclusivas</li><li>Fortalecer los consejos locales de seguridad con participación de varias instituciones</li><li>Responder a la radicalización y el discurso de odio en línea</li></ul>",
        "team": [
            ("Coordinación del centro", "Dirige el trabajo del centro y reúne a los municipios en intercambios regionales."),
            ("Responsable de programas", "Ayuda a los consejos locales de seguridad y a los puntos focales a convertir sus planes en actividades."),
        ],
    },
}
