from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .services import needs_two_factor


class StaffTwoFactorMiddleware:
    """The admin opens for staff only after a confirmed TOTP code in this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
