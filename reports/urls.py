from django.urls import path

from reports import annual_settings, views

app_name = "reports"

urlpatterns = [
    path("reports/cycles/", views.cycle_list, name="cycle-list"),
    path("reports/cycles/open/", views.cycle_open, name="cycle-open"),
    path("reports/cycles/<int:year>/", views.cycle_dashboard, name="cycle-dashboard"),
    path("reports/cycles/<int:year>/invite/", views.cycle_invite, name="cycle-invite"),
    path("reports/cycles/<int:year>/state/", views.cycle_state, name="cycle-state"),
    path("reports/cycles/<int:year>/annual-report/settings/", annual_settings.settings_edit, name="annual-settings"),
    path("reports/mine/", views.mine, name="mine"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/autosave/", views.report_autosave, name="report-autosave"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/copy-last-year/", views.report_copy, name="report-copy"),
    path("reports/<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("reports/attachments/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("reports/attachments/<int:pk>/remove/", views.attachment_remove, name="attachment-remove"),
    path("reports/comments/<int:pk>/resolve/", views.comment_resolve, name="comment-resolve"),
    path("reports/<int:pk>/review/", views.report_review, name="report-review"),
    path("reports/<int:pk>/diff/", views.report_diff, name="report-diff"),
    path("reports/<int:pk>/versions/<int:number>/", views.version_detail, name="version-detail"),
]
