"""The readers' report form, under the language prefix (`config/urls.py`)."""

from django.urls import path

from . import report_views

app_name = "translations-reports"

urlpatterns = [
    path("<int:page_id>/", report_views.report, name="report"),
    path("<int:page_id>/thanks/", report_views.thanks, name="thanks"),
]
