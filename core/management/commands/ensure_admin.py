import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".admin-password"


class Command(BaseCommand):
    help = "Create a local administrator with a generated password (never a fixed one) and say how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@example.org")
        parser.add_argument("--reset", action="store_true", help="Generate a new password for the administrator.")

    def handle(self, *args, email, reset, **options):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        if user is not None and not reset and PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        elif user is not None and not reset:
            self.stdout.write(
                f"Sign in to the admin at {url} as '{email}'. "
                f"Forgot the password? Run: .venv/bin/python manage.py ensure_admin --reset"
            )
            return
        else:
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser(email=email, name="Local administrator", password=password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            PASSWORD_FILE.write_text(password + "\n")
            os.chmod(PASSWORD_FILE, 0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Sign in to the admin at {url} as '{email}' with password: {password}")
            + f"\n(The password is kept in {PASSWORD_FILE.name}; a new one: manage.py ensure_admin --reset)"
        )
