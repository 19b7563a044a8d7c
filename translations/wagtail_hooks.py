"""The glossary in the Wagtail admin: a snippet the Management Unit and translators edit
(their groups hold its permissions, `accounts/groups.py`); nobody else sees it."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("Glossary")
    menu_name = "glossary"
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["term_en", "term_ar", "term_fr", "term_es", "do_not_translate", "updated_at"]
    list_filter = ["do_not_translate"]
    list_per_page = 100
    search_fields = ["term_en", "term_ar", "term_fr", "term_es"]
    search_backend_name = None  # plain database search on the fields above
    ordering = ["term_en"]


register_snippet(GlossaryViewSet)
