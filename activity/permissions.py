"""Who follows which authorities' engagement (built on `core/visibility.py`): the Management Unit all
of them, hub staff their hubs' (staff privileges counted after the second factor), nobody else."""

from core.visibility import city_hub_id, hub_ids_of, is_management_unit


def follows_engagement(user) -> bool:
    return is_management_unit(user) or bool(hub_ids_of(user))


def cities_followed_by(user, queryset):
    """The authorities of `queryset` whose engagement `user` follows (none for anyone else)."""
    if is_management_unit(user):
        return queryset
    hubs = hub_ids_of(user)
    return queryset.filter(country__region__hub__in=hubs) if hubs else queryset.none()


def can_check_in(user, city) -> bool:
    """Send `city` a check-in: the Management Unit, or staff of the city's hub."""
    if is_management_unit(user):
        return True
    hub_id = city_hub_id(city)
    return hub_id is not None and hub_id in hub_ids_of(user)


def engagements_followed_by(user, queryset):
    """The `CityEngagement` rows of `queryset` whose authority `user` follows (its hub, copied on the row)."""
    if is_management_unit(user):
        return queryset
    hubs = hub_ids_of(user)
    return queryset.filter(hub__in=hubs) if hubs else queryset.none()
