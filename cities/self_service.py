"""`/<lang>/my-city/`: focal points keep their authority's profile up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.visibility import focal_city_ids_of, hub_ids_of, is_management_unit
from matching.selectors import suggestions_for

from .forms import ChallengeFormSet, CityProfileForm, ContactFormSet, NeedFormSet, OfferFormSet
from .models import City
from .services import city_update_profile


def editable_cities(user):
    """Focal points edit their own authority, hub staff their hub's, the Management Unit all."""
    if is_management_unit(user):
        return City.objects.all()
    return City.objects.filter(Q(pk__in=focal_city_ids_of(user)) | Q(country__region__hub__in=hub_ids_of(user)))


@login_required
def my_cities(request):
    cities = list(editable_cities(request.user).select_related("country").order_by("name")[:200])
    if len(cities) == 1 and not is_management_unit(request.user) and not hub_ids_of(request.user):
        return redirect("my-city-edit", slug=cities[0].slug)
    return render(request, "cities/my_cities.html", {"cities": cities})


@login_required
def my_city_edit(request, slug):
    city = get_object_or_404(editable_cities(request.user), slug=slug)
    data = request.POST if request.method == "POST" else None
    form = CityProfileForm(data, instance=city)
    formsets = [
        ChallengeFormSet(data, instance=city, prefix="challenges"),
        OfferFormSet(data, instance=city, prefix="offers"),
        NeedFormSet(data, instance=city, prefix="needs"),
        ContactFormSet(data, instance=city, prefix="contacts"),
    ]
    if request.method == "POST":
        if form.is_valid() and all(formset.is_valid() for formset in formsets):
            city_update_profile(city=city, actor=request.user, form=form, formsets=formsets)
            messages.success(request, _("The profile is saved. Staff can see every change."))
            return redirect("my-city-edit", slug=city.slug)
        status = 400
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
            "suggestions": suggestions_for(city, viewer=request.user),
        },
        status=status,
    )
