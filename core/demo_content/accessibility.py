"""The accessibility statement the footer links to (slug `accessibility`). Original demo text: an organisation
checks it against its own audit before real use."""

ACCESSIBILITY = {
    "slug": "accessibility",
    "en": {
        "title": "Accessibility statement",
        "intro": "We want everyone to be able to use this site, whatever their language, device or ability.",
        "body": [
            ("heading", "Our standard"),
            (
                "paragraph",
                "<p>We aim to meet the <strong>Web Content Accessibility Guidelines (WCAG) 2.2 at level AA</strong> in English, Arabic, French and Spanish, on phones and on computers. Arabic pages read from right to left.</p>",
            ),
            ("heading", "How we check"),
            (
                "paragraph",
                "<p>Every change to the site is checked with automated accessibility tests on phone and desktop screens, in a left-to-right and a right-to-left language. We also check pages using the keyboard alone.</p>",
            ),
            ("heading", "What may not work yet"),
            (
                "paragraph",
                "<ul><li>The network map is hard to use without sight; every city on it is also listed in the directory, with the same filters.</li><li>Documents that member cities upload, such as letters, may not be accessible.</li></ul>",
            ),
            ("heading", "Tell us"),
            (
                "paragraph",
                "<p>If something on the site does not work for you, write to the contact address at the bottom of every page. Tell us the page and what happened; we answer within ten working days and can send the information in another format.</p>",
            ),
        ],
    },
    "ar": {
        "title": "بيان إمكانية الوصول",
        "intro": "نريد أن يتمكّن الجميع من استخدام هذا الموقع، أيًّا كانت لغتهم أو أجهزتهم أو قدراتهم.",
        "body": [
            ("heading", "المعيار الذي نلتزم به"),
            (
                "paragraph",
                "<p>نسعى إلى استيفاء <strong>إرشادات إتاحة محتوى الويب (WCAG) 2.2 على المستوى AA</strong> باللغات العربية والإنجليزية والفرنسية والإسبانية، على الهواتف والحواسيب. وتُقرأ الصفحات العربية من اليمين إلى اليسار.</p>",
            ),
            ("heading", "كيف نتحقق"),
            (
                "paragraph",
                "<p>نختبر كل تغيير في الموقع باختبارات آلية لإمكانية الوصول على شاشات الهاتف والحاسوب، بلغة تُكتب من اليسار إلى اليمين وأخرى من اليمين إلى اليسار. ونتحقق من الصفحات أيضًا باستخدام لوحة المفاتيح وحدها.</p>",
            ),
            ("heading", "ما قد لا يعمل بعد"),
            (
                "paragraph",
                "<ul><li>يصعب استخدام خريطة الشبكة دون البصر؛ لذا تظهر كل مدينة عليها أيضًا في الدليل، مع عوامل التصفية نفسها.</li><li>قد لا تكون المستندات التي ترفعها المدن الأعضاء، مثل الرسائل، متاحة للجميع.</li></ul>",
            ),
            ("heading", "أخبرونا"),
            (
                "paragraph",
                "<p>إن لم يعمل شيء في الموقع كما ينبغي، فراسلونا على عنوان التواصل المذكور أسفل كل صفحة. أخبرونا بالصفحة وبما حدث، وسنرد خلال عشرة أيام عمل، ويمكننا إرسال المعلومات بصيغة أخرى.</p>",
            ),
        ],
    },
    "fr": {
        "title": "Déclaration d'accessibilité",
        "intro": "Nous voulons que chacun puisse utiliser ce site, quels que soient sa langue, son appareil ou ses capacités.",
        "body": [
            ("heading", "Notre objectif"),
            (
                "paragraph",
                "<p>Nous visons le respect des <strong>Règles pour l'accessibilité des contenus web (WCAG) 2.2, niveau AA</strong>, en anglais, en arabe, en français et en espagnol, sur téléphone comme sur ordinateur. Les pages en arabe se lisent de droite à gauche.</p>",
            ),
            ("heading", "Comment nous vérifions"),
            (
                "paragraph",
                "<p>Chaque modification du site est vérifiée par des tests d'accessibilité automatisés sur écran de téléphone et d'ordinateur, dans une langue écrite de gauche à droite et une autre de droite à gauche. Nous vérifions aussi les pages au seul clavier.</p>",
            ),
            ("heading", "Ce qui peut encore poser problème"),
            (
                "paragraph",
                "<ul><li>La carte du réseau est difficile à utiliser sans la vue ; chaque ville qui y figure est aussi présente dans l'annuaire, avec les mêmes filtres.</li><li>Les documents déposés par les villes membres, comme les lettres, peuvent ne pas être accessibles.</li></ul>",
            ),
            ("heading", "Signalez-nous un problème"),
            (
                "paragraph",
                "<p>Si un élément du site ne fonctionne pas pour vous, écrivez à l'adresse de contact indiquée en bas de chaque page. Précisez la page et ce qui s'est passé ; nous répondons sous dix jours ouvrés et pouvons vous envoyer l'information sous un autre format.</p>",
            ),
        ],
    },
    "es": {
        "title": "Declaración de accesibilidad",
        "intro": "Queremos que todas las personas puedan usar este sitio, sea cual sea su idioma, su dispositivo o su capacidad.",
        "body": [
            ("heading", "Nuestro objetivo"),
            (
                "paragraph",
                "<p>Aspiramos a cumplir las <strong>Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2, nivel AA</strong>, en inglés, árabe, francés y español, en teléfonos y ordenadores. Las páginas en árabe se leen de derecha a izquierda.</p>",
            ),
            ("heading", "Cómo lo comprobamos"),
            (
                "paragraph",
                "<p>Cada cambio en el sitio se comprueba con pruebas automáticas de accesibilidad en pantallas de teléfono y de escritorio, en un idioma que se escribe de izquierda a derecha y en otro de derecha a izquierda. También comprobamos las páginas solo con el teclado.</p>",
            ),
            ("heading", "Lo que aún puede fallar"),
            (
                "paragraph",
                "<ul><li>El mapa de la red es difícil de usar sin la vista; cada ciudad del mapa figura también en el directorio, con los mismos filtros.</li><li>Los documentos que suben las ciudades miembro, como las cartas, pueden no ser accesibles.</li></ul>",
            ),
            ("heading", "Escríbanos"),
            (
                "paragraph",
                "<p>Si algo del sitio no le funciona, escriba a la dirección de contacto que figura al pie de cada página. Indíquenos la página y lo que ocurrió; respondemos en diez días hábiles y podemos enviarle la información en otro formato.</p>",
            ),
        ],
    },
}
