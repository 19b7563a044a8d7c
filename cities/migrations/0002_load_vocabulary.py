"""Load the starting vocabulary (regions, hubs, countries, taxonomy, languages)."""

from django.db import migrations

# The working languages offered at the start: the network's four plus widely
# spoken languages of member regions. Staff can add more in the admin.
WORKING_LANGUAGES = (
    "ar en fr es pt ru zh hi ur bn sw am so ha yo fa ps tr de it nl sq sr bs mk hr "
    "id ms tl th vi ja ko uz kk ky tg mn ne si ta te ml he uk pl ro el hu"
).split()


def load(apps, schema_editor):
    from cities import vocabulary as v

    Region = apps.get_model("cities", "Region")
    Hub = apps.get_model("cities", "Hub")
    Country = apps.get_model("cities", "Country")
    Challenge = apps.get_model("cities", "Challenge")
    PracticeArea = apps.get_model("cities", "PracticeArea")
    Language = apps.get_model("cities", "Language")

    regions = {}
    for order, (code, en, ar, fr, es) in enumerate(v.REGIONS):
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults=dict(name_en=en, name_ar=ar, name_fr=fr, name_es=es, sort_order=order)
        )
    for code, en, ar, fr, es, color in v.HUBS:
        Hub.objects.update_or_create(
            code=code, defaults=dict(name_en=en, name_ar=ar, name_fr=fr, name_es=es, color=color, region=regions[code])
        )
    for region_code, codes in v.COUNTRY_REGIONS.items():
        for code in codes.split():
            Country.objects.update_or_create(code=code, defaults={"region": regions[region_code]})
    for model, terms in ((Challenge, v.CHALLENGES), (PracticeArea, v.PRACTICE_AREAS)):
        for order, (code, en, ar, fr, es) in enumerate(terms):
            model.objects.update_or_create(
                code=code, defaults=dict(name_en=en, name_ar=ar, name_fr=fr, name_es=es, sort_order=order)
            )
    for code in WORKING_LANGUAGES:
        Language.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("cities", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
