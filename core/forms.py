"""Small helpers shared by the apps' forms."""

from django.core.exceptions import ValidationError


def form_add_service_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the field it is about, or at the top of the form when
    it names no field of this form (so nothing a service says is lost or crashes the page)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)
