"""The Management Unit's side of personal data: export everything held about a person (docs/operations.md)."""

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.visibility import is_management_unit

from .personal_data import person_data, personal_data_export


class FindPersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("The person's e-mail address"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.person = get_user_model().objects.filter(email__iexact=email).first()
        if self.person is None:
            raise forms.ValidationError(gettext_lazy("No account has this address."))
        return email


@require_http_methods(["GET"])
def personal_data_find(request):
    """Find a person's account by e-mail address, for the Management Unit (who do not manage accounts)."""
    if not is_management_unit(request.user):
        raise PermissionDenied
    form = FindPersonForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("operations_personal_data", pk=form.person.pk)
    context = {"form": form, "header_title": _("Personal data")}
    return render(request, "operations/admin/personal_data_find.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def personal_data(request, pk: int):
    """GET: what will be exported (how many records of each kind); POST: the JSON file, recorded."""
    if not is_management_unit(request.user):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        body = personal_data_export(actor=request.user, person=person)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{person.pk}.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    records = person_data(person)["records"]
    counts = sorted(
        (str(apps.get_model(label)._meta.verbose_name_plural).capitalize(), label, len(rows))
        for label, rows in records.items()
    )
    context = {
        "person": person,
        "counts": counts,
        # The name isolated (FSI … PDI): a Latin name with brackets in an Arabic title keeps its own order.
        "header_title": _("Personal data of %(name)s") % {"name": f"\u2068{person.name or person.email}\u2069"},
    }
    return render(request, "operations/admin/personal_data.html", context)
