"""The audit trail: django-simple-history keeps a row per create, update and delete of each audited
model (who, when, the whole row); this module names the change and reads the trail back as diffs.

Services call `record_as(obj, by, "stakeholders.joinrequest.approved")` before saving, so the history
row carries the actor and a namespaced action code; edits in the admin or in a request carry the
request's user through simple-history's middleware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def record_as(obj: models.Model, by: Any, action: str) -> None:
    """Attribute the next save or delete of `obj` to `by`, under the action code `action`."""
    obj._history_user = by if by is not None and by.is_authenticated else None  # type: ignore[attr-defined]
    obj._change_reason = action  # type: ignore[attr-defined]


@dataclass
class Change:
    field: str
    label: str
    before: Any
    after: Any


@dataclass
class HistoryItem:
    at: datetime
    user: Any
    kind: str
    action: str
    changes: list[Change] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def history_for(obj: models.Model, *, limit: int = 50) -> list[HistoryItem]:
    """The object's audit trail, newest first, with the fields each change touched.

    Queries: 1 (the history rows with their users, one more row than shown to diff the oldest).
    """
    rows = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])  # type: ignore[attr-defined]
    items = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = []
        if previous is not None and row.history_type == "~":
            delta = row.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                label = str(obj._meta.get_field(change.field).verbose_name)
                changes.append(Change(change.field, label, change.old, change.new))
        elif row.history_type == "+":
            for model_field in obj._meta.concrete_fields:
                if model_field.primary_key:
                    continue
                value = getattr(row, model_field.attname)
                if value not in (None, "", False):
                    changes.append(Change(model_field.name, str(model_field.verbose_name), None, value))
        items.append(
            HistoryItem(
                at=row.history_date,
                user=row.history_user,
                kind=row.history_type,
                action=row.history_change_reason or "",
                changes=changes,
            )
        )
    return items
