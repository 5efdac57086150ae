"""Publication of accepted activity reports, per cycle, as the CSTD publishes the submissions it
receives: a public list per cycle, each report as a page and as a PDF.

What is published is the latest *accepted* version of a report (ReportVersion, event "accepted"):
never a draft, and a report unlocked for a correction stays public as accepted until it is accepted
again. The PDF is drawn by WeasyPrint with the vendored Noto fonts (static/fonts/, never the system's)
and stored once per accepted version, so it is not drawn again on each request.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from actionlines.models import ActionLine, MeasurableTarget, SdgTarget, plain_number
from reports import content as report_content
from reports.models import LANGUAGE_CHOICES, ActivityReport, Invitation, ReportingCycle, ReportVersion
from stakeholders.models import Country
from wsis_portal.i18n import localized

logger = logging.getLogger(__name__)

FONTS_DIR = settings.BASE_DIR / "static" / "fonts"
KIND_ORDER: list[str] = [
    Invitation.Kind.FACILITATOR,
    Invitation.Kind.REGIONAL_COMMISSION,
    Invitation.Kind.OTHER_UN_ENTITY,
    Invitation.Kind.STAKEHOLDER,
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
PAGE_LANGUAGE = {"zh": "zh-hans"}  # a report's language code -> the portal's language code


def page_language(code: str) -> str:
    return PAGE_LANGUAGE.get(code, code)


# ---------------------------------------------------------------------------------------------- reads


def published_cycles() -> QuerySet[ReportingCycle]:
    """Cycles with at least one published report, newest first, with that number. 1 query."""
    accepted = Q(reports__versions__event=ReportVersion.Event.ACCEPTED)
    return (
        ReportingCycle.objects.annotate(published=Count("reports", filter=accepted, distinct=True))
        .filter(published__gt=0)
        .order_by("-year")
    )


def _latest_accepted() -> QuerySet[ReportVersion]:
    # DISTINCT ON (report): the newest accepted version of each report, in one query.
    return (
        ReportVersion.objects.filter(event=ReportVersion.Event.ACCEPTED)
        .select_related("report__organisation", "report__invitation", "report__cycle", "created_by")
        .order_by("report_id", "-number")
        .distinct("report_id")
    )


def published_versions(*, cycle: ReportingCycle) -> list[ReportVersion]:
    """The published version of each report of the cycle: facilitators first, then the regional
    commissions, then other entities, each by name. 2 queries (versions, their action lines)."""
    lines = Prefetch("report__invitation__action_lines", queryset=ActionLine.objects.order_by("sort"))
    versions = list(_latest_accepted().filter(report__cycle=cycle).prefetch_related(lines))
    for version in versions:
        version.language_name = LANGUAGE_NAMES.get(version.data.get("language"), "")  # type: ignore[attr-defined]
    versions.sort(
        key=lambda v: (
            KIND_ORDER.index(v.report.invitation.kind) if v.report.invitation.kind in KIND_ORDER else 9,
            (v.report.organisation.name or "").casefold(),
        )
    )
    return versions


def published_version(*, cycle: ReportingCycle, report_id: int) -> ReportVersion | None:
    """The published version of one report of the cycle, or None if it was never accepted. 1 query."""
    return _latest_accepted().filter(report__cycle=cycle, report_id=report_id).first()


# --------------------------------------------------------------------------------------- the document


@dataclass
class Section:
    key: str
    title: str
    text: str = ""
    items: list[dict[str, Any]] | None = None
    progress: list[dict[str, Any]] | None = None


def document(version: ReportVersion) -> dict[str, Any]:
    """What the page and the PDF show of a published version, with codes turned into names in the
    active language. 4 queries (action lines, targets, countries, SDG targets)."""
    data = report_content.normalise(version.data)
    report = version.report
    codes = list(data["activities"])
    lines = {line.code: line for line in ActionLine.objects.filter(code__in=codes)}
    target_ids = [row["target"] for rows in data["progress"].values() for row in rows]
    targets = {t.pk: t for t in MeasurableTarget.objects.filter(pk__in=target_ids)}
    all_items = [item for items in data["activities"].values() for item in items]
    all_items += data["regional_activities"] + data["regional_meetings"]
    country_codes = {code for item in all_items for code in item["countries"]}
    countries = {c.iso3: c.name for c in Country.objects.filter(iso3__in=country_codes)}
    known_sdgs = set(
        SdgTarget.objects.filter(code__in={t for item in all_items for t in item["sdg_targets"]}).values_list(
            "code", flat=True
        )
    )

    def item(raw: dict[str, Any]) -> dict[str, Any]:
        held_on = None
        if raw["held_on"]:
            try:
                held_on = datetime.date.fromisoformat(str(raw["held_on"]))
            except ValueError:
                held_on = None
        return {
            **raw,
            "countries": [countries.get(code, code) for code in raw["countries"]],
            "sdg_targets": [code for code in raw["sdg_targets"] if code in known_sdgs],
            "held_on": held_on,
        }

    labels = {key: str(label) for key, label, _limit in report_content.TEXT_SECTIONS}
    sections = [Section("executive_summary", labels["executive_summary"], text=data["executive_summary"])]
    for code in codes:
        line = lines.get(code)
        progress = []
        for row in data["progress"].get(code, []):
            target = targets.get(row["target"])
            if target is None:
                continue
            try:
                value = plain_number(Decimal(str(row["value"])))
            except InvalidOperation:
                value = str(row["value"])
            progress.append({"target": target, "value": value, "note": row.get("note") or ""})
        title = f"{code} {localized(line, 'name')}" if line else code
        sections.append(
            Section(f"line:{code}", title, items=[item(i) for i in data["activities"][code]], progress=progress)
        )
    if report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION or data["regional_activities"]:
        labels_all = report_content.section_labels()
        for key in report_content.REGIONAL_LISTS:
            sections.append(Section(key, labels_all[key], items=[item(i) for i in data[key]]))
    for key in report_content.TEXT_KEYS[1:]:
        if data[key]:
            sections.append(Section(key, labels[key], text=data[key]))
    return {
        "report": report,
        "version": version,
        "cycle": report.cycle,
        "language": data["language"],
        "language_name": LANGUAGE_NAMES.get(data["language"], data["language"]),
        "page_language": page_language(data["language"]),
        "rtl": data["language"] == "ar",
        "sections": sections,
        "attachments": data["attachments"],
    }


# ------------------------------------------------------------------------------------------------ PDF


def pdf_name(version: ReportVersion) -> str:
    return f"reports/published/{version.report_id}/v{version.number}-{version.pk}.pdf"


def render_pdf(version: ReportVersion) -> bytes:
    """Draw the PDF of a published version, in the report's language (its headings too)."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    language = page_language(version.data.get("language") or "en")
    with translation.override(language):
        context = document(version)
        context["fonts"] = FONTS_DIR.as_uri()
        html = render_to_string("reports/published/pdf.html", context)
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)  # type: ignore[no-any-return]


def pdf_for(version: ReportVersion) -> str:
    """The stored PDF's name for this version, drawing and storing it the first time only. Two first
    requests at once draw it once: the second waits on the version's row lock, then finds the file."""
    name = pdf_name(version)
    if default_storage.exists(name):
        return name
    with transaction.atomic():
        ReportVersion.objects.select_for_update().filter(pk=version.pk).first()
        if not default_storage.exists(name):
            saved = default_storage.save(name, ContentFile(render_pdf(version)))
            logger.info("published report PDF drawn: %s", saved)
            return saved
    return name


def download_name(version: ReportVersion) -> str:
    report: ActivityReport = version.report
    organisation = report.organisation.acronym or report.organisation.code or f"org{report.organisation_id}"
    return f"WSIS-report-{report.cycle.year}-{organisation}-v{version.number}.pdf".replace(" ", "_")


@shared_task(name="reports.render_published_pdf", ignore_result=True)
def render_published_pdf(*, version_id: int) -> str | None:
    """Draw and store the PDF of a newly accepted version, so that no reader waits for it. Idempotent."""
    version = (
        ReportVersion.objects.select_related(
            "report__organisation", "report__invitation", "report__cycle", "created_by"
        )
        .filter(pk=version_id, event=ReportVersion.Event.ACCEPTED)
        .first()
    )
    return pdf_for(version) if version is not None else None


def queue_pdf(sender: Any, instance: ReportVersion, created: bool, **kwargs: Any) -> None:
    """post_save of ReportVersion (connected in ReportsConfig.ready): an acceptance queues its PDF
    after commit. The page draws it on the first request anyway if the worker has not yet."""
    if created and instance.event == ReportVersion.Event.ACCEPTED:
        transaction.on_commit(partial(render_published_pdf.delay, version_id=instance.pk))
