"""`manage.py backup`: back the database and every stored file up into one archive (operations/backup.py).

manage.py backup                 # a backup now, kept in the backup storage
manage.py backup --keep 14       # ... and delete all but the newest 14
manage.py backup --encrypt       # encrypted for BACKUP_GPG_RECIPIENT (the default when it is set)
manage.py backup --list          # the backups kept, newest first
"""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_create, backups_list


class Command(BaseCommand):
    help = "Back the database, the uploads and the private files up into one archive in the backup storage."

    def add_arguments(self, parser):
        parser.add_argument("--keep", type=int, help="then keep only this many backups, the newest")
        crypt = parser.add_mutually_exclusive_group()
        crypt.add_argument("--encrypt", action="store_true", default=None, help="encrypt for BACKUP_GPG_RECIPIENT")
        crypt.add_argument("--no-encrypt", dest="encrypt", action="store_false", help="do not encrypt")
        parser.add_argument("--list", action="store_true", help="list the backups kept and stop")

    def handle(self, *args, keep=None, encrypt=None, list=False, **options):
        if list:
            for name in backups_list():
                self.stdout.write(name)
            return
        if keep is not None and keep < 1:
            raise CommandError("--keep must be 1 or more: the backup just made is always kept.")
        try:
            summary = backup_create(encrypt=encrypt, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup made: {summary}"))
