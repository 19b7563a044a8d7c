"""Machine translation jobs in the Wagtail admin: "Machine-translate this page" (choose the languages,
publish or keep drafts, see the page's jobs, try a failed one again) and the list of every job for the
Management Unit and translators.

Thin views: every change goes through `jobs.py` (`translation_jobs_request`, `translation_job_retry`),
which checks the page permissions again; the views check them first to answer 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages as admin_messages
from wagtail.models import Page

from core.forms import form_add_service_errors
from core.l10n import cldr_list, number

from .glossary_review import glossary_flags
from .jobs import (
    can_publish_translation,
    can_request_translation,
    can_retry,
    can_see_all_jobs,
    original_of,
    translation_job_retry,
    translation_jobs_request,
    translation_of,
    translation_targets,
)
from .models import TranslationJob

DRAFT, PUBLISH = "draft", "publish"
JOBS_PER_PAGE = 50


class LanguagesField(forms.MultipleChoiceField):
    """The languages offered; a language not offered is refused by the service, which says why."""

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class TranslateForm(forms.Form):
    languages = LanguagesField(
        label=gettext_lazy("Languages"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one language."),
            "invalid_choice": gettext_lazy("Choose among the languages listed."),
        },
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("When the translations are ready"),
        widget=forms.RadioSelect,
        initial=DRAFT,
        error_messages={"invalid_choice": gettext_lazy("Choose to publish at once or to keep drafts.")},
    )

    def __init__(self, *args, targets, may_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        offered = [target for target in targets if target.offered]
        self.fields["languages"].choices = [
            (
                target.locale.language_code,
                target.locale.get_display_name()
                if target.kind == "new"
                else _("%(language)s (updates the existing translation; what a person wrote is kept)")
                % {"language": target.locale.get_display_name()},
            )
            for target in offered
        ]
        self.fields["languages"].initial = [target.locale.language_code for target in offered if target.default]
        choices = [(DRAFT, _("Keep as drafts for review"))]
        if may_publish:
            choices.append((PUBLISH, _("Publish at once, marked as machine-translated and not yet reviewed")))
        self.fields["outcome"].choices = choices


def _page_or_404(page_id: int) -> Page:
    return get_object_or_404(Page.objects.select_related("locale"), pk=page_id)


def _page_jobs(page: Page) -> list[TranslationJob]:
    jobs = list(
        TranslationJob.objects.filter(page=page)
        .select_related("target_locale", "requested_by")
        .order_by("target_locale__language_code")
    )
    targets = {
        translation.locale_id: translation
        for translation in page.get_translations().only("pk", "locale_id", "title", "draft_title")
    }
    for job in jobs:
        job.retryable = can_retry(job)
        job.target_page = targets.get(job.target_locale_id)
    return jobs


def translate(request, page_id: int):
    page = _page_or_404(page_id)
    if not can_request_translation(request.user, page):
        raise PermissionDenied
    targets = translation_targets(page)
    may_publish = can_publish_translation(request.user, page) and page.live
    original_of = translation_of(page)
    form = TranslateForm(request.POST or None, targets=targets, may_publish=may_publish)
    if request.method == "POST" and original_of is None and form.is_valid():
        try:
            jobs = translation_jobs_request(
                user=request.user,
                page=page,
                language_codes=form.cleaned_data["languages"],
                publish=form.cleaned_data["outcome"] == PUBLISH,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Machine translation queued for %(languages)s. The drafts appear within a minute; this page shows how it goes."
                )
                % {"languages": cldr_list(job.target_locale.get_display_name() for job in jobs)},
            )
            return redirect("translation_jobs:translate", page_id=page.pk)
    return render(
        request,
        "translations/admin/translationjob_translate.html",
        {
            "page": page,
            "form": form,
            "targets": targets,
            "own": [target for target in targets if target.kind == "own"],
            "original_of": original_of,
            "may_publish": may_publish,
            "jobs": _page_jobs(page),
            "header_title": _("Machine-translate: %(title)s") % {"title": page.get_admin_display_title()},
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_POST
def retry(request, pk: int):
    job = get_object_or_404(TranslationJob.objects.select_related("page"), pk=pk)
    if not can_request_translation(request.user, job.page):
        raise PermissionDenied
    try:
        translation_job_retry(user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The translation is queued again."))
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("translation_jobs:translate", page_id=job.page_id)


def job_list(request):
    if not can_see_all_jobs(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "")
    if state not in TranslationJob.State.values:
        state = ""
    jobs = TranslationJob.objects.select_related("page", "target_locale", "requested_by").order_by(
        "-requested_at", "-pk"
    )
    if state:
        jobs = jobs.filter(state=state)
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for job in rows:
        job.retryable = can_retry(job) and can_request_translation(request.user, job.page)
    return render(
        request,
        "translations/admin/translationjob_list.html",
        {
            "jobs": rows,
            "page": page,
            "states": TranslationJob.State.choices,
            "current": state,
            "header_title": _("Translation jobs"),
            "here": request.get_full_path(),
        },
    )


def page_jobs_summary(page: Page) -> list[TranslationJob]:
    """The jobs the editor of `page` is told about on its edit view: those of the original (for the
    original and each of its translations), unfinished or stopped."""
    original = original_of(page)
    jobs = TranslationJob.objects.filter(page=original).select_related("target_locale")
    if original.pk != page.pk:
        jobs = jobs.filter(target_locale_id=page.locale_id)
    return [job for job in jobs if job.state != TranslationJob.State.DONE]


def glossary_check(request, page_id: int):
    """The segments of this page's translations (all languages for an original, its own for a
    translation) that lack a glossary term's approved form, with a way to the editor."""
    page = _page_or_404(page_id)
    if not can_request_translation(request.user, page):
        raise PermissionDenied
    original = original_of(page)
    return render(
        request,
        "translations/admin/glossary_check.html",
        {
            "page": page,
            "languages": glossary_flags(page),
            "is_original": original.pk == page.pk,
            "source_language": original.locale.language_code,
            "header_title": _("Glossary check: %(title)s") % {"title": page.get_admin_display_title()},
        },
    )


def _tell_about_glossary_flags(request, page: Page) -> None:
    languages = glossary_flags(page)
    if not languages:
        return
    count = sum(len(language.flags) for language in languages)
    admin_messages.warning(
        request,
        ngettext(
            "The glossary check flags %(count)s segment in %(languages)s: a term without its approved form.",
            "The glossary check flags %(count)s segments in %(languages)s: terms without their approved form.",
            count,
        )
        % {
            "count": number(count),
            "languages": cldr_list(language.locale.get_display_name() for language in languages),
        },
        buttons=[admin_messages.button(reverse("translation_jobs:glossary", args=[page.pk]), _("See the segments"))],
    )


def edit_view_messages(request, page: Page) -> None:
    """On the edit view (GET), tell the editor about this page's machine translations under way or
    stopped, and about segments the glossary check flags."""
    if request.method != "GET" or not can_request_translation(request.user, page):
        return
    _tell_about_glossary_flags(request, page)
    jobs = page_jobs_summary(page)
    if not jobs:
        return
    button = [admin_messages.button(reverse("translation_jobs:translate", args=[jobs[0].page_id]), _("See the jobs"))]
    under_way = [job for job in jobs if not job.finished]
    stopped = [job for job in jobs if job.finished]
    if under_way:
        admin_messages.info(
            request,
            _("Machine translation under way: %(languages)s.")
            % {"languages": cldr_list(job.target_locale.get_display_name() for job in under_way)},
            buttons=button,
        )
    if stopped:
        admin_messages.warning(
            request,
            _("Machine translation stopped: %(languages)s.")
            % {
                "languages": cldr_list(
                    f"{job.target_locale.get_display_name()} ({job.get_state_display()})" for job in stopped
                )
            },
            buttons=button,
        )
