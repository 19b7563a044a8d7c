"""Background work: the assembled page's matches computed before anyone opens the page."""

from django_tasks import task


@task()
def warm_incident(*, incident_id: int) -> str:
    from .models import Incident
    from .selectors import peer_matches

    incident = (
        Incident.objects.filter(pk=incident_id).select_related("city__country__region__hub", "hub__region").first()
    )
    if incident is None:
        return "gone"
    peer_matches(incident)
    return "warm"
