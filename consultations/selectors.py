"""Reads of consultations and contributions, and the tally by stakeholder group and channel."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultations.models import Channel, Consultation, Contribution, StakeholderGroup


@dataclasses.dataclass(frozen=True)
class TallyRow:
    group: str
    label: str
    cells: list[int]  # one per channel, in Channel order
    total: int


@dataclasses.dataclass(frozen=True)
class Tally:
    """The table of the report: a row per stakeholder group that contributed, a column per channel,
    with row totals, column totals and the grand total."""

    channels: list[tuple[str, str]]  # (code, label)
    rows: list[TallyRow]
    column_totals: list[int]
    total: int

    def cell(self, group: str, channel: str) -> int:
        index = [code for code, _label in self.channels].index(channel)
        row = next((row for row in self.rows if row.group == group), None)
        return row.cells[index] if row else 0

    def row_total(self, group: str) -> int:
        return next((row.total for row in self.rows if row.group == group), 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "channels": [code for code, _label in self.channels],
            "rows": [
                {
                    "stakeholder_group": row.group,
                    "counts": dict(zip([code for code, _label in self.channels], row.cells, strict=True)),
                    "total": row.total,
                }
                for row in self.rows
            ],
            "column_totals": dict(zip([code for code, _label in self.channels], self.column_totals, strict=True)),
            "total": self.total,
        }


def tally_headings(*, consultation: Consultation) -> dict[str, str]:
    """The column headings of the tally, worded as the report words them, from the consultation's
    dates, in the active language ("Written comments submitted between September and December 2010"). 0 queries."""
    headings = {code: str(label) for code, label in Channel.choices}
    same_year = consultation.opens_on.year == consultation.closes_on.year
    start = date_format(consultation.opens_on, "F" if same_year else "F Y")
    end = date_format(consultation.closes_on, "F Y")
    headings[Channel.WRITTEN] = (
        _("Written comments submitted between %(start)s and %(end)s") % {"start": start, "end": end}
        if (consultation.opens_on.year, consultation.opens_on.month)
        != (consultation.closes_on.year, consultation.closes_on.month)
        else _("Written comments submitted in %(month)s") % {"month": end}
    )
    if consultation.meeting_date:
        headings[Channel.PRESENTATION] = _("Presentations at the meeting held on %(date)s") % {
            "date": date_format(consultation.meeting_date, "DATE_FORMAT")
        }
    headings[Channel.OPEN_DEBATE] = _("Informal interventions in the open debate")
    return headings


def consultation_list() -> QuerySet[Consultation]:
    """Consultations, newest first, with their number of contributions and organiser: 1 query."""
    return Consultation.objects.select_related("organiser").annotate(contribution_count=Count("contributions"))


def consultation_tally(*, consultation: Consultation) -> Tally:
    """Contributions counted by stakeholder group and channel: 1 aggregate query (GROUP BY the
    group, one filtered COUNT per channel and the row's total). Groups that made no contribution are
    left out, as in the report's table; column totals add up the few aggregated rows."""
    counts = {f"channel_{code}": Count("id", filter=Q(channel=code)) for code in Channel.values}
    aggregated = {
        row["stakeholder_group"]: row
        for row in Contribution.objects.filter(consultation=consultation)
        .order_by()
        .values("stakeholder_group")
        .annotate(total=Count("id"), **counts)
    }
    channels = [(str(code), str(label)) for code, label in Channel.choices]
    rows = [
        TallyRow(
            group=str(code),
            label=str(label),
            cells=[aggregated[code][f"channel_{channel}"] for channel, _label in channels],
            total=aggregated[code]["total"],
        )
        for code, label in StakeholderGroup.choices
        if code in aggregated
    ]
    column_totals = [sum(row.cells[i] for row in rows) for i in range(len(channels))]
    return Tally(channels=channels, rows=rows, column_totals=column_totals, total=sum(row.total for row in rows))


def contribution_list(*, consultation: Consultation, group: str = "", channel: str = "") -> QuerySet[Contribution]:
    """Contributions to a consultation, filtered by stakeholder group and channel, with their
    organisation: 1 query (per page)."""
    contributions = Contribution.objects.filter(consultation=consultation).select_related("organisation")
    if group:
        contributions = contributions.filter(stakeholder_group=group)
    if channel:
        contributions = contributions.filter(channel=channel)
    return contributions.order_by("date", "pk")


def contribution_detail(*, pk: int) -> QuerySet[Contribution]:
    """One contribution with its consultation, organisation and author: 1 query."""
    return Contribution.objects.select_related("consultation", "organisation__stakeholder_type", "submitted_by").filter(
        pk=pk
    )
