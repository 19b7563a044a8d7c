"""A member authority's stage in the Wagtail admin: the stage is read-only on the edit form;
the Management Unit moves it here, one allowed step at a time, through `city_change_stage`.

Thin view: the form says which steps exist now, the service decides and records.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import form_add_service_errors
from core.visibility import is_management_unit
from core.workflow import NOTE_LIMIT

from .models import City, Stage
from .services import city_change_stage, city_stages_after


class StageChangeForm(forms.Form):
    to = forms.ChoiceField(label=gettext_lazy("New stage"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        help_text=gettext_lazy("Why the stage changes. The city's focal points receive it by e-mail."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, city: City, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(stage, Stage(stage).label) for stage in city_stages_after(city)]
        self.fields["note"].widget.attrs["maxlength"] = NOTE_LIMIT


def stage_change(request, pk: int):
    if not is_management_unit(request.user):
        raise PermissionDenied
    city = get_object_or_404(City.objects.select_related("country"), pk=pk)
    form = StageChangeForm(request.POST or None, city=city)
    if request.method == "POST" and form.is_valid():
        try:
            city = city_change_stage(
                city=city, to=form.cleaned_data["to"], actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(city)s is now “%(stage)s”.") % {"city": city.name, "stage": city.get_stage_display()}
            )
            return redirect("wagtailsnippets_cities_city:edit", city.pk)
    return render(
        request,
        "cities/admin/stage_change.html",
        {
            "city": city,
            "form": form,
            "events": city.stage_events.select_related("actor").order_by("-created_at", "-pk")[:50],
            "header_title": _("Membership stage of %(city)s") % {"city": city.name},
        },
        status=400 if form.errors else 200,
    )
