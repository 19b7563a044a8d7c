from django.urls import path

from . import views

app_name = "cities"

urlpatterns = [
    path("", views.city_list, name="city-list"),
    path("map/", views.city_map, name="city-map"),
    path("map/data.json", views.city_map_data, name="city-map-data"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.geojson", views.export_geojson, name="export-geojson"),
    path("<slug:slug>/", views.city_detail, name="city-detail"),
]
