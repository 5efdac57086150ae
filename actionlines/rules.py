from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from actionlines import roles
from wsis_portal.permissions import rule


@rule("actionlines.actionline.view")
def actionline_view(user: Any, obj: Any) -> bool:
    return True


@rule("actionlines.actionline.history")
def actionline_history(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user) or roles.is_facilitator_focal_point(user, obj)
