from django.urls import path

from . import views

app_name = "exchanges"

urlpatterns = [
    path("", views.exchange_list, name="exchange-list"),
    path("new/", views.exchange_new, name="exchange-new"),
    path("new/offer/<slug:slug>/", views.exchange_partner_offer, name="partner-offer"),
    path("<int:pk>/", views.exchange_detail, name="exchange-detail"),
    path("<int:pk>/act/", views.exchange_act, name="exchange-act"),
    path("<int:pk>/messages/", views.exchange_message, name="exchange-message"),
    path("<int:pk>/resource/", views.exchange_resource, name="exchange-resource"),
]
