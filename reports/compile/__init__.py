"""The annual report and the stocktaking report, compiled from the data (issue 6).

    build_annual_report(cycle, "fr", progress)      -> reports.document.model.Document
    annual_report_fingerprint(cycle, "fr")           -> sha256 hex of every input it depends on
    build_stocktaking_report(2025, "en", progress)  -> Document (entries published in the year)
    stocktaking_report_fingerprint(2025, "en")

Builders only read the database, in a constant number of queries, and are deterministic: the same
inputs give the same Document. `progress(step, done, total)` is called as each step starts, with the
step's name in the language compiled. Fixed text comes from the report's own catalogue (`catalogue`).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import translation

from reports.compile import catalogue
from reports.compile.common import CompileError, Progress
from reports.document import model as m

if TYPE_CHECKING:
    from reports.models import ReportingCycle

COMPILER_VERSION = "wsis-annual-report/1"

__all__ = [
    "CompileError",
    "annual_report_fingerprint",
    "build_annual_report",
    "build_stocktaking_report",
    "stocktaking_report_fingerprint",
]


def _check_language(language: str) -> None:
    if language not in m.LANGUAGES:
        raise CompileError(f"Unknown language {language!r}; expected one of {', '.join(m.LANGUAGES)}.")


def build_annual_report(cycle: ReportingCycle, language: str, progress: Progress | None = None) -> m.Document:
    from reports.compile import builder

    _check_language(language)
    catalogue.ensure_compiled()
    with translation.override(language):
        return builder.build(cycle, language, progress)


def build_stocktaking_report(year: int, language: str, progress: Progress | None = None) -> m.Document:
    from reports.compile import stocktaking

    _check_language(language)
    catalogue.ensure_compiled()
    with translation.override(language):
        return stocktaking.build(year, language, progress)


def _tables() -> dict[str, str]:
    from actionlines.models import ActionLine, Facilitation
    from consultations.models import Consultation, Contribution, Event
    from indicators.models import Indicator, Observation
    from reports.compile_models import AnnualReportSettings
    from reports.models import ActivityReport, ReportVersion
    from stakeholders.models import Organisation, Region, StakeholderType

    tables = {
        "version": ReportVersion,
        "report": ActivityReport,
        "settings": AnnualReportSettings,
        "observation": Observation,
        "indicator": Indicator,
        "contribution": Contribution,
        "consultation": Consultation,
        "event": Event,
        "organisation": Organisation,
    }
    out = {key: model._meta.db_table for key, model in tables.items()}
    for key, model in {
        "line_history": ActionLine,
        "facilitation_history": Facilitation,
        "region_history": Region,
        "type_history": StakeholderType,
    }.items():
        out[key] = model.history.model._meta.db_table  # type: ignore[attr-defined]
    return out


def _one_row(sql: str, params: list[Any]) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [str(v) for v in cursor.fetchone()]


def _shared_inputs(year: int) -> list[Any]:
    """What both reports read besides the reports of the cycle: labels, indicators, consultations,
    events and the stocktaking search rows' generation. 1 query."""
    t = _tables()
    sql = f"""
    SELECT
      (SELECT concat(count(*), '/', max(updated_at)) FROM {t["observation"]}),
      (SELECT concat(count(*), '/', sum(version)) FROM {t["indicator"]}),
      (SELECT concat(count(*), '/', max(c.updated_at)) FROM {t["contribution"]} c
         JOIN {t["consultation"]} k ON k.id = c.consultation_id
         WHERE extract(year FROM k.closes_on) = %s),
      (SELECT concat(count(*), '/', max(updated_at)) FROM {t["consultation"]}
         WHERE extract(year FROM closes_on) = %s),
      (SELECT concat(count(*), '/', max(updated_at)) FROM {t["event"]} WHERE extract(year FROM starts_on) = %s),
      (SELECT concat(count(*), '/', max(updated_at)) FROM {t["organisation"]}),
      (SELECT max(history_id) FROM {t["line_history"]}),
      (SELECT max(history_id) FROM {t["facilitation_history"]}),
      (SELECT max(history_id) FROM {t["region_history"]}),
      (SELECT max(history_id) FROM {t["type_history"]}),
      (SELECT generation FROM stocktaking_searchgeneration WHERE id = 1)
    """  # noqa: S608 - table names from the models, values as parameters
    return _one_row(sql, [year, year, year])


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def annual_report_fingerprint(cycle: ReportingCycle, language: str) -> str:
    """sha256 of every input of the annual report: accepted versions, the reports' states and dates of
    submission (the counts of the introduction), the settings' version, indicator values, consultation
    contributions, events, labels, the stocktaking generation, the model, compiler and catalogue. 2 queries."""
    _check_language(language)
    t = _tables()
    sql = f"""
    SELECT
      (SELECT coalesce(string_agg(concat(r.id, ':', r.state, ':', r.submitted_at IS NOT NULL, ':',
              (SELECT max(v.id) FROM {t["version"]} v WHERE v.report_id = r.id AND v.event = 'accepted')),
              ',' ORDER BY r.id), '')
         FROM {t["report"]} r WHERE r.cycle_id = %s),
      (SELECT concat(id, ':', version) FROM {t["settings"]} WHERE cycle_id = %s)
    """  # noqa: S608
    payload = {
        "kind": "annual",
        "cycle": [cycle.pk, cycle.year],
        "language": language,
        "model": m.MODEL_VERSION,
        "compiler": COMPILER_VERSION,
        "catalogue": catalogue.digest(language),
        "reports": _one_row(sql, [cycle.pk, cycle.pk]),
        "shared": _shared_inputs(cycle.year),
    }
    return _digest(payload)


def stocktaking_report_fingerprint(year: int, language: str) -> str:
    """sha256 of the stocktaking report's inputs (the search rows' generation, labels, catalogue); 1 query."""
    _check_language(language)
    payload = {
        "kind": "stocktaking",
        "year": year,
        "language": language,
        "model": m.MODEL_VERSION,
        "compiler": COMPILER_VERSION,
        "catalogue": catalogue.digest(language),
        "shared": _shared_inputs(year),
    }
    return _digest(payload)
