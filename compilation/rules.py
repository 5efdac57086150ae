"""Who may compile reports: the secretariat only (the drafts are not public until issued)."""

from __future__ import annotations

from typing import Any

from accounts import roles as portal_roles
from wsis_portal.permissions import rule


@rule("compilation.run.manage")
def run_manage(user: Any, obj: Any) -> bool:
    """Start, follow, cancel, read, download and compare report compilations: the secretariat."""
    return portal_roles.is_secretariat(user)
