"""Small helpers shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError

from .text import strip_unsafe_characters


def form_add_service_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the field it is about, or at the top of the form when
    it names no field of this form (so nothing a service says is lost or crashes the page)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


class SafeTextMixin:
    """Put first in the bases of every form people fill in on the site: each text field
    (`CharField` and its kinds: e-mail, URL, slug...) drops control characters and bidi
    embedding/override/isolate controls (`core.text.strip_unsafe_characters`) before it
    validates, so they are never stored nor sent on in e-mails. They are invisible, so the
    person is not asked to remove them. Password fields are left alone: they are only ever
    compared, never shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
                field.to_python = _stripping(field.to_python)


class SafeTextModelForm(SafeTextMixin, forms.ModelForm):
    """The base for model formsets' forms (`inlineformset_factory(..., form=SafeTextModelForm)`)."""


def _stripping(to_python):
    def clean(value):
        if isinstance(value, str):
            value = strip_unsafe_characters(value)
        return to_python(value)

    return clean


class HttpsURLField(forms.URLField):
    """A URL field that reads "example.org" as https://example.org (Django 6's default, without
    the deprecation warning): `Meta.field_classes = {"website": HttpsURLField}`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
