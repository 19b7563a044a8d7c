"""The focal point's profile form: public fields, taxonomy entries and contacts."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import SafeTextMixin, SafeTextModelForm

from .models import City, CityChallenge, CityNeed, CityOffer, FocalPoint, Language
from .permissions import contact_levels_editable_by


class TermSelect(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CityProfileForm(SafeTextMixin, forms.ModelForm):
    working_languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # What the person opened: the profile's edit version, and a fingerprint of each part as
    # they saw it (cities/conflicts.py), so a stale save is refused and shows what changed.
    edit_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("This form is out of date. Open the profile again to edit it."),
            "invalid": _("This form is out of date. Open the profile again to edit it."),
            "min_value": _("This form is out of date. Open the profile again to edit it."),
        },
    )
    opened = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)

    class Meta:
        model = City
        fields = ["description_en", "description_ar", "description_fr", "description_es", "working_languages"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[:4]}

    def __init__(self, *args, opened: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_version"].initial = self.instance.edit_version
        self.fields["opened"].initial = opened


class ContactBaseFormSet(BaseInlineFormSet):
    """A city's contacts as `editor` may handle them (`cities/permissions.py`): only the contacts
    they may see are in it, only audiences they belong to are offered, and a post naming any
    other contact is refused, so nothing hidden from them is shown, widened or removed."""

    def __init__(self, data=None, files=None, instance=None, *, editor, **kwargs):
        self.levels = contact_levels_editable_by(editor, instance)
        kwargs["queryset"] = FocalPoint.objects.filter(visibility__in=self.levels)
        super().__init__(data, files, instance=instance, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_field = form.fields[self._pk_field.name]
        pk_field.queryset = self.get_queryset()
        pk_field.error_messages["invalid_choice"] = _("This contact is not one you can change.")
        visibility = form.fields["visibility"]
        visibility.choices = [(value, label) for value, label in visibility.choices if value in self.levels]
        visibility.error_messages["invalid_choice"] = _(
            "Choose one of the audiences offered: you can only give a contact an audience you belong to."
        )
        if form.instance._state.adding and self.levels:
            form.initial["visibility"] = self.levels[-1]  # the narrowest audience they can choose

    def clean(self):
        super().clean()
        # A removed row's own errors are not counted by the formset: refuse the whole post here.
        if any(form.has_error(self._pk_field.name) for form in self.forms):
            raise ValidationError(
                _("The form named a contact that is not one you can change, so nothing was saved."),
                code="contact_not_editable",
            )


def _formset(model, fields, term_field=None, formset=BaseInlineFormSet):
    return inlineformset_factory(
        City,
        model,
        formset=formset,
        fields=fields,
        extra=1,
        can_delete=True,
        max_num=30,
        form=SafeTextModelForm,
        field_classes={term_field: TermSelect} if term_field else None,
    )


ChallengeFormSet = _formset(CityChallenge, ["challenge", "intensity"], "challenge")
OfferFormSet = _formset(CityOffer, ["practice_area", "maturity"], "practice_area")
NeedFormSet = _formset(CityNeed, ["practice_area", "priority"], "practice_area")
ContactFormSet = _formset(
    FocalPoint, ["name", "role", "email", "phone", "languages", "visibility"], formset=ContactBaseFormSet
)
