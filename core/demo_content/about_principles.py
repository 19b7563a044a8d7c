"""About > Principles and priorities (original demo text)."""

PRINCIPLES = {
    "slug": "principles-and-priorities",
    "en": {
        "title": "Principles and priorities",
        "intro": "The principles that shape how the network works and the strategic priorities that guide its activities.",
        "body": [
            ("heading", "Guiding principles"),
            ("paragraph", "<ul><li><strong>City-led:</strong> members set the agenda based on local needs.</li><li><strong>Rights-based:</strong> prevention must respect human rights and the rule of law.</li><li><strong>Inclusive:</strong> we work with all communities, including young people and women.</li><li><strong>Independent:</strong> the network is non-partisan and open to every sub-national authority.</li><li><strong>Practical:</strong> we favour tools that cities can adapt and use.</li></ul>"),
            ("heading", "Strategic priorities"),
            ("paragraph", "<ul><li>Help cities understand local drivers of hate and polarisation.</li><li>Build the skills of municipal staff, focal points and local partners.</li><li>Connect cities with peers in their region and beyond.</li><li>Make guidance and training available in local languages.</li></ul>"),
            ("paragraph", "<p>These principles and priorities are reviewed regularly by the International Steering Committee, so that they continue to reflect what member cities need and what they learn from one another.</p>"),
        ],
    },
    "ar": {
        "title": "المبادئ والأولويات",
        "intro": "المبادئ التي تحدد طريقة عمل الشبكة، والأولويات الاستراتيجية التي توجّه أنشطتها.",
        "body": [
            ("heading", "المبادئ التوجيهية"),
            ("paragraph", "<ul><li><strong>قيادة المدن:</strong> يحدد الأعضاء جدول الأعمال بناءً على الاحتياجات المحلية.</li><li><strong>احترام الحقوق:</strong> يجب أن تحترم جهود الوقاية حقوقَ الإنسان وسيادة القانون.</li><li><strong>الشمول:</strong> نعمل مع جميع المجتمعات، بما فيها الشباب والنساء.</li><li><strong>الاستقلالية:</strong> الشبكة غير حزبية ومفتوحة لكل سلطة دون وطنية.</li><li><strong>الطابع العملي:</strong> نفضّل الأدوات التي تستطيع المدن تكييفها واستخدامها.</li></ul>"),
            ("heading", "الأولويات الاستراتيجية"),
            ("paragraph", "<ul><li>مساعدة المدن على فهم الدوافع المحلية للكراهية والاستقطاب.</li><li>بناء مهارات الموظفين البلديين وجهات الاتصال والشركاء المحليين.</li><li>ربط المدن بنظرائها داخل منطقتها وخارجها.</li><li>إتاحة الإرشادات والتدريب باللغات المحلية.</li></ul>"),
            ("paragraph", "<p>تراجع اللجنة التوجيهية الدولية هذه المبادئ والأولويات بانتظام، كي تظل معبّرة عن احتياجات المدن الأعضاء وعمّا تتعلمه بعضها من بعض.</p>"),
        ],
    },
    "fr": {
        "title": "Principes et priorités",
        "intro": "Les principes qui façonnent le fonctionnement du réseau et les priorités stratégiques qui orientent ses activités.",
        "body": [
            ("heading", "Principes directeurs"),
            ("paragraph", "<ul><li><strong>Porté par les villes :</strong> les membres fixent les priorités selon les besoins locaux.</li><li><strong>Fondé sur les droits :</strong> la prévention respecte les droits humains et l'État de droit.</li><li><strong>Inclusif :</strong> nous travaillons avec toutes les communautés, y compris les jeunes et les femmes.</li><li><strong>Indépendant :</strong> le réseau est apolitique et ouvert à toute autorité infranationale.</li><li><strong>Pratique :</strong> nous privilégions des outils que les villes peuvent adapter et utiliser.</li></ul>"),
            ("heading", "Priorités stratégiques"),
            ("paragraph", "<ul><li>Aider les villes à comprendre les ressorts locaux de la haine et de la polarisation.</li><li>Renforcer les compétences des agents municipaux, des points focaux et des partenaires locaux.</li><li>Relier les villes à leurs pairs, dans leur région et au-delà.</li><li>Rendre guides et formations disponibles dans les langues locales.</li></ul>"),
            ("paragraph", "<p>Le Comité directeur international revoit régulièrement ces principes et priorités, afin qu'ils reflètent toujours les besoins des villes membres et ce qu'elles apprennent les unes des autres.</p>"),
        ],
    },
    "es": {
        "title": "Principios y prioridades",
        "intro": "Los principios que definen cómo funciona la red y las prioridades estratégicas que orientan sus actividades.",
        "body": [
            ("heading", "Principios rectores"),
            ("paragraph", "<ul><li><strong>Liderada por las ciudades:</strong> los miembros fijan la agenda según las necesidades locales.</li><li><strong>Basada en derechos:</strong> la prevención respeta los derechos humanos y el Estado de derecho.</li><li><strong>Inclusiva:</strong> trabajamos con todas las comunidades, incluidos jóvenes y mujeres.</li><li><strong>Independiente:</strong> la red es apartidista y abierta a toda autoridad subnacional.</li><li><strong>Práctica:</strong> preferimos herramientas que las ciudades puedan adaptar y usar.</li></ul>"),
            ("heading", "Prioridades estratégicas"),
            ("paragraph", "<ul><li>Ayudar a las ciudades a comprender los factores locales del odio y la polarización.</li><li>Fortalecer las capacidades del personal municipal, los puntos focales y los socios locales.</li><li>Conectar a las ciudades con sus pares, en su región y más allá.</li><li>Ofrecer guías y formación en los idiomas locales.</li></ul>"),
            ("paragraph", "<p>El Comité Directivo Internacional revisa periódicamente estos principios y prioridades, para que sigan reflejando las necesidades de las ciudades miembro y lo que aprenden unas de otras.</p>"),
        ],
    },
}
