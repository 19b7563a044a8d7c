"""The public "network in numbers" (issue 15, part 3); the staff's insights page is in the admin."""

from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.numbers, name="numbers"),
    path("<slug:slug>.csv", views.figure_csv, name="csv"),
]
