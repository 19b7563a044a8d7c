"""Production: refuses to start without a secret key, allowed hosts and a mail server (or `EMAIL_DISABLED`)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, SECRET_KEY, env_bool, os

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

DEBUG = False
if not os.environ.get("LOG_FORMAT"):
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405 (one JSON object per line, core/logs.py)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies only over https. DJANGO_SECURE_COOKIES=false only for plain http on the loopback (make serve's
# .serve/env): a browser would not keep Secure cookies from http, and those never leave the machine.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
X_FRAME_OPTIONS = "DENY"
# Database connections stay open between requests (saves a connect per request: ~1-3 ms on PostgreSQL),
# checked before reuse so a restarted database costs one failed check, not an error page.
# DATABASE_CONN_MAX_AGE (seconds) changes it; 0 closes after every request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# E-mail: an SMTP server, or an explicit opt-out that sends nothing and records every
# e-mail as failed in the outbox. Never the console backend: it would print live
# invitation and password-reset links into the log.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))  # a hung server must not hold a worker
elif env_bool("EMAIL_DISABLED"):
    EMAIL_BACKEND = "core.mail_backends.DisabledBackend"
else:
    raise ImproperlyConfigured(
        "EMAIL_HOST must be set in production (an SMTP server for invitations and password resets), "
        "or EMAIL_DISABLED=true to run without e-mail (every e-mail is then recorded as failed)."
    )
