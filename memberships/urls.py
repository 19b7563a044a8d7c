from django.urls import path

from . import views

app_name = "memberships"

urlpatterns = [
    path("", views.join, name="join"),
    path("thanks/", views.join_thanks, name="join-thanks"),
    path("letters/<int:pk>/", views.letter, name="letter"),
    path("letters/<int:pk>/<int:event>/", views.letter, name="letter-sent"),
    path("application/<str:token>/", views.applicant_page, name="applicant"),
]
