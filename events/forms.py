"""The event editor's form: times typed as the clock reads where the event happens, a zone from the list,
languages ticked from the list; each mistake is named next to its field."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput

from core.forms import SafeTextMixin

from . import times
from .languages import event_language_choices


class WallClockField(forms.DateTimeField):
    """A date and time with no zone of its own (naive): the event's zone gives it one in the form's
    `clean()`, not the editor's or the server's."""

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        with timezone.override(datetime.UTC):
            instant = super().to_python(value)
        return instant.replace(tzinfo=None) if instant else instant


class LanguagesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=event_language_choices, **kwargs)


class EventPageForm(WagtailAdminPageForm):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=times.zone_choices, initial="UTC")
    start = WallClockField(label=_("starts"), widget=AdminDateTimeInput)
    end = WallClockField(label=_("ends"), widget=AdminDateTimeInput)
    languages = LanguagesField(label=_("languages"), required=False)
    interpretation = LanguagesField(label=_("interpretation into"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.start and instance.end and instance.time_zone in times.zone_names():
            self.initial["start"] = times.wall_clock(instance.start, instance.time_zone)
            self.initial["end"] = times.wall_clock(instance.end, instance.time_zone)
        for name in ("time_zone", "start", "end"):
            self.fields[name].help_text = self._meta.model._meta.get_field(name).help_text

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is None:
                continue
            if not zone:  # the zone's own error is shown; the times wait for it (kept as typed)
                cleaned[name] = value.replace(tzinfo=datetime.UTC)
                continue
            try:
                cleaned[name] = times.to_utc(value, zone)
            except times.NonExistentTime:
                self.add_error(name, times.NON_EXISTENT_MESSAGE % {"zone": zone.replace("_", " ")})
        # "ends before it starts" is the model's check (EventPage.clean), on these times in UTC
        return cleaned


class RegistrationForm(SafeTextMixin, forms.Form):
    """A visitor's registration (signed-in people register as themselves: no field to fill)."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    organisation = forms.CharField(
        label=_("Your organisation or city"), max_length=200, required=False, help_text=_("Optional.")
    )


class ActionForm(SafeTextMixin, forms.Form):
    """Staff write a next step: what, details, one owner (a member city, a Regional Hub, or neither for
    the Management Unit), and when it is due."""

    title = forms.CharField(label=_("Next step"), max_length=300)
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )
    owner_city = forms.ModelChoiceField(label=_("Owner: member city"), queryset=None, required=False)
    owner_hub = forms.ModelChoiceField(
        label=_("Owner: Regional Hub"),
        queryset=None,
        required=False,
        help_text=_("Leave both owners empty for the Management Unit."),
    )
    due = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from cities.models import City, Hub, Stage

        super().__init__(*args, **kwargs)
        self.fields["owner_city"].queryset = City.objects.filter(stage=Stage.MEMBER).order_by("name")
        self.fields["owner_hub"].queryset = Hub.objects.order_by("pk")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("owner_city") and cleaned.get("owner_hub"):
            self.add_error("owner_hub", _("Choose one owner: a member city, a Regional Hub, or neither."))
        return cleaned


class ActionProgressForm(SafeTextMixin, forms.Form):
    """The owner's update: the status (kept, or one of the steps allowed from it) and a dated note."""

    status = forms.ChoiceField(label=_("Status"))
    note = forms.CharField(
        label=_("Progress note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What has happened since the last update. Seen by the owner and the network's staff."),
    )

    def __init__(self, *args, action, **kwargs):
        from .models import ACTION_STEPS, ActionStatus

        super().__init__(*args, **kwargs)
        self.action = action
        allowed = [action.status] + [after for before, after in ACTION_STEPS if before == action.status]
        labels = dict(ActionStatus.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in allowed]
        self.fields["status"].initial = action.status

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == self.action.status and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Write what has happened, or choose a new status."))
        return cleaned


class ActionFilterForm(forms.Form):
    """The actions board's filters (each optional; a value not in the lists is ignored)."""

    OWNER_KINDS = [("", _("Any owner")), ("city", _("Member cities")), ("hub", _("Regional Hubs")),
                   ("mu", _("Management Unit"))]  # fmt: skip

    owner = forms.ChoiceField(label=_("Owner"), choices=OWNER_KINDS, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    hub = forms.ModelChoiceField(label=_("Regional Hub"), queryset=None, required=False, empty_label=_("Any hub"))
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        from cities.models import Hub

        from .models import ActionStatus

        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = Hub.objects.order_by("pk")
        self.fields["status"].choices = [("", _("Any status")), *ActionStatus.choices]

    def filter(self, actions):
        from django.db.models import Q

        data = self.cleaned_data
        owner = data.get("owner")
        if owner == "city":
            actions = actions.filter(owner_city__isnull=False)
        elif owner == "hub":
            actions = actions.filter(owner_hub__isnull=False)
        elif owner == "mu":
            actions = actions.filter(owner_city__isnull=True, owner_hub__isnull=True)
        if data.get("city"):
            actions = actions.filter(owner_city__name__icontains=data["city"].strip())
        if data.get("hub"):
            hub = data["hub"]
            actions = actions.filter(Q(owner_hub=hub) | Q(owner_city__country__region__hub=hub))
        if data.get("status"):
            actions = actions.filter(status=data["status"])
        if data.get("overdue"):
            actions = actions.overdue()
        return actions
