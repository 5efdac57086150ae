"""Facilitation-based roles: a focal point of an organisation that facilitates an action line."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q

from actionlines.models import ActionLine, Facilitation
from stakeholders import roles


def current_facilitations(on: datetime.date | None = None) -> Any:
    on = on or datetime.date.today()
    return Facilitation.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def is_facilitator_focal_point(user: Any, action_line: ActionLine | None = None) -> bool:
    """Focal point of an organisation facilitating `action_line` today (or any line when None)."""
    focal_ids = [org_id for org_id, role in roles.organisation_roles(user).items() if role in roles.FOCAL_ROLES]
    if not focal_ids:
        return False
    facilitations = current_facilitations().filter(organisation_id__in=focal_ids)
    if action_line is not None:
        facilitations = facilitations.filter(Q(action_line=action_line) | Q(action_line_id=action_line.parent_id))
    return facilitations.exists()
