"""The focal point's profile form: public fields, taxonomy entries and contacts."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import City, CityChallenge, CityNeed, CityOffer, FocalPoint, Language


class TermSelect(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CityProfileForm(forms.ModelForm):
    working_languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = City
        fields = ["description_en", "description_ar", "description_fr", "description_es", "working_languages"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[:4]}


def _formset(model, fields, term_field=None):
    return inlineformset_factory(
        City,
        model,
        fields=fields,
        extra=1,
        can_delete=True,
        max_num=30,
        field_classes={term_field: TermSelect} if term_field else None,
    )


ChallengeFormSet = _formset(CityChallenge, ["challenge", "intensity"], "challenge")
OfferFormSet = _formset(CityOffer, ["practice_area", "maturity"], "practice_area")
NeedFormSet = _formset(CityNeed, ["practice_area", "priority"], "practice_area")
ContactFormSet = _formset(FocalPoint, ["name", "role", "email", "phone", "languages", "visibility"])
