"""Checking every row of a file through the entry form's own fields (the dry run); queries do not
depend on the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from stakeholders.models import Organisation
from stocktaking import content as entry_content
from stocktaking import forms as entry_forms
from stocktaking.imports.reading import (
    CHOICES,
    CODE_COLUMNS,
    COLUMNS,
    CONTROL_CHARACTERS,
    EXTERNAL_ID_MAX,
    LINK_MAX,
    TEXT_COLUMNS,
    Row,
)
from stocktaking.models import (
    Entry,
)

# --------------------------------------------------------------------------------------------
# Checking the rows


@dataclass
class CheckedRow:
    number: int
    external_id: str
    organisation: Organisation
    content: dict[str, Any]
    existing_id: int | None


@dataclass
class Check:
    """The outcome of a dry run: the rows ready to write and every error found."""

    rows: list[CheckedRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    row_count: int = 0

    @property
    def to_create(self) -> int:
        return sum(1 for row in self.rows if row.existing_id is None)

    @property
    def to_update(self) -> int:
        return sum(1 for row in self.rows if row.existing_id is not None)


@dataclass
class _Reference:
    form: entry_forms.EntryForm
    organisations: dict[str, Organisation]
    existing: dict[str, tuple[int, str]]
    codes: dict[str, set[str]] = field(default_factory=dict)  # the form's choices, as sets


def _choice_values(choices: Any) -> set[str]:
    values: set[str] = set()
    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of choices (the SDG targets by goal)
            values |= {str(inner) for inner, _label in label}
        else:
            values.add(str(value))
    return values


def _load_reference(rows: list[Row]) -> _Reference:
    """The codes the entry form accepts, the organisations named and the entries known. 7 queries."""
    form = entry_forms.EntryForm()  # 5 queries: action lines, SDG targets, WSIS targets, countries, regions
    named = {row.cells.get("organisation", "") for row in rows} - {""}
    ids = [int(value) for value in named if value.isdigit() and len(value) < 18]
    codes = [value.lower() for value in named if not value.isdigit()]
    organisations: dict[str, Organisation] = {}
    found = Organisation.objects.annotate(code_lower=Lower("code")).filter(Q(pk__in=ids) | Q(code_lower__in=codes))
    for organisation in found:
        organisations[str(organisation.pk)] = organisation
        if organisation.code:
            organisations[organisation.code.lower()] = organisation
    external_ids = {row.cells.get("external_id", "") for row in rows} - {""}
    existing = {
        str(external_id): (pk, state)
        for external_id, pk, state in Entry.objects.filter(external_id__in=external_ids).values_list(
            "external_id", "pk", "state"
        )
    }
    known = {name: _choice_values(getattr(form.fields[name], "choices", [])) for name in CODE_COLUMNS}
    return _Reference(form=form, organisations=organisations, existing=existing, codes=known)


def check_rows(rows: list[Row], *, publish: bool) -> Check:
    """Check every row as the entry form would, and completeness when publishing. 7 queries, whatever the rows."""
    reference = _load_reference(rows)
    result = Check(row_count=len(rows))
    first_row_of: dict[str, int] = {}
    for row in rows:
        checked, errors = _check_row(row, reference, publish=publish, first_row_of=first_row_of)
        result.errors += errors
        if checked is not None:
            result.rows.append(checked)
    order = {name: index for index, name in enumerate(COLUMNS)}
    result.errors.sort(key=lambda error: (error["row"], order.get(error["column"], len(order))))
    return result


def _check_row(
    row: Row, reference: _Reference, *, publish: bool, first_row_of: dict[str, int]
) -> tuple[CheckedRow | None, list[dict[str, Any]]]:
    errors: list[dict[str, Any]] = []

    def error(column: str, message: str) -> None:
        errors.append({"row": row.number, "column": column, "message": str(message)})

    cells = row.cells
    if row.extra:
        error("", _("This row has cells to the right of the last column of the header."))
    for column, value in cells.items():
        if "\x00" in value:
            error(column, _("Null characters are not allowed."))
        elif CONTROL_CHARACTERS.search(value):
            error(column, _("Remove the control characters from this text."))

    def ok(column: str) -> bool:
        return not any(e["column"] == column for e in errors)

    external_id = cells.get("external_id", "")
    existing = None
    if ok("external_id"):
        if not external_id:
            error("external_id", _("Give each row an external_id: a later import finds the entry again by it."))
        elif len(external_id) > EXTERNAL_ID_MAX:
            error("external_id", _("At most %(max)d characters.") % {"max": EXTERNAL_ID_MAX})
        elif external_id in first_row_of:
            error(
                "external_id",
                _("The external_id %(id)s is also on row %(row)d: each entry appears once in a file.")
                % {"id": external_id, "row": first_row_of[external_id]},
            )
        else:
            first_row_of[external_id] = row.number
            existing = reference.existing.get(external_id)
            if existing and existing[1] == Entry.State.PUBLISHED and not publish:
                error(
                    "external_id",
                    _("%(id)s is a published entry: import with “publish at once” to update it.") % {"id": external_id},
                )

    organisation = None
    named = cells.get("organisation", "")
    if ok("organisation"):
        organisation = reference.organisations.get(named.lower())
        if not named:
            error("organisation", _("Give the organisation's id or its UN code (such as ITU)."))
        elif organisation is None:
            error("organisation", _("No organisation has the id or code %(value)s.") % {"value": named[:100]})

    content = entry_content.empty("en")
    fields = reference.form.fields
    for name in TEXT_COLUMNS:
        if ok(name):
            try:
                content[name] = fields[name].clean(cells.get(name, ""))
            except ValidationError as invalid:
                error(name, " ".join(invalid.messages))
    content["description"] = entry_content.sanitise_html(content["description"])
    for name in CHOICES:
        value = cells.get(name, "").lower()
        if not ok(name):
            continue
        allowed = CHOICES[name]
        if name == "original_language" and not value:
            error(name, _("Give the language of the entry: %(allowed)s.") % {"allowed": ", ".join(allowed)})
        elif value and value not in allowed:
            error(
                name,
                _("Unknown value %(value)s; use one of: %(allowed)s.")
                % {"value": value[:50], "allowed": ", ".join(allowed)},
            )
        else:
            content[name] = value
    for name in ("start_date", "end_date"):
        value = cells.get(name, "")
        if ok(name) and value:
            try:
                content[name] = datetime.date.fromisoformat(value).isoformat()
            except ValueError:
                error(name, _("%(value)s is not a date: write it as YYYY-MM-DD.") % {"value": value[:30]})
    if content["start_date"] and content["end_date"] and content["end_date"] < content["start_date"]:
        error("end_date", _("The end date is before the start date."))
    if ok("links"):
        _check_links(cells.get("links", ""), content, error)
    for name in CODE_COLUMNS:
        if ok(name):
            _check_codes(name, cells.get(name, ""), reference.codes[name], content, error)

    if publish:
        # A column that already has an error is not also reported as missing.
        for name, message in entry_content.missing_for_submission(content).items():
            if ok(name):
                error(name, message)
    if errors or organisation is None:
        return None, errors
    return CheckedRow(row.number, external_id, organisation, content, existing[0] if existing else None), errors


def _check_links(value: str, content: dict[str, Any], error: Any) -> None:
    links = [link.strip() for link in value.replace("\n", ";").split(";") if link.strip()]
    if len(links) > entry_forms.MAX_LINKS:
        error("links", _("Give at most %(max)d links.") % {"max": entry_forms.MAX_LINKS})
        return
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            if len(link) > LINK_MAX:
                raise ValidationError("too long")
            validate(link)
        except ValidationError:
            error("links", _("%(link)s is not a web address.") % {"link": link[:100]})
            return
    content["links"] = links


def _check_codes(name: str, value: str, known: set[str], content: dict[str, Any], error: Any) -> None:
    """Codes separated by ";" (also "," or spaces), kept as the UN writes them (C7.4, 9.c, SEN, 002)."""
    codes = [code for code in value.replace(",", ";").replace("\n", ";").replace(" ", ";").split(";") if code]
    if name in ("countries", "action_lines"):
        codes = [code.upper() for code in codes]
    elif name == "sdg_targets":
        codes = [code.lower() for code in codes]
    elif name == "regions":
        codes = [code.zfill(3) if code.isdigit() else code for code in codes]
    codes = list(dict.fromkeys(codes))
    unknown = [code for code in codes if code not in known]
    if unknown:
        messages = {
            "countries": _("Unknown country codes: %(codes)s. Use ISO 3166 alpha-3 codes such as SEN."),
            "regions": _("Unknown region codes: %(codes)s. Use UN M49 region codes such as 002."),
            "action_lines": _("Unknown action lines: %(codes)s. Use codes such as C2 or C7.4."),
            "sdg_targets": _("Unknown SDG targets: %(codes)s. Use codes such as 9.c or 17.8."),
            "wsis_targets": _("Unknown WSIS targets: %(codes)s. Use the numbers 1 to 10."),
        }
        error(name, messages[name] % {"codes": ", ".join(code[:20] for code in unknown[:10])})
        return
    if name in ("action_lines", "sdg_targets"):
        content[name] = [{"code": code, "rationale": ""} for code in codes]
    elif name == "wsis_targets":
        content[name] = sorted(int(code) for code in codes)
    else:
        content[name] = sorted(codes)
