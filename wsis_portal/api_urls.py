"""The REST API under /api/v1/, its OpenAPI schema and interactive documentation (assets served locally)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from actionlines import api as actionlines_api
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
    path("api/v1/", include("consultations.api_urls")),
]
