"""`search.EntryWords` and, on PostgreSQL, its GIN index and the trigger that fills it from Wagtail's
index entries (see `search/models.py`), with what is indexed already."""

from django.db import migrations, models

import django.contrib.postgres.search

POSTGRES_UP = """
CREATE INDEX search_entrywords_words ON search_entrywords USING gin (words);
CREATE INDEX search_entrywords_type ON search_entrywords (content_type_id, entry_id);
CREATE FUNCTION search_entrywords_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    number bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_entrywords WHERE entry_id = OLD.id;
        RETURN OLD;
    END IF;
    number := CASE WHEN NEW.object_id ~ '^[0-9]{1,18}$' THEN NEW.object_id::bigint END;
    INSERT INTO search_entrywords (entry_id, content_type_id, object_id, locale_id, words)
    VALUES (
        NEW.id,
        NEW.content_type_id,
        number,
        (SELECT locale_id FROM wagtailcore_page WHERE id = number),
        strip(coalesce(NEW.title, ''::tsvector) || coalesce(NEW.body, ''::tsvector))
    )
    ON CONFLICT (entry_id) DO UPDATE
        SET content_type_id = EXCLUDED.content_type_id, object_id = EXCLUDED.object_id,
            locale_id = EXCLUDED.locale_id, words = EXCLUDED.words;
    RETURN NEW;
END
$$;
CREATE TRIGGER search_entrywords_sync AFTER INSERT OR UPDATE OR DELETE ON wagtailsearch_indexentry
    FOR EACH ROW EXECUTE FUNCTION search_entrywords_sync();
INSERT INTO search_entrywords (entry_id, content_type_id, object_id, locale_id, words)
    SELECT entry.id, entry.content_type_id, entry.number, page.locale_id,
           strip(coalesce(entry.title, ''::tsvector) || coalesce(entry.body, ''::tsvector))
    FROM (
        SELECT *, CASE WHEN object_id ~ '^[0-9]{1,18}$' THEN object_id::bigint END AS number
        FROM wagtailsearch_indexentry
    ) AS entry
    LEFT JOIN wagtailcore_page AS page ON page.id = entry.number;
ANALYZE search_entrywords;
"""

POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS search_entrywords_sync ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS search_entrywords_sync();
"""


def postgres_up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def postgres_down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("wagtailsearch", "0010_add_text_fields"), ("wagtailcore", "0094_alter_page_locale")]

    operations = [
        migrations.CreateModel(
            name="EntryWords",
            fields=[
                ("entry_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("content_type_id", models.IntegerField()),
                ("object_id", models.BigIntegerField(null=True)),
                ("locale_id", models.IntegerField(null=True)),
                ("words", django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={"verbose_name": "search index words", "db_table": "search_entrywords"},
        ),
        migrations.RunPython(postgres_up, postgres_down),
    ]
