from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.admin_account import AccountView
from cities import self_service
from cities.api import api
from core import views as core_views
from events import views as event_views
from translations import views as translation_views

urlpatterns = [
    # One name and one preferred language (accounts/admin_account.py), before Wagtail's own page.
    path("admin/account/", require_admin_access(AccountView.as_view()), name="wagtailadmin_account"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("sitemap.xml", translation_views.sitemap, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += [
        path("__debug__/404/", core_views.preview_404),
        path("__debug__/500/", core_views.preview_500),
    ]
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("network/", include("cities.urls")),
    path("account/", include("accounts.urls")),
    path("join/", include("memberships.urls")),
    path("exchanges/", include("exchanges.urls")),
    path("help/", include("helpdesk.urls")),
    path("event-registration/", include("events.urls")),
    path("search/", include("search.urls")),
    path("network-in-numbers/", include("insights.urls")),
    path("report-translation/", include("translations.report_urls")),
    path("my-city/", self_service.my_cities, name="my-cities"),
    path("my-city/<slug:slug>/", self_service.my_city_edit, name="my-city-edit"),
    path("my-city/<slug:slug>/actions/<int:pk>/", event_views.my_city_action, name="my-city-action"),
    path("my-city/<slug:slug>/declarations/<int:pk>/", event_views.my_city_declaration, name="my-city-declaration"),
    path("declarations/<int:pk>/endorse/", event_views.endorse, name="declaration-endorse"),
    path("statements/<int:pk>/co-sign/", event_views.cosign, name="statement-cosign"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
