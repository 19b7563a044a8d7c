import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.i18n import current_language
from core.visibility import is_management_unit

from .forms import ApplicantReplyForm, JoinApplicationForm
from .models import OPEN_STATES, JoinApplication, State
from .services import application_resubmit, application_submit, application_withdraw

RATE_LIMIT = 10  # posts of the form from one address
RATE_WINDOW = 10 * 60  # seconds


def _rate_key(request) -> str:
    # Only a hash of the address is kept, and only for the window.
    address = request.META.get("REMOTE_ADDR", "")
    return "join-rate:" + hashlib.sha256((settings.SECRET_KEY + address).encode()).hexdigest()[:32]


def _too_many(request) -> bool:
    key = _rate_key(request)
    cache.add(key, 0, RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, RATE_WINDOW)
        count = 1
    return count > RATE_LIMIT


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET":
        return render(request, "memberships/join_form.html", {"form": JoinApplicationForm()})
    if _too_many(request):
        return render(request, "memberships/join_rate_limited.html", status=429)
    form = JoinApplicationForm(request.POST, request.FILES)
    if request.POST.get("homepage"):
        # A robot filled the hidden field: answer as if all went well, store nothing.
        return redirect("memberships:join-thanks")
    if not form.is_eligible() and request.POST.get("body_kind"):
        return render(request, "memberships/join_not_eligible.html", {"partnership_email": settings.PARTNERSHIP_EMAIL})
    if not form.is_valid():
        form.keep_letter_for_next_try()
        return render(request, "memberships/join_form.html", {"form": form}, status=400)
    data = {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in ("body_kind", "challenges", "priorities", "letter", "pending_letter", "homepage")
    }
    application_submit(
        data=data,
        challenges=form.cleaned_data["challenges"],
        priorities=form.cleaned_data["priorities"],
        letter=form.cleaned_data["letter"],
        language=current_language(),
    )
    return redirect("memberships:join-thanks")


@require_GET
def join_thanks(request):
    return render(request, "memberships/join_thanks.html")


@require_GET
def letter(request, pk: int, event: int | None = None):
    """The letter of commitment (the latest, or the one sent with one step), for the Management Unit only."""
    if not is_management_unit(request.user):
        raise Http404
    application = get_object_or_404(JoinApplication, pk=pk)
    stored = application.letter
    if event is not None:
        stored = get_object_or_404(application.events.exclude(letter=""), pk=event).letter
    response = FileResponse(
        stored.open("rb"),
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


@require_http_methods(["GET", "POST"])
def applicant_page(request, token: str):
    """The applicant's own page, from the link in their e-mails: answer a request for
    information (with a new letter if asked), or withdraw the application."""
    application = _by_token(token)
    reply_form = ApplicantReplyForm(prefix="reply")
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                application_withdraw(application=application, note=request.POST.get("note", "").strip()[:4000])
            elif action == "reply":
                reply_form = ApplicantReplyForm(request.POST, request.FILES, prefix="reply")
                if not reply_form.is_valid():
                    reply_form.keep_letter_for_next_try()
                    raise ValidationError(_("Please correct the answer below."))
                application_resubmit(
                    application=application,
                    note=reply_form.cleaned_data["note"],
                    letter=reply_form.cleaned_data["letter"],
                )
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
