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
from .languages import EVENT_LANGUAGES, language_name


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
        super().__init__(choices=lambda: [(code, language_name(code)) for code in EVENT_LANGUAGES], **kwargs)


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
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The event cannot end before it starts."))
        return cleaned


class RegistrationForm(SafeTextMixin, forms.Form):
    """A visitor's registration (signed-in people register as themselves: no field to fill)."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    organisation = forms.CharField(
        label=_("Your organisation or city"), max_length=200, required=False, help_text=_("Optional.")
    )
