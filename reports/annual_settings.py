"""The secretariat's inputs to a cycle's annual report (reports.compile_models.AnnualReportSettings): the
front matter and chapter VIII, "Findings and suggestions". A form, a service (validation, version
conflict, audit) and the editor page; the REST API uses the same form and service (reports.api)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reports.compile_models import AnnualReportSettings
from reports.models import ReportingCycle
from wsis_portal import audit, permissions
from wsis_portal.forms import CleanTextMixin
from wsis_portal.http import AuthenticatedHttpRequest

FIELDS = [
    "symbol_ga",
    "symbol_ecosoc",
    "document_date",
    "ga_session",
    "ga_item",
    "ga_item_title",
    "ga_preliminary_list",
    "ecosoc_session",
    "ecosoc_dates_and_place",
    "ecosoc_item",
    "ecosoc_item_title",
    "ecosoc_agenda",
    "title",
    "summary",
    "findings",
]
GA_SYMBOL = re.compile(r"^A/\d{2,3}/\d{1,4}$")
ECOSOC_SYMBOL = re.compile(r"^E/\d{4}/\d{1,4}$")
AGENDA_ITEM = re.compile(r"^\d{1,3}( ?\([a-z]\))?$")
TAGS = re.compile(r"<[^>]+>")


class ConflictError(Exception):
    """Someone saved the settings in between; nothing was overwritten."""

    def __init__(self, current: AnnualReportSettings) -> None:
        super().__init__(_("Someone else saved these settings meanwhile. Check their values, then save again."))
        self.current = current


class AnnualReportSettingsForm(CleanTextMixin, forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AnnualReportSettings
        fields = FIELDS
        widgets = {
            "document_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "findings": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args: Any, cycle: ReportingCycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle

    def clean_symbol_ga(self) -> str:
        value = self.cleaned_data["symbol_ga"].strip()
        if not GA_SYMBOL.match(value):
            raise forms.ValidationError(_("A General Assembly symbol reads like A/81/65."))
        return value

    def clean_symbol_ecosoc(self) -> str:
        value = self.cleaned_data["symbol_ecosoc"].strip()
        if not ECOSOC_SYMBOL.match(value):
            raise forms.ValidationError(_("An ECOSOC symbol reads like E/2026/52."))
        return value

    def _item(self, name: str) -> str:
        value = self.cleaned_data[name].strip()
        if not AGENDA_ITEM.match(value):
            raise forms.ValidationError(_("An agenda item reads like 16 or 18 (b)."))
        return value

    def clean_ga_item(self) -> str:
        return self._item("ga_item")

    def clean_ecosoc_item(self) -> str:
        return self._item("ecosoc_item")

    def clean_ga_session(self) -> int:
        value = self.cleaned_data["ga_session"]
        if not 60 <= value <= 150:
            raise forms.ValidationError(_("Give the number of the General Assembly's session, for example 81."))
        return int(value)

    def clean_ecosoc_session(self) -> int:
        value = self.cleaned_data["ecosoc_session"]
        if value not in (self.cycle.year, self.cycle.year + 1, self.cycle.year + 2):
            raise forms.ValidationError(
                _("The Council's session follows the reporting year: %(first)s or %(second)s.")
                % {"first": self.cycle.year + 1, "second": self.cycle.year + 2}
            )
        return int(value)

    def clean_document_date(self) -> datetime.date:
        value: datetime.date = self.cleaned_data["document_date"]
        if value.year < self.cycle.year:
            raise forms.ValidationError(_("The report is dated after the reporting year began."))
        return value

    def _plain(self, name: str) -> str:
        value = self.cleaned_data[name]
        if TAGS.search(value):
            raise forms.ValidationError(
                _("Plain text only: remove the tags (<...>); separate paragraphs by a blank line.")
            )
        return str(value).strip()

    def clean_summary(self) -> str:
        return self._plain("summary")

    def clean_findings(self) -> str:
        return self._plain("findings")

    def clean_title(self) -> str:
        return self._plain("title")


def initial_for(cycle: ReportingCycle) -> dict[str, Any]:
    """Suggested values for a cycle without settings: the cycle's symbols and the usual sessions."""
    return {
        "symbol_ga": cycle.symbol_ga,
        "symbol_ecosoc": cycle.symbol_ecosoc,
        "ga_session": cycle.year - 1944,  # the session that opens in September of the following year
        "ecosoc_session": cycle.year + 1,
        "document_date": datetime.date(cycle.year + 1, 3, 1),
    }


@transaction.atomic
def save_settings(
    *, cycle: ReportingCycle, values: dict[str, Any], version: int | None, by: Any
) -> AnnualReportSettings:
    """Create or update the cycle's settings from validated `values`, as edited from `version` (None or 0
    when creating). A newer saved version raises ConflictError; nothing is overwritten then."""
    current = AnnualReportSettings.objects.select_for_update().filter(cycle=cycle).first()
    if current is None:
        if version:
            raise ConflictError(AnnualReportSettings(cycle=cycle))
        current = AnnualReportSettings(cycle=cycle, version=0)
        action = "reports.annual_report_settings.created"
    else:
        if version is not None and int(version) != current.version:
            raise ConflictError(current)
        action = "reports.annual_report_settings.changed"
    for name in FIELDS:
        setattr(current, name, values[name])
    current.version += 1
    current.updated_by = by
    audit.record_as(current, by, action)
    current.save()
    return current


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The secretariat edits the front matter and the findings of the cycle's annual report. A stale
    save shows their values beside what was typed (kept in the form); nothing is overwritten."""
    permissions.require(request.user, "reports.cycle.manage")
    cycle = get_object_or_404(ReportingCycle, year=year)
    current = AnnualReportSettings.objects.filter(cycle=cycle).select_related("updated_by").first()
    conflict = None
    if request.method == "POST":
        form = AnnualReportSettingsForm(request.POST, instance=None, cycle=cycle)
        if form.is_valid():
            try:
                save_settings(
                    cycle=cycle, values=form.cleaned_data, version=form.cleaned_data.get("version"), by=request.user
                )
            except ConflictError as error:
                conflict = error.current
                data = request.POST.copy()
                data["version"] = str(error.current.version)  # saving again, having seen theirs, keeps yours
                form = AnnualReportSettingsForm(data, cycle=cycle)
                form.is_valid()
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The report settings are saved; the next compilation uses them."))
                return redirect("reports:annual-settings", year=cycle.year)
        status = 409 if conflict else 400
    else:
        initial = {"version": current.version if current else 0}
        if current is None:
            initial.update(initial_for(cycle))
        form = AnnualReportSettingsForm(instance=current, initial=initial, cycle=cycle)
        status = 200
    context = {
        "cycle": cycle,
        "form": form,
        "current": current,
        "conflict": conflict,
        "conflict_fields": [(form[name].label, getattr(conflict, name)) for name in FIELDS if conflict is not None],
        "history": audit.history_for(current, limit=10) if current else [],
    }
    return render(request, "reports/annual_settings.html", context, status=status)
