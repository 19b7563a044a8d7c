"""About > Regional Hubs introduction (original demo text)."""

HUBS_INTRO = {
    "slug": "regional-hubs",
    "en": {
        "title": "Regional Hubs",
        "intro": "Our Regional Hubs bring the network's support closer to member cities, in their languages and time zones.",
        "body": [
            ("heading", "Support close to cities"),
            ("paragraph", "<p>Each Regional Hub is part of the Management Unit and works with member cities in its region. Hub teams understand the local context, speak the languages of the region and can respond quickly when a city asks for help. They also bring regional experience back to the wider network.</p>"),
            ("paragraph", "<p>Hubs currently operate in <strong>East &amp; Southern Africa, the Middle East &amp; North Africa, South Asia, the Western Balkans and North America</strong>. Cities in other regions are supported directly by the central team. New hubs may open as the network grows.</p>"),
            ("heading", "What hubs do"),
            ("paragraph", "<ul><li>Welcome new members and their focal points</li><li>Organise regional exchanges and training</li><li>Adapt tools and guidance to local languages</li><li>Connect cities with peers and with the Expert Pool</li></ul>"),
        ],
    },
    "ar": {
        "title": "المراكز الإقليمية",
        "intro": "تقرّب مراكزنا الإقليمية دعمَ الشبكة من المدن الأعضاء، بلغاتها وفي مناطقها الزمنية.",
        "body": [
            ("heading", "دعم قريب من المدن"),
            ("paragraph", "<p>كل مركز إقليمي جزء من وحدة الإدارة، ويعمل مع المدن الأعضاء في منطقته. وتفهم فرق المراكز السياق المحلي، وتتحدث لغات المنطقة، وتستطيع الاستجابة بسرعة حين تطلب مدينة المساعدة. كما تنقل الخبرة الإقليمية إلى الشبكة الأوسع.</p>"),
            ("paragraph", "<p>تعمل المراكز حاليًا في <strong>شرق وجنوب أفريقيا، والشرق الأوسط وشمال أفريقيا، وجنوب آسيا، وغرب البلقان، وأمريكا الشمالية</strong>. أما المدن في المناطق الأخرى فيدعمها الفريق المركزي مباشرة. وقد تُفتتح مراكز جديدة مع نمو الشبكة.</p>"),
            ("heading", "ماذا تفعل المراكز"),
            ("paragraph", "<ul><li>استقبال الأعضاء الجدد وجهات الاتصال لديهم</li><li>تنظيم اللقاءات والتدريبات الإقليمية</li><li>تكييف الأدوات والإرشادات مع اللغات المحلية</li><li>ربط المدن بنظرائها وبمجموعة الخبراء</li></ul>"),
        ],
    },
    "fr": {
        "title": "Pôles régionaux",
        "intro": "Nos Pôles régionaux rapprochent l'appui du réseau des villes membres, dans leurs langues et leurs fuseaux horaires.",
        "body": [
            ("heading", "Un appui au plus près des villes"),
            ("paragraph", "<p>Chaque Pôle régional fait partie de l'Unité de gestion et travaille avec les villes membres de sa région. Ses équipes connaissent le contexte local, parlent les langues de la région et peuvent réagir vite lorsqu'une ville demande de l'aide. Elles font aussi profiter l'ensemble du réseau de l'expérience régionale.</p>"),
            ("paragraph", "<p>Les pôles sont actuellement présents en <strong>Afrique de l'Est et australe, au Moyen-Orient et en Afrique du Nord, en Asie du Sud, dans les Balkans occidentaux et en Amérique du Nord</strong>. Les villes des autres régions sont accompagnées directement par l'équipe centrale. De nouveaux pôles pourront ouvrir à mesure que le réseau grandit.</p>"),
            ("heading", "Le rôle des pôles"),
            ("paragraph", "<ul><li>Accueillir les nouveaux membres et leurs points focaux</li><li>Organiser échanges et formations régionales</li><li>Adapter outils et guides aux langues locales</li><li>Relier les villes à leurs pairs et au Groupe d'experts</li></ul>"),
        ],
    },
    "es": {
        "title": "Centros Regionales",
        "intro": "Nuestros Centros Regionales acercan el apoyo de la red a las ciudades miembro, en sus idiomas y husos horarios.",
        "body": [
            ("heading", "Apoyo cerca de las ciudades"),
            ("paragraph", "<p>Cada Centro Regional forma parte de la Unidad de Gestión y trabaja con las ciudades miembro de su región. Sus equipos conocen el contexto local, hablan los idiomas de la región y pueden responder con rapidez cuando una ciudad pide ayuda. También comparten la experiencia regional con el resto de la red.</p>"),
            ("paragraph", "<p>Actualmente hay centros en <strong>África Oriental y Austral, Oriente Medio y Norte de África, Asia Meridional, los Balcanes Occidentales y América del Norte</strong>. Las ciudades de otras regiones reciben apoyo directo del equipo central. Podrán abrirse nuevos centros a medida que crezca la red.</p>"),
            ("heading", "Qué hacen los centros"),
            ("paragraph", "<ul><li>Dar la bienvenida a nuevos miembros y a sus puntos focales</li><li>Organizar intercambios y formaciones regionales</li><li>Adaptar herramientas y guías a los idiomas locales</li><li>Conectar a las ciudades con sus pares y con el Grupo de Expertos</li></ul>"),
        ],
    },
}
