from django.urls import path

from stakeholders import views

app_name = "stakeholders"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/join/", views.join, name="join"),
    path("organisations/requests/", views.queue, name="queue"),
    path("organisations/requests/<int:pk>/decide/", views.decide, name="decide"),
    path("organisations/requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("organisations/members/<int:pk>/", views.member_update, name="member-update"),
    path("account/organisations/", views.my_organisations, name="my-organisations"),
]
