"""Demo testimonials (original text; speakers are roles, never names). Some have human translations
("translations": language -> (quote, role)); the others show in their own language, labelled with it."""

TESTIMONIALS = [
    {
        "language": "en",
        "quote": "We thought our challenges were unique. Through the network we met a town of a similar size that had faced the same tensions, and their advice saved us months of trial and error.",
        "speaker_role": "Focal point of a member municipality",
        "translations": {
            "ar": (
                "ظننّا أن تحدياتنا فريدة من نوعها. ومن خلال الشبكة تعرّفنا على بلدة بحجم مماثل واجهت التوترات نفسها، فوفّرت علينا نصيحتُها شهورًا من التجربة والخطأ.",
                "جهة الاتصال في بلدية عضو",
            ),
            "fr": (
                "Nous pensions que nos difficultés étaient uniques. Grâce au réseau, nous avons rencontré une commune de taille comparable qui avait connu les mêmes tensions, et ses conseils nous ont fait gagner des mois de tâtonnements.",
                "Point focal d'une commune membre",
            ),
            "es": (
                "Creíamos que nuestros desafíos eran únicos. A través de la red conocimos un municipio de tamaño similar que había vivido las mismas tensiones, y sus consejos nos ahorraron meses de ensayo y error.",
                "Punto focal de un municipio miembro",
            ),
        },
    },
    {
        "language": "en",
        "quote": "Having guidance in our own language meant that our youth workers and teachers could use it straight away, not just our senior staff.",
        "speaker_role": "Deputy mayor of a member district",
        "translations": {
            "ar": (
                "وجود الإرشادات بلغتنا يعني أن العاملين مع الشباب والمعلمين استطاعوا استخدامها فورًا، لا كبار الموظفين وحدهم.",
                "نائب رئيس بلدية مقاطعة عضو",
            ),
            "fr": (
                "Disposer de conseils dans notre propre langue a permis à nos animateurs jeunesse et à nos enseignants de s'en servir tout de suite, et pas seulement à nos cadres.",
                "Adjointe au maire d'un district membre",
            ),
        },
    },
    {
        "language": "ar",
        "quote": "ساعدتنا اللقاءات الإقليمية على بناء علاقات ثقة مع بلديات تواجه التحديات نفسها، وأصبحنا نتبادل الخبرات بانتظام بدلًا من العمل بمفردنا.",
        "speaker_role": "جهة الاتصال في بلدية عضو",
        "translations": {
            "en": (
                "The regional meetings helped us build trust with municipalities facing the same challenges. We now exchange experience regularly instead of working alone.",
                "Focal point of a member municipality",
            ),
        },
    },
    {
        "language": "fr",
        "quote": "Le réseau nous a permis de réunir autour d'une même table les services municipaux, les écoles et les associations. C'est devenu notre manière de travailler.",
        "speaker_role": "Point focal d'une commune membre",
    },
    {
        "language": "es",
        "quote": "Gracias al intercambio con otras ciudades, pudimos diseñar una respuesta local al discurso de odio en línea adaptada a nuestra realidad y a nuestros recursos.",
        "speaker_role": "Punto focal de un gobierno provincial miembro",
    },
]
