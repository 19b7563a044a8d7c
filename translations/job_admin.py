"""Wagtail admin wiring of the machine translation jobs (imported by `wagtail_hooks.py`): the
"Machine-translate this page" button (page header and listing "more" menu) and "Machine-translate" in
translatable snippets' listings, the admin URLs, the
"Translation jobs" menu item, and a message on a page's edit view about its jobs."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import job_views
from .jobs import can_request_translation, can_see_all_jobs

urlpatterns = [
    path("", job_views.job_list, name="list"),
    path("page/<int:page_id>/", job_views.translate, name="translate"),
    path("<int:pk>/retry/", job_views.retry, name="retry"),
    path("page/<int:page_id>/glossary/", job_views.glossary_check, name="glossary"),
    path("snippet/<str:app_label>/<str:model_name>/<int:pk>/", job_views.translate_snippet, name="translate-snippet"),
]


@hooks.register("register_admin_urls")
def register_job_urls():
    return [path("translation-jobs/", include((urlpatterns, "translation_jobs"), namespace="translation_jobs"))]


class MachineTranslateButton(PageMenuItem):
    label = _("Machine-translate this page")
    icon_name = "wagtail-localize-language"
    url_name = "translation_jobs:translate"

    def is_shown(self, user):
        return can_request_translation(user, self.page)


@hooks.register("register_page_header_buttons")
def machine_translate_header_button(page, user, view_name=None, next_url=None):
    yield MachineTranslateButton(page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def machine_translate_listing_button(page, user, next_url=None):
    yield MachineTranslateButton(page=page, priority=62)


@hooks.register("register_snippet_listing_buttons")
def machine_translate_snippet_button(snippet, user, next_url=None):
    """ "Machine-translate" in a translatable snippet's "more" menu (pages have their own button)."""
    from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
    from wagtail.models import Page, TranslatableMixin

    if (
        isinstance(snippet, TranslatableMixin)
        and not isinstance(snippet, Page)
        and can_request_translation(user, snippet)
    ):
        yield ListingMenuItem(
            _("Machine-translate"), job_views.translate_url(snippet), icon_name="wagtail-localize-language"
        )


class TranslationJobsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_all_jobs(request.user)


@hooks.register("register_admin_menu_item")
def register_jobs_menu_item():
    return TranslationJobsMenuItem(
        _("Translation jobs"), reverse("translation_jobs:list"), icon_name="wagtail-localize-language", order=170
    )


@hooks.register("before_edit_page", order=-1)
def tell_about_translation_jobs(request, page):
    job_views.edit_view_messages(request, page)
