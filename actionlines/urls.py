from django.urls import path, re_path

from actionlines import roadmap_views, views

app_name = "actionlines"

urlpatterns = [
    path("action-lines/", views.actionline_index, name="index"),
    re_path(r"^action-lines/(?P<code>[Cc][0-9]{1,2}(?:\.[0-9])?)/$", views.actionline_detail, name="detail"),
]

LINE = r"^action-lines/(?P<code>[Cc][0-9]{1,2}(?:\.[0-9])?)/roadmap/"
urlpatterns += [
    re_path(LINE + r"$", roadmap_views.roadmap_edit, name="roadmap-edit"),
    re_path(LINE + r"new/$", roadmap_views.objective_form, name="objective-new"),
    re_path(LINE + r"(?P<pk>[0-9]+)/$", roadmap_views.objective_form, name="objective-edit"),
    re_path(LINE + r"(?P<pk>[0-9]+)/delete/$", roadmap_views.objective_delete, name="objective-delete"),
    re_path(LINE + r"(?P<pk>[0-9]+)/move/$", roadmap_views.objective_move, name="objective-move"),
]
