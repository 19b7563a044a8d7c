"""On PostgreSQL, each entry's words also hold three marks the query parser can never produce (they
start with "#"): its content type ("#t69"), its page's locale ("#l1") and its recency bucket ("#r24":
the entry id divided by 4,096). `search/ranking.py` asks the GIN index for a word *and* the group's
types, the locale and the newest buckets, so the index itself narrows a common word's matches to the
newest few thousand of the group before any row is read (see `_newest_shown`)."""

from django.db import migrations

BUCKET = 4096  # search.ranking.BUCKET

SCOPE = """array_to_tsvector(array_remove(ARRAY[
        '#t' || {entry}.content_type_id,
        '#r' || ({entry}.id / {bucket}),
        '#l' || {locale}
    ], NULL))"""

FUNCTION = """
CREATE OR REPLACE FUNCTION search_entrywords_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    number bigint;
    locale integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM search_entrywords WHERE entry_id = OLD.id;
        RETURN OLD;
    END IF;
    number := CASE WHEN NEW.object_id ~ '^[0-9]{1,18}$' THEN NEW.object_id::bigint END;
    locale := (SELECT locale_id FROM wagtailcore_page WHERE id = number);
    INSERT INTO search_entrywords (entry_id, content_type_id, object_id, locale_id, words)
    VALUES (
        NEW.id,
        NEW.content_type_id,
        number,
        locale,
        strip(coalesce(NEW.title, ''::tsvector) || coalesce(NEW.body, ''::tsvector)) || %(scope)s
    )
    ON CONFLICT (entry_id) DO UPDATE
        SET content_type_id = EXCLUDED.content_type_id, object_id = EXCLUDED.object_id,
            locale_id = EXCLUDED.locale_id, words = EXCLUDED.words;
    RETURN NEW;
END
$$;
""" % {"scope": SCOPE.format(entry="NEW", bucket=BUCKET, locale="locale")}

BACKFILL = """
UPDATE search_entrywords AS words SET words = strip(coalesce(entry.title, ''::tsvector) || coalesce(entry.body, ''::tsvector)) || %(scope)s
FROM wagtailsearch_indexentry AS entry WHERE entry.id = words.entry_id;
ANALYZE search_entrywords;
""" % {"scope": SCOPE.format(entry="entry", bucket=BUCKET, locale="words.locale_id")}

PREVIOUS = """
CREATE OR REPLACE FUNCTION search_entrywords_sync() RETURNS trigger LANGUAGE plpgsql AS $$
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
"""


def postgres_up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION)
        schema_editor.execute(BACKFILL)


def postgres_down(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entrywords")]

    operations = [migrations.RunPython(postgres_up, postgres_down)]
