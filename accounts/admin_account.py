"""The admin's account page for people with one name and one preferred language.

Wagtail's page asks for a first and a last name (fields this user model does not have, so it never
saved) and keeps its own preferred language apart from `User.preferred_language`. Here one panel
holds the name, the e-mail address and the language; the language also goes to Wagtail's profile,
which is what the admin reads (`profile_language_follow` keeps the two together whichever way a
person is saved).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account
from wagtail.users.models import UserProfile

from .models import User


class NameEmailLanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "email", "preferred_language"]

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def save(self, commit=True):
        user = super().save(commit)
        if self.profile is not None:
            # The other panels save this same profile object after this form: it must not put
            # the old language back.
            self.profile.preferred_language = user.preferred_language
        return user


class NameEmailLanguagePanel(account.BaseSettingsPanel):
    name = "name_email"
    title = _("Name, e-mail address and language")
    order = 100
    form_class = NameEmailLanguageForm

    def get_form(self):
        kwargs = {"instance": self.user, "prefix": self.name, "profile": self.profile}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, self.request.FILES, **kwargs)
        return self.form_class(**kwargs)


class TimeZoneForm(account.LocalePreferencesForm):
    """Only the time zone: the language is in the first panel."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("preferred_language", None)

    class Meta(account.LocalePreferencesForm.Meta):
        fields = ["current_time_zone"]


class TimeZonePanel(account.LocaleSettingsPanel):
    title = _("Time zone")
    form_class = TimeZoneForm

    def is_active(self):
        return len(account.get_available_admin_time_zones()) > 1


REPLACED = {account.NameEmailSettingsPanel: NameEmailLanguagePanel, account.LocaleSettingsPanel: TimeZonePanel}


class AccountView(account.AccountView):
    def get_panels(self):
        panels = []
        for panel in super().get_panels():
            replacement = REPLACED.get(type(panel))
            if replacement is not None:
                panel = replacement(self.request, self.request.user, panel.profile)
            if panel.is_active():
                panels.append(panel)
        return panels


def profile_language_follow(sender, instance, update_fields=None, **kwargs):
    """Wiring: Wagtail's admin speaks the language the person chose here (post_save on User)."""
    if update_fields is not None and "preferred_language" not in update_fields:
        return  # e.g. the last sign-in time
    UserProfile.objects.update_or_create(user=instance, defaults={"preferred_language": instance.preferred_language})
