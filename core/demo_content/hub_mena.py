"""Regional Hub: Middle East & North Africa (original demo text)."""

HUB_MENA = {
    "code": "mena",
    "slug": "middle-east-north-africa",
    "en": {
        "title": "Middle East & North Africa Hub",
        "intro": "The Middle East & North Africa Hub works with member cities to strengthen social cohesion and local prevention, with tools available in Arabic and French.",
        "needs_and_priorities": "<ul><li>Supporting the return and reintegration of returnees and their families</li><li>Creating spaces for youth participation in local decision-making</li><li>Responding to online hate speech and disinformation</li><li>Promoting cohesion between host communities and displaced people</li><li>Strengthening the role of women in local prevention</li></ul>",
        "team": [
            ("Hub coordinator", "Leads the hub's work and maintains relationships with member cities and national partners."),
            ("Programme officer", "Designs regional activities and supports focal points in planning local initiatives."),
        ],
    },
    "ar": {
        "title": "مركز الشرق الأوسط وشمال أفريقيا",
        "intro": "يعمل مركز الشرق الأوسط وشمال أفريقيا مع المدن الأعضاء على تعزيز التماسك الاجتماعي والوقاية المحلية، بأدوات متاحة باللغتين العربية والفرنسية.",
        "needs_and_priorities": "<ul><li>دعم عودة العائدين وأسرهم وإعادة إدماجهم</li><li>إتاحة مساحات لمشاركة الشباب في صنع القرار المحلي</li><li>التصدي لخطاب الكراهية والتضليل على الإنترنت</li><li>تعزيز التماسك بين المجتمعات المضيفة والنازحين</li><li>تعزيز دور المرأة في الوقاية على المستوى المحلي</li></ul>",
        "team": [
            ("منسّق المركز", "يقود عمل المركز، ويحافظ على العلاقات مع المدن الأعضاء والشركاء الوطنيين."),
            ("مسؤول البرامج", "يصمّم الأنشطة الإقليمية، ويدعم جهات الاتصال في تخطيط المبادرات المحلية."),
        ],
    },
    "fr": {
        "title": "Pôle Moyen-Orient et Afrique du Nord",
        "intro": "Le Pôle Moyen-Orient et Afrique du Nord travaille avec les villes membres pour renforcer la cohésion sociale et la prévention locale, avec des outils disponibles en arabe et en français.",
        "needs_and_priorities": "<ul><li>Accompagner le retour et la réintégration des rapatriés et de leurs familles</li><li>Ouvrir des espaces de participation des jeunes à la décision locale</li><li>Répondre aux discours de haine et à la désinformation en ligne</li><li>Favoriser la cohésion entre communautés d'accueil et personnes déplacées</li><li>Renforcer le rôle des femmes dans la prévention locale</li></ul>",
        "team": [
            ("Coordinateur du pôle", "Dirige les activités du pôle et entretient les relations avec les villes membres et les partenaires nationaux."),
            ("Chargé de programme", "Conçoit les activités régionales et aide les points focaux à planifier des initiatives locales."),
        ],
    },
    "es": {
        "title": "Centro de Oriente Medio y Norte de África",
        "intro": "El Centro de Oriente Medio y Norte de África trabaja con las ciudades miembro para fortalecer la cohesión social y la prevención local, con herramientas disponibles en árabe y francés.",
        "needs_and_priorities": "<ul><li>Apoyar el retorno y la reintegración de personas retornadas y sus familias</li><li>Crear espacios de participación juvenil en las decisiones locales</li><li>Responder al discurso de odio y la desinformación en línea</li><li>Promover la cohesión entre comunidades de acogida y personas desplazadas</li><li>Fortalecer el papel de las mujeres en la prevención local</li></ul>",
        "team": [
            ("Coordinación del centro", "Dirige el trabajo del centro y mantiene la relación con las ciudades miembro y los socios nacionales."),
            ("Responsable de programas", "Diseña las actividades regionales y ayuda a los puntos focales a planificar iniciativas locales."),
        ],
    },
}
