"""Demo testimonials (original text; speakers are roles, never names)."""

TESTIMONIALS = [
    {
        "language": "en",
        "quote": "We thought our challenges were unique. Through the network we met a town of a similar size that had faced the same tensions, and their advice saved us months of trial and error.",
        "speaker_role": "Focal point of a member municipality (demo)",
    },
    {
        "language": "en",
        "quote": "Having guidance in our own language meant that our youth workers and teachers could use it straight away, not just our senior staff.",
        "speaker_role": "Deputy mayor of a member district (demo)",
    },
    {
        "language": "ar",
        "quote": "ساعدتنا اللقاءات الإقليمية على بناء علاقات ثقة مع بلديات تواجه التحديات نفسها، وأصبحنا نتبادل الخبرات بانتظام بدلًا من العمل بمفردنا.",
        "speaker_role": "جهة الاتصال في بلدية عضو (تجريبي)",
    },
    {
        "language": "fr",
        "quote": "Le réseau nous a permis de réunir autour d'une même table les services municipaux, les écoles et les associations. C'est devenu notre manière de travailler.",
        "speaker_role": "Point focal d'une commune membre (démo)",
    },
    {
        "language": "es",
        "quote": "Gracias al intercambio con otras ciudades, pudimos diseñar una respuesta local al discurso de odio en línea adaptada a nuestra realidad y a nuestros recursos.",
        "speaker_role": "Punto focal de un gobierno provincial miembro (demostración)",
    },
]
