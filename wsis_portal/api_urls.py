"""The REST API under /api/v1/, its OpenAPI schema and interactive documentation (assets served locally)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from actionlines import api as actionlines_api
from indicators import api as indicators_api
from stakeholders import api as stakeholders_api
from stocktaking import api as stocktaking_api

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/action-lines/", actionlines_api.ActionLineListApi.as_view(), name="api-action-lines"),
    path("api/v1/sdgs/", actionlines_api.SdgGoalListApi.as_view(), name="api-sdgs"),
    path("api/v1/countries/", stakeholders_api.CountryListApi.as_view(), name="api-countries"),
    path("api/v1/regions/", stakeholders_api.RegionListApi.as_view(), name="api-regions"),
    path("api/v1/organisations/", stakeholders_api.OrganisationListApi.as_view(), name="api-organisations"),
    path("api/v1/entries/", stocktaking_api.EntryListApi.as_view(), name="api-entries"),
    path("api/v1/entries/<int:pk>/", stocktaking_api.EntryDetailApi.as_view(), name="api-entry"),
    path("api/v1/entries/<int:pk>/submit/", stocktaking_api.EntrySubmitApi.as_view(), name="api-entry-submit"),
    path("api/v1/entries/<int:pk>/decision/", stocktaking_api.EntryDecisionApi.as_view(), name="api-entry-decision"),
    path("api/v1/indicators/", indicators_api.IndicatorListApi.as_view(), name="api-indicators"),
    path("api/v1/indicators/<slug:code>/", indicators_api.IndicatorDetailApi.as_view(), name="api-indicator"),
    path("api/v1/observations/", indicators_api.ObservationListApi.as_view(), name="api-observations"),
    path("api/v1/country-profiles/<str:iso3>/", indicators_api.CountryProfileApi.as_view(), name="api-country-profile"),
    path("api/v1/wsis-targets/", indicators_api.WsisTargetListApi.as_view(), name="api-wsis-targets"),
    path("api/v1/indicator-imports/", indicators_api.IndicatorImportApi.as_view(), name="api-indicator-imports"),
    path(
        "api/v1/indicator-imports/<int:pk>/",
        indicators_api.IndicatorImportDetailApi.as_view(),
        name="api-indicator-import",
    ),
    path(
        "api/v1/indicator-imports/<int:pk>/run/",
        indicators_api.IndicatorImportRunApi.as_view(),
        name="api-indicator-import-run",
    ),
    path("api/v1/", include("consultations.api_urls")),
]
