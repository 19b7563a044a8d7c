"""Wagtail's user forms with this project's one `name` field and preferred language."""

from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

FIELDS = {"email", "name", "preferred_language", "is_superuser", "groups"}


class _LowerCaseEmail:
    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class UserEditForm(_LowerCaseEmail, WagtailUserEditForm):
    first_name = None
    last_name = None

    class Meta(WagtailUserEditForm.Meta):
        fields = FIELDS | {"is_active"}


class UserCreationForm(_LowerCaseEmail, WagtailUserCreationForm):
    first_name = None
    last_name = None

    class Meta(WagtailUserCreationForm.Meta):
        fields = FIELDS
