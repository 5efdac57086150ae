from django.urls import path

from stocktaking import attachment_views, export_views, import_views, views

app_name = "stocktaking"

urlpatterns = [
    path("stocktaking/", views.search_page, name="search"),
    path("stocktaking/mine/", views.mine, name="mine"),
    path("stocktaking/new/", views.entry_new, name="entry-new"),
    path("stocktaking/entries/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("stocktaking/entries/<int:pk>/edit/", views.entry_edit, name="entry-edit"),
    path("stocktaking/entries/<int:pk>/submit/", views.entry_submit, name="entry-submit"),
    path("stocktaking/entries/<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("stocktaking/attachments/<int:pk>/remove/", views.attachment_remove, name="attachment-remove"),
    path("stocktaking/moderation/", views.moderation, name="moderation"),
    path("stocktaking/moderation/<int:pk>/", views.review, name="review"),
]

urlpatterns += import_views.urlpatterns
urlpatterns += export_views.urlpatterns
urlpatterns += attachment_views.urlpatterns
