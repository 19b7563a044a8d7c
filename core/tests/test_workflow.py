"""The workflows' shared step helper (`core.workflow`), tried directly on a member authority's
stage: lock, check, write, audit, fresh row; no way around it through the model."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from cities.models import STAGE_STEPS, City, CityStageEvent, Stage
from cities.tests.factories import CityFactory
from core.workflow import StepForged, text_checked, workflow_step

pytestmark = pytest.mark.django_db


def step(city, to, **extra):
    return workflow_step(
        record=city, to=to, transitions=STAGE_STEPS, event_model=CityStageEvent, **{"note": "", **extra}
    )


@pytest.fixture
def city():
    return CityFactory(slug="kisumu", name="Kisumu", stage=Stage.JOINING)


def test_a_step_writes_the_row_and_the_event_and_returns_the_fresh_row(city, staff_user):
    seen = []
    fresh = step(
        city,
        Stage.MEMBER,
        actor=staff_user,
        note="Welcome",
        changes={"isc_seat": True},
        after=lambda current, event: seen.append((current.stage, event.to_state)),
    )
    assert fresh is not city
    assert (fresh.stage, fresh.previous_stage, fresh.isc_seat) == (Stage.MEMBER, Stage.JOINING, True)
    assert (city.stage, city.previous_stage, city.isc_seat) == (Stage.MEMBER, Stage.JOINING, True)
    stored = City.objects.get(pk=city.pk)
    assert (stored.stage, stored.previous_stage, stored.isc_seat) == (Stage.MEMBER, Stage.JOINING, True)
    event = CityStageEvent.objects.get()
    assert (event.city, event.actor, event.from_state, event.to_state, event.note) == (
        stored,
        staff_user,
        "joining",
        "member",
        "Welcome",
    )
    assert seen == [("member", "member")]


def test_the_step_is_read_from_the_locked_row_not_from_the_caller(city):
    stale = City.objects.get(pk=city.pk)
    step(city, Stage.MEMBER)
    stale.previous_stage = Stage.APPLICANT  # whatever the caller's object claims
    step(stale, Stage.SUSPENDED)
    assert City.objects.values_list("previous_stage", "stage").get(pk=city.pk) == ("member", "suspended")


def test_a_step_not_listed_is_refused_in_the_reader_s_language(city):
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        step(city, Stage.SUSPENDED, refused="%(from)s → %(to)s")
    assert refused.value.messages == ["En cours d'adhésion → Suspendue"]  # the states' labels, in French
    assert City.objects.get(pk=city.pk).stage == Stage.JOINING and not CityStageEvent.objects.exists()


def test_the_app_s_check_can_refuse_and_nothing_is_written(city):
    def no(current):
        raise ValidationError("not today")

    with pytest.raises(ValidationError):
        step(city, Stage.MEMBER, check=no)
    assert City.objects.get(pk=city.pk).stage == Stage.JOINING and not CityStageEvent.objects.exists()


def test_a_row_moved_meanwhile_is_not_overwritten(city):
    """Where the database takes no row lock (SQLite), the conditional UPDATE still catches it."""

    def someone_else_moves_it(current):
        City._base_manager.filter(pk=current.pk).update(previous_stage=Stage.JOINING, stage=Stage.LEFT)

    with pytest.raises(ValidationError) as refused:
        step(city, Stage.MEMBER, check=someone_else_moves_it)
    assert "same moment" in refused.value.messages[0]


def test_the_state_fields_cannot_be_written_around_the_helper(city):
    city.previous_stage, city.stage = Stage.JOINING, Stage.MEMBER  # a listed step, but no helper, no audit
    with pytest.raises(StepForged), transaction.atomic():
        city.save()
    with pytest.raises(StepForged), transaction.atomic():
        City.objects.bulk_update([city], ["stage", "previous_stage"])
    with pytest.raises(StepForged), transaction.atomic():
        step(City.objects.get(pk=city.pk), Stage.MEMBER, changes={"stage": Stage.LEFT})
    with pytest.raises(StepForged), transaction.atomic():
        CityFactory(slug="new", name="New", stage=Stage.MEMBER, previous_stage=Stage.JOINING)
    assert City.objects.get(pk=city.pk).stage == Stage.JOINING
    assert issubclass(StepForged, IntegrityError)
    # Other fields save as usual.
    fresh = City.objects.get(pk=city.pk)
    fresh.population = 12345
    fresh.save()
    assert City.objects.get(pk=city.pk).population == 12345


@pytest.mark.parametrize(("text", "kept"), [("  short  ", "short"), ("x" * 4000, "x" * 4000)])
def test_text_within_the_limit_is_kept_whole(text, kept):
    assert text_checked(text, field="note") == kept


def test_over_long_text_is_refused_with_the_limit_and_the_length_never_cut():
    with pytest.raises(ValidationError) as refused:
        text_checked("x" * 4001, field="note")
    assert refused.value.message_dict == {
        "note": ["This text is 4,001 characters long; at most 4,000 are allowed. Please shorten it."]
    }
    with pytest.raises(ValidationError) as refused:
        text_checked("  ", field="body", required="Write something.")
    assert refused.value.message_dict == {"body": ["Write something."]}


def test_notes_lose_control_and_bidi_override_characters_whatever_path_they_came_by():
    """Notes typed outside a form (the applicant's withdrawal, the review queue) are cleaned too."""
    from core.workflow import text_checked

    assert text_checked("ok\u202e gnp.exe\x07 done", field="note") == "ok gnp.exe done"
    with pytest.raises(ValidationError):  # nothing left once cleaned: still "required"
        text_checked("\u202e\u2066", field="note", required="Say why.")
