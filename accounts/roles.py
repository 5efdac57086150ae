"""Portal-wide roles of a user. Roles inside an organisation live in stakeholders.roles."""

from __future__ import annotations

from typing import Any

from accounts.models import User


def two_factor_verified(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def is_secretariat(user: Any) -> bool:
    """A secretariat reviewer or an administrator who signed in with their second factor."""
    return (
        user.is_authenticated
        and user.role in (User.Role.SECRETARIAT, User.Role.ADMINISTRATOR)
        and two_factor_verified(user)
    )


def is_administrator(user: Any) -> bool:
    return user.is_authenticated and user.role == User.Role.ADMINISTRATOR and two_factor_verified(user)
