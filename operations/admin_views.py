"""The Management Unit's side of personal data (docs/operations.md): find a person by address, download
everything held about them, erase it on request, and review accounts nobody has used for a long time."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.visibility import is_management_unit

from .erasure import ErasureRefused, erasure_refusal, personal_data_erase
from .models import PersonalDataRequest
from .personal_data import personal_data_export, records_about
from .retention import inactive_years, years_text

RECENT_REQUESTS = 20


class FindPersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("The person's e-mail address"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.person = get_user_model().objects.filter(email__iexact=email, erased_at__isnull=True).first()
        if self.person is None and not records_about(email=email):
            raise forms.ValidationError(gettext_lazy("No account or record has this address."))
        return email


class EraseForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("The request"),
        help_text=gettext_lazy("Who asked, when and how (for example: by e-mail on 3 March). Kept with the record."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.CharField(label=gettext_lazy("Type the person's e-mail address to confirm"), max_length=254)

    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.address = address

    def clean_confirm(self):
        confirm = self.cleaned_data["confirm"].strip()
        if confirm.lower() != self.address.lower():
            raise forms.ValidationError(gettext_lazy("This is not the person's address."))
        return confirm


def _management_unit_only(request):
    if not is_management_unit(request.user):
        raise PermissionDenied


def _name(person=None, email: str = "") -> str:
    # Isolated (FSI … PDI): a Latin name with brackets in an Arabic title keeps its own order.
    return f"\u2068{(person.name or person.email) if person else email}\u2069"


@require_http_methods(["GET"])
def personal_data_find(request):
    """Find a person by address (the Management Unit does not manage accounts): their account's page, or,
    for a person without an account (an applicant, an event's guest), the records holding the address."""
    _management_unit_only(request)
    form = FindPersonForm(request.GET or None)
    if form.is_bound and form.is_valid():
        if form.person is not None:
            return redirect("operations_personal_data", pk=form.person.pk)
        return _person_page(request, email=form.cleaned_data["email"])
    inactive = _inactive_accounts().count()
    context = {
        "form": form,
        "header_title": _("Personal data"),
        "recent": PersonalDataRequest.objects.select_related("actor", "person")[:RECENT_REQUESTS],
        "inactive": inactive,
        "inactive_years": inactive_years(),
        "inactive_period": years_text(inactive_years()),
    }
    return render(request, "operations/admin/personal_data_find.html", context, status=400 if form.is_bound else 200)


def _person_page(request, *, person=None, email: str = "", erase_form=None, status=200):
    address = person.email if person else email
    counts = sorted(
        (str(model._meta.verbose_name_plural).capitalize(), label, len(rows))
        for label, (model, rows) in records_about(person=person, email=email).items()
    )
    context = {
        "person": person,
        "email": address,
        "counts": counts,
        "refusal": erasure_refusal(actor=request.user, person=person, email=email),
        "erase_form": erase_form or EraseForm(address=address),
        "header_title": _("Personal data of %(name)s") % {"name": _name(person, email)},
    }
    return render(request, "operations/admin/personal_data.html", context, status=status)


def _download(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def personal_data(request, pk: int):
    """GET: what is held (how many records of each kind), the download and the erasure; POST: the JSON file,
    recorded."""
    _management_unit_only(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        return _download(personal_data_export(actor=request.user, person=person), f"personal-data-{person.pk}.json")
    return _person_page(request, person=person)


@require_POST
def personal_data_by_address(request):
    """The JSON file for a person without an account, found by address (sent in the form, not the address)."""
    _management_unit_only(request)
    form = FindPersonForm(request.POST)
    if not form.is_valid() or form.person is not None:
        return redirect("operations_personal_data_find")
    return _download(personal_data_export(actor=request.user, email=form.cleaned_data["email"]), "personal-data.json")


def _erase(request, *, person=None, email: str = ""):
    address = person.email if person else email
    form = EraseForm(request.POST, address=address)
    if form.is_valid():
        try:
            record = personal_data_erase(actor=request.user, note=form.cleaned_data["note"], person=person, email=email)
        except ErasureRefused as refused:
            form.add_error(None, refused.message)
        else:
            count = sum(sum(kinds.values()) for kinds in record.summary.values())
            messages.success(
                request,
                ngettext(
                    "The personal data was erased: %(count)s record was deleted or made anonymous.",
                    "The personal data was erased: %(count)s records were deleted or made anonymous.",
                    count,
                )
                % {"count": count},
            )
            return redirect("operations_personal_data_find")
    return _person_page(request, person=person, email=email, erase_form=form, status=400)


@require_POST
def personal_data_erase_account(request, pk: int):
    _management_unit_only(request)
    return _erase(request, person=get_object_or_404(get_user_model(), pk=pk))


@require_POST
def personal_data_erase_address(request):
    _management_unit_only(request)
    form = FindPersonForm(request.POST)
    if not form.is_valid() or form.person is not None:
        return redirect("operations_personal_data_find")
    return _erase(request, email=form.cleaned_data["email"])


def _inactive_accounts():
    """Accounts not signed in to (or, never signed in, not created) for RETENTION_INACTIVE_ACCOUNT_DAYS."""
    cutoff = timezone.now() - timedelta(days=settings.RETENTION_INACTIVE_ACCOUNT_DAYS)
    return (
        get_user_model()
        .objects.filter(erased_at__isnull=True, is_superuser=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff)
    )


@require_http_methods(["GET"])
def inactive_accounts(request):
    """Accounts flagged for review under the retention rules: the oldest first, with their roles."""
    _management_unit_only(request)
    accounts = _inactive_accounts().prefetch_related("roles__city", "roles__hub").order_by("last_seen", "pk")
    page = Paginator(accounts, 50).get_page(request.GET.get("p"))
    context = {
        "page": page,
        "years": inactive_years(),
        "header_title": _("Accounts not used for a long time"),
    }
    return render(request, "operations/admin/inactive_accounts.html", context)
