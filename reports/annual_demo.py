"""Demo settings and findings of the annual report for the demo cycles (seed_demo). Idempotent: a cycle
whose settings exist is left as it is; saved through the service, so audited like a person's edit."""

from __future__ import annotations

import datetime

from reports.annual_settings import save_settings
from reports.compile_models import AnnualReportSettings
from reports.demo import _reviewer
from reports.models import ReportingCycle

FINDINGS = (
    "Progress in the implementation of the outcomes of the World Summit on the Information Society "
    "continued in {year}, but it remains uneven between and within regions. Connectivity grew fastest where "
    "regulators opened infrastructure to shared use, while a third of the world's population was still "
    "offline.\n\n"
    "The Commission may wish to encourage Member States and all stakeholders to report their activities to the "
    "WSIS stocktaking database, so that progress towards the targets can be measured from one year to the "
    "next.\n\n"
    "The Commission may also wish to invite the action line facilitators to align their roadmaps with the "
    "targets of the Sustainable Development Goals and to report on them with comparable indicators."
)


def load() -> int:
    """Create the settings of the demo cycles that have none; returns how many were created."""
    created = 0
    reviewer = None
    for cycle in ReportingCycle.objects.filter(report_settings__isnull=True).order_by("year"):
        if not (cycle.symbol_ga and cycle.symbol_ecosoc):
            continue
        reviewer = reviewer or _reviewer()
        save_settings(
            cycle=cycle,
            values={
                "symbol_ga": cycle.symbol_ga,
                "symbol_ecosoc": cycle.symbol_ecosoc,
                "document_date": datetime.date(cycle.year + 1, 3, 2),
                "ga_session": cycle.year - 1944,
                "ga_item": "16",
                "ga_item_title": "",
                "ga_preliminary_list": f"A/{cycle.year - 1944}/50",
                "ecosoc_session": cycle.year + 1,
                "ecosoc_dates_and_place": "",
                "ecosoc_item": "18 (b)",
                "ecosoc_item_title": "",
                "ecosoc_agenda": f"E/{cycle.year + 1}/1",
                "title": "",
                "summary": "",
                "findings": FINDINGS.format(year=cycle.year),
            },
            version=None,
            by=reviewer,
        )
        created += 1
    return created


__all__ = ["AnnualReportSettings", "load"]
