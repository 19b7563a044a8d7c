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


class EndorsementForm(SafeTextMixin, forms.Form):
    """Endorse a declaration for a city: focal points for their own city (today), staff on a city's
    behalf with the date it endorsed."""

    city = forms.ModelChoiceField(label=_("Member city"), queryset=None)
    endorsed_on = forms.DateField(
        label=_("Endorsed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the city endorsed the declaration (recorded on its behalf)."),
    )  # fmt: skip
    statement = forms.CharField(
        label=_("Message from the city"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: a few words from the city, shown with its endorsement."),
    )  # fmt: skip

    def __init__(self, *args, cities, on_behalf: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        if not on_behalf:
            del self.fields["endorsed_on"]
            if cities.count() == 1:
                self.fields["city"].initial = cities.first()


class ProgressForm(SafeTextMixin, forms.Form):
    """An endorsing city's progress: for each commitment a status and a short note (only what changed
    is recorded, dated)."""

    def __init__(self, *args, commitments: list[dict], latest: dict, **kwargs):
        from .models import ProgressStatus

        super().__init__(*args, **kwargs)
        self.commitments = commitments
        for item in commitments:
            before = latest.get(item["id"])
            self.fields[f"status_{item['id']}"] = forms.ChoiceField(
                label=_("Status"),
                choices=[("", _("No report yet")), *ProgressStatus.choices],
                required=False,
                initial=before.status if before else "",
            )
            self.fields[f"note_{item['id']}"] = forms.CharField(
                label=_("Note"), required=False, max_length=1000, initial=before.note if before else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def rows(self) -> list[dict]:
        return [
            {**item, "status": self[f"status_{item['id']}"], "note": self[f"note_{item['id']}"]}
            for item in self.commitments
        ]

    def clean(self):
        cleaned = super().clean()
        for item in self.commitments:
            if cleaned.get(f"note_{item['id']}", "").strip() and not cleaned.get(f"status_{item['id']}"):
                self.add_error(f"status_{item['id']}", _("Choose a status for this note."))
        return cleaned

    def changes(self, latest: dict) -> list[tuple[str, str, str]]:
        """(commitment id, status, note) for each commitment whose status or note changed."""
        changed = []
        for item in self.commitments:
            status = self.cleaned_data.get(f"status_{item['id']}")
            note = self.cleaned_data.get(f"note_{item['id']}", "").strip()
            before = latest.get(item["id"])
            if status and (before is None or (before.status, before.note) != (status, note)):
                changed.append((item["id"], status, note))
        return changed
