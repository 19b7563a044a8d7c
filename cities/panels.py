"""Admin panels of the network's models."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel

from core.visibility import is_management_unit


class StagePanel(FieldPanel):
    """The membership stage, read-only, with a link to "Change the stage" (cities/admin_views.py)
    for the Management Unit: the stage moves only through its allowed steps."""

    def __init__(self, field_name="stage", *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def get_read_only_context_data(self):
            context = super().get_read_only_context_data()
            if self.instance.pk and is_management_unit(self.request.user):
                url = reverse("cities_admin:stage-change", kwargs={"pk": self.instance.pk})
                context["rendered_field"] += format_html(
                    '<p><a class="button button-small button-secondary" href="{}">{}</a></p>',
                    url,
                    gettext("Change the stage"),
                )
            return context
