"""The incident form and the timeline and statement forms of the incident page."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import Challenge, City
from core.forms import SafeTextMixin, SafeTextModelForm
from core.visibility import hub_ids_of, is_management_unit

from .models import Incident, IncidentStep
from .permissions import hubs_for


class CityByAddressField(forms.CharField):
    """A member authority typed by its address (slug) or its exact name: a select of 100,000 would not do."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = City.objects.filter(slug=value.strip().lower()).select_related("country__region__hub").first()
        if found is None:
            named = list(City.objects.filter(name__iexact=value.strip()).select_related("country__region__hub")[:2])
            found = named[0] if len(named) == 1 else None
        if found is None:
            raise forms.ValidationError(
                _("No member authority has this address or name: type the address shown in its profile's link.")
            )
        return found


class IncidentForm(SafeTextModelForm):
    city = CityByAddressField(
        label=_("Member authority"),
        required=False,
        max_length=200,
        help_text=_("The address (as in its profile's link) or the exact name of a member authority."),
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Challenges involved"),
        queryset=Challenge.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Incident
        fields = ["date", "kind", "city", "place_name", "latitude", "longitude", "hub", "challenges", "summary"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "summary": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "place_name": _("For a place that is not a member authority: its name, latitude and longitude."),
            "hub": _("For a place that is not a member authority: the Regional Hub it belongs to."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.city_id and not self.is_bound:
            self.initial["city"] = self.instance.city.slug
        self.fields["hub"].queryset = hubs_for(user)
        self.fields["hub"].empty_label = _("Central team (no hub)") if is_management_unit(user) else None
        self.fields["latitude"].widget.attrs.update(step="any")
        self.fields["longitude"].widget.attrs.update(step="any")

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date and date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean_challenges(self):
        challenges = self.cleaned_data.get("challenges")
        if not challenges:
            raise forms.ValidationError(_("Choose at least one challenge involved."))
        return challenges

    def clean(self):
        data = super().clean()
        city = data.get("city")
        name, lat, lon = data.get("place_name", ""), data.get("latitude"), data.get("longitude")
        if "city" in self.errors:
            return data
        if city is not None:
            if name or lat is not None or lon is not None:
                self.add_error("place_name", _("Give either a member authority or a place with coordinates, not both."))
                return data
            hub = city.hub
            if not is_management_unit(self.user) and (hub is None or hub.pk not in hub_ids_of(self.user)):
                self.add_error("city", _("You can record incidents only for places of your Regional Hub."))
            data["hub"] = hub
            return data
        if (
            not name
            and lat is None
            and lon is None
            and not self.errors.get("latitude")
            and not self.errors.get("longitude")
        ):
            self.add_error(
                "city",
                _("Unknown place: choose a member authority, or give a place name with its latitude and longitude."),
            )
            return data
        if not name:
            self.add_error("place_name", _("Give the place's name."))
        if lat is None and "latitude" not in self.errors:
            self.add_error("latitude", _("Give the place's latitude (between -90 and 90)."))
        if lon is None and "longitude" not in self.errors:
            self.add_error("longitude", _("Give the place's longitude (between -180 and 180)."))
        if data.get("hub") is None and not is_management_unit(self.user):
            self.add_error("hub", _("Choose your Regional Hub."))
        return data


class StepForm(SafeTextMixin, forms.ModelForm):
    class Meta:
        model = IncidentStep
        fields = ["when", "what"]
        widgets = {"when": forms.DateInput(attrs={"type": "date"}), "what": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].required = True  # blank only on the entries the platform words itself

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when and when > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return when


class StatementForm(SafeTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(label=_("Summary"), max_length=600, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    cosign_days = forms.IntegerField(label=_("Days open for co-signing"), min_value=1, max_value=60, initial=7)
