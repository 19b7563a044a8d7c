"""Admin edits of an authority change its suggestions and others': recompute in the background."""

from wagtail import hooks

from cities.models import City

from .tasks import suggestions_schedule


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def recompute_after_admin_edit(request, instance):
    if isinstance(instance, City):
        suggestions_schedule(city=instance)
