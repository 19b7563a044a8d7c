"""The glossary in the Wagtail admin: a snippet the Management Unit and translators edit
(their groups hold its permissions, `accounts/groups.py`); nobody else sees it."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import job_admin  # noqa: F401  (machine translation jobs: button, URLs, menu, edit-view message)
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


# The translation dashboard (issue 11 part 5): the Management Unit and translators.


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    from django.urls import include, path

    from . import dashboard_views

    urls = [path("", dashboard_views.translation_dashboard, name="dashboard")]
    return [path("translation-dashboard/", include((urls, "translation_dashboard"), namespace="translation_dashboard"))]


class TranslationDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        from . import dashboard_views

        return dashboard_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    from django.urls import reverse

    return TranslationDashboardMenuItem(
        _("Translations"), reverse("translation_dashboard:dashboard"), icon_name="globe", order=155
    )


# Readers' translation reports (issue 11 part 4): the reviewers' queue, for the Management Unit and translators.


@hooks.register("register_admin_urls")
def register_report_urls():
    from django.urls import include, path

    from . import report_admin_views

    urls = [
        path("", report_admin_views.queue, name="queue"),
        path("<int:pk>/close/", report_admin_views.close, name="close"),
    ]
    return [
        path(
            "translation-reports/",
            include((urls, "translation_reports_admin"), namespace="translation_reports_admin"),
        )
    ]


class TranslationReportsMenuItem(MenuItem):
    """ "Translation reports (3)": the open count, one query, for reviewers only."""

    def is_shown(self, request):
        from . import report_admin_views

        return report_admin_views.visible_in_menu(request)

    def render_component(self, request):
        from django.utils.translation import gettext

        from core.l10n import number

        from .selectors import open_report_counts

        count = sum(open_report_counts().values())
        component = super().render_component(request)
        if count:
            component.label = gettext("Translation reports (%(count)s open)") % {"count": number(count)}
        return component


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    from django.urls import reverse

    return TranslationReportsMenuItem(
        _("Translation reports"),
        reverse("translation_reports_admin:queue"),
        name="translation-reports",
        icon_name="warning",
        order=157,
    )
