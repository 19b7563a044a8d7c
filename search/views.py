from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from core.i18n import current_language
from core.params import bounded_int

from .forms import SearchForm
from .query import count_label, known_kinds, site_search

MAX_PAGE = 10_000


@require_safe
def search(request):
    form = SearchForm(request.GET)
    query = form.query()
    kinds = known_kinds()
    kind = form.kind_value(kinds)
    unknown_kind = bool(request.GET.get("kind")) and kind is None
    page = bounded_int(request.GET.get("page"), default=1, minimum=1, maximum=MAX_PAGE)
    groups = site_search(query, language=current_language(), request=request, kind=kind, page=page)
    base = reverse("search:search")
    for group in groups:
        group.url = f"{base}?{urlencode({'q': query.text, 'kind': group.kind})}"
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "kind": kind,
        "unknown_kind": unknown_kind,
        "total": sum(group.count for group in groups),
        "total_label": count_label(sum(group.count for group in groups), any(group.more for group in groups)),
        "all_url": f"{base}?{urlencode({'q': query.text})}",
        "search_query_text": query.text,
        "querystring": urlencode({"q": query.text, "kind": kind}) if kind else "",
    }
    return render(request, "search/search_results.html", context)
