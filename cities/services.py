"""Writes on member authorities."""

from django.db import transaction

from matching.tasks import suggestions_schedule

from .models import City


@transaction.atomic
def city_update_profile(*, city: City, actor, form, formsets) -> City:
    """Save the profile and its taxonomy entries, and keep the result as a revision staff can revert."""
    city = form.save(commit=False)
    form.save_m2m()  # working languages are a ParentalManyToManyField: held in memory...
    city.save()  # ...and written by this save
    for formset in formsets:
        formset.instance = city
        formset.save()
    city.refresh_from_db()
    city.save_revision(user=actor, log_action=True)
    suggestions_schedule(city=city)
    return city
