"""The REST API under /api/v1/, its OpenAPI schema and interactive documentation (assets served locally)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from actionlines import api as actionlines_api
from actionlines import roadmap_api
from compilation import api as compilation_api
from indicators import api as indicators_api
from reports import annual_settings_api
from reports import api as reports_api
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
    path("api/v1/reporting-cycles/", reports_api.CycleListApi.as_view(), name="api-cycles"),
    path("api/v1/reporting-cycles/<int:year>/", reports_api.CycleDetailApi.as_view(), name="api-cycle"),
    path(
        "api/v1/reporting-cycles/<int:year>/annual-report-settings/",
        annual_settings_api.AnnualReportSettingsApi.as_view(),
        name="api-annual-report-settings",
    ),
    path(
        "api/v1/reporting-cycles/<int:year>/dashboard/", reports_api.DashboardApi.as_view(), name="api-cycle-dashboard"
    ),
    path(
        "api/v1/reporting-cycles/<int:year>/reminders/",
        reports_api.CycleRemindersApi.as_view(),
        name="api-cycle-reminders",
    ),
    path("api/v1/activity-reports/", reports_api.ReportListApi.as_view(), name="api-reports"),
    path("api/v1/activity-reports/<int:pk>/", reports_api.ReportDetailApi.as_view(), name="api-report"),
    path(
        "api/v1/activity-reports/<int:pk>/copy-forward/",
        reports_api.ReportCopyForwardApi.as_view(),
        name="api-report-copy",
    ),
    path("api/v1/activity-reports/<int:pk>/submit/", reports_api.ReportSubmitApi.as_view(), name="api-report-submit"),
    path(
        "api/v1/activity-reports/<int:pk>/resubmit/",
        reports_api.ReportResubmitApi.as_view(),
        name="api-report-resubmit",
    ),
    path(
        "api/v1/activity-reports/<int:pk>/request-changes/",
        reports_api.ReportRequestChangesApi.as_view(),
        name="api-report-request-changes",
    ),
    path("api/v1/activity-reports/<int:pk>/accept/", reports_api.ReportAcceptApi.as_view(), name="api-report-accept"),
    path("api/v1/activity-reports/<int:pk>/unlock/", reports_api.ReportUnlockApi.as_view(), name="api-report-unlock"),
    path(
        "api/v1/activity-reports/<int:pk>/versions/",
        reports_api.ReportVersionListApi.as_view(),
        name="api-report-versions",
    ),
    path("api/v1/activity-reports/<int:pk>/diff/", reports_api.ReportDiffApi.as_view(), name="api-report-diff"),
    path("api/v1/action-lines/<str:code>/roadmap/", roadmap_api.RoadmapApi.as_view(), name="api-roadmap"),
    path("api/v1/roadmap-objectives/<int:pk>/", roadmap_api.ObjectiveApi.as_view(), name="api-roadmap-objective"),
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
    path("api/v1/report-runs/", compilation_api.RunListApi.as_view(), name="api-report-runs"),
    path("api/v1/report-runs/<int:pk>/", compilation_api.RunDetailApi.as_view(), name="api-report-run"),
    path("api/v1/report-runs/<int:pk>/cancel/", compilation_api.RunCancelApi.as_view(), name="api-report-run-cancel"),
    path(
        "api/v1/report-runs/<int:pk>/outputs/<str:fmt>/",
        compilation_api.RunOutputApi.as_view(),
        name="api-report-run-output",
    ),
]
