"""The one place that answers "may this user do this action on this object?".

Each app registers its rules in its `rules.py` (imported by its AppConfig.ready) under a
namespaced action code such as "stakeholders.organisation.change". Views, API endpoints, the
admin and services all ask `can()` or `require()`; an unknown action is a programming error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext as _

Rule = Callable[[Any, Any], bool]
_rules: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the function that decides `action`; it receives (user, obj) and returns a bool."""

    def register(function: Rule) -> Rule:
        if action in _rules:
            raise ImproperlyConfigured(f"Permission rule {action!r} is registered twice.")
        _rules[action] = function
        return function

    return register


def actions() -> list[str]:
    return sorted(_rules)


def can(user: Any, action: str, obj: Any = None) -> bool:
    try:
        decide = _rules[action]
    except KeyError:
        raise ImproperlyConfigured(f"No permission rule for {action!r}.") from None
    if user is None:
        return False
    if user.is_authenticated and not user.is_active:
        return False  # a deactivated account keeps no right, whatever its roles
    return bool(decide(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
