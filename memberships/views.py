import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core import ratelimit
from core.forms import form_add_service_errors
from core.i18n import current_language
from core.pages import PRIVACY_SLUG, page_url_by_slug
from core.visibility import is_management_unit

from .forms import ApplicantReplyForm, JoinApplicationForm
from .models import LINK_DAYS_DECIDED, LINK_DAYS_OPEN, OPEN_STATES, JoinApplication, State
from .services import application_resubmit, application_submit, application_withdraw

logger = logging.getLogger(__name__)


def _join_form(request, form, status=200):
    """The join form, with a link to the privacy notice its consent box refers to (if the page exists)."""
    context = {"form": form, "privacy_url": page_url_by_slug(request, PRIVACY_SLUG)}
    return render(request, "memberships/join_form.html", context, status=status)


def _over_the_limit(request):
    """More posts from this visitor than `ratelimit.JOIN` allows: the form comes back as typed, with a
    message; nothing sent is read or stored (the letter, if any, is chosen again after the wait)."""
    form = JoinApplicationForm(request.POST)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Many applications have been sent from your connection in a short time. Please wait ten minutes, "
            "then send the form again. What you typed is kept below; if you attached a letter, choose it again."
        ),
    )
    return _join_form(request, form, status=429)


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET":
        return _join_form(request, JoinApplicationForm())
    if ratelimit.over_limit(ratelimit.JOIN, key=ratelimit.address_key(request)):
        return _over_the_limit(request)
    form = JoinApplicationForm(request.POST, request.FILES)
    if request.POST.get("homepage"):
        # A robot filled the hidden field: answer as if all went well, store nothing.
        return redirect("memberships:join-thanks")
    if not form.is_eligible() and request.POST.get("body_kind"):
        return render(request, "memberships/join_not_eligible.html", {"partnership_email": settings.PARTNERSHIP_EMAIL})
    if not form.is_valid():
        form.keep_letter_for_next_try()
        return _join_form(request, form, status=400)
    data = {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in ("body_kind", "challenges", "priorities", "letter", "pending_letter", "homepage")
    }
    try:
        application_submit(
            data=data,
            challenges=form.cleaned_data["challenges"],
            priorities=form.cleaned_data["priorities"],
            letter=form.cleaned_data["letter"],
            language=current_language(),
        )
    except ValidationError as refused:  # e.g. the kept letter was just used by another post
        form_add_service_errors(form, refused)
        return _join_form(request, form, status=400)
    except OSError:  # the letter could not be written (a full disk): nothing stored, the form comes back
        logger.exception("Join application not stored: its letter could not be written")
        form.letter_not_stored()
        return _join_form(request, form, status=503)
    return redirect("memberships:join-thanks")


@require_GET
def join_thanks(request):
    return render(request, "memberships/join_thanks.html")


@never_cache
@require_GET
def letter(request, pk: int, event: int | None = None):
    """The letter of commitment (the latest, or the one sent with one step), for the Management Unit only."""
    if not is_management_unit(request.user):
        raise Http404
    application = get_object_or_404(JoinApplication, pk=pk)
    stored = application.letter
    if event is not None:
        stored = get_object_or_404(application.events.exclude(letter=""), pk=event).letter
    try:
        handle = stored.open("rb") if stored else None
    except (FileNotFoundError, OSError):
        handle = None
    if handle is None:
        raise Http404  # the file is gone from storage: say so, not a server error
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"letter-{application.pk}{f'-{event}' if event else ''}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _by_token(token: str) -> JoinApplication:
    application = JoinApplication.objects.filter(withdraw_token=token).first()
    if application is None:
        raise Http404
    return application


@never_cache
@require_http_methods(["GET", "POST"])
def applicant_page(request, token: str):
    """The applicant's own page, from the link in their e-mails: answer a request for
    information (with a new letter if asked), or withdraw the application."""
    application = _by_token(token)
    if application.link_expired:
        return render(
            request,
            "memberships/applicant_expired.html",
            {
                "contact_email": settings.DEFAULT_FROM_EMAIL,
                "days_open": LINK_DAYS_OPEN,
                "days_decided": LINK_DAYS_DECIDED,
            },
            status=410,
        )
    reply_form = ApplicantReplyForm(prefix="reply")
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                application_withdraw(application=application, note=request.POST.get("note", ""))
            elif action == "reply":
                reply_form = ApplicantReplyForm(request.POST, request.FILES, prefix="reply")
                if not reply_form.is_valid():
                    reply_form.keep_letter_for_next_try()
                    raise ValidationError(_("Please correct the answer below."))
                try:
                    application_resubmit(
                        application=application,
                        note=reply_form.cleaned_data["note"],
                        letter=reply_form.cleaned_data["letter"],
                    )
                except ValidationError as refused:
                    if not hasattr(refused, "error_dict"):
                        raise
                    form_add_service_errors(reply_form, refused)  # e.g. the kept letter was already used
                    raise ValidationError(_("Please correct the answer below.")) from None
                except OSError:  # the new letter could not be written (a full disk): nothing stored
                    logger.exception("Applicant's answer not stored: its letter could not be written")
                    reply_form.letter_not_stored()
                    raise ValidationError(_("Please correct the answer below.")) from None
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect("memberships:applicant", token=token)
    return render(
        request,
        "memberships/applicant.html",
        {
            "application": application,
            "error": error,
            "reply_form": reply_form,
            "can_reply": application.state == State.MORE_INFO,
            "can_withdraw": application.state in OPEN_STATES,
            "last_request": application.events.filter(to_state=State.MORE_INFO).last(),
        },
        status=400 if error else 200,
    )
