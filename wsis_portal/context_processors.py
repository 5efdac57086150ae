from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from wsis_portal import permissions


def portal(request: HttpRequest) -> dict[str, Any]:
    """What the base template needs on every page: the languages and the user's menu."""
    user = getattr(request, "user", None)
    return {
        "portal_languages": settings.LANGUAGES,
        "menu": {
            "queue": user is not None and permissions.can(user, "stakeholders.joinrequest.decide"),
            "admin": user is not None and permissions.can(user, "portal.admin.access"),
            "moderation": user is not None and permissions.can(user, "stocktaking.entry.moderate"),
            "entries": user is not None and permissions.can(user, "stocktaking.entry.create"),
        },
    }
