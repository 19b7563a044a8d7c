"""Forms for the exchange pages. They check what a person typed; the rules of the network
(who may ask whom, open exchanges on the same areas) are the services' and come back as errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import City, PracticeArea
from core.forms import SafeTextMixin
from core.visibility import focal_city_ids_of

from .models import State
from .services import ACTIVE_STAGES, TEXT_LIMIT


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.country.name})"


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ExchangeRequestForm(SafeTextMixin, forms.Form):
    requester = CityChoiceField(
        label=_("On behalf of"),
        queryset=City.objects.none(),
        to_field_name="slug",
        empty_label=None,
        error_messages={"invalid_choice": _("You can ask only on behalf of a city you are focal point of.")},
    )
    partner = CityChoiceField(
        label=_("Ask this member city"),
        queryset=City.objects.none(),
        to_field_name="slug",
        empty_label="—",
        error_messages={
            "required": _("Choose the city you would like to learn from or work with."),
            "invalid_choice": _("Choose a member city from the list: this one is not one you can ask."),
        },
    )
    areas = AreaChoiceField(
        label=_("Practice areas"),
        help_text=_("What the exchange is about. Choose one or more."),
        queryset=PracticeArea.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one practice area for the exchange."),
            "invalid_choice": _("Choose practice areas from the list."),
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        help_text=_("Say who you are, what you would like to learn or share, and when. The other city reads it first."),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a short message to the other city.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        own = City.objects.filter(pk__in=focal_city_ids_of(user)).select_related("country").order_by("name")
        self.fields["requester"].queryset = own
        self.own_cities = list(own)
        if len(self.own_cities) == 1:
            self.fields["requester"].widget = forms.HiddenInput()
            self.fields["requester"].initial = self.own_cities[0].slug
            self.fields["requester"].required = False
        # Any city the person may see is accepted here; the services say clearly why one cannot be asked.
        visible = City.objects.visible_to(user).select_related("country")
        self.fields["partner"].queryset = visible
        offered = visible.filter(stage__in=ACTIVE_STAGES).exclude(pk__in=[c.pk for c in self.own_cities])
        self.fields["partner"].widget.choices = [("", "—")] + [
            (city.slug, self.fields["partner"].label_from_instance(city)) for city in offered.order_by_name()
        ]

    def clean_requester(self):
        # With one city there is nothing to choose: it asks.
        return self.cleaned_data.get("requester") or self.single_requester

    @property
    def single_requester(self):
        return self.own_cities[0] if len(self.own_cities) == 1 else None


class MessageForm(SafeTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message before sending it.")},
    )


class StateFilterForm(forms.Form):
    OPEN = "open"
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), (OPEN, _("Open (requested, accepted or under way)")), *State.choices],
    )
