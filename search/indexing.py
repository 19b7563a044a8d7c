"""What the site search indexes: every page type's text, folded, in Wagtail's own search index.

Wagtail's database backend (SQLite FTS5, PostgreSQL tsvector) matches whole words but knows
nothing of Arabic letter forms or harakat, and only SQLite's tokenizer drops Latin accents. So
each page is indexed a second time through `core.text.fold`, and the query is folded the same
way (`search.query.query_terms`): "المدينه", "المدينة" and "المَدِينَة" give the same words,
as do "résiliente" and "resiliente", on both databases.

How a page type takes part — nothing to do:
- `install_folded_fields()` (called from `SearchConfig.ready()`) adds two fields to the
  `search_fields` of every Wagtail page model, whatever app defines it: the folded title
  (indexed as title, so it ranks like a title) and the folded text of every other `SearchField`
  of the model (StreamField and rich text included, through Wagtail's own `get_value`). A page
  type that lists more `SearchField`s (summary, authors…) gets them folded too.
- The results are grouped by the model's `search_kind` class attribute ("pages", "resources",
  "news"…; `KIND_LABELS` names the known ones); without one, the group is the model's own,
  named by its `verbose_name_plural`.
- A page type may define `search_summary(self) -> str` to choose the text the result shows
  (default: the first `SearchField` text that contains a searched word).

Pages already in the database are indexed once with `manage.py update_index` (after deploying
this, or after changing a page type's `search_fields`); Wagtail keeps the index up to date on
every save, publish, unpublish and delete afterwards.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from core.text import fold

# The groups the search knows by name, in the order it shows them; other kinds come after.
KIND_LABELS = {
    "pages": _("Pages"),
    "resources": _("Resources"),
    "news": _("News"),
    "cities": _("Member authorities"),
}


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


class _FoldedField(index.SearchField):
    """A `SearchField` whose value is computed from the whole page, folded."""

    def get_value(self, obj):
        raise NotImplementedError

    def get_field(self, cls):
        # Never a model column: Wagtail reads the value from `get_value` only.
        from django.core.exceptions import FieldDoesNotExist

        raise FieldDoesNotExist(self.field_name)


class FoldedTitle(_FoldedField):
    """The folded title. Named "title" so that both database backends put it in the index's
    title column (ranked above the body), next to the title as written."""

    def __init__(self):
        super().__init__("title", boost=2)

    def get_value(self, obj):
        return fold(obj.title)


class FoldedText(_FoldedField):
    """The folded text of every other `SearchField` of the page. Wagtail only uses a field's
    name to tell titles from body text here, and its model checks want the name to exist on
    every page: `search_description` (a field of every page, and part of what is folded)."""

    def __init__(self):
        super().__init__("search_description")

    def get_value(self, obj):
        return fold(page_text(obj))


def text_fields(model) -> list[index.SearchField]:
    """The model's own `SearchField`s except the title and the folded copies."""
    return [
        field
        for field in model.get_searchable_search_fields()
        if not isinstance(field, _FoldedField) and field.field_name != "title"
    ]


def page_text(page) -> str:
    """The page's searchable text as written (no title), for indexing and for result snippets."""
    parts = [_as_text(field.get_value(page)) for field in text_fields(type(page))]
    if page.search_description:
        parts.append(page.search_description)
    return " ".join(part for part in parts if part)


def install_folded_fields() -> None:
    """Add the folded title and text to the `search_fields` of every page model (idempotent)."""
    from wagtail.models import get_page_models

    for model in get_page_models():
        current = list(model.search_fields)
        if any(isinstance(field, _FoldedField) for field in current):
            continue
        model.search_fields = [*current, FoldedTitle(), FoldedText()]


def kind_of(model) -> str:
    """The result group of a page model: its `search_kind`, else the model itself."""
    return getattr(model, "search_kind", None) or model._meta.label_lower


def kind_label(kind: str, model=None):
    if kind in KIND_LABELS:
        return KIND_LABELS[kind]
    if model is not None:
        return model._meta.verbose_name_plural
    return kind


def kind_order(kind: str) -> tuple:
    known = list(KIND_LABELS)
    return (known.index(kind), "") if kind in known else (len(known), kind)
