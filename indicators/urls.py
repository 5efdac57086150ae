from django.urls import path, re_path

from indicators import import_views, views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/compare/", views.compare, name="compare"),
    path("indicators/import/", import_views.import_upload, name="import"),
    path("indicators/import/<int:pk>/", import_views.import_result, name="import-result"),
    path("indicators/import/<int:pk>/run/", import_views.import_run, name="import-run"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator-detail"),
    path("indicators/<slug:code>/data.csv", views.indicator_csv, name="indicator-csv"),
    path("countries/", views.country_list, name="country-list"),
    re_path(r"^countries/(?P<iso3>[A-Za-z]{3})/$", views.country_detail, name="country-detail"),
    path("wsis-targets/", views.target_list, name="target-list"),
    path("wsis-targets/<int:number>/", views.target_detail, name="target-detail"),
]
