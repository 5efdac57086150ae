from django.urls import path, re_path

from actionlines import views

app_name = "actionlines"

urlpatterns = [
    path("action-lines/", views.actionline_index, name="index"),
    re_path(r"^action-lines/(?P<code>[Cc][0-9]{1,2}(?:\.[0-9])?)/$", views.actionline_detail, name="detail"),
]
