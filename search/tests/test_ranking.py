"""`search/ranking.py`: which pages are visible, on both databases."""

import pytest
from wagtail.models import Page

from core.pages import public_pages

pytestmark = pytest.mark.django_db


def test_public_pages_are_wagtails_public_pages(homes, make_page, make_private):
    en = homes["en"]
    section = make_page(en, "Section", "text")
    inner = make_page(section, "Inner", "text")
    make_page(inner, "Deep", "text")
    other = make_page(en, "Other section", "text")
    deep_private = make_page(make_page(other, "Open", "text"), "Closed", "text")
    make_page(deep_private, "Below closed", "text")
    make_page(en, "Sectional", "text")  # a sibling whose path starts like a restricted one's does not
    assert set(public_pages(Page.objects.all())) == set(Page.objects.public())  # nothing restricted yet
    make_private(inner)
    make_private(deep_private)
    make_private(homes["fr"])
    visible = set(public_pages(Page.objects.all()))
    assert visible == set(Page.objects.public())
    titles = {page.title for page in visible}
    assert {"Section", "Other section", "Open", "Sectional"} <= titles
    assert not {"Inner", "Deep", "Closed", "Below closed"} & titles


def test_the_words_copy_follows_the_index_on_postgresql(homes, make_page, django_capture_on_commit_callbacks):
    """PostgreSQL reads matches from `search.EntryWords`, which a trigger keeps in step with Wagtail's
    index: a new word is found once the page is published again, an old one no more, and a deleted
    page leaves nothing behind."""
    from django.db import connection
    from wagtail.models import Locale

    from search.models import EntryWords
    from search.ranking import ranked_ids

    if connection.vendor != "postgresql":
        pytest.skip("the words copy is PostgreSQL's (SQLite searches its FTS5 table)")
    page = make_page(homes["en"], "Harbour forum", "The harbour forum met")
    english = public_pages(Page.objects.live().filter(locale=Locale.objects.get(language_code="en")))

    def found(words):
        return ranked_ids(english, words)[0]

    assert found("harbour") == [page.pk]
    assert list(EntryWords.objects.filter(object_id=page.pk).values_list("locale_id", flat=True)) == [page.locale_id]
    assert ranked_ids(english, "harbour", locale_id=page.locale_id)[0] == [page.pk]
    french = homes["fr"].locale_id
    assert ranked_ids(english, "harbour", locale_id=french)[0] == []  # the entry is in English
    page.title = "Lighthouse forum"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("lighthouse") == [page.pk]
    assert found("harbour") == [page.pk]  # still in the body
    assert found("harbour lighthouse") == [page.pk] and found("harbour zebra") == []
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert found("lighthouse") == []
    assert not EntryWords.objects.filter(object_id=page.pk).exists()


def test_a_failing_query_in_a_search_keeps_its_own_error_and_the_planner_setting_on_postgresql(db):
    """`ranking.reading()` turns sequential scans off for a search; a query failing inside it raises
    its own error (not "transaction aborted" from putting the setting back), and the setting is back."""
    from django.db import DatabaseError, connection

    from search.ranking import reading

    if connection.vendor != "postgresql":
        pytest.skip("the planner setting is PostgreSQL's")
    with pytest.raises(DatabaseError, match="no_such_table"):
        with reading(), connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def test_matches_in_older_buckets_follow_the_newest_on_postgresql(homes, make_page, monkeypatch):
    """PostgreSQL reads the newest buckets of 4,096 index entries first (`ranking._newest`): when
    they hold too few matches, the older ones follow, newest first, and the count stays exact."""
    from django.db import connection
    from wagtail.models import Locale

    from search.models import EntryWords
    from search.ranking import BUCKET, ranked_ids, reading

    if connection.vendor != "postgresql":
        pytest.skip("the recency buckets are PostgreSQL's")
    monkeypatch.setattr("search.ranking.LIMIT", 3)
    monkeypatch.setattr("search.ranking.BATCH", 4)
    old = [make_page(homes["en"], f"Estuary {n}", "estuary") for n in range(3)]
    with connection.cursor() as cursor:  # the next entries, ten buckets later
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('wagtailsearch_indexentry', 'id'), "
            "(SELECT max(id) FROM wagtailsearch_indexentry) + %s)",
            [10 * BUCKET],
        )
    new = [make_page(homes["en"], f"Estuary new {n}", "estuary") for n in range(2)]
    english = Locale.objects.get(language_code="en")
    marks = EntryWords.objects.get(object_id=new[0].pk).words
    assert f"'#l{english.pk}'" in marks and "'#t" in marks and "'#r" in marks  # written by the trigger
    pages = public_pages(Page.objects.live().filter(locale=english))
    with reading():
        ids, more = ranked_ids(pages, "estuary", locale_id=english.pk)
    assert set(ids) == {new[0].pk, new[1].pk, old[2].pk} and more  # the newest three of five
    monkeypatch.setattr("search.ranking.LIMIT", 5)
    with reading():
        ids, more = ranked_ids(pages, "estuary", locale_id=english.pk)
    assert set(ids) == {page.pk for page in old + new} and not more
