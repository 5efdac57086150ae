"""Forms of the roadmap editor: an objective with a formset of its measurable targets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from actionlines.models import (
    ROADMAP_FIRST_YEAR,
    ROADMAP_LAST_YEAR,
    MeasurableTarget,
    RoadmapObjective,
    plain_number,
)
from wsis_portal.forms import CleanTextMixin

YEAR_HELP = _("A year between %(first)d and %(last)d.") % {"first": ROADMAP_FIRST_YEAR, "last": ROADMAP_LAST_YEAR}


def _year(label: Any, required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, min_value=ROADMAP_FIRST_YEAR, max_value=ROADMAP_LAST_YEAR, help_text=YEAR_HELP
    )


class ObjectiveForm(CleanTextMixin, forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=RoadmapObjective.Period.choices)
    title = forms.CharField(label=_("Objective"), max_length=500)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(
        label=_("Source"), max_length=300, required=False, help_text=_("The decision or document this comes from.")
    )

    @staticmethod
    def initial_from(objective: RoadmapObjective) -> dict[str, Any]:
        return {name: getattr(objective, name) for name in ("period", "title", "description", "source")}


class TargetForm(CleanTextMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    indicator = forms.CharField(label=_("Indicator"), widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label=_("Unit"), max_length=100, required=False, help_text=_("e.g. %, countries, villages"))
    baseline_value = forms.DecimalField(label=_("Baseline value"), required=False, max_digits=20, decimal_places=4)
    baseline_year = _year(_("Baseline year"), required=False)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=4)
    target_year = _year(_("Target year"), required=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("baseline_value") is None) != (data.get("baseline_year") is None) and not self.errors:
            self.add_error("baseline_year", _("Give the baseline value and its year, or neither."))
        baseline, target = data.get("baseline_year"), data.get("target_year")
        if baseline is not None and target is not None and target < baseline:
            self.add_error("target_year", _("The target year cannot be before the baseline year."))
        return data


TargetFormSet = forms.formset_factory(TargetForm, extra=2, can_delete=True, max_num=50, validate_max=True)


def target_initial(target: MeasurableTarget) -> dict[str, Any]:
    return {
        "id": target.pk,
        "indicator": target.indicator,
        "unit": target.unit,
        "baseline_value": plain_number(target.baseline_value),  # 3, not 3.0000
        "baseline_year": target.baseline_year,
        "target_value": plain_number(target.target_value),
        "target_year": target.target_year,
    }


def formset_data(formset: Any) -> list[dict[str, Any]]:
    """The targets to keep, in order: filled rows not marked for removal."""
    kept = []
    for form in formset.forms:
        if not form.has_changed() and not form.cleaned_data.get("id"):
            continue  # an empty extra row
        if form.cleaned_data.get("DELETE"):
            continue
        values = {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        kept.append(values)
    return kept


def kept_forms(formset: Any) -> list[Any]:
    """The forms behind formset_data's rows, in the same order (to put a service error on its row)."""
    return [
        form
        for form in formset.forms
        if (form.has_changed() or form.cleaned_data.get("id")) and not form.cleaned_data.get("DELETE")
    ]
