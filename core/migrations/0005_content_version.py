from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_page_depth_path_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "content version"},
        ),
    ]
