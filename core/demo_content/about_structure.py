"""About > Structure (original demo text)."""

STRUCTURE = {
    "slug": "structure",
    "en": {
        "title": "Our structure",
        "intro": "The network is steered by its member cities, run by a small team and advised by independent experts.",
        "body": [
            ("heading", "International Steering Committee"),
            ("paragraph", "<p>The International Steering Committee brings together up to 25 member cities from different regions. It sets the network's strategic direction, reviews its work and makes sure that <strong>cities remain in the lead</strong>.</p>"),
            ("heading", "Management Unit"),
            ("paragraph", "<p>The Management Unit is a small central team supported by Regional Hubs in East &amp; Southern Africa, the Middle East &amp; North Africa, South Asia, the Western Balkans and North America. It coordinates activities, supports focal points and connects members with one another. Its role is to serve members, not to direct them.</p>"),
            ("heading", "Expert Pool"),
            ("paragraph", "<p>The Expert Pool gathers practitioners and researchers who advise cities on request, review tools and guidance, and share <em>knowledge from many disciplines</em>, from social work to digital safety. Experts contribute in their personal capacity.</p>"),
        ],
    },
    "ar": {
        "title": "هيكلنا",
        "intro": "توجّه المدنُ الأعضاء الشبكةَ، ويديرها فريق صغير، ويقدّم لها خبراء مستقلون المشورة.",
        "body": [
            ("heading", "اللجنة التوجيهية الدولية"),
            ("paragraph", "<p>تضم اللجنة التوجيهية الدولية ما يصل إلى 25 مدينة عضوًا من مناطق مختلفة. وهي تحدد التوجه الاستراتيجي للشبكة، وتراجع عملها، وتضمن <strong>بقاء المدن في موقع القيادة</strong>.</p>"),
            ("heading", "وحدة الإدارة"),
            ("paragraph", "<p>وحدة الإدارة فريق مركزي صغير تدعمه مراكز إقليمية في شرق وجنوب أفريقيا، والشرق الأوسط وشمال أفريقيا، وجنوب آسيا، وغرب البلقان، وأمريكا الشمالية. وهي تنسّق الأنشطة، وتدعم جهات الاتصال، وتربط الأعضاء بعضهم ببعض. ودورها خدمة الأعضاء لا توجيههم.</p>"),
            ("heading", "مجموعة الخبراء"),
            ("paragraph", "<p>تضم مجموعة الخبراء ممارسين وباحثين يقدّمون المشورة للمدن عند الطلب، ويراجعون الأدوات والإرشادات، ويتبادلون <em>معارف من تخصصات متعددة</em>، من العمل الاجتماعي إلى السلامة الرقمية. ويشارك الخبراء بصفتهم الشخصية.</p>"),
        ],
    },
    "fr": {
        "title": "Notre structure",
        "intro": "Le réseau est piloté par ses villes membres, animé par une petite équipe et conseillé par des experts indépendants.",
        "body": [
            ("heading", "Comité directeur international"),
            ("paragraph", "<p>Le Comité directeur international réunit jusqu'à 25 villes membres de différentes régions. Il fixe l'orientation stratégique du réseau, examine ses travaux et veille à ce que <strong>les villes restent aux commandes</strong>.</p>"),
            ("heading", "Unité de gestion"),
            ("paragraph", "<p>L'Unité de gestion est une petite équipe centrale appuyée par des Pôles régionaux en Afrique de l'Est et australe, au Moyen-Orient et en Afrique du Nord, en Asie du Sud, dans les Balkans occidentaux et en Amérique du Nord. Elle coordonne les activités, soutient les points focaux et met les membres en relation. Son rôle est de servir les membres, non de les diriger.</p>"),
            ("heading", "Groupe d'experts"),
            ("paragraph", "<p>Le Groupe d'experts rassemble des praticiens et des chercheurs qui conseillent les villes à leur demande, relisent outils et guides, et partagent des <em>savoirs issus de nombreuses disciplines</em>, du travail social à la sécurité numérique. Les experts interviennent à titre personnel.</p>"),
        ],
    },
    "es": {
        "title": "Nuestra estructura",
        "intro": "La red está dirigida por sus ciudades miembro, gestionada por un equipo reducido y asesorada por expertos independientes.",
        "body": [
            ("heading", "Comité Directivo Internacional"),
            ("paragraph", "<p>El Comité Directivo Internacional reúne hasta 25 ciudades miembro de distintas regiones. Define la orientación estratégica de la red, revisa su trabajo y garantiza que <strong>las ciudades sigan al frente</strong>.</p>"),
            ("heading", "Unidad de Gestión"),
            ("paragraph", "<p>La Unidad de Gestión es un pequeño equipo central apoyado por Centros Regionales en África Oriental y Austral, Oriente Medio y Norte de África, Asia Meridional, los Balcanes Occidentales y América del Norte. Coordina las actividades, apoya a los puntos focales y conecta a los miembros entre sí. Su función es servir a los miembros, no dirigirlos.</p>"),
            ("heading", "Grupo de Expertos"),
            ("paragraph", "<p>El Grupo de Expertos reúne a profesionales e investigadores que asesoran a las ciudades cuando lo solicitan, revisan herramientas y guías, y aportan <em>conocimientos de muchas disciplinas</em>, del trabajo social a la seguridad digital. Los expertos participan a título personal.</p>"),
        ],
    },
}
