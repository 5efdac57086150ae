"""A report's content as one plain dict: what the form edits, the API sends, a ReportVersion freezes and a
diff compares. Keys are the UN's codes (C7.4, 9.c, ISO alpha-3).

    {"language": "en", "executive_summary": "...", <the other TEXT_SECTIONS>,
     "activities": {"C2": [ITEM, ...], ...},          # one list per action line the entity reports on
     "progress": {"C2": [{"target": 7, "value": "31.5", "note": ""}], ...},
     "regional_activities": [ITEM, ...], "regional_meetings": [ITEM, ...],
     "attachments": ["plan.pdf", ...]}                # read only: attachments have their own service
    ITEM = {"title", "description", "countries": [ISO3], "partners", "sdg_targets": [codes], "links": [urls],
            "held_on": "YYYY-MM-DD" | None, "place"}
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionlines.models import SdgTarget
from reports.models import ActivityReport, Invitation, ReportItem
from stakeholders.models import Country

# (key, label, word limit). Limits follow the CSTD questionnaire's guidance on length.
TEXT_SECTIONS: list[tuple[str, Any, int]] = [
    ("executive_summary", gettext_lazy("Executive summary"), 400),
    ("igf", gettext_lazy("Contribution to the Internet Governance Forum"), 300),
    ("enhanced_cooperation", gettext_lazy("Contribution to enhanced cooperation"), 300),
    ("ict_measurement", gettext_lazy("Contribution to measuring ICT for development"), 300),
    ("effective_practices", gettext_lazy("Effective practices"), 500),
    ("lessons_learned", gettext_lazy("Lessons learned"), 300),
    ("obstacles", gettext_lazy("Obstacles"), 300),
    ("proposals", gettext_lazy("Proposals to the Commission"), 300),
]
TEXT_KEYS = [key for key, _label, _limit in TEXT_SECTIONS]
WORD_LIMITS = {key: limit for key, _label, limit in TEXT_SECTIONS}
ITEM_DESCRIPTION_WORDS = 250
ITEM_LIMIT = 30  # per list: a report is a summary, not a register (that is the stocktaking database)
LINKS_PER_ITEM = 10
LANGUAGES = {code for code, _label in ActivityReport._meta.get_field("language").choices or []}
ITEM_KEYS = ["title", "description", "countries", "partners", "sdg_targets", "links", "held_on", "place"]
REGIONAL_LISTS = {
    "regional_activities": ReportItem.Section.REGIONAL_ACTIVITY,
    "regional_meetings": ReportItem.Section.REGIONAL_MEETING,
}


def words(text: str) -> int:
    return len((text or "").split())


def section_labels(line_codes: list[str] | None = None) -> dict[str, str]:
    """Section key -> label, for comments and diffs (line sections named by their code)."""
    labels = {"general": str(_("The report as a whole")), "language": str(_("Language of submission"))}
    labels.update({key: str(label) for key, label, _limit in TEXT_SECTIONS})
    labels["regional_activities"] = str(_("Regional activities"))
    labels["regional_meetings"] = str(_("Regional review meetings"))
    labels["attachments"] = str(_("Attachments"))
    for code in line_codes or []:
        labels[f"line:{code}"] = str(_("Action line %(code)s") % {"code": code})
    return labels


def empty_item() -> dict[str, Any]:
    return {
        "title": "",
        "description": "",
        "countries": [],
        "partners": "",
        "sdg_targets": [],
        "links": [],
        "held_on": None,
        "place": "",
    }


def _item(row: ReportItem) -> dict[str, Any]:
    return {
        "title": row.title,
        "description": row.description,
        "countries": list(row.countries),
        "partners": row.partners,
        "sdg_targets": list(row.sdg_targets),
        "links": list(row.links),
        "held_on": row.held_on.isoformat() if row.held_on else None,
        "place": row.place,
    }


def line_codes(report: ActivityReport) -> list[str]:
    """The action lines (or C7 sub-lines) the entity reports on, in the UN's order."""
    lines = report.invitation.action_lines.all()
    if getattr(report.invitation, "_prefetched_objects_cache", {}).get("action_lines") is not None:
        return [line.code for line in sorted(lines, key=lambda line: line.sort)]
    return list(lines.order_by("sort").values_list("code", flat=True))


def read(report: ActivityReport) -> dict[str, Any]:
    """The report's current content (about 4 queries)."""
    codes = line_codes(report)
    content: dict[str, Any] = {"language": report.language}
    content.update({key: getattr(report, key) for key in TEXT_KEYS})
    content["activities"] = {code: [] for code in codes}
    content["regional_activities"] = []
    content["regional_meetings"] = []
    for row in report.items.select_related("action_line").order_by("section", "action_line__sort", "position"):
        if row.section == ReportItem.Section.ACTIVITY and row.action_line is not None:
            content["activities"].setdefault(row.action_line.code, []).append(_item(row))
        elif row.section == ReportItem.Section.REGIONAL_ACTIVITY:
            content["regional_activities"].append(_item(row))
        else:
            content["regional_meetings"].append(_item(row))
    content["progress"] = read_progress(report, codes)
    content["attachments"] = list(report.attachments.order_by("uploaded_at").values_list("name", flat=True))
    return content


def read_progress(report: ActivityReport, codes: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Progress values the report holds on its lines' measurable targets (empty until roadmaps exist)."""
    progress: dict[str, list[dict[str, Any]]] = {code: [] for code in codes}
    rows = getattr(report, "progress_values", None)
    if rows is None:
        return progress
    for row in rows.select_related("target__objective__action_line").order_by(
        "target__objective__action_line__sort", "target__objective__position", "target__position"
    ):
        code = row.target.objective.action_line.code
        progress.setdefault(code, []).append(
            {"target": row.target_id, "value": format(row.value.normalize(), "f"), "note": row.note}
        )
    return progress


def empty(report: ActivityReport) -> dict[str, Any]:
    codes = line_codes(report)
    content: dict[str, Any] = {"language": report.language}
    content.update(dict.fromkeys(TEXT_KEYS, ""))
    content.update(
        activities={code: [] for code in codes},
        progress={code: [] for code in codes},
        regional_activities=[],
        regional_meetings=[],
        attachments=[],
    )
    return content


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Fill missing keys with empty values and strip text, so that every caller stores the same shape."""
    content: dict[str, Any] = {"language": str(data.get("language") or "en")}
    for key in TEXT_KEYS:
        content[key] = str(data.get(key) or "").strip()
    content["activities"] = {
        str(code): [_normalise_item(item) for item in items or []]
        for code, items in (data.get("activities") or {}).items()
    }
    content["progress"] = {
        str(code): [
            {"target": row.get("target"), "value": str(row.get("value") or "").strip(), "note": row.get("note") or ""}
            for row in rows or []
            if str(row.get("value") or "").strip()
        ]
        for code, rows in (data.get("progress") or {}).items()
    }
    for key in REGIONAL_LISTS:
        content[key] = [_normalise_item(item) for item in data.get(key) or []]
    content["attachments"] = list(data.get("attachments") or [])
    return content


def _normalise_item(item: dict[str, Any]) -> dict[str, Any]:
    result = empty_item()
    for key in ("title", "description", "partners", "place"):
        result[key] = str(item.get(key) or "").strip()
    for key in ("countries", "sdg_targets", "links"):
        value = item.get(key) or []
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        result[key] = [str(v).strip() for v in value if str(v).strip()]
    result["countries"] = [c.upper() for c in result["countries"]]
    result["held_on"] = item.get("held_on") or None
    if isinstance(result["held_on"], datetime.date):
        result["held_on"] = result["held_on"].isoformat()
    return result


def validate(report: ActivityReport, content: dict[str, Any], *, target_lines: dict[int, str]) -> dict[str, str]:
    """Problems that forbid saving: {field key: message}. Field keys name the form's inputs
    ("executive_summary", "activities-C2-0-title", "progress-7-value")."""
    problems: dict[str, str] = {}
    if content["language"] not in LANGUAGES:
        problems["language"] = _("Choose one of the six UN languages.")
    for key, _label, limit in TEXT_SECTIONS:
        text = content[key]
        if _has_control_characters(text):
            problems[key] = _("Remove the control characters from this text.")
        elif words(text) > limit:
            problems[key] = _("%(n)d words: shorten the text to %(limit)d words at most.") % {
                "n": words(text),
                "limit": limit,
            }
    allowed = set(line_codes(report))
    for code, items in content["activities"].items():
        if code not in allowed:
            problems[f"activities-{code}"] = _("%(code)s is not among the action lines this report covers.") % {
                "code": code
            }
            continue
        _validate_items(problems, f"activities-{code}", items)
    regional = report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION
    for key in REGIONAL_LISTS:
        if content[key] and not regional:
            problems[key] = _("Only regional commissions report regional activities and meetings.")
        else:
            _validate_items(problems, key, content[key])
    _validate_codes(problems, content)
    for code, rows in content["progress"].items():
        for row in rows:
            target = row.get("target")
            field = f"progress-{target}-value"
            if not isinstance(target, int) or target_lines.get(target) != code or code not in allowed:
                problems[field] = _("This target is not one of the report's action lines' targets.")
                continue
            try:
                value = decimal.Decimal(row["value"].replace(",", "."))
            except decimal.InvalidOperation:
                problems[field] = _("Enter a number, such as 42 or 12.5.")
                continue
            if not value.is_finite() or abs(value) >= decimal.Decimal("1e12"):
                problems[field] = _("Enter a number, such as 42 or 12.5.")
            elif value.as_tuple().exponent < -4:  # type: ignore[operator]
                problems[field] = _("Use at most four decimals.")
            row["value"] = format(value.normalize(), "f")
            if len(row.get("note") or "") > 500:
                problems[f"progress-{target}-note"] = _("Keep the note under 500 characters.")
    return problems


def _validate_items(problems: dict[str, str], prefix: str, items: list[dict[str, Any]]) -> None:
    if len(items) > ITEM_LIMIT:
        problems[prefix] = _("At most %(n)d items per section.") % {"n": ITEM_LIMIT}
    url = URLValidator(schemes=["http", "https"])
    for index, item in enumerate(items):
        field = f"{prefix}-{index}"
        if not item["title"]:
            problems[f"{field}-title"] = _("Give the item a title (or remove the item).")
        elif len(item["title"]) > 300:
            problems[f"{field}-title"] = _("Keep the title under 300 characters.")
        if words(item["description"]) > ITEM_DESCRIPTION_WORDS:
            problems[f"{field}-description"] = _("%(n)d words: shorten the description to %(limit)d words.") % {
                "n": words(item["description"]),
                "limit": ITEM_DESCRIPTION_WORDS,
            }
        for key in ("title", "description", "partners", "place"):
            if _has_control_characters(item[key]):
                problems[f"{field}-{key}"] = _("Remove the control characters from this text.")
        if len(item["partners"]) > 2000:
            problems[f"{field}-partners"] = _("Keep the partners under 2,000 characters.")
        if len(item["place"]) > 200:
            problems[f"{field}-place"] = _("Keep the place under 200 characters.")
        if len(item["links"]) > LINKS_PER_ITEM:
            problems[f"{field}-links"] = _("At most %(n)d links per item.") % {"n": LINKS_PER_ITEM}
        for link in item["links"]:
            try:
                url(link)
            except ValidationError:
                problems[f"{field}-links"] = _("“%(link)s” is not a web address (https://...).") % {"link": link[:80]}
                break
            if len(link) > 500:
                problems[f"{field}-links"] = _("Keep each address under 500 characters.")
                break
        if item["held_on"]:
            try:
                datetime.date.fromisoformat(str(item["held_on"]))
            except ValueError:
                problems[f"{field}-held_on"] = _("Enter the date as YYYY-MM-DD.")


def _validate_codes(problems: dict[str, str], content: dict[str, Any]) -> None:
    """Unknown country and SDG target codes, with one query each for the whole report."""
    lists = [(f"activities-{code}", items) for code, items in content["activities"].items()]
    lists += [(key, content[key]) for key in REGIONAL_LISTS]
    countries = {c for _p, items in lists for item in items for c in item["countries"]}
    targets = {t for _p, items in lists for item in items for t in item["sdg_targets"]}
    known_countries = (
        set(Country.objects.filter(iso3__in=countries).values_list("iso3", flat=True)) if countries else set()
    )
    known_targets = set(SdgTarget.objects.filter(code__in=targets).values_list("code", flat=True)) if targets else set()
    for prefix, items in lists:
        for index, item in enumerate(items):
            unknown = [c for c in item["countries"] if c not in known_countries]
            if unknown:
                problems[f"{prefix}-{index}-countries"] = _("Unknown country codes: %(codes)s") % {
                    "codes": ", ".join(unknown[:5])
                }
            unknown = [t for t in item["sdg_targets"] if t not in known_targets]
            if unknown:
                problems[f"{prefix}-{index}-sdg_targets"] = _("Unknown SDG targets: %(codes)s") % {
                    "codes": ", ".join(unknown[:5])
                }


def _has_control_characters(text: str) -> bool:
    return any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text or "")


def missing_for_submission(report: ActivityReport, content: dict[str, Any]) -> dict[str, str]:
    """What a draft still lacks before it can be submitted: {field key: message}."""
    problems: dict[str, str] = {}
    if not content["executive_summary"]:
        problems["executive_summary"] = _("Write the executive summary.")
    if report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION:
        if not content["regional_activities"]:
            problems["regional_activities"] = _("Describe at least one regional activity.")
    elif content["activities"] and not any(content["activities"].values()):
        first = next(iter(content["activities"]))
        problems[f"activities-{first}"] = _("Describe at least one activity under the action lines you facilitate.")
    return problems


def write(report: ActivityReport, content: dict[str, Any]) -> None:
    """Put the text sections into the report's columns (the report must be saved after)."""
    report.language = content["language"]
    for key in TEXT_KEYS:
        setattr(report, key, content[key])


def write_items(report: ActivityReport, content: dict[str, Any], *, by: Any, reason: str) -> None:
    """Replace the report's items (after the report is saved); each change lands in the audit trail."""
    from simple_history.utils import bulk_create_with_history

    from actionlines.models import ActionLine

    lines = dict(ActionLine.objects.filter(code__in=list(content["activities"])).values_list("code", "pk"))
    rows = []
    for code, items in content["activities"].items():
        rows += [_row(report, ReportItem.Section.ACTIVITY, lines[code], i, item) for i, item in enumerate(items)]
    for key, section in REGIONAL_LISTS.items():
        rows += [_row(report, section, None, i, item) for i, item in enumerate(content[key])]
    old = list(report.items.select_related("action_line").order_by("section", "action_line__sort", "position"))
    if sorted(map(_key, old)) == sorted(map(_key, rows)):
        return  # unchanged: keep the rows (and the audit trail) as they are
    for row in old:
        row._history_user = by  # type: ignore[attr-defined]
        row._change_reason = reason  # type: ignore[attr-defined]
        row.delete()
    bulk_create_with_history(rows, ReportItem, default_user=by, default_change_reason=reason)


def write_progress(report: ActivityReport, content: dict[str, Any], *, by: Any, reason: str) -> None:
    """Replace the report's progress values (after the report is saved), audited."""
    from simple_history.utils import bulk_create_with_history

    from reports.models import ReportProgress

    rows = [
        ReportProgress(
            report=report, target_id=row["target"], value=decimal.Decimal(row["value"]), note=row.get("note") or ""
        )
        for rows in content["progress"].values()
        for row in rows
    ]
    old = list(report.progress_values.order_by("target_id"))
    if [(row.target_id, row.value, row.note) for row in old] == sorted((r.target_id, r.value, r.note) for r in rows):
        return  # unchanged
    for row in old:
        row._history_user = by  # type: ignore[attr-defined]
        row._change_reason = reason  # type: ignore[attr-defined]
        row.delete()
    bulk_create_with_history(rows, ReportProgress, default_user=by, default_change_reason=reason)


def _key(row: ReportItem) -> tuple[Any, ...]:
    return (
        row.section,
        row.action_line_id or 0,
        row.position,
        row.title,
        row.description,
        tuple(row.countries),
        row.partners,
        tuple(row.sdg_targets),
        tuple(row.links),
        row.held_on.isoformat() if row.held_on else "",
        row.place,
    )


def _row(report: ActivityReport, section: str, line_id: int | None, position: int, item: dict[str, Any]) -> ReportItem:
    held_on = datetime.date.fromisoformat(item["held_on"]) if item["held_on"] else None
    return ReportItem(
        report=report,
        section=section,
        action_line_id=line_id,
        position=position,
        title=item["title"],
        description=item["description"],
        countries=item["countries"],
        partners=item["partners"],
        sdg_targets=item["sdg_targets"],
        links=item["links"],
        held_on=held_on,
        place=item["place"],
    )


def diff(
    before: dict[str, Any], after: dict[str, Any], *, labels: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Field by field differences between two contents (a saved version and another), for reviewers."""
    before, after = normalise(before), normalise(after)
    codes = list(dict.fromkeys([*before["activities"], *after["activities"]]))
    labels = labels or section_labels(codes)
    changes: list[dict[str, Any]] = []

    def add(field: str, label: str, old: Any, new: Any) -> None:
        if (old or None) != (new or None):
            changes.append({"field": field, "label": label, "before": _show(old), "after": _show(new)})

    add("language", labels["language"], before["language"], after["language"])
    add("executive_summary", labels["executive_summary"], before["executive_summary"], after["executive_summary"])
    for code in codes:
        section = labels.get(f"line:{code}", code)
        old_items, new_items = before["activities"].get(code, []), after["activities"].get(code, [])
        _diff_items(add, f"line:{code}", section, old_items, new_items)
        old_progress = {row["target"]: row for row in before["progress"].get(code, [])}
        new_progress = {row["target"]: row for row in after["progress"].get(code, [])}
        for target in sorted(set(old_progress) | set(new_progress), key=str):
            old_row, new_row = old_progress.get(target, {}), new_progress.get(target, {})
            add(
                f"line:{code}",
                f"{section} — " + _("target %(id)s") % {"id": target},
                " ".join(filter(None, [old_row.get("value"), old_row.get("note")])),
                " ".join(filter(None, [new_row.get("value"), new_row.get("note")])),
            )
    for key in REGIONAL_LISTS:
        _diff_items(add, key, labels[key], before[key], after[key])
    for key in TEXT_KEYS[1:]:
        add(key, labels[key], before[key], after[key])
    add("attachments", labels["attachments"], before["attachments"], after["attachments"])
    return changes


def _diff_items(add: Any, field: str, section: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    for index in range(max(len(old), len(new))):
        old_item = old[index] if index < len(old) else {}
        new_item = new[index] if index < len(new) else {}
        title = new_item.get("title") or old_item.get("title") or ""
        for key in ITEM_KEYS:
            label = f"{section} — {index + 1}. {title[:60]} — {ITEM_LABELS[key]}"
            add(field, label, old_item.get(key), new_item.get(key))


ITEM_LABELS = {
    "title": gettext_lazy("title"),
    "description": gettext_lazy("description"),
    "countries": gettext_lazy("countries"),
    "partners": gettext_lazy("partners"),
    "sdg_targets": gettext_lazy("SDG targets"),
    "links": gettext_lazy("links"),
    "held_on": gettext_lazy("date"),
    "place": gettext_lazy("place"),
}


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)
