"""The network's own terms, as its glossary writes them (editable afterwards in the admin).

Hubs' and member authorities' names are not here: they come from the directory at run time."""

from django.db import migrations

# (English, Arabic, French, Spanish, do not translate)
TERMS = [
    ("Strong Cities Network", "", "", "", True),
    ("ISC", "", "", "", True),
    (
        "International Steering Committee",
        "اللجنة التوجيهية الدولية",
        "Comité directeur international",
        "Comité Directivo Internacional",
        False,
    ),
    ("Management Unit", "وحدة الإدارة", "Unité de gestion", "Unidad de Gestión", False),
    ("Regional Hub", "المركز الإقليمي", "Pôle régional", "Centro Regional", False),
    ("focal point", "جهة الاتصال", "point focal", "punto focal", False),
]


def seed(apps, schema_editor):
    GlossaryTerm = apps.get_model("translations", "GlossaryTerm")
    for english, arabic, french, spanish, keep in TERMS:
        if not GlossaryTerm.objects.filter(term_en__iexact=english).exists():
            GlossaryTerm.objects.create(
                term_en=english, term_ar=arabic, term_fr=french, term_es=spanish, do_not_translate=keep
            )


def unseed(apps, schema_editor):
    GlossaryTerm = apps.get_model("translations", "GlossaryTerm")
    GlossaryTerm.objects.filter(term_en__in=[term[0] for term in TERMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("translations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
