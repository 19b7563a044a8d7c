"""Fixtures for the accounts tests."""

from core.tests.smtp import smtp_server  # noqa: F401  (the SMTP stand-in)
