"""Workflows kept honest: one step helper, a guard on the model and a check in the database.

A workflow row (a join application, an exchange, a help request, a member authority's
stage) holds its state and the state it came from. Three things keep it honest:

1. `steps_allowed` builds a `CheckConstraint`: the database accepts only the listed
   (previous, state) pairs, whoever writes the row.
2. `previous_state` is never taken from the caller. `workflow_step` locks the row, checks the
   step against the state it reads, and writes both fields with one conditional
   `UPDATE … SET state = <to>, previous_state = <locked state> WHERE pk = … AND state = <locked state>`:
   the previous state written is the one the row held at that instant, so the pair the
   database checks is the real step, not a claimed one.
3. Every other way the model offers to write those fields refuses to change them
   (`StepGuard.save()` compares with the stored row; `StepGuardedQuerySet.update()` and
   `bulk_update()` refuse them; a Wagtail revision never brings back an old state), raising
   `StepForged`. So an admin form, a service or a shell line that sets
   `previous_state="accepted", state="under-way"` on a "requested" exchange is refused.
   Only raw SQL (or `Model._base_manager`, which the helper itself uses) can write them.

Over-long text has one policy (`text_checked`): a clear, translated error naming the limit and
the length, next to the field; never silent truncation.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from .l10n import number
from .text import strip_unsafe_characters

# The longest note, message or reason a workflow step keeps (characters).
NOTE_LIMIT = 4000


class StepForged(IntegrityError):
    """A workflow's state fields were written outside `workflow_step`."""


def steps_allowed(*, first, transitions, state: str = "state", previous: str = "previous_state") -> models.Q:
    """The condition for a `CheckConstraint`: a new row (no previous state) is in `first` (one state
    or several); every later row came by one of `transitions` ((from, to) pairs) from its previous state."""
    if isinstance(first, str):
        condition = models.Q(**{previous: "", state: first})
    else:
        condition = models.Q(**{previous: "", f"{state}__in": list(first)})
    for before, after in transitions:
        condition |= models.Q(**{previous: before, state: after})
    return condition


def text_checked(value: str | None, *, field: str, limit: int = NOTE_LIMIT, required=None) -> str:
    """The one policy for notes and messages: without control and bidi-override characters
    (`core.text.strip_unsafe_characters`, whatever path the text came by), stripped; `required` (a message) when it must not be
    empty; longer than `limit` gives a translated error on `field` naming the limit and the length,
    and nothing is cut."""
    value = strip_unsafe_characters(value or "").strip()
    if not value and required:
        raise ValidationError({field: required})
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("This text is %(count)s characters long; at most %(limit)s are allowed. Please shorten it.")
                % {
                    "count": number(len(value)),
                    "limit": number(limit),
                }
            }
        )
    return value


def _refuse(model, names: Iterable[str]) -> None:
    touched = set(names) & set(model.workflow_fields)
    if touched:
        raise StepForged(
            f"{model._meta.label}: {', '.join(sorted(touched))} change only through core.workflow.workflow_step."
        )


class StepGuardedQuerySet(models.QuerySet):
    """A workflow model's queryset: `update()` and `bulk_update()` cannot touch the state fields."""

    def update(self, **kwargs):
        _refuse(self.model, kwargs)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, batch_size=None):
        _refuse(self.model, fields)
        return super().bulk_update(objs, fields, batch_size=batch_size)


class StepGuard:
    """Mixin for a workflow model, listed before `models.Model` (or the Wagtail mixins) in its bases.

    `workflow_fields` names the (state, previous state) fields. A new row starts with no previous
    state; saving an existing row refuses any change to either field (they are compared with the
    stored row), so only `workflow_step` moves the row."""

    workflow_fields = ("state", "previous_state")

    def save(self, *args, **kwargs):
        state, previous = self.workflow_fields
        update_fields = kwargs.get("update_fields")
        if self._state.adding:
            if getattr(self, previous):
                raise StepForged(f"{self._meta.label}: a new row cannot claim a previous state.")
        elif update_fields is None or {state, previous} & set(update_fields):
            stored = (
                type(self)
                ._base_manager.using(kwargs.get("using") or self._state.db)
                .filter(pk=self.pk)
                .values_list(state, previous)
                .first()
            )
            if stored is not None and tuple(stored) != (getattr(self, state), getattr(self, previous)):
                raise StepForged(f"{self._meta.label}: {state} changes only through core.workflow.workflow_step.")
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Wagtail revisions (revert, compare) keep the row's current state: a revision is not a step."""
        obj = super().with_content_json(content)
        for name in self.workflow_fields:
            setattr(obj, name, getattr(self, name))
        return obj


def _record_field(event_model, model) -> str:
    """The audit event's foreign key to the workflow's model."""
    return next(f.name for f in event_model._meta.concrete_fields if f.is_relation and f.related_model is model)


def _refresh(stale, current) -> None:
    """Bring the caller's object up to date with the row just written."""
    for field in current._meta.concrete_fields:
        if field.attname in current.__dict__:
            stale.__dict__[field.attname] = current.__dict__[field.attname]
        if field.is_relation:
            if field.name in current._state.fields_cache:
                stale._state.fields_cache[field.name] = current._state.fields_cache[field.name]
            else:
                stale._state.fields_cache.pop(field.name, None)


@transaction.atomic
def workflow_step(
    *,
    record: models.Model,
    to: str,
    transitions: Iterable[tuple[str, str]],
    event_model: type[models.Model],
    actor=None,
    note: str = "",
    refused=None,
    queryset: models.QuerySet | None = None,
    check: Callable[[models.Model], None] | None = None,
    changes: dict | Callable[[models.Model], dict] | None = None,
    event: dict | Callable[[models.Model], dict] | None = None,
    after: Callable[[models.Model, models.Model], None] | None = None,
):
    """Move `record` to `to`, the one way any workflow row changes state. In one transaction:

    - lock the row (`queryset`, default the model's, `select_for_update()`) and read its state;
    - refuse a step not in `transitions` with `refused` (a translated message with `%(from)s` and
      `%(to)s`, the states' labels) as a `ValidationError`;
    - `check(current)`: the app's own refusals that depend on the locked row;
    - `changes` (a dict, or `changes(current) -> dict`): other fields the step writes;
    - write the state, the previous state and the changes with one conditional UPDATE (see the
      module's docstring), then `save(update_fields=<auto_now fields>)`, so the model's save path
      and signals run;
    - write the audit event (`event_model`: who, from, to, note, plus `event` fields);
    - `after(current, event)`: side effects (e-mails are queued on commit).

    Returns the fresh row; `record` itself is brought up to date as well.
    """
    model = type(record)
    state_name, previous_name = model.workflow_fields
    qs = queryset if queryset is not None else model.objects.all()
    current = qs.select_for_update().get(pk=record.pk)
    before = getattr(current, state_name)
    if (before, to) not in set(transitions):
        field = model._meta.get_field(state_name)
        labels = dict(field.choices)
        message = refused or _("This cannot go from “%(from)s” to “%(to)s”.")
        raise ValidationError(message % {"from": labels.get(before, before), "to": labels.get(to, to)})
    if check is not None:
        check(current)
    extra = changes(current) if callable(changes) else dict(changes or {})
    _refuse(model, extra)
    written = model._base_manager.filter(pk=current.pk, **{state_name: before}).update(
        **extra, **{state_name: to, previous_name: before}
    )
    if written != 1:  # only where the database takes no row locks (SQLite): someone moved it meanwhile
        raise ValidationError(_("Someone else changed this at the same moment. Reload the page and try again."))
    setattr(current, state_name, to)
    setattr(current, previous_name, before)
    for name, value in extra.items():
        setattr(current, name, value)
    # Through the model's save path too, so its signals run (a city's stage moves the data version).
    stamps = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    current.save(update_fields=stamps or None)
    fields = event(current) if callable(event) else dict(event or {})
    audit = event_model.objects.create(
        **{_record_field(event_model, model): current},
        actor=actor,
        from_state=before,
        to_state=to,
        note=note,
        **fields,
    )
    if after is not None:
        after(current, audit)
    if record is not current:
        _refresh(record, current)
    return current


class AuditEvent(models.Model):
    """One step of a workflow's audit trail: who, when and why. Each app adds the record it is
    about and its `from_state` / `to_state` (with its own state choices)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} → {self.to_state}"
