from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import ratelimit
from core.forms import SafeTextMixin
from core.mail import email_queue

from .services import invitation_accept, invitation_find


class SignInForm(SafeTextMixin, AuthenticationForm):
    """E-mail and password; the field keeps Django's name `username` (axes reads it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.error_messages["invalid_login"] = _(
            "That e-mail address and password do not match an account. Both are case-sensitive except the address."
        )


def keep_language(response):
    """Remember the language of the page the person is on, so `/` and later visits stay in it.

    Without it a redirect to `/` lands in the browser's language, not the one they were using.
    """
    language = get_language()
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def home_in_current_language() -> str:
    return f"/{get_language()}/"


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return self.next_page or home_in_current_language()

    def form_valid(self, form):
        return keep_language(super().form_valid(form))


class SignOutView(auth_views.LogoutView):
    def get_default_redirect_url(self):
        return home_in_current_language()


class QueuedPasswordResetForm(SafeTextMixin, PasswordResetForm):
    """Renders the e-mail in the visitor's language, then hands it to the task queue."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        # The form is built with "<name>.txt" templates: the same name gives the subject and the HTML.
        email_queue(email_template_name.removesuffix(".txt"), context, to=[to_email], secret_link=True)


@method_decorator(never_cache, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, with limits per visitor and per e-mail address (`core/ratelimit.py`).

    Over either limit the visitor gets the same neutral answer but no e-mail is queued, so the
    page says nothing about accounts and nobody can fill someone's inbox with reset links.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if ratelimit.over_limit(ratelimit.RESET_FROM_ADDRESS, key=ratelimit.address_key(self.request)):
            return HttpResponseRedirect(self.get_success_url())
        if ratelimit.over_limit(ratelimit.RESET_TO_EMAIL, key=ratelimit.email_key(email)):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def throttling_key(request, credentials) -> str:
    """The address a sign-in attempt is for, lower-cased so case variants count together."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return (value or "").strip().lower()


@method_decorator(never_cache, name="dispatch")
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
        return keep_language(redirect(home_in_current_language()))


class TwoFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}),
    )


@never_cache
@login_required
def two_factor(request):
    """Set up (first time) or confirm a TOTP code, then continue to the admin."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="default", confirmed=False
        )
    form = TwoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = "".join(ch for ch in form.cleaned_data["code"] if ch.isdigit())
        if device.verify_token(code):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            target = request.GET.get("next", "/admin/")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = "/admin/"
            return redirect(target)
        form.add_error("code", _("This code is not right or has expired. Enter the code your app shows now."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4) if setting_up else ""
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "setting_up": setting_up,
            "qr_svg": qr_svg,
            "secret": b32encode(device.bin_key).decode() if setting_up else "",
        },
        status=400 if form.errors else 200,
    )
