"""/api/v1/ routes of consultations, contributions, tallies and events (mounted by wsis_portal.api_urls)."""

from django.urls import path

from consultations import api

urlpatterns = [
    path("consultations/", api.ConsultationListApi.as_view(), name="api-consultations"),
    path("consultations/<slug:slug>/", api.ConsultationDetailApi.as_view(), name="api-consultation"),
    path("consultations/<slug:slug>/tally/", api.ConsultationTallyApi.as_view(), name="api-consultation-tally"),
    path(
        "consultations/<slug:slug>/contributions/",
        api.ContributionListApi.as_view(),
        name="api-consultation-contributions",
    ),
    path("contributions/<int:pk>/", api.ContributionDetailApi.as_view(), name="api-contribution"),
    path("events/", api.EventListApi.as_view(), name="api-events"),
    path("events/<slug:slug>/", api.EventDetailApi.as_view(), name="api-event"),
]
