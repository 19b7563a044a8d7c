"""Texts of the demo Resource Hub and news, written for this platform in four languages.

Everything here is demonstration content: invented situations, no real authority or person, no
words attributed to anyone real (quotes are from "a participant in a fictional workshop").
`{topic}`, `{area}` and `{hub}` are filled with the network's vocabulary in the same language.
"""

LANGS = ("en", "ar", "fr", "es")

INDEXES = {
    "resources": {
        "en": (
            "Resource Hub",
            "Guides, toolkits, case studies, policy briefs and stories from the network, in four languages.",
        ),
        "ar": (
            "مركز الموارد",
            "أدلة ومجموعات أدوات ودراسات حالة وموجزات سياسات وقصص من الشبكة بأربع لغات.",
        ),
        "fr": (
            "Centre de ressources",
            "Guides, boîtes à outils, études de cas, notes d'orientation et récits du réseau, en quatre langues.",
        ),
        "es": (
            "Centro de recursos",
            "Guías, cajas de herramientas, estudios de caso, notas de política e historias de la red, en cuatro idiomas.",
        ),
    },
    "news": {
        "en": (
            "News and insights",
            "News, analysis, statements and press releases from the network.",
        ),
        "ar": ("الأخبار والتحليلات", "أخبار وتحليلات وبيانات وبيانات صحفية من الشبكة."),
        "fr": (
            "Actualités et analyses",
            "Actualités, analyses, déclarations et communiqués du réseau.",
        ),
        "es": (
            "Noticias y análisis",
            "Noticias, análisis, declaraciones y notas de prensa de la red.",
        ),
    },
}

RESOURCE_TITLES = {
    "guide": {
        "en": "{area} — a practical guide",
        "ar": "{area}: دليل عملي",
        "fr": "{area} : guide pratique",
        "es": "{area}: guía práctica",
    },
    "toolkit": {
        "en": "{area} — a toolkit for local teams",
        "ar": "{area}: مجموعة أدوات للفرق المحلية",
        "fr": "{area} : boîte à outils pour les équipes locales",
        "es": "{area}: caja de herramientas para equipos locales",
    },
    "case-study": {
        "en": "{area} — a case study from the {hub}",
        "ar": "{area}: دراسة حالة من {hub}",
        "fr": "{area} : étude de cas — {hub}",
        "es": "{area}: estudio de caso — {hub}",
    },
    "policy-brief": {
        "en": "Policy brief: {topic}",
        "ar": "موجز سياسات: {topic}",
        "fr": "Note d'orientation : {topic}",
        "es": "Nota de política: {topic}",
    },
    "impact-story": {
        "en": "Impact story: {area}",
        "ar": "قصة أثر: {area}",
        "fr": "Récit d'impact : {area}",
        "es": "Historia de impacto: {area}",
    },
    "training": {
        "en": "Training module: {area}",
        "ar": "وحدة تدريبية: {area}",
        "fr": "Module de formation : {area}",
        "es": "Módulo de formación: {area}",
    },
    "multimedia": {
        "en": "Video explainer: {topic}",
        "ar": "شرح مصوَّر: {topic}",
        "fr": "Vidéo explicative : {topic}",
        "es": "Vídeo explicativo: {topic}",
    },
}

KIND_SENTENCES = {
    "guide": {
        "en": "Practical steps a local authority can follow, with checklists to adapt to its own context.",
        "ar": "خطوات عملية يمكن للسلطة المحلية اتباعها، مع قوائم تحقق تُكيَّف مع سياقها الخاص.",
        "fr": "Des étapes concrètes qu'une autorité locale peut suivre, avec des listes de contrôle à adapter à son contexte.",
        "es": "Pasos prácticos que una autoridad local puede seguir, con listas de verificación para adaptar a su propio contexto.",
    },
    "toolkit": {
        "en": "A set of tools in several chapters: planning, partners, activities and follow-up.",
        "ar": "مجموعة أدوات في عدة فصول: التخطيط والشركاء والأنشطة والمتابعة.",
        "fr": "Un ensemble d'outils en plusieurs chapitres : planification, partenaires, activités et suivi.",
        "es": "Un conjunto de herramientas en varios capítulos: planificación, socios, actividades y seguimiento.",
    },
    "case-study": {
        "en": "How a fictional member city organised its work, what it changed and what it learned.",
        "ar": "كيف نظّمت مدينة عضو افتراضية عملها، وما الذي غيّرته، وما الذي تعلّمته.",
        "fr": "Comment une ville membre fictive a organisé son travail, ce qu'elle a changé et ce qu'elle en a appris.",
        "es": "Cómo una ciudad miembro ficticia organizó su trabajo, qué cambió y qué aprendió.",
    },
    "policy-brief": {
        "en": "Key points and options for local decision-makers, in four pages.",
        "ar": "النقاط الرئيسية والخيارات المتاحة لصانعي القرار المحليين، في أربع صفحات.",
        "fr": "Les points clés et les options pour les décideurs locaux, en quatre pages.",
        "es": "Puntos clave y opciones para quienes deciden a nivel local, en cuatro páginas.",
    },
    "impact-story": {
        "en": "A short account of what changed for residents after a local initiative, invented for the demo.",
        "ar": "رواية قصيرة عمّا تغيّر للسكان بعد مبادرة محلية، مُتخيَّلة لأغراض العرض.",
        "fr": "Un court récit de ce qui a changé pour les habitants après une initiative locale, inventée pour la démonstration.",
        "es": "Un breve relato de lo que cambió para los vecinos tras una iniciativa local, inventada para la demostración.",
    },
    "training": {
        "en": "Session plans, exercises and hand-outs for a half-day training of municipal staff.",
        "ar": "خطط جلسات وتمارين ومواد مطبوعة لتدريب موظفي البلدية لمدة نصف يوم.",
        "fr": "Déroulés de séance, exercices et supports pour une demi-journée de formation du personnel municipal.",
        "es": "Planes de sesión, ejercicios y materiales para media jornada de formación del personal municipal.",
    },
    "multimedia": {
        "en": "A short video and its transcript explaining the basics to a wide audience.",
        "ar": "مقطع فيديو قصير ونصّه المكتوب يشرحان الأساسيات لجمهور واسع.",
        "fr": "Une courte vidéo et sa transcription qui expliquent l'essentiel à un large public.",
        "es": "Un vídeo breve y su transcripción que explican lo esencial a un público amplio.",
    },
}

SUMMARY = {
    "en": "{sentence} Topic: {topic}. Practice area: {area}.",
    "ar": "{sentence} الموضوع: {topic}. مجال الممارسة: {area}.",
    "fr": "{sentence} Thème : {topic}. Domaine de pratique : {area}.",
    "es": "{sentence} Tema: {topic}. Área de práctica: {area}.",
}

AUTHORS = {
    "en": "Demo editorial team\nA fictional partner organisation",
    "ar": "فريق التحرير التوضيحي\nمنظمة شريكة افتراضية",
    "fr": "Équipe éditoriale de démonstration\nUne organisation partenaire fictive",
    "es": "Equipo editorial de demostración\nUna organización socia ficticia",
}

IMAGE_ALT = {
    "en": "Abstract illustration: overlapping circles and bands in the network's colours",
    "ar": "رسم تجريدي: دوائر وأشرطة متداخلة بألوان الشبكة",
    "fr": "Illustration abstraite : cercles et bandes superposés aux couleurs du réseau",
    "es": "Ilustración abstracta: círculos y franjas superpuestos con los colores de la red",
}

# One body per language; {topic} and {area} are filled in.
BODY = {
    "en": {
        "callout_title": "Demo content",
        "callout": "This page was written for the demonstration site. The city, figures and quotation are invented; nothing here describes a real authority or person.",
        "h1": "Why it matters",
        "p1": "Local authorities are often the first to notice when tension grows in a neighbourhood. Schools, social workers, sports clubs and community groups see small signs long before they reach the news. This resource looks at {topic} from that local point of view and asks what a city can do with the people and services it already has.",
        "h2": "What the city did",
        "p2": "The fictional city in this example started with a short meeting of the services involved. Together they listed what they already knew, agreed who would speak to whom, and chose two or three actions they could take within a year. The work drew on {area}, and each action had a named lead, a modest budget and a date for review.",
        "caption": "Illustration generated for the demonstration site.",
        "quote": "We did not need a new institution. We needed the people who were already working on the ground to talk to each other regularly.",
        "attribution": "A participant in a fictional workshop",
        "table_head": ["Step", "Who leads", "When"],
        "table_rows": [
            ["Map the situation", "City social services", "Month 1"],
            ["Agree the partners", "Mayor's office", "Month 2"],
            ["Run the activities", "Local partners", "Months 3–9"],
            ["Review and adjust", "Steering group", "Month 12"],
        ],
        "h3": "Lessons to take away",
        "p3": "Start small and be honest about what the city can and cannot do. Keep residents informed in plain language, in the languages they speak. Measure a few things well rather than many things badly, and share what did not work as readily as what did: other members of the network learn as much from both.",
    },
    "ar": {
        "callout_title": "محتوى توضيحي",
        "callout": "كُتبت هذه الصفحة لموقع العرض التوضيحي. المدينة والأرقام والاقتباس مُتخيَّلة، ولا يصف شيء هنا سلطة أو شخصًا حقيقيًا.",
        "h1": "لماذا يهمّ هذا",
        "p1": "كثيرًا ما تكون السلطات المحلية أول من يلاحظ تصاعد التوتر في حيّ من الأحياء. فالمدارس والأخصائيون الاجتماعيون والأندية الرياضية والجمعيات الأهلية يرون العلامات الصغيرة قبل أن تصل إلى وسائل الإعلام بوقت طويل. يتناول هذا المورد موضوع {topic} من هذا المنظور المحلي، ويسأل عمّا تستطيع المدينة فعله بالأشخاص والخدمات المتوفرة لديها أصلًا.",
        "h2": "ما الذي فعلته المدينة",
        "p2": "بدأت المدينة الافتراضية في هذا المثال باجتماع قصير للخدمات المعنية. وضعت معًا قائمة بما تعرفه، واتفقت على من يتواصل مع من، واختارت عملين أو ثلاثة أعمال يمكن إنجازها خلال عام واحد. استند العمل إلى مجال {area}، وكان لكل عمل مسؤول محدد وميزانية متواضعة وموعد للمراجعة.",
        "caption": "رسم أُنشئ لموقع العرض التوضيحي.",
        "quote": "لم نكن بحاجة إلى مؤسسة جديدة، بل إلى أن يتحدث العاملون في الميدان بعضهم مع بعض بانتظام.",
        "attribution": "مشارك في ورشة عمل مُتخيَّلة",
        "table_head": ["الخطوة", "الجهة المسؤولة", "الموعد"],
        "table_rows": [
            ["رصد الوضع", "الخدمات الاجتماعية في المدينة", "الشهر الأول"],
            ["الاتفاق مع الشركاء", "مكتب رئيس البلدية", "الشهر الثاني"],
            ["تنفيذ الأنشطة", "الشركاء المحليون", "من الشهر الثالث إلى التاسع"],
            ["المراجعة والتعديل", "اللجنة التوجيهية", "الشهر الثاني عشر"],
        ],
        "h3": "دروس مستفادة",
        "p3": "ابدأ بخطوات صغيرة وكن صريحًا بشأن ما تستطيع المدينة فعله وما لا تستطيعه. أبقِ السكان على اطلاع بلغة بسيطة وباللغات التي يتحدثونها. قِس أمورًا قليلة بدقة بدلًا من أمور كثيرة بلا دقة، وشارك ما لم ينجح كما تشارك ما نجح، فالأعضاء الآخرون في الشبكة يتعلمون من الاثنين.",
    },
    "fr": {
        "callout_title": "Contenu de démonstration",
        "callout": "Cette page a été rédigée pour le site de démonstration. La ville, les chiffres et la citation sont inventés ; rien ici ne décrit une autorité ou une personne réelle.",
        "h1": "Pourquoi c'est important",
        "p1": "Les autorités locales sont souvent les premières à remarquer la montée des tensions dans un quartier. Les écoles, les travailleurs sociaux, les clubs sportifs et les associations voient les petits signes bien avant qu'ils n'arrivent dans les médias. Cette ressource aborde le thème « {topic} » de ce point de vue local et se demande ce qu'une ville peut faire avec les personnes et les services dont elle dispose déjà.",
        "h2": "Ce que la ville a fait",
        "p2": "La ville fictive de cet exemple a commencé par une courte réunion des services concernés. Ensemble, ils ont recensé ce qu'ils savaient déjà, convenu de qui parlerait à qui et choisi deux ou trois actions réalisables en un an. Le travail s'est appuyé sur le domaine « {area} » ; chaque action avait un responsable désigné, un budget modeste et une date de bilan.",
        "caption": "Illustration générée pour le site de démonstration.",
        "quote": "Nous n'avions pas besoin d'une nouvelle institution. Il fallait que les personnes déjà présentes sur le terrain se parlent régulièrement.",
        "attribution": "Un participant à un atelier fictif",
        "table_head": ["Étape", "Qui pilote", "Quand"],
        "table_rows": [
            ["Faire l'état des lieux", "Services sociaux de la ville", "Mois 1"],
            ["S'accorder avec les partenaires", "Cabinet du maire", "Mois 2"],
            ["Mener les activités", "Partenaires locaux", "Mois 3 à 9"],
            ["Évaluer et ajuster", "Comité de pilotage", "Mois 12"],
        ],
        "h3": "Enseignements",
        "p3": "Commencer petit et dire franchement ce que la ville peut faire et ce qu'elle ne peut pas faire. Informer les habitants dans une langue simple, dans les langues qu'ils parlent. Mesurer peu de choses, mais bien, et partager ce qui n'a pas marché aussi volontiers que ce qui a réussi : les autres membres du réseau apprennent autant des deux.",
    },
    "es": {
        "callout_title": "Contenido de demostración",
        "callout": "Esta página se escribió para el sitio de demostración. La ciudad, las cifras y la cita son inventadas; nada de lo que aquí se dice describe a una autoridad o persona real.",
        "h1": "Por qué importa",
        "p1": "Las autoridades locales suelen ser las primeras en notar cuando crece la tensión en un barrio. Las escuelas, los trabajadores sociales, los clubes deportivos y las asociaciones vecinales ven las pequeñas señales mucho antes de que lleguen a las noticias. Este recurso aborda el tema «{topic}» desde ese punto de vista local y se pregunta qué puede hacer una ciudad con las personas y los servicios que ya tiene.",
        "h2": "Qué hizo la ciudad",
        "p2": "La ciudad ficticia de este ejemplo empezó con una breve reunión de los servicios implicados. Juntos hicieron una lista de lo que ya sabían, acordaron quién hablaría con quién y eligieron dos o tres acciones que podían llevar a cabo en un año. El trabajo se apoyó en el área «{area}», y cada acción tuvo una persona responsable, un presupuesto modesto y una fecha de revisión.",
        "caption": "Ilustración generada para el sitio de demostración.",
        "quote": "No necesitábamos una institución nueva. Necesitábamos que quienes ya trabajaban sobre el terreno hablaran entre sí con regularidad.",
        "attribution": "Una persona participante en un taller ficticio",
        "table_head": ["Paso", "Quién lo lidera", "Cuándo"],
        "table_rows": [
            ["Analizar la situación", "Servicios sociales municipales", "Mes 1"],
            ["Acordar con los socios", "Alcaldía", "Mes 2"],
            ["Realizar las actividades", "Socios locales", "Meses 3 a 9"],
            ["Revisar y ajustar", "Grupo de coordinación", "Mes 12"],
        ],
        "h3": "Lecciones aprendidas",
        "p3": "Empezar con poco y ser honestos sobre lo que la ciudad puede y no puede hacer. Mantener informados a los vecinos en un lenguaje sencillo y en los idiomas que hablan. Medir pocas cosas, pero bien, y compartir lo que no funcionó con la misma disposición que lo que sí: los demás miembros de la red aprenden de ambas cosas.",
    },
}

CHAPTERS = [
    {
        "en": ("Getting started", "Who needs to be in the room, and what to agree at the first meeting."),
        "ar": ("البداية", "من يجب أن يشارك، وما الذي يُتفق عليه في الاجتماع الأول."),
        "fr": (
            "Pour commencer",
            "Qui doit être autour de la table et ce qu'il faut convenir lors de la première réunion.",
        ),
        "es": ("Primeros pasos", "Quién debe estar en la mesa y qué acordar en la primera reunión."),
    },
    {
        "en": ("Mapping the local situation", "Simple ways to gather what services and residents already know."),
        "ar": ("رصد الوضع المحلي", "طرق بسيطة لجمع ما تعرفه الخدمات والسكان أصلًا."),
        "fr": (
            "Faire l'état des lieux",
            "Des moyens simples de rassembler ce que savent déjà les services et les habitants.",
        ),
        "es": (
            "Analizar la situación local",
            "Formas sencillas de reunir lo que ya saben los servicios y los vecinos.",
        ),
    },
    {
        "en": ("Building the partnership", "Roles, sharing information safely, and keeping partners on board."),
        "ar": ("بناء الشراكة", "الأدوار، وتبادل المعلومات بأمان، والحفاظ على التزام الشركاء."),
        "fr": (
            "Construire le partenariat",
            "Les rôles, le partage d'informations en toute sécurité et l'engagement des partenaires dans la durée.",
        ),
        "es": (
            "Construir la alianza",
            "Funciones, intercambio seguro de información y compromiso de los socios a lo largo del tiempo.",
        ),
    },
    {
        "en": ("Running activities", "Choosing a few actions, planning them and reaching the people concerned."),
        "ar": ("تنفيذ الأنشطة", "اختيار عدد قليل من الأعمال والتخطيط لها والوصول إلى الأشخاص المعنيين."),
        "fr": ("Mener les activités", "Choisir quelques actions, les planifier et atteindre les personnes concernées."),
        "es": (
            "Realizar las actividades",
            "Elegir unas pocas acciones, planificarlas y llegar a las personas implicadas.",
        ),
    },
    {
        "en": ("Following up and learning", "Measuring a few things well and sharing what worked and what did not."),
        "ar": ("المتابعة والتعلّم", "قياس أمور قليلة بدقة، ومشاركة ما نجح وما لم ينجح."),
        "fr": (
            "Suivre et apprendre",
            "Mesurer peu de choses, mais bien, et partager ce qui a marché et ce qui n'a pas marché.",
        ),
        "es": ("Seguimiento y aprendizaje", "Medir pocas cosas, pero bien, y compartir lo que funcionó y lo que no."),
    },
]

NEWS_TITLES = {
    "news": {
        "en": "Demo: member cities meet to share practice — {area}",
        "ar": "خبر توضيحي: مدن أعضاء تلتقي لتبادل الممارسات — {area}",
        "fr": "Démo : des villes membres se réunissent pour partager leurs pratiques — {area}",
        "es": "Demo: ciudades miembro se reúnen para compartir prácticas — {area}",
    },
    "insight": {
        "en": "Insight (demo): what local data can tell us — {area}",
        "ar": "تحليل توضيحي: ما الذي يمكن أن تخبرنا به البيانات المحلية — {area}",
        "fr": "Analyse (démo) : ce que les données locales peuvent nous apprendre — {area}",
        "es": "Análisis (demo): lo que pueden decirnos los datos locales — {area}",
    },
    "statement": {
        "en": "Demo statement by a fictional hub team — {area}",
        "ar": "بيان توضيحي من فريق مركز إقليمي افتراضي — {area}",
        "fr": "Déclaration de démonstration d'une équipe de pôle fictive — {area}",
        "es": "Declaración de demostración de un equipo regional ficticio — {area}",
    },
    "press-release": {
        "en": "Press release (demo): new members join the {hub}",
        "ar": "بيان صحفي توضيحي: أعضاء جدد ينضمون إلى {hub}",
        "fr": "Communiqué (démo) : de nouveaux membres rejoignent le réseau — {hub}",
        "es": "Nota de prensa (demo): nuevos miembros se suman a la red — {hub}",
    },
}

NEWS_SUMMARY = {
    "en": "Demonstration news item, invented for the demo site. Topic: {topic}.",
    "ar": "خبر توضيحي مُتخيَّل لموقع العرض. الموضوع: {topic}.",
    "fr": "Actualité de démonstration, inventée pour le site de démonstration. Thème : {topic}.",
    "es": "Noticia de demostración, inventada para el sitio de demostración. Tema: {topic}.",
}

NEWS_BODY = {
    "en": [
        "This item was written for the demonstration site and describes no real event. Representatives of several fictional member cities met online to compare their work and agreed to keep in touch through the network's exchanges.",
        "Participants described what they had tried, what had been harder than expected and what they would do differently. A short summary will be shared with every member of the hub in the four languages of the network.",
    ],
    "ar": [
        "كُتب هذا الخبر لموقع العرض التوضيحي ولا يصف حدثًا حقيقيًا. التقى ممثلو عدة مدن أعضاء افتراضية عبر الإنترنت لمقارنة أعمالهم، واتفقوا على مواصلة التواصل من خلال برنامج التبادل في الشبكة.",
        "عرض المشاركون ما جرّبوه، وما كان أصعب مما توقعوا، وما سيفعلونه بشكل مختلف. وسيُرسل ملخص قصير إلى جميع أعضاء المركز بلغات الشبكة الأربع.",
    ],
    "fr": [
        "Cet article a été rédigé pour le site de démonstration et ne décrit aucun événement réel. Des représentants de plusieurs villes membres fictives se sont réunis en ligne pour comparer leurs travaux et ont convenu de rester en contact grâce aux échanges du réseau.",
        "Les participants ont décrit ce qu'ils avaient essayé, ce qui s'était révélé plus difficile que prévu et ce qu'ils feraient autrement. Un court résumé sera envoyé à tous les membres du pôle dans les quatre langues du réseau.",
    ],
    "es": [
        "Esta noticia se escribió para el sitio de demostración y no describe ningún hecho real. Representantes de varias ciudades miembro ficticias se reunieron en línea para comparar su trabajo y acordaron mantenerse en contacto a través de los intercambios de la red.",
        "Las personas participantes describieron lo que habían probado, lo que resultó más difícil de lo previsto y lo que harían de otra manera. Se enviará un breve resumen a todos los miembros del centro en los cuatro idiomas de la red.",
    ],
}
