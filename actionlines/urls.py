from django.urls import path

from actionlines import views

app_name = "actionlines"

urlpatterns = [
    path("action-lines/", views.actionline_index, name="index"),
    path("action-lines/<str:code>/", views.actionline_detail, name="detail"),
]
