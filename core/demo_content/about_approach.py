"""About > Our approach (original demo text)."""

APPROACH = {
    "slug": "our-approach",
    "en": {
        "title": "Our approach",
        "intro": "How the network supports cities to prevent and respond to hate, extremism and polarisation.",
        "body": [
            ("heading", "Starting from local realities"),
            ("paragraph", "<p>No two cities are alike. We begin by listening to each member about its context, its capacities and the issues it wants to address, from online hate to tensions between neighbourhoods. Support is then shaped around those needs rather than a single model. Cities decide how fast to move and which partners to involve.</p>"),
            ("heading", "Learning between peers"),
            ("paragraph", "<p>Cities learn best from other cities. We match members with <strong>peers that face similar challenges with similar capacities</strong>, organise exchanges and regional meetings, and help focal points share what has worked and what has not.</p>"),
            ("paragraph", "<ul><li>Practical guides and training in local languages</li><li>Advice from the Expert Pool on specific questions</li><li>Support from Regional Hubs close to members</li><li>Opportunities to shape the network's priorities</li></ul>"),
        ],
    },
    "ar": {
        "title": "نهجنا",
        "intro": "كيف تدعم الشبكة المدن في منع الكراهية والتطرف والاستقطاب والتصدي لها.",
        "body": [
            ("heading", "الانطلاق من الواقع المحلي"),
            ("paragraph", "<p>لا تتشابه مدينتان تمامًا. لذلك نبدأ بالاستماع إلى كل عضو بشأن سياقه وقدراته والقضايا التي يريد معالجتها، من خطاب الكراهية على الإنترنت إلى التوترات بين الأحياء. ثم يُصمَّم الدعم وفق هذه الاحتياجات بدلًا من نموذج واحد للجميع. والمدن هي التي تقرر وتيرة تحركها والشركاء الذين تشركهم.</p>"),
            ("heading", "التعلّم بين النظراء"),
            ("paragraph", "<p>تتعلم المدن على أفضل وجه من مدن أخرى. لذا نربط الأعضاء <strong>بنظراء يواجهون تحديات مماثلة بقدرات مماثلة</strong>، وننظم الزيارات المتبادلة واللقاءات الإقليمية، ونساعد جهات الاتصال على تبادل ما نجح وما لم ينجح.</p>"),
            ("paragraph", "<ul><li>أدلة عملية وتدريب باللغات المحلية</li><li>مشورة من مجموعة الخبراء في مسائل محددة</li><li>دعم من المراكز الإقليمية القريبة من الأعضاء</li><li>فرص للمساهمة في تحديد أولويات الشبكة</li></ul>"),
        ],
    },
    "fr": {
        "title": "Notre approche",
        "intro": "Comment le réseau aide les villes à prévenir la haine, l'extrémisme et la polarisation et à y répondre.",
        "body": [
            ("heading", "Partir des réalités locales"),
            ("paragraph", "<p>Aucune ville ne ressemble à une autre. Nous commençons par écouter chaque membre : son contexte, ses capacités et les questions qu'il souhaite traiter, de la haine en ligne aux tensions entre quartiers. L'accompagnement est ensuite construit autour de ces besoins plutôt que selon un modèle unique. Les villes décident du rythme et des partenaires à associer.</p>"),
            ("heading", "Apprendre entre pairs"),
            ("paragraph", "<p>Les villes apprennent mieux d'autres villes. Nous mettons les membres en relation avec des <strong>pairs confrontés à des défis semblables avec des moyens comparables</strong>, organisons échanges et rencontres régionales, et aidons les points focaux à partager ce qui a fonctionné ou non.</p>"),
            ("paragraph", "<ul><li>Guides pratiques et formations dans les langues locales</li><li>Conseils du Groupe d'experts sur des questions précises</li><li>Appui des Pôles régionaux, au plus près des membres</li><li>Possibilité de contribuer aux priorités du réseau</li></ul>"),
        ],
    },
    "es": {
        "title": "Nuestro enfoque",
        "intro": "Cómo la red apoya a las ciudades para prevenir y responder al odio, el extremismo y la polarización.",
        "body": [
            ("heading", "Partir de las realidades locales"),
            ("paragraph", "<p>No hay dos ciudades iguales. Empezamos escuchando a cada miembro sobre su contexto, sus capacidades y los temas que quiere abordar, desde el odio en línea hasta las tensiones entre barrios. El apoyo se diseña a partir de esas necesidades y no según un modelo único. Las ciudades deciden a qué ritmo avanzar y con qué socios trabajar.</p>"),
            ("heading", "Aprender entre pares"),
            ("paragraph", "<p>Las ciudades aprenden mejor de otras ciudades. Conectamos a los miembros con <strong>pares que enfrentan desafíos similares con capacidades similares</strong>, organizamos intercambios y encuentros regionales, y ayudamos a los puntos focales a compartir lo que ha funcionado y lo que no.</p>"),
            ("paragraph", "<ul><li>Guías prácticas y formación en idiomas locales</li><li>Asesoría del Grupo de Expertos sobre cuestiones concretas</li><li>Apoyo de los Centros Regionales, cerca de los miembros</li><li>Oportunidades para definir las prioridades de la red</li></ul>"),
        ],
    },
}
