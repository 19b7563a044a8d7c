from django.urls import path

from . import views

app_name = "helpdesk"

urlpatterns = [
    path("", views.request_list, name="request-list"),
    path("ask/", views.request_ask, name="request-ask"),
    path("<int:pk>/", views.request_detail, name="request-detail"),
]
