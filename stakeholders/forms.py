from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Country, Membership, Organisation, StakeholderType
from wsis_portal.forms import CleanTextMixin


class JoinRequestForm(CleanTextMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(verified=True).order_by("name_en"),
        required=False,
        empty_label=_("— my organisation is not listed —"),
    )
    proposed_name = forms.CharField(label=_("Name of your organisation"), max_length=255, required=False)
    proposed_type = forms.ModelChoiceField(
        label=_("Type of organisation"), queryset=StakeholderType.objects.all(), required=False
    )
    proposed_country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="iso3"
    )
    proposed_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    role = forms.ChoiceField(
        label=_("Role you ask for"),
        choices=[
            (Membership.Role.CONTRIBUTOR, _("Contributor: records stocktaking entries")),
            (Membership.Role.FOCAL_POINT, _("Focal point: reports for the organisation")),
        ],
    )
    message = forms.CharField(
        label=_("Message to the secretariat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your position in the organisation helps the secretariat decide quickly."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("organisation"):
            if not data.get("proposed_name"):
                self.add_error("organisation", _("Choose your organisation, or fill in the new organisation below."))
            if not data.get("proposed_type"):
                self.add_error("proposed_type", _("Say what kind of organisation it is."))
        return data


class RefuseForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for refusing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(forms.Form):
    role = forms.ChoiceField(label=_("Grant the role"), choices=Membership.Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=200)
    type = forms.ModelChoiceField(
        label=_("Type"), queryset=StakeholderType.objects.all(), required=False, to_field_name="code"
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="iso3"
    )
