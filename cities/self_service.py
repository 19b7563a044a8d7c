"""`/<lang>/my-city/`: focal points keep their authority's profile up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.forms import form_add_service_errors
from core.visibility import focal_city_ids_of, hub_ids_of, is_management_unit
from matching.selectors import suggestions_for

from .conflicts import changes_since, fingerprint, profile_parts
from .forms import ChallengeFormSet, CityProfileForm, ContactFormSet, NeedFormSet, OfferFormSet
from .models import City
from .permissions import contact_levels_editable_by
from .services import ProfileConflict, city_update_profile


def editable_cities(user):
    """Focal points edit their own authority, hub staff their hub's, the Management Unit all."""
    if is_management_unit(user):
        return City.objects.all()
    return City.objects.filter(Q(pk__in=focal_city_ids_of(user)) | Q(country__region__hub__in=hub_ids_of(user)))


@never_cache
@login_required
def my_cities(request):
    cities = list(editable_cities(request.user).select_related("country").order_by("name")[:200])
    if len(cities) == 1 and not is_management_unit(request.user) and not hub_ids_of(request.user):
        return redirect("my-city-edit", slug=cities[0].slug)
    return render(request, "cities/my_cities.html", {"cities": cities})


@never_cache
@login_required
def my_city_edit(request, slug):
    city = get_object_or_404(editable_cities(request.user), slug=slug)
    data = request.POST.copy() if request.method == "POST" else None
    contact_levels = contact_levels_editable_by(request.user, city)
    parts = profile_parts(city, contact_levels=contact_levels)
    form = CityProfileForm(data, instance=city, opened=fingerprint(parts))
    formsets = [
        ChallengeFormSet(data, instance=city, prefix="challenges"),
        OfferFormSet(data, instance=city, prefix="offers"),
        NeedFormSet(data, instance=city, prefix="needs"),
        ContactFormSet(data, instance=city, prefix="contacts", editor=request.user),
    ]
    changes = None
    if request.method == "POST":
        status = 400
        valid = all([form.is_valid(), *(formset.is_valid() for formset in formsets)])
        opened_version = form.cleaned_data.get("edit_version")
        if opened_version is not None and opened_version != city.edit_version:
            changes = _show_conflict(form, parts)
            status = 409
        elif valid:
            try:
                city_update_profile(
                    city=city,
                    actor=request.user,
                    form=form,
                    formsets=formsets,
                    expected_version=form.cleaned_data["edit_version"],
                )
            except ProfileConflict:  # someone saved between our read and the lock
                city.refresh_from_db()
                changes = _show_conflict(form, profile_parts(city, contact_levels=contact_levels))
                status = 409
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The profile is saved. Staff can see every change."))
                return redirect("my-city-edit", slug=city.slug)
    else:
        status = 200
    if request.method not in ("GET", "POST"):
        raise Http404
    return render(
        request,
        "cities/my_city_form.html",
        {
            "city": city,
            "form": form,
            "challenges": formsets[0],
            "offers": formsets[1],
            "needs": formsets[2],
            "contacts": formsets[3],
            "changes": changes,
            "suggestions": suggestions_for(city, viewer=request.user),
            "reading": _reading_for(city),
            "actions": _actions_of(city),
            "declarations": _declarations_of(city),
        },
        status=status,
    )


def _actions_of(city):
    """The next steps the authority owns (events depends on cities: imported here)."""
    from django.utils.translation import get_language

    from events.selectors import city_actions

    return city_actions(city, get_language())


def _declarations_of(city):
    from django.utils.translation import get_language

    from events.selectors import city_declarations

    return city_declarations(city, get_language())


def _reading_for(city):
    """Resource Hub pages on the practice areas the authority needs (saved needs, not the form's)."""
    from django.utils.translation import get_language

    from resources.selectors import resources_for_needs  # resources depends on cities, not the other way

    return resources_for_needs(city, get_language())


def _show_conflict(form, parts) -> list[dict]:
    """Someone saved after the person opened the form: nothing is saved, what they typed stays
    in the form, and they see what changed meanwhile. The form now carries the current version,
    so once they have looked and re-applied their change, saving it again works."""
    changes = changes_since(form.data.get("opened", ""), parts)
    form.data["edit_version"] = str(form.instance.edit_version)
    form.data["opened"] = fingerprint(parts)
    form.add_error(
        None,
        _(
            "Someone else saved this profile after you opened it, so your changes are not saved yet. "
            "What you typed is kept below; check what changed, then save again."
        ),
    )
    return changes
