from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from actionlines import roles
from stakeholders import roles as stakeholder_roles
from wsis_portal.permissions import rule


@rule("actionlines.actionline.view")
def actionline_view(user: Any, obj: Any) -> bool:
    return True


@rule("actionlines.actionline.history")
def actionline_history(user: Any, obj: Any) -> bool:
    return portal_roles.is_secretariat(user) or roles.is_facilitator_focal_point(user, obj)


@rule("actionlines.roadmap.edit")
def roadmap_edit(user: Any, obj: Any) -> bool:
    """obj: the ActionLine. The secretariat, and focal points of an organisation facilitating it."""
    return portal_roles.is_secretariat(user) or roles.is_facilitator_focal_point(user, obj)


@rule("actionlines.progress.record")
def progress_record(user: Any, obj: Any) -> bool:
    """obj: a TargetProgress (maybe unsaved). The secretariat, or a focal point of the reporting
    organisation while that organisation facilitates the target's action line."""
    if portal_roles.is_secretariat(user):
        return True
    if obj is None or not stakeholder_roles.is_focal_point(user, obj.organisation):
        return False
    action_line = obj.target.objective.action_line
    lines = [action_line.pk] + ([action_line.parent_id] if action_line.parent_id else [])
    return roles.current_facilitations().filter(organisation=obj.organisation, action_line_id__in=lines).exists()
