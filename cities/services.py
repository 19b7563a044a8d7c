"""Writes on member authorities."""

from itertools import groupby

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.mail import email_queue
from core.visibility import is_management_unit
from core.workflow import text_checked, workflow_step
from matching.tasks import suggestions_schedule

from .models import STAGE_STEPS, City, CityOldSlug, CityStageEvent, Stage


class ProfileConflict(Exception):
    """Someone saved the profile after the person opened the form: nothing was saved."""

    def __init__(self, *, current_version: int):
        super().__init__(f"the profile is at edit version {current_version}")
        self.current_version = current_version


def city_lock_for_edit(*, city: City) -> int:
    """Lock `city`'s row until the end of the transaction and return the edit version the save
    must write: every save of the profile (this module, the admin's edit and revert views) takes
    it, so a version is never written twice and a stale form is always noticed."""
    return City.objects.select_for_update().values_list("edit_version", flat=True).get(pk=city.pk) + 1


@transaction.atomic
def city_update_profile(*, city: City, actor, form, formsets, expected_version: int | None = None) -> City:
    """Save the profile and its taxonomy entries, and keep the result as a revision staff can revert.

    `expected_version` is the edit version the person opened: if someone saved since, nothing
    is saved and `ProfileConflict` is raised. Only the form's fields are written, onto the row
    read under the lock, so a change made meanwhile to other fields (the stage) is kept."""
    next_version = city_lock_for_edit(city=city)
    if expected_version is not None and expected_version != next_version - 1:
        raise ProfileConflict(current_version=next_version - 1)
    current = City.objects.get(pk=city.pk)
    for name in form._meta.fields:
        # Working languages are a ParentalManyToManyField: held in memory, written by save().
        City._meta.get_field(name).save_form_data(current, form.cleaned_data[name])
    current.edit_version = next_version
    current.full_clean()
    current.save()
    for formset in formsets:
        formset.instance = current
        formset.save()
    current.refresh_from_db()
    current.save_revision(user=actor, log_action=True)
    suggestions_schedule(city=current)
    return current


def city_keep_old_slug(*, city: City, old_slug: str) -> None:
    """After `city`'s address (slug) changed from `old_slug`: the old address keeps leading to
    the profile (`views.city_detail` redirects), and the new one is nobody's old address any more."""
    if not old_slug or old_slug == city.slug:
        return
    CityOldSlug.objects.filter(slug=city.slug).delete()
    CityOldSlug.objects.update_or_create(slug=old_slug, defaults={"city": city})


def city_stages_after(city: City) -> list[str]:
    """The stages `city` can move to from where it is now (`STAGE_STEPS`)."""
    return [after for before, after in STAGE_STEPS if before == city.stage]


@transaction.atomic
def city_change_stage(*, city: City, to: str, actor, note: str = "") -> City:
    """Move a member authority to another membership stage: one of `STAGE_STEPS`, taken by the
    Management Unit (or by `actor=None`: the system, e.g. when an application is approved). Records the
    step in `CityStageEvent` and e-mails the city's focal points, each in their own language. The save
    moves the network's data version, so the directory and the API follow."""
    if actor is not None and not is_management_unit(actor):
        raise PermissionDenied(gettext("Only the Management Unit can change a member authority's stage."))
    note = text_checked(note, field="note")
    return workflow_step(
        record=city,
        to=to,
        transitions=STAGE_STEPS,
        event_model=CityStageEvent,
        actor=actor,
        note=note,
        refused=_("A member authority cannot go from “%(from)s” to “%(to)s”."),
        after=lambda current, event: _stage_email(current, event),
    )


def _stage_email(city: City, event: CityStageEvent) -> None:
    """Tell the city's focal points (active accounts), one e-mail per language."""
    from accounts.models import Role, RoleAssignment

    people = (
        RoleAssignment.objects.active()
        .filter(role=Role.FOCAL_POINT, city=city)
        .select_related("user")
        .order_by("user__preferred_language", "user__email")
    )
    for language, group in groupby(people, key=lambda r: r.user.preferred_language or settings.LANGUAGE_CODE):
        with translation.override(language):
            page = reverse("my-city-edit", kwargs={"slug": city.slug})
        context = {
            "city": city,
            "event": event,
            "stage": Stage(event.to_state).label,
            "previous": Stage(event.from_state).label,
            "page_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + page,
        }
        email_queue("cities/email/stage_changed", context, to=sorted({r.user.email for r in group}), language=language)
