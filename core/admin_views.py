"""The outbox in the Wagtail admin: the Management Unit sees e-mails by status and sends failed ones again.

Thin views: reads here, every change through `core.services.email_resend` and
`accounts.services.invitation_resend`. Management Unit only (`is_management_unit`).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import EmailStatus, OutgoingEmail
from .services import email_resend
from .visibility import is_management_unit


def _require_management_unit(request):
    if not is_management_unit(request.user):
        raise PermissionDenied


def _status_from(value: str) -> str:
    return value if value in EmailStatus.values or value == "all" else EmailStatus.FAILED


def outbox(request):
    _require_management_unit(request)
    status = _status_from(request.GET.get("status", EmailStatus.FAILED))
    emails = OutgoingEmail.objects.defer("body", "html").order_by("-created_at", "-pk")
    if status != "all":
        emails = emails.filter(status=status)
    page = Paginator(emails, 50).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # A failed mail with a sign-in link is not resent as is: offer a fresh invitation to the person instead.
    addresses = {row.to[0].lower() for row in rows if row.secret_link and row.to and row.status == EmailStatus.FAILED}
    people = {person.email.lower(): person for person in get_user_model().objects.filter(email__in=addresses)}
    for row in rows:
        row.recipients = ", ".join(row.to)
        row.person = people.get(row.to[0].lower()) if row.to and row.status == EmailStatus.FAILED else None
    # People invited who never set their password: a lost or expired link is replaced from here.
    waiting = (
        get_user_model()
        .objects.filter(is_active=True, invitations__isnull=False)
        .exclude(invitations__used_at__isnull=False)
        .annotate(last_sent=Max("invitations__created_at"), expires=Max("invitations__expires_at"))
        .order_by("-last_sent")[:100]
    )
    return render(
        request,
        "core/admin/outbox.html",
        {
            "emails": rows,
            "waiting": waiting,
            "now": timezone.now(),
            "page": page,
            "statuses": EmailStatus.choices,
            "current": status,
            "header_title": _("Outbox"),
        },
    )


@require_POST
def resend(request, pk: int):
    _require_management_unit(request)
    email = get_object_or_404(OutgoingEmail, pk=pk)
    try:
        email_resend(email=email, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The e-mail is queued to be sent again."))
    return redirect(reverse("core_admin:outbox") + "?status=" + EmailStatus.FAILED)


def invite(request, user_pk: int):
    """Confirm, then send a person a fresh invitation (earlier unused links stop working)."""
    from accounts.services import invitation_resend

    _require_management_unit(request)
    person = get_object_or_404(get_user_model(), pk=user_pk)
    if request.method == "POST":
        try:
            invitation_resend(user=person, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("A new invitation is on its way to %(email)s; earlier links no longer work.")
                % {"email": person.email},
            )
        return redirect("core_admin:outbox")
    return render(
        request,
        "core/admin/invitation_resend.html",
        {"person": person, "header_title": _("Send a new invitation")},
    )


def visible_in_menu(request) -> bool:
    return is_management_unit(request.user)
