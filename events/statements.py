"""Solidarity statements: the only writes to `CoSignature` and `CoSignInvitation` (STYLE: services own
their side effects). Staff invite the focal points of member cities, each in their own language, with a
link that co-signs in one click once signed in; co-signing stays open until the statement's deadline,
after publication too. Every write checks `permissions.py` whoever calls."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import email_queue

from . import permissions
from .actions import shown_again
from .models import CoSignature, CoSignInvitation, StatementPage


def cosignatures_of(statement: StatementPage):
    return CoSignature.objects.filter(statement_key=statement.translation_key)


def cosigners(statement: StatementPage) -> list[CoSignature]:
    """The co-signing member cities (public ones), by name."""
    from cities.models import City

    return list(
        cosignatures_of(statement)
        .filter(city__in=City.objects.public())
        .select_related("city__country")
        .order_by("city__name")
    )


def statement_in_language(statement: StatementPage, language: str) -> StatementPage:
    """The statement's version in `language` as last saved (published or not: invitations go out before
    publication), else the one given."""
    found = (
        StatementPage.objects.filter(translation_key=statement.translation_key, locale__language_code=language)
        .select_related("locale")
        .first()
    ) or statement
    return found.get_latest_revision_as_object() if found.latest_revision_id else found


def invitable_cities(actor, statement: StatementPage, hub=None):
    """Member cities `actor` may invite (the Management Unit: all; hub staff: their hub's), not yet co-signed."""
    cities = permissions.cities_endorsing_for(actor).exclude(pk__in=cosignatures_of(statement).values("city"))
    if hub is not None:
        cities = cities.filter(country__region__hub=hub)
    return cities


@transaction.atomic
def cosign_invite(*, statement: StatementPage, actor, hub=None) -> int:
    """E-mail the focal points of the member cities in scope (each once, in their language) an
    invitation to co-sign before the deadline. Returns how many were sent."""
    from accounts.models import Role, RoleAssignment

    if not permissions.can_invite_to_cosign(actor):
        raise PermissionDenied
    if not statement.cosigning_is_open():
        raise ValidationError(_("Co-signing of this statement has closed."))
    done = set(
        CoSignInvitation.objects.filter(statement_key=statement.translation_key).values_list("city_id", "user_id")
    )
    assignments = (
        RoleAssignment.objects.filter(role=Role.FOCAL_POINT, city__in=invitable_cities(actor, statement, hub))
        .filter(user__is_active=True)
        .select_related("user", "city")
        .order_by("city_id", "user_id")
    )
    sent = 0
    for assignment in assignments:
        if (assignment.city_id, assignment.user_id) in done:
            continue
        person = assignment.user
        language = getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE
        shown = statement_in_language(statement, language)
        with translation.override(language):
            link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("statement-cosign", args=[shown.pk])
        email_queue(
            "events/email/cosign_invitation",
            {"statement": shown, "city": assignment.city, "person": person, "link": link},
            to=[person.email],
            language=language,
        )
        CoSignInvitation.objects.create(
            statement_key=statement.translation_key, city=assignment.city, user=person, invited_by=actor
        )
        done.add((assignment.city_id, assignment.user_id))
        sent += 1
    return sent


@transaction.atomic
def cosign(*, statement: StatementPage, city, actor, is_demo: bool = False) -> CoSignature:
    """`city` co-signs the statement: by its focal point, or recorded by staff on its behalf."""
    from cities.models import Stage

    if not permissions.can_endorse_for(actor, city):
        raise PermissionDenied
    if not statement.cosigning_is_open():
        raise ValidationError(_("Co-signing of this statement has closed."), code="closed")
    if city.stage != Stage.MEMBER:
        raise ValidationError({"city": _("Only member cities can co-sign.")})
    if cosignatures_of(statement).filter(city=city).exists():
        raise ValidationError({"city": _("This city has co-signed this statement already.")}, code="duplicate")
    try:
        with transaction.atomic():
            signature = CoSignature.objects.create(
                statement_key=statement.translation_key,
                city=city,
                signed_by=actor,
                on_behalf=not permissions.is_focal_point_of(actor, city),
                is_demo=is_demo,
            )
    except IntegrityError:
        raise ValidationError({"city": _("This city has co-signed this statement already.")}) from None
    shown_again(statement, [city])
    return signature
