"""Forms of the reporting cycle. The report form is a set of forms (the text sections, one formset of
items per action line and per regional list, one small form per measurable target) whose input names
are the field keys the services use in their error messages ("activities-C2-0-title")."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms import formset_factory
from django.forms.formsets import BaseFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionlines.models import MeasurableTarget
from reports import content as report_content
from reports.models import LANGUAGE_CHOICES, ActivityReport, Invitation
from stakeholders.models import Organisation
from wsis_portal.forms import CleanTextMixin


def _word_limit(limit: int) -> Any:
    def check(value: str) -> None:
        count = report_content.words(value)
        if count > limit:
            raise forms.ValidationError(
                _("%(n)d words: shorten the text to %(limit)d words at most.") % {"n": count, "limit": limit}
            )

    return check


def _text_field(label: Any, limit: int, rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit * 20,
        validators=[_word_limit(limit)],
        widget=forms.Textarea(attrs={"rows": rows, "data-word-limit": str(limit)}),
        help_text=_("At most %(limit)d words.") % {"limit": limit},
    )


class SectionsForm(CleanTextMixin, forms.Form):
    """The language and the text sections of a report."""

    language = forms.ChoiceField(label=_("Language of submission"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label, limit in report_content.TEXT_SECTIONS:
            self.fields[key] = _text_field(label, limit, rows=8 if key == "executive_summary" else 5)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").replace(",", " ").split() if part.strip()]


class ItemForm(CleanTextMixin, forms.Form):
    """One repeatable item: an activity, a regional activity or a regional review meeting."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=report_content.ITEM_DESCRIPTION_WORDS * 20,
        validators=[_word_limit(report_content.ITEM_DESCRIPTION_WORDS)],
        widget=forms.Textarea(attrs={"rows": 4, "data-word-limit": str(report_content.ITEM_DESCRIPTION_WORDS)}),
    )
    countries = forms.CharField(
        label=_("Countries"),
        required=False,
        max_length=2000,
        help_text=_("ISO codes separated by spaces or commas, e.g. SEN KEN JOR."),
    )
    partners = forms.CharField(label=_("Partners"), required=False, max_length=2000)
    sdg_targets = forms.CharField(label=_("SDG targets"), required=False, max_length=500, help_text=_("e.g. 9.c, 17.8"))
    links = forms.CharField(
        label=_("Links"),
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address per line; at most 10."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.has_changed() and not data.get("title") and not data.get("DELETE"):
            self.add_error("title", _("Give the item a title (or remove the item)."))
        return data

    def to_item(self) -> dict[str, Any]:
        data = self.cleaned_data
        item = report_content.empty_item()
        item.update(
            title=data.get("title", ""),
            description=data.get("description", ""),
            countries=[c.upper() for c in _codes(data.get("countries", ""))],
            partners=data.get("partners", ""),
            sdg_targets=_codes(data.get("sdg_targets", "")),
            links=[line.strip() for line in (data.get("links") or "").splitlines() if line.strip()],
        )
        return item

    @staticmethod
    def initial_from(item: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": item.get("title", ""),
            "description": item.get("description", ""),
            "countries": " ".join(item.get("countries") or []),
            "partners": item.get("partners", ""),
            "sdg_targets": ", ".join(item.get("sdg_targets") or []),
            "links": "\n".join(item.get("links") or []),
            "held_on": item.get("held_on") or None,
            "place": item.get("place", ""),
        }


class MeetingForm(ItemForm):
    held_on = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), required=False, max_length=200)

    def to_item(self) -> dict[str, Any]:
        item = super().to_item()
        held_on = self.cleaned_data.get("held_on")
        item.update(held_on=held_on.isoformat() if held_on else None, place=self.cleaned_data.get("place", ""))
        return item


class ItemFormSet(BaseFormSet):  # type: ignore[type-arg]
    """Every item counts as "extra": a blank one is ignored rather than refused, and the page works the
    same whether JavaScript added a blank item or the server did."""

    def initial_form_count(self) -> int:
        return 0


ItemFormSetFactory = formset_factory(
    ItemForm, formset=ItemFormSet, extra=0, can_delete=True, max_num=30, absolute_max=40
)
MeetingFormSetFactory = formset_factory(
    MeetingForm, formset=ItemFormSet, extra=0, can_delete=True, max_num=30, absolute_max=40
)


class ProgressForm(CleanTextMixin, forms.Form):
    value = forms.DecimalField(label=_("Value reached"), required=False, max_digits=20, decimal_places=4)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ReportForm:
    """The whole report form, bound to POST data or built from the report's content."""

    def __init__(
        self,
        report: ActivityReport,
        targets: dict[str, list[MeasurableTarget]],
        data: Any = None,
        content: dict[str, Any] | None = None,
        add: str = "",
    ) -> None:
        self.report = report
        self.codes = list(targets)
        self.regional = report.invitation.kind == Invitation.Kind.REGIONAL_COMMISSION
        self.targets = targets
        if data is not None and add:
            data = data.copy()
            key = f"{add}-TOTAL_FORMS"
            if key in data:
                data[key] = str(int(data[key] or 0) + 1)
        initial = content or {}
        self.sections = SectionsForm(
            data, initial={k: initial.get(k, "") for k in ["language", *report_content.TEXT_KEYS]}
        )
        self.formsets: dict[str, Any] = {}
        for code in self.codes:
            self.formsets[f"activities-{code}"] = self._formset(
                ItemFormSetFactory, f"activities-{code}", data, (initial.get("activities") or {}).get(code, [])
            )
        if self.regional:
            self.formsets["regional_activities"] = self._formset(
                ItemFormSetFactory, "regional_activities", data, initial.get("regional_activities", [])
            )
            self.formsets["regional_meetings"] = self._formset(
                MeetingFormSetFactory, "regional_meetings", data, initial.get("regional_meetings", [])
            )
        values = {row["target"]: row for rows in (initial.get("progress") or {}).values() for row in rows}
        self.progress: dict[int, ProgressForm] = {}
        for code in self.codes:
            for target in targets[code]:
                row = values.get(target.pk, {})
                self.progress[target.pk] = ProgressForm(
                    data,
                    prefix=f"progress-{target.pk}",
                    initial={"value": row.get("value"), "note": row.get("note", "")},
                )
        self._item_forms: dict[tuple[str, int], forms.Form] = {}

    @staticmethod
    def _formset(factory: Any, prefix: str, data: Any, items: list[dict[str, Any]]) -> Any:
        if data is not None:
            formset = factory(data, prefix=prefix)
        else:
            formset = factory(prefix=prefix, initial=[ItemForm.initial_from(item) for item in items])
            formset.extra = len(items) if items else 1  # one blank item to start with
        return formset

    def is_valid(self) -> bool:
        valid = self.sections.is_valid()
        for formset in self.formsets.values():
            valid = formset.is_valid() and valid
        for form in self.progress.values():
            valid = form.is_valid() and valid
        return valid

    def to_content(self) -> dict[str, Any]:
        """The typed content, skipping blank and removed items (call after is_valid)."""
        content: dict[str, Any] = {
            key: self.sections.cleaned_data.get(key, "") for key in ["language", *report_content.TEXT_KEYS]
        }
        content["activities"] = {}
        self._item_forms = {}
        for prefix, formset in self.formsets.items():
            items: list[dict[str, Any]] = []
            for form in formset.forms:
                if not form.has_changed() or form.cleaned_data.get("DELETE"):
                    continue
                self._item_forms[(prefix, len(items))] = form
                items.append(form.to_item())
            if prefix.startswith("activities-"):
                content["activities"][prefix.removeprefix("activities-")] = items
            else:
                content[prefix] = items
        content["progress"] = {code: [] for code in self.codes}
        for code in self.codes:
            for target in self.targets[code]:
                data = self.progress[target.pk].cleaned_data
                if data.get("value") is not None:
                    content["progress"][code].append(
                        {"target": target.pk, "value": str(data["value"]), "note": data.get("note", "")}
                    )
        return content

    def add_problems(self, problems: dict[str, str]) -> None:
        """Put the service's {field key: message} next to the matching inputs."""
        for key, message in problems.items():
            if key in self.sections.fields:
                self.sections.add_error(key, message)
                continue
            if key.startswith("progress-"):
                _, target, name = key.split("-", 2)
                progress_form = self.progress.get(int(target)) if target.isdigit() else None
                if progress_form is not None and name in progress_form.fields:
                    progress_form.add_error(name, message)
                    continue
            placed = False
            for (prefix, index), form in self._item_forms.items():
                if key.startswith(f"{prefix}-{index}-"):
                    name = key.removeprefix(f"{prefix}-{index}-")
                    if name in form.fields:
                        form.add_error(name, message)
                        placed = True
                        break
            if not placed:
                self.sections.add_error(None, message)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.sections.errors
            or any(
                not formset.is_valid() or formset.non_form_errors()
                for formset in self.formsets.values()
                if formset.is_bound
            )
            or any(form.errors for form in self.progress.values())
        )

    def error_list(self) -> list[tuple[str, str, str]]:
        """(input id, label, message) for the summary at the top of the page."""
        rows: list[tuple[str, str, str]] = []
        for error in self.sections.non_field_errors():
            rows.append(("", "", str(error)))
        for bound in self.sections:
            rows += [(bound.id_for_label, str(bound.label), str(e)) for e in bound.errors]
        for formset in self.formsets.values():
            if not formset.is_bound:
                continue
            rows += [("", "", str(e)) for e in formset.non_form_errors()]
            for form in formset.forms:
                for bound in form:
                    rows += [(bound.id_for_label, str(bound.label), str(e)) for e in bound.errors]
        for form in self.progress.values():
            for bound in form:
                rows += [(bound.id_for_label, str(bound.label), str(e)) for e in bound.errors]
        return rows

    def line_blocks(self) -> list[dict[str, Any]]:
        """What the template shows per action line: its items and its targets' progress forms."""
        return [
            {
                "code": code,
                "formset": self.formsets[f"activities-{code}"],
                "targets": [(target, self.progress[target.pk]) for target in self.targets[code]],
            }
            for code in self.codes
        ]


class CycleOpenForm(CleanTextMixin, forms.Form):
    year = forms.IntegerField(label=_("Reporting year"), min_value=2005, max_value=2100)
    session = forms.CharField(
        label=_("CSTD session"), max_length=120, help_text=_("For example “twenty-ninth session, 2026”.")
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    reminder_days = forms.CharField(
        label=_("Reminders"),
        max_length=100,
        required=False,
        help_text=_("Days relative to the deadline, separated by commas: -7 is a week before, 7 a week after."),
    )
    symbol_ga = forms.CharField(label=_("General Assembly symbol"), max_length=40, required=False)
    symbol_ecosoc = forms.CharField(label=_("ECOSOC symbol"), max_length=40, required=False)
    invitees = forms.MultipleChoiceField(
        label=_("Entities invited"), widget=forms.CheckboxSelectMultiple, required=True
    )
    others = forms.MultipleChoiceField(
        label=_("Other UN entities"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(
        self, *args: Any, defaults: list[dict[str, Any]], other_entities: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.defaults = {str(d["organisation"].pk): d for d in defaults}
        self._choice("invitees").choices = [
            (
                str(d["organisation"].pk),
                f"{d['organisation']} — {Invitation.Kind(d['kind']).label}"
                + (f" ({', '.join(d['action_lines'])})" if d["action_lines"] else ""),
            )
            for d in defaults
        ]
        self.other_entities = {str(o.pk): o for o in other_entities if str(o.pk) not in self.defaults}
        self._choice("others").choices = [(pk, str(o)) for pk, o in self.other_entities.items()]

    def _choice(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def clean_reminder_days(self) -> list[int]:
        raw = self.cleaned_data.get("reminder_days") or ""
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Write whole numbers of days separated by commas, e.g. -7, -1, 7.")) from None

    def clean_deadline(self) -> datetime.date:
        deadline: datetime.date = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline

    def chosen_invitees(self) -> list[dict[str, Any]]:
        chosen = [self.defaults[pk] for pk in self.cleaned_data["invitees"]]
        chosen += [
            {"organisation": self.other_entities[pk], "kind": Invitation.Kind.OTHER_UN_ENTITY, "action_lines": []}
            for pk in self.cleaned_data.get("others", [])
        ]
        return chosen


class InviteForm(CleanTextMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(verified=True).order_by("name_en")
    )
    kind = forms.ChoiceField(label=_("Invited as"), choices=Invitation.Kind.choices)
    action_lines = forms.MultipleChoiceField(
        label=_("Action lines reported on"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from reports import selectors

        super().__init__(*args, **kwargs)
        field = self.fields["action_lines"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(line.code, f"{line.code} {line.name}") for line in selectors.reporting_units()]


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for unlocking"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the report's history and sent to the focal points."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"), help_text=_("PDF, Word, Excel, PowerPoint, PNG or JPEG; 10 MB at most.")
    )
