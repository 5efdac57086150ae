"""Shared pieces of the REST API: the permission class that asks the portal's permission module,
and errors as JSON that name the field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from rest_framework import exceptions
from rest_framework import permissions as drf_permissions

from wsis_portal import permissions
from wsis_portal.errors import ApplicationError

if TYPE_CHECKING:  # rest_framework.views imports this module through the settings: no import cycle
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView


class PortalPermission(drf_permissions.BasePermission):
    """Each API view names `permission_action` (and `object_permission_action` for one object)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        action = getattr(view, "permission_action", None)
        if action is None:
            return False  # a view that names no action is closed
        return permissions.can(request.user, action)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        action = getattr(view, "object_permission_action", None) or view.permission_action  # type: ignore[attr-defined]
        return permissions.can(request.user, action, obj)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, ApplicationError):
        exc = exceptions.ValidationError({exc.field or "non_field_errors": [exc.message]})
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
