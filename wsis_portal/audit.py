"""The audit trail: django-simple-history keeps a row per create, update and delete of each audited
model (who, when, the whole row); this module names the change and reads the trail back as diffs.

Services call `record_as(obj, by, "stakeholders.joinrequest.approved")` before saving, so the history
row carries the actor and a namespaced action code; edits in the admin or in a request carry the
request's user through simple-history's middleware.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import QuerySet
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
    subject: str
    changes: list[Change] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def history_for(obj: models.Model, *, limit: int = 50, related: Iterable[QuerySet[Any]] = ()) -> list[HistoryItem]:
    """The object's audit trail, newest first, with the fields each change touched, merged with the
    trails of `related` history querysets (an organisation's memberships, say).

    Queries: 1 per history source, plus 1 per model named by a changed foreign key.
    """
    items = _items(obj.history.all(), limit)  # type: ignore[attr-defined]
    for rows in related:
        items += _items(rows, limit)
    items.sort(key=lambda item: item.at, reverse=True)
    items = items[:limit]
    _name_foreign_keys(items)
    return items


def _items(rows_queryset: QuerySet[Any], limit: int) -> list[HistoryItem]:
    model = rows_queryset.model.instance_type
    kept = {f.attname for f in rows_queryset.model._meta.concrete_fields}  # minus the fields history excludes
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname in kept]
    # Twice the rows shown, so that most changes find the row before them to diff against.
    rows = list(rows_queryset.select_related("history_user").order_by("-history_date", "-history_id")[: 2 * limit])
    previous_of: dict[int, Any] = {}
    items = []
    for row in reversed(rows):  # oldest first: the previous row of each object is known when we reach it
        previous = previous_of.get(row.id)
        changes = []
        if row.history_type == "~" and previous is not None:
            for change in row.diff_against(previous, foreign_keys_are_objs=False).changes:
                model_field = model._meta.get_field(change.field)
                old, new = _display(model_field, change.old), _display(model_field, change.new)
                changes.append(Change(model_field.attname, str(model_field.verbose_name), old, new))
        elif row.history_type == "+":
            for model_field in fields:
                value = getattr(row, model_field.attname)
                if value not in (None, "", False):
                    label = str(model_field.verbose_name)
                    changes.append(Change(model_field.attname, label, None, _display(model_field, value)))
        previous_of[row.id] = row
        items.append(
            HistoryItem(
                at=row.history_date,
                user=row.history_user,
                kind=row.history_type,
                action=row.history_change_reason or "",
                subject=str(model._meta.verbose_name),
                changes=changes,
            )
        )
        items[-1].model = model  # type: ignore[attr-defined]
    return items


def _display(model_field: models.Field[Any, Any], value: Any) -> Any:
    """The label of a choice ("Focal point", not "focal_point")."""
    if model_field.choices and value is not None:
        return dict(model_field.flatchoices).get(value, value)
    return value


def _name_foreign_keys(items: list[HistoryItem]) -> None:
    """Show the names of related objects rather than their ids (one query per related model)."""
    wanted: dict[type[models.Model], set[Any]] = {}
    targets = []
    for item in items:
        model = item.model  # type: ignore[attr-defined]
        for change in item.changes:
            model_field = model._meta.get_field(change.field.removesuffix("_id"))
            if isinstance(model_field, models.ForeignKey):
                related_model = model_field.related_model
                assert isinstance(related_model, type)
                wanted.setdefault(related_model, set()).update(v for v in (change.before, change.after) if v)
                targets.append((change, related_model))
    names = {model: model._default_manager.in_bulk(list(pks)) for model, pks in wanted.items()}
    for change, related_model in targets:
        found = names[related_model]
        change.before = found.get(change.before, change.before) if change.before else None
        change.after = found.get(change.after, change.after) if change.after else None
