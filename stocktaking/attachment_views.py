"""Downloads of entries' documents: a draft's documents are seen by whoever may see the draft."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_http_methods

from stocktaking.models import EntryAttachment
from wsis_portal import files, permissions


@require_http_methods(["GET", "HEAD"])
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """One document, if its entry is visible to the user (published: everyone). 1 query."""
    attachment = get_object_or_404(EntryAttachment.objects.select_related("entry__organisation"), pk=pk)
    permissions.require(request.user, "stocktaking.entry.view", attachment.entry)
    return files.file_response(attachment.file, filename=attachment.name, content_type=attachment.content_type)


# Included by stocktaking/urls.py (app_name "stocktaking", under i18n_patterns).
urlpatterns = [
    path("stocktaking/attachments/<int:pk>/", attachment_download, name="attachment-download"),
]
