"""The help desk and the Expert Pool in the Wagtail admin.

*Help desk*: the queue of hub staff and the Management Unit (`admin_views.py`).
*Expert Pool*: experts as snippets, for the Management Unit (whose group holds the
helpdesk permissions); saving one gives the person the expert role (`services.expert_enrol`).
"""

from django.db import transaction
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, SnippetViewSet

from . import admin_views, services
from .models import Expert

app_name = "helpdesk_admin"

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/act/", admin_views.act, name="act"),
    path("<int:pk>/draft/", admin_views.draft, name="draft"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("help-desk/", include((urlpatterns, "helpdesk_admin"), namespace="helpdesk_admin"))]


class HelpDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.visible_in_menu(request)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return HelpDeskMenuItem(_("Help desk"), reverse("helpdesk_admin:queue"), icon_name="help", order=145)


class ExpertCreateView(CreateView):
    def save_instance(self):
        with transaction.atomic():
            return services.expert_enrol(expert=super().save_instance())


class ExpertEditView(EditView):
    def save_instance(self):
        with transaction.atomic():
            return services.expert_enrol(expert=super().save_instance())


class ExpertDeleteView(DeleteView):
    def delete_action(self):
        with transaction.atomic():
            user = self.object.user
            super().delete_action()
            services.expert_unenrol(user=user)


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "user"
    menu_label = _("Expert Pool")
    menu_name = "expert-pool"
    menu_order = 146
    add_to_admin_menu = True
    add_view_class = ExpertCreateView
    edit_view_class = ExpertEditView
    delete_view_class = ExpertDeleteView
    list_display = ["user", "available", "updated_at"]
    list_filter = ["available", "areas", "regions"]
    list_per_page = 50
    ordering = ["user__name"]

    def get_queryset(self, request):
        return Expert.objects.select_related("user")


register_snippet(ExpertViewSet)
