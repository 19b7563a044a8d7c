from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SafeTextMixin

from .query import Query, parse_query


class SearchForm(SafeTextMixin, forms.Form):
    """The query string of /<lang>/search/: whatever is typed gives a page, never an error."""

    q = forms.CharField(label=_("Search the site"), required=False)
    kind = forms.CharField(required=False)

    def query(self) -> Query:
        # NUL and other control characters are dropped by SafeTextMixin; long text is cut in parse_query.
        return parse_query(self.cleaned_data.get("q", "") if self.is_valid() else "")

    def kind_value(self, known: set[str]) -> str | None:
        kind = self.cleaned_data.get("kind", "") if self.is_valid() else ""
        return kind if kind in known else None
