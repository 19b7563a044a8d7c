"""A view that fails with personal data around it (core/tests/test_logs.py)."""

import logging

from django.urls import path


def fail(request, token):
    email = "focal.person@example.org"  # a local variable: never sent
    logging.getLogger("core.tests").error("Could not reach %s about city %s", email, 42)
    raise RuntimeError(f"Invitation /en/account/invitation/{token}/ failed")


urlpatterns = [path("en/account/invitation/<str:token>/", fail)]
