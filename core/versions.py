"""Version numbers that caches are keyed on, the same for every process.

Each version is one database row (a model with a `number` field), so web workers, task workers, a
shell and a command all read the same number, with or without Redis. It moves on after the commit of
a change (`transaction.on_commit`), never inside the transaction: several changes in one transaction
move it once, a rolled-back one moves nothing. Until the commit, the connection that made the change
is *pending*: what it builds from its uncommitted rows must not be kept for others (`pending()`).

A request reads each number once (one small query) and keeps it for that request only.

Used by the site chrome (`ContentVersion` "chrome": menus, language switcher, footer;
`core/chrome.py`) and the Resource Hub's lists (`resources.ListingVersion`, `listing_index.py`).
The network's data version (`cities.selectors.data_version`) follows the same rules with its own
code, because it also gives each pending connection a number of its own.
"""

from __future__ import annotations

import secrets

from asgiref.local import Local
from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

_state = Local()  # per thread (or per task under ASGI), like database connections

_FIRST_NUMBERS = range(2**40, 2**52)  # room for a billion changes each; below 2**53 (exact in JSON)


def fresh_number() -> int:
    """The number a version row starts at when it is made (by a migration, or again after a flush):
    drawn at random, so two databases never count from the same place. Caches and kept files are keyed
    on these numbers, and a database reset, restored, or sharing a cache or a file folder with another
    (a test run, staging beside production) must never take the other's entries for its own."""
    return _FIRST_NUMBERS.start + secrets.randbelow(len(_FIRST_NUMBERS))


def start_apart(model: str, *keys):
    """A migration step: make rows `keys` of `model` and move each from where every database used to
    start (0) to a fresh number of its own. Caches and files keyed on the old numbers are simply not
    found again."""

    def forwards(apps, schema_editor):
        rows = apps.get_model(model)._default_manager.using(schema_editor.connection.alias)
        for key in keys:
            row, _created = rows.get_or_create(pk=key)
            if row.number < _FIRST_NUMBERS.start:
                rows.filter(pk=key).update(number=fresh_number() + row.number)

    return forwards


def renumber_all(using: str = DEFAULT_DB_ALIAS) -> int:
    """Move every version row of every model (a `number` field starting at `fresh_number`) to a fresh
    number: after a restore, the numbers the backup brought back were already used by this database's
    caches and kept files, which must not be taken for the restored data's. Returns the rows moved."""
    moved = 0
    for model in apps.get_models():
        fields = {f.name: f for f in model._meta.concrete_fields}
        if "number" not in fields or fields["number"].default is not fresh_number:
            continue
        rows = model._default_manager.using(using)
        for pk in list(rows.values_list("pk", flat=True)):
            moved += rows.filter(pk=pk).update(number=fresh_number())
    memo = getattr(_state, "memo", None)
    if memo is not None:
        memo.clear()
    return moved


def read_number(model, key, using: str = DEFAULT_DB_ALIAS) -> int:
    """Row `key`'s `number` (0 when there is no row), in one plain statement: every page asks once or
    twice, and the ORM's query building cost more than the query itself."""
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = f"SELECT {quote('number')} FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
    return row[0] if row else 0


class SharedVersion:
    """The version kept in row `key` of `model` ("app_label.ModelName", a `number` field)."""

    def __init__(self, model: str, key):
        self.model = model
        self.key = key
        self.label = f"{model}:{key}"

    def _rows(self, using: str | None = None):
        return apps.get_model(self.model)._default_manager.using(using).filter(pk=self.key)

    def read(self) -> int:
        """The committed number (0 before the first change), read once per request."""
        memo = getattr(_state, "memo", None)
        if memo is not None and self.label in memo:
            return memo[self.label]
        number = read_number(apps.get_model(self.model), self.key)
        if memo is not None:
            memo[self.label] = number
        return number

    def pending(self, using: str = DEFAULT_DB_ALIAS) -> bool:
        """Whether this connection has changed what the version covers and not committed yet."""
        connection = connections[using]
        return connection.in_atomic_block and any(
            getattr(func, "moves_version", None) == self.label for _ids, func, _robust in connection.run_on_commit
        )

    def token(self) -> str | None:
        """The number as a cache-key part, or None while this connection's change is pending (then
        build without the cache: nothing made from uncommitted rows is shared)."""
        return None if self.pending() else str(self.read())

    def bump(self, using: str = DEFAULT_DB_ALIAS) -> None:
        """Move the number on when the current transaction commits (at once outside one)."""
        if self.pending(using):
            return  # already moves on at this commit

        def move_on():
            rows = self._rows(using)
            if not rows.update(number=F("number") + 1):
                rows.model._default_manager.using(using).get_or_create(pk=self.key)  # starts at fresh_number()
            memo = getattr(_state, "memo", None)
            if memo is not None:
                memo.pop(self.label, None)

        move_on.moves_version = self.label
        transaction.on_commit(move_on, using=using)


def request_started(**kwargs) -> None:
    _state.memo = {}


def request_finished(**kwargs) -> None:
    _state.memo = None


def request_memo() -> dict | None:
    """What this request has read and may read again without asking (None outside a request)."""
    return getattr(_state, "memo", None)


def _locales_read_once_per_request() -> None:
    """Wagtail reads the active locale from the database each time it is asked (`Locale.get_active`,
    `localized`): five times on the home page. Within one request the locales do not change, so each
    language's is read once; outside a request (commands, tasks, tests) nothing changes."""
    from wagtail.models.i18n import LocaleManager

    if getattr(LocaleManager.get_for_language, "read_once_per_request", False):
        return
    original = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        memo = request_memo()
        if memo is None or self.db != DEFAULT_DB_ALIAS:
            return original(self, language_code)
        key = ("wagtail-locale", language_code)
        if key not in memo:
            memo[key] = original(self, language_code)  # an unknown language raises, and is not kept
        return memo[key]

    get_for_language.read_once_per_request = True
    LocaleManager.get_for_language = get_for_language


def connect() -> None:
    from django.core.signals import request_finished as finished
    from django.core.signals import request_started as started

    started.connect(request_started, dispatch_uid="core-versions-request-started")
    finished.connect(request_finished, dispatch_uid="core-versions-request-finished")
    _locales_read_once_per_request()
