from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from core.tasks import send_email

from .services import invitation_accept, invitation_find


class SignInForm(AuthenticationForm):
    """E-mail and password; the field keeps Django's name `username` (axes reads it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.error_messages["invalid_login"] = _(
            "That e-mail address and password do not match an account. Both are case-sensitive except the address."
        )


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


class QueuedPasswordResetForm(PasswordResetForm):
    """Renders the e-mail in the visitor's language, then hands it to the task queue."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        html = render_to_string(html_email_template_name, context) if html_email_template_name else None
        send_email.enqueue(subject=subject, body=body, to=[to_email], html=html)


def throttling_key(request, credentials) -> str:
    """The address a sign-in attempt is for, lower-cased so case variants count together."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return (value or "").strip().lower()


class InvitationView(FormView):
    """Choose a password from an invitation link, then sign in."""

    template_name = "accounts/invitation.html"
    form_class = SetPasswordForm

    def dispatch(self, request, *args, **kwargs):
        self.invitation = invitation_find(kwargs["token"])
        if self.invitation is None or not self.invitation.usable:
            return render(request, "accounts/invitation_invalid.html", status=410)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.invitation.user}

    def form_valid(self, form):
        try:
            user = invitation_accept(invitation=self.invitation, password=form.cleaned_data["new_password1"])
        except ValidationError:
            return render(self.request, "accounts/invitation_invalid.html", status=410)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("/")
