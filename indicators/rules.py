from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from wsis_portal.permissions import rule


@rule("indicators.indicator.view")
def indicator_view(user: Any, obj: Any) -> bool:
    """Indicators, observations, country profiles and WSIS targets are public."""
    return True


@rule("indicators.indicator.change")
def indicator_change(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)


@rule("indicators.observation.import")
def observation_import(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user)
