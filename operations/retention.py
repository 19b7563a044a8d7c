"""What the platform keeps and for how long: the rules in one list for the privacy notice (shown under the
notice's own text, in the reader's language, from the settings that the jobs obey), and the daily purge of
sign-in records and ended sessions. The other rules live with their data: closed applications' letters
(`memberships.services.application_letters_expire`), letters of forms never sent
(`memberships.letters.kept_letters_sweep`), backups (`operations.backup.backups_prune`), accounts nobody
uses (listed for review, `operations.admin_views.inactive_accounts`), erasure on request (`erasure.py`).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


def inactive_years() -> int:
    """RETENTION_INACTIVE_ACCOUNT_DAYS in whole years (at least one), as people are told it."""
    return max(1, round(settings.RETENTION_INACTIVE_ACCOUNT_DAYS / 365))


def years_text(count: int) -> str:
    return ngettext("%(count)s year", "%(count)s years", count) % {"count": count}


def retention_periods() -> list[tuple[str, str]]:
    """(what, how long) for each kind of record, worded for the people it is about."""
    from memberships.letters import KEPT_FOR

    hours = int(KEPT_FOR.total_seconds() // 3600)
    years = inactive_years()
    return [
        (
            _("The letter of commitment of an application that was declined or withdrawn"),
            _("Deleted %(days)s after the decision; the application stays, without its letter.")
            % {"days": _days(settings.RETENTION_CLOSED_LETTER_DAYS)},
        ),
        (
            _("A letter uploaded with a join form that was never sent"),
            ngettext("Deleted after %(count)s hour.", "Deleted after %(count)s hours.", hours) % {"count": hours},
        ),
        (
            _("An account nobody signs in to"),
            ngettext(
                "Reviewed by the Management Unit after %(count)s year without a sign-in, and erased when it is no "
                "longer needed.",
                "Reviewed by the Management Unit after %(count)s years without a sign-in, and erased when it is "
                "no longer needed.",
                years,
            )
            % {"count": years},
        ),
        (
            _("Records of signing in (the address used, when, and the network address it came from)"),
            _("Deleted after %(days)s.") % {"days": _days(settings.RETENTION_SIGN_IN_RECORD_DAYS)},
        ),
        (
            _("The text of an e-mail the platform sends"),
            _(
                "Kept until the e-mail is sent; never kept when it holds a sign-in link. The record that it was "
                "sent (to whom, its subject, when) stays with the network's records."
            ),
        ),
        (
            _("Backups of the whole platform"),
            ngettext(
                "One a day, each deleted once %(count)s newer one exists: what is erased leaves the backups "
                "within %(count)s day.",
                "One a day, each deleted once %(count)s newer ones exist: what is erased leaves the backups "
                "within %(count)s days.",
                settings.BACKUP_KEEP,
            )
            % {"count": settings.BACKUP_KEEP},
        ),
        (
            _("A city's profile and focal points, exchanges, help requests, event registrations"),
            _(
                "Kept while they serve the network. Anyone can ask the Management Unit at any time for a copy of "
                "what is held about them, or for it to be erased: what names them goes, and the network's "
                "records keep the city without the person's name."
            ),
        ),
    ]


def sign_in_records_purge(*, now=None) -> int:
    """Delete sign-in records (django-axes) older than RETENTION_SIGN_IN_RECORD_DAYS and the sessions that
    have ended (Django keeps them until `clearsessions`). Daily (`core/periodic.py`); returns how many rows
    went."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_SIGN_IN_RECORD_DAYS)
    count = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count += model.objects.filter(attempt_time__lt=cutoff).delete()[0]
    return count + Session.objects.filter(expire_date__lt=now).delete()[0]


def sign_in_records_purge_daily() -> str:
    return f"{sign_in_records_purge()} sign-in record(s) and ended session(s) deleted"
