"""A narrow copy of Wagtail's search index for PostgreSQL (`search/ranking.py::_postgres`).

Wagtail's index entries are wide rows (two tsvectors with positions, their plain-text mirrors), so
finding the newest 1,001 entries containing a common word reads thousands of wide rows (hundreds of
milliseconds at 100,000 pages). `EntryWords` keeps, per index entry, only what that search needs:
the entry, its content type, its object's id, its page's locale and its words without positions (`strip(title ||
body)`, with three marks the parser never makes: "#t<content type>", "#l<locale>", "#r<entry id // 4,096>",
migration 0002), under a GIN index. A trigger on Wagtail's table keeps it in step (migration 0001), whatever
writes the index (the search backend's upserts, `update_index`, deletions), as Wagtail's own
migration keeps its SQLite FTS table in step.

On SQLite the table exists, stays empty and is never read (FTS5 answers there).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class EntryWords(models.Model):
    entry_id = models.BigIntegerField(primary_key=True)  # wagtailsearch_indexentry.id
    content_type_id = models.IntegerField()
    object_id = models.BigIntegerField(null=True)  # the object's id, when it is a number (every page's is)
    # The locale of the page with that id: an entry's own for a page (a page never changes locale);
    # meaningless for other models' entries, which are only ever read with the page types' ids.
    locale_id = models.IntegerField(null=True)
    words = SearchVectorField(null=True)

    class Meta:
        db_table = "search_entrywords"
        verbose_name = "search index words"  # never shown: no admin, no form

    def __str__(self) -> str:
        return f"index entry {self.entry_id}"
