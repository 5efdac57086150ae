from django.urls import path

from consultations import event_views, views

app_name = "consultations"

urlpatterns = [
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/new/", views.consultation_new, name="consultation-new"),
    path("consultations/<slug:slug>/", views.consultation_detail, name="consultation-detail"),
    path("consultations/<slug:slug>/contributions.csv", views.contribution_export, name="contribution-export"),
    path("consultations/<slug:slug>/edit/", views.consultation_edit, name="consultation-edit"),
    path("consultations/<slug:slug>/contribute/", views.contribution_new, name="contribution-new"),
    path("contributions/<int:pk>/", views.contribution_detail, name="contribution-detail"),
    path("contributions/<int:pk>/document/", views.contribution_document, name="contribution-document"),
    path("contributions/<int:pk>/edit/", views.contribution_edit, name="contribution-edit"),
    path("contributions/<int:pk>/withdraw/", views.contribution_withdraw, name="contribution-withdraw"),
    path("events/", event_views.event_list, name="event-list"),
    path("events/calendar.ics", event_views.event_feed, name="event-feed"),
    path("events/new/", event_views.event_new, name="event-new"),
    path("events/<slug:slug>/", event_views.event_detail, name="event-detail"),
    path("events/<slug:slug>/edit/", event_views.event_edit, name="event-edit"),
]
