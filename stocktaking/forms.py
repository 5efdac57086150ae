from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from actionlines.models import ActionLine, SdgTarget, WsisTarget
from stakeholders.models import Country, Region
from stocktaking import content as entry_content
from stocktaking.models import LANGUAGE_CHOICES, Entry
from wsis_portal.forms import CleanTextMixin

MAX_LINKS = 10


def _action_line_units() -> list[ActionLine]:
    return list(ActionLine.objects.exclude(code="C7").order_by("sort"))


class EntryForm(CleanTextMixin, forms.Form):
    """The whole entry in sections; nothing is required to save a draft (see content.missing_for_submission)."""

    SECTIONS = [
        (_("The activity"), ["title", "activity_type", "original_language", "status", "start_date", "end_date"]),
        (_("Description"), ["short_description", "description"]),
        (_("WSIS action lines"), ["action_lines"]),
        (_("Sustainable Development Goals and WSIS targets"), ["sdg_targets", "sdg_rationale", "wsis_targets"]),
        (_("Where"), ["coverage", "countries", "regions"]),
        (_("Links and partners"), ["website", "links", "partners"]),
        (_("Results"), ["impact", "challenges"]),
        (_("Contact"), ["contact_name", "contact_email"]),
    ]

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    activity_type = forms.ChoiceField(
        label=_("Type of activity"), choices=[("", "—"), *Entry.ActivityType.choices], required=False
    )
    original_language = forms.ChoiceField(label=_("Language of the entry"), choices=LANGUAGE_CHOICES)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "—"), *Entry.Status.choices], required=False)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    short_description = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=1600,
        widget=forms.Textarea(attrs={"rows": 6, "data-word-limit": "200"}),
        help_text=_("150 to 200 words: what the activity does, where, and for whom."),
    )
    description = forms.CharField(
        label=_("Full description"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paragraphs, lists and links are kept; other formatting is removed."),
    )
    action_lines = forms.MultipleChoiceField(
        label=_("Action lines"), required=False, widget=forms.CheckboxSelectMultiple
    )
    sdg_targets = forms.MultipleChoiceField(
        label=_("SDG targets"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    sdg_rationale = forms.CharField(
        label=_("How the activity serves these SDG targets"), max_length=500, required=False
    )
    wsis_targets = forms.MultipleChoiceField(
        label=_("WSIS targets"), required=False, widget=forms.CheckboxSelectMultiple
    )
    coverage = forms.ChoiceField(
        label=_("Coverage"), choices=Entry.Coverage.choices, required=False, widget=forms.RadioSelect
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    website = forms.URLField(label=_("Website"), max_length=500, required=False, assume_scheme="https")
    links = forms.CharField(
        label=_("Other links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address per line (documents, videos, reports); at most 10."),
    )
    partners = forms.CharField(
        label=_("Partners"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    impact = forms.CharField(
        label=_("Impact"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    challenges = forms.CharField(
        label=_("Challenges"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = _action_line_units()
        self.action_line_codes = [line.code for line in units]
        self._choice_field("action_lines").choices = [(line.code, f"{line.code} {line.name}") for line in units]
        for line in units:
            self.fields[f"why_{line.code}"] = forms.CharField(
                label=_("Why %(code)s?") % {"code": line.code}, max_length=500, required=False
            )
        targets = SdgTarget.objects.select_related("goal").order_by("goal__number", "sort")
        groups: dict[str, list[tuple[str, str]]] = {}
        for target in targets:
            groups.setdefault(f"{target.goal.number}. {target.goal.name}", []).append(
                (target.code, f"{target.code} {target.text[:90]}")
            )
        self._choice_field("sdg_targets").choices = list(groups.items())
        self._choice_field("wsis_targets").choices = [
            (str(t.number), f"{t.number}. {t.text}") for t in WsisTarget.objects.all()
        ]
        countries = sorted(((c.iso3, c.name) for c in Country.objects.all()), key=lambda choice: choice[1])
        self._choice_field("countries").choices = countries
        self._choice_field("regions").choices = [
            (r.code, r.name) for r in Region.objects.exclude(kind=Region.Kind.GROUPING).order_by("code")
        ]
        self.translation_fields: dict[str, list[str]] = {}
        for code, _language in LANGUAGE_CHOICES:
            names = [f"tr_{code}_title", f"tr_{code}_short_description", f"tr_{code}_description"]
            self.fields[names[0]] = forms.CharField(label=_("Title"), max_length=300, required=False)
            self.fields[names[1]] = forms.CharField(
                label=_("Short description"), max_length=1600, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            self.fields[names[2]] = forms.CharField(
                label=_("Full description"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            self.translation_fields[code] = names

    def _choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def why_fields(self) -> list[tuple[str, forms.BoundField]]:
        return [(code, self[f"why_{code}"]) for code in self.action_line_codes]

    def translation_blocks(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [
            (code, str(label), [self[name] for name in self.translation_fields[code]])
            for code, label in LANGUAGE_CHOICES
        ]

    def clean_links(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(_("Give at most 10 links."))
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError:
                raise forms.ValidationError(_("%(link)s is not a web address.") % {"link": line[:100]}) from None
        return lines

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        for code, names in self.translation_fields.items():
            if code == data.get("original_language") and any(data.get(name) for name in names):
                self.add_error(names[0], _("This is the entry's own language: write in the fields above."))
        return data

    def to_content(self) -> dict[str, Any]:
        data = self.cleaned_data
        translations = []
        for code, (title, short, full) in self.translation_fields.items():
            if data.get(title) or data.get(short):
                translations.append(
                    {
                        "language": code,
                        "title": data.get(title, ""),
                        "short_description": data.get(short, ""),
                        "description": entry_content.sanitise_html(data.get(full, "")),
                        "provided_by_owner": True,
                    }
                )
        return {
            "title": data.get("title", ""),
            "short_description": data.get("short_description", ""),
            "description": entry_content.sanitise_html(data.get("description", "")),
            "activity_type": data.get("activity_type", ""),
            "coverage": data.get("coverage", ""),
            "status": data.get("status", ""),
            "start_date": data["start_date"].isoformat() if data.get("start_date") else None,
            "end_date": data["end_date"].isoformat() if data.get("end_date") else None,
            "website": data.get("website", ""),
            "links": data.get("links", []),
            "partners": data.get("partners", ""),
            "impact": data.get("impact", ""),
            "challenges": data.get("challenges", ""),
            "contact_name": data.get("contact_name", ""),
            "contact_email": data.get("contact_email", ""),
            "original_language": data["original_language"],
            "action_lines": [{"code": code, "rationale": data.get(f"why_{code}", "")} for code in data["action_lines"]],
            "sdg_targets": [{"code": code, "rationale": data.get("sdg_rationale", "")} for code in data["sdg_targets"]],
            "wsis_targets": sorted(int(number) for number in data["wsis_targets"]),
            "countries": sorted(data["countries"]),
            "regions": sorted(data["regions"]),
            "translations": translations,
        }

    @staticmethod
    def initial_from(content: dict[str, Any]) -> dict[str, Any]:
        initial = {name: content.get(name) for name in entry_content.SCALAR_FIELDS}
        initial["links"] = "\n".join(content.get("links") or [])
        initial["action_lines"] = [a["code"] for a in content.get("action_lines", [])]
        for a in content.get("action_lines", []):
            initial[f"why_{a['code']}"] = a.get("rationale", "")
        initial["sdg_targets"] = [t["code"] for t in content.get("sdg_targets", [])]
        initial["sdg_rationale"] = next(
            (t["rationale"] for t in content.get("sdg_targets", []) if t.get("rationale")), ""
        )
        initial["wsis_targets"] = [str(n) for n in content.get("wsis_targets", [])]
        initial["countries"] = content.get("countries", [])
        initial["regions"] = content.get("regions", [])
        for t in content.get("translations", []):
            initial[f"tr_{t['language']}_title"] = t["title"]
            initial[f"tr_{t['language']}_short_description"] = t["short_description"]
            initial[f"tr_{t['language']}_description"] = t.get("description", "")
        return initial


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"), help_text=_("PDF, Word, Excel, PowerPoint, PNG or JPEG; 10 MB at most.")
    )
