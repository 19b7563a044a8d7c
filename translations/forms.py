"""The readers' form for reporting a translation problem, and the reviewers' close form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import SafeTextMixin, form_add_service_errors
from core.workflow import NOTE_LIMIT, text_checked

from .models import TranslationReport


class ReportForm(SafeTextMixin, forms.Form):
    """Lengths are checked by `core.workflow.text_checked` (a message naming the limit and the
    length; nothing is cut), not by `max_length`, whose HTML attribute would let a browser cut a
    pasted text without a word."""

    quote = forms.CharField(
        label=_("The words that are wrong"),
        help_text=_("Copy them from the page, exactly as they are written there."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # checked in clean(), with the project's message
    )
    suggestion = forms.CharField(
        label=_("A better wording (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    note = forms.CharField(
        label=_("Anything else we should know (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_("Only to thank you when the problem has been looked at. Only the reviewers see it."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    revision = forms.CharField(required=False, widget=forms.HiddenInput)  # read by the service, never refused
    # Honeypot: people never see it; form-filling robots do.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    LIMITS = {
        "quote": TranslationReport.QUOTE_LIMIT,
        "suggestion": TranslationReport.TEXT_LIMIT,
        "note": TranslationReport.TEXT_LIMIT,
    }

    def clean(self):
        data = super().clean()
        for name, limit in self.LIMITS.items():
            if name not in data:
                continue
            required = _("Please copy the words that are wrong into this field.") if name == "quote" else None
            try:
                data[name] = text_checked(data[name], field=name, limit=limit, required=required)
            except ValidationError as refused:
                form_add_service_errors(self, refused)
        return data


class CloseForm(SafeTextMixin, forms.Form):
    resolution = forms.CharField(
        label=_("Resolution note"),
        help_text=_("What was done, for the other reviewers. It is not sent to the reader."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean_resolution(self):
        try:
            return text_checked(self.cleaned_data["resolution"], field="resolution", limit=NOTE_LIMIT)
        except ValidationError as refused:
            raise ValidationError(refused.message_dict["resolution"])
