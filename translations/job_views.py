"""Machine translation jobs in the Wagtail admin: "Machine-translate this page" (choose the languages,
publish or keep drafts, see the page's jobs, try a failed one again) and the list of every job for the
Management Unit and translators.

Thin views: every change goes through `jobs.py` (`translation_jobs_request`, `translation_job_retry`),
which checks the page permissions again; the views check them first to answer 403.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages as admin_messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from core.forms import form_add_service_errors
from core.l10n import cldr_list, number

from .dashboard import translatable_snippet_models
from .glossary_review import glossary_flags
from .jobs import (
    can_publish_translation,
    can_request_translation,
    can_retry,
    can_see_all_jobs,
    is_live,
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


def _snippet_or_404(app_label: str, model_name: str, pk: int):
    """A translatable snippet (pages apart), or 404."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model not in translatable_snippet_models():
        raise Http404
    return get_object_or_404(model.objects.select_related("locale"), pk=pk)


def translate_url(original) -> str:
    if isinstance(original, Page):
        return reverse("translation_jobs:translate", args=[original.pk])
    meta = original._meta
    return reverse("translation_jobs:translate-snippet", args=[meta.app_label, meta.model_name, original.pk])


def _jobs_of(original, user) -> list[TranslationJob]:
    jobs = list(
        TranslationJob.objects.filter(**TranslationJob.of(original))
        .select_related("target_locale", "requested_by")
        .order_by("target_locale__language_code")
    )
    targets = {translation.locale_id: translation for translation in original.get_translations()}
    finder = AdminURLFinder(user)
    for job in jobs:
        job.retryable = can_retry(job)
        target = targets.get(job.target_locale_id)
        job.target_url = finder.get_edit_url(target) if target is not None else None
    return jobs


def translate(request, page_id: int):
    return _translate(request, _page_or_404(page_id))


def translate_snippet(request, app_label: str, model_name: str, pk: int):
    return _translate(request, _snippet_or_404(app_label, model_name, pk))


def _translate(request, original):
    """ "Machine-translate": choose the languages and publish-or-draft, see the jobs (a page or a snippet)."""
    if not can_request_translation(request.user, original):
        raise PermissionDenied
    targets = translation_targets(original)
    may_publish = can_publish_translation(request.user, original) and is_live(original)
    original_of = translation_of(original)
    form = TranslateForm(request.POST or None, targets=targets, may_publish=may_publish)
    if request.method == "POST" and original_of is None and form.is_valid():
        try:
            jobs = translation_jobs_request(
                user=request.user,
                original=original,
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
            return redirect(translate_url(original))
    is_page = isinstance(original, Page)
    return render(
        request,
        "translations/admin/translationjob_translate.html",
        {
            "original": original,
            "is_page": is_page,
            "form": form,
            "targets": targets,
            "own": [target for target in targets if target.kind == "own"],
            "original_of": original_of,
            "may_publish": may_publish,
            "live": is_live(original),
            "jobs": _jobs_of(original, request.user),
            "header_title": _("Machine-translate: %(title)s")
            % {"title": original.get_admin_display_title() if is_page else str(original)},
        },
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_POST
def retry(request, pk: int):
    job = get_object_or_404(TranslationJob.objects.select_related("page", "snippet_type"), pk=pk)
    try:
        original = job.original()
    except ObjectDoesNotExist:
        raise Http404 from None
    if not can_request_translation(request.user, original):
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
    return redirect(translate_url(original))


def job_list(request):
    if not can_see_all_jobs(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "")
    if state not in TranslationJob.State.values:
        state = ""
    jobs = TranslationJob.objects.select_related("page", "snippet_type", "target_locale", "requested_by").order_by(
        "-requested_at", "-pk"
    )
    if state:
        jobs = jobs.filter(state=state)
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    _with_originals(rows)
    for job in rows:
        job.retryable = (
            job.original_object is not None
            and can_retry(job)
            and can_request_translation(request.user, job.original_object)
        )
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


def _with_originals(jobs: list[TranslationJob]) -> None:
    """Each job's original (`original_object`, None once deleted), its title and the way to its jobs:
    one query per snippet model on the list (pages come with the jobs)."""
    wanted: dict = {}
    for job in jobs:
        if job.snippet_type_id is not None:
            wanted.setdefault(job.snippet_type, set()).add(job.snippet_id)
    snippets = {
        (content_type.pk, obj.pk): obj
        for content_type, ids in wanted.items()
        for obj in content_type.model_class().objects.filter(pk__in=ids)
    }
    for job in jobs:
        if job.page_id is not None:
            job.original_object = job.page
            job.original_title = job.page.get_admin_display_title()
        else:
            job.original_object = snippets.get((job.snippet_type_id, job.snippet_id))
            job.original_title = str(job.original_object) if job.original_object is not None else "—"
        job.original_url = translate_url(job.original_object) if job.original_object is not None else ""


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
