import functools

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from core.visibility import hold_back_until_verified

from .services import needs_two_factor


def _held_back(user):
    hold_back_until_verified(user)
    return user


class StaffTwoFactorMiddleware:
    """Staff privileges wait for a TOTP code confirmed in this session (when
    `STAFF_TWO_FACTOR_REQUIRED`): everywhere, `core.visibility` does not count the staff roles
    of the request's user until then; the admin sends staff to the two-factor page.

    Placed after django-otp's `OTPMiddleware`, whose `is_verified()` the rule reads. The user
    stays lazy, so pages that never look at it do not touch the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_TWO_FACTOR_REQUIRED and hasattr(request, "user"):
            request.user = SimpleLazyObject(functools.partial(_held_back, request.user))
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and request.path_info.startswith("/admin/")
            and not request.path_info.startswith(("/admin/login/", "/admin/logout/"))
            and needs_two_factor(request.user)
            and not request.user.is_verified()
        ):
            target = reverse("accounts:two-factor") + "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
