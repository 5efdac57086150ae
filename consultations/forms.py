from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations import content
from consultations.models import Channel, Event, Participation, StakeholderGroup
from stakeholders.models import Country, Organisation
from wsis_portal.forms import CleanTextMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name in the address"), max_length=80, help_text=_("Letters, digits and hyphens.")
    )
    mandate_symbol = forms.CharField(
        label=_("Mandate (document symbol)"),
        max_length=60,
        required=False,
        help_text=_("For example E/RES/2010/2."),
    )
    mandate_text = forms.CharField(
        label=_("Text of the mandate"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    organiser = forms.ModelChoiceField(label=_("Organised by"), queryset=Organisation.objects.none(), required=False)
    opens_on = forms.DateField(label=_("Open from"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Open until"), widget=DATE, help_text=_("Contributions are accepted until the end of this day.")
    )
    meeting_date = forms.DateField(label=_("Meeting date"), required=False, widget=DATE)
    meeting_place = forms.CharField(label=_("Meeting place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Paragraphs, lists and links are kept; other formatting is removed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organiser"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(stakeholder_type__code="international_organisation").order_by(
            "name_en"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The consultation cannot close before it opens."))
        return data


class SubmissionForm(CleanTextMixin, forms.Form):
    """A member's written comments, in the name of one of their organisations."""

    organisation = forms.ModelChoiceField(label=_("In the name of"), queryset=Organisation.objects.none())
    text = forms.CharField(
        label=_("Your comments"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paragraphs, lists and links are kept; other formatting is removed."),
    )
    file = forms.FileField(
        label=_("Or attach a document"),
        required=False,
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) or RTF; 10 MB at most."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not content.has_words(data.get("text") or "") and not data.get("file"):
            self.add_error("text", _("Write your comments or attach them as a document."))
        return data


class RecordForm(CleanTextMixin, forms.Form):
    """The secretariat records any contribution: a registered organisation or a free name, any group,
    channel and date."""

    organisation = forms.ModelChoiceField(
        label=_("Registered organisation"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    contributor_name = forms.CharField(
        label=_("Or the contributor's name"),
        max_length=255,
        required=False,
        help_text=_("For a contributor that is not registered in the portal."),
    )
    stakeholder_group = forms.ChoiceField(
        label=_("Stakeholder group"),
        choices=[("", _("— from the organisation's type —")), *StakeholderGroup.choices],
        required=False,
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, widget=forms.RadioSelect)
    date = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(
        label=_("Text"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("For a statement at the meeting, a summary may do; written comments need a text or a document."),
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) or RTF; 10 MB at most."),
    )
    remove_file = forms.BooleanField(label=_("Remove the current document"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.select_related("stakeholder_type").order_by("name_en")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("organisation") and not (data.get("contributor_name") or "").strip():
            self.add_error("organisation", _("Choose a registered organisation, or give the contributor's name."))
        if data.get("organisation") and (data.get("contributor_name") or "").strip():
            self.add_error("contributor_name", _("Give either a registered organisation or a name, not both."))
        if not data.get("organisation") and not data.get("stakeholder_group"):
            self.add_error("stakeholder_group", _("Choose the stakeholder group of an unregistered contributor."))
        return data

    def to_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisation": data.get("organisation"),
            "contributor_name": data.get("contributor_name", ""),
            "stakeholder_group": data.get("stakeholder_group", ""),
            "channel": data["channel"],
            "date": data["date"],
            "text": data.get("text", ""),
        }


class EditTextForm(CleanTextMixin, forms.Form):
    """What the authors of a web submission may correct while the consultation is open."""

    text = forms.CharField(
        label=_("Your comments"), max_length=50000, required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    file = forms.FileField(
        label=_("Replace the document"),
        required=False,
        help_text=_("PDF, Word (.docx), OpenDocument (.odt) or RTF; 10 MB at most."),
    )
    remove_file = forms.BooleanField(label=_("Remove the current document"), required=False)


class EventForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name in the address"),
        max_length=80,
        required=False,
        help_text=_("Made from the title and year when left empty."),
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Event.Recurrence.choices, required=False)
    repeats_until = forms.DateField(label=_("Repeats until"), required=False, widget=DATE)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False)
    online = forms.BooleanField(label=_("Held online (or partly online)"), required=False)
    organisers = forms.ModelMultipleChoiceField(
        label=_("Organisers"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    url = forms.URLField(label=_("Website"), max_length=500, required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    side_events = forms.IntegerField(label=_("Side events"), min_value=0, required=False)
    to_verify = forms.BooleanField(label=_("Dates or place to be verified"), required=False)
    source = forms.CharField(label=_("Source"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ModelChoiceField)
        country.queryset = Country.objects.order_by("name_en")
        organisers = self.fields["organisers"]
        assert isinstance(organisers, forms.ModelMultipleChoiceField)
        organisers.queryset = Organisation.objects.order_by("name_en")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day is before the first day."))
        if data.get("repeats_until") and data.get("recurrence") != Event.Recurrence.YEARLY:
            self.add_error("repeats_until", _("Only a yearly event repeats until a date."))
        return data

    def to_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["organisers"] = list(data.get("organisers") or [])
        data["recurrence"] = data.get("recurrence") or ""
        return data


class ParticipationForm(CleanTextMixin, forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *Participation.Category.choices], required=False
    )
    qualifier = forms.ChoiceField(
        label=_("Precision"), choices=Participation.Qualifier.choices, required=False, initial="exact"
    )
    count = forms.IntegerField(label=_("Number"), min_value=0, required=False)
    unit = forms.ChoiceField(label=_("Counted as"), choices=Participation.Unit.choices, required=False)
    represented_count = forms.IntegerField(label=_("Representing how many"), min_value=0, required=False)
    represented_kind = forms.ChoiceField(
        label=_("Representing what"), choices=Participation.Represented.choices, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("category") and data.get("count") is None:
            self.add_error("count", _("Give the number."))
        if data.get("count") is not None and not data.get("category"):
            self.add_error("category", _("Choose the category of this figure."))
        if data.get("represented_count") is not None and not data.get("represented_kind"):
            self.add_error("represented_kind", _("Say what they represent (States, companies...)."))
        return data


class BaseParticipationFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            category = form.cleaned_data.get("category")
            if category and category in seen:
                form.add_error("category", _("This category is already given above."))
            seen.add(category)

    def to_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "category": form.cleaned_data["category"],
                "count": form.cleaned_data["count"],
                "qualifier": form.cleaned_data.get("qualifier") or "exact",
                "unit": form.cleaned_data.get("unit") or "people",
                "represented_count": form.cleaned_data.get("represented_count"),
                "represented_kind": form.cleaned_data.get("represented_kind") or "",
                "note": form.cleaned_data.get("note", ""),
            }
            for form in self.forms
            if form.cleaned_data.get("category")
        ]


ParticipationFormSet = forms.formset_factory(
    ParticipationForm,
    formset=BaseParticipationFormSet,
    extra=3,
    max_num=len(Participation.Category.values),
    validate_max=True,
)


def participation_formset(*args: Any, **kwargs: Any) -> BaseParticipationFormSet:
    formset = ParticipationFormSet(*args, **{"prefix": "figures", **kwargs})
    assert isinstance(formset, BaseParticipationFormSet)
    return formset
