"""`manage.py restore`: replace the database and write the stored files back from a backup
(operations/backup.py). Refuses a backup from a newer version of the platform or another kind of database.

    manage.py restore                              # the newest backup in the backup storage
    manage.py restore strongcities-…tar.gz         # a backup by name
    manage.py restore --path /somewhere/….tar.gz   # a backup file on this machine
    manage.py restore --noinput                    # without asking (scripts)

Stop the app servers and the worker first: what they write meanwhile would be lost or mixed in.
"""

import os

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_open, backup_restore, restore_refusal


class Command(BaseCommand):
    help = "Restore the database and the stored files from a backup (the newest, by default)."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="a backup's name in the backup storage (default: the newest)")
        parser.add_argument("--path", help="a backup file on this machine instead")
        parser.add_argument(
            "--passphrase", help="of the secret key, for an encrypted backup (or BACKUP_GPG_PASSPHRASE)"
        )
        parser.add_argument("--noinput", "--no-input", dest="interactive", action="store_false")

    def handle(self, *args, name=None, path=None, passphrase=None, interactive=True, **options):
        if name and path:
            raise CommandError("Give a backup's name or --path, not both.")
        passphrase = passphrase or os.environ.get("BACKUP_GPG_PASSPHRASE") or None
        try:
            opened = backup_open(name=name, path=path, passphrase=passphrase)
        except BackupError as error:
            raise CommandError(str(error)) from error
        try:
            manifest = opened.manifest
            refusal = restore_refusal(manifest)
            if refusal:
                raise CommandError(refusal)
            self.stdout.write(
                f"Backup of {manifest['created_at']}: {len(manifest['tables'])} tables, "
                f"{sum(manifest['tables'].values())} rows, {len(manifest['files'])} files."
            )
            if interactive:
                answer = input(
                    "This replaces the whole database and writes the backup's files over these. Type 'yes' to go on: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Nothing restored.")
            try:
                summary = backup_restore(opened)
            except BackupError as error:
                raise CommandError(str(error)) from error
        finally:
            opened.close()
        self.stdout.write(self.style.SUCCESS(f"Restored and checked: {summary}"))
