"""Input and output shapes of the reporting-cycle API (reports/api.py). Input serializers check types
only; the rules (word limits, codes, targets, states) are the services' and reports.content's."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports import content as report_content
from reports.models import LANGUAGE_CHOICES, ActivityReport, Invitation, ReportingCycle, ReportVersion


def _person(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.email}


# ------------------------------------------------------------------------------------------------ input


class InviteeSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(help_text=_("The organisation's id (GET /api/v1/organisations/)."))
    kind = serializers.ChoiceField(choices=Invitation.Kind.choices)
    action_lines = serializers.ListField(
        child=serializers.CharField(max_length=5), required=False, default=list, help_text=_("C2, C7.4...")
    )


class CycleOpenSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("The calendar year whose activities are reported."))
    session = serializers.CharField(max_length=120)
    deadline = serializers.DateField()
    reminder_days = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Days relative to the deadline (-7: a week before, 7: a week after)."),
    )
    symbol_ga = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    symbol_ecosoc = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    invitees = InviteeSerializer(
        many=True,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Leave out to invite the year's facilitators and the five regional commissions."),
    )


class ItemSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True, required=False, default="", trim_whitespace=False)
    description = serializers.CharField(allow_blank=True, required=False, default="", trim_whitespace=False)
    countries = serializers.ListField(child=serializers.CharField(max_length=3), required=False, default=list)
    partners = serializers.CharField(allow_blank=True, required=False, default="")
    sdg_targets = serializers.ListField(child=serializers.CharField(max_length=6), required=False, default=list)
    links = serializers.ListField(child=serializers.CharField(max_length=500), required=False, default=list)
    held_on = serializers.DateField(allow_null=True, required=False, default=None)
    place = serializers.CharField(allow_blank=True, required=False, default="")


class ProgressRowSerializer(serializers.Serializer):
    target = serializers.IntegerField(help_text=_("A measurable target of the line's roadmap."))
    value = serializers.CharField(max_length=40, allow_blank=True)
    note = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")


class ReportContentSerializer(serializers.Serializer):
    """A report's content. Keys left out keep their saved value; lists given replace the saved list."""

    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)
    activities = serializers.DictField(
        child=serializers.ListField(child=ItemSerializer()),
        required=False,
        help_text=_("One list of items per action line code the report covers."),
    )
    progress = serializers.DictField(child=serializers.ListField(child=ProgressRowSerializer()), required=False)
    regional_activities = serializers.ListField(child=ItemSerializer(), required=False)
    regional_meetings = serializers.ListField(child=ItemSerializer(), required=False)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for key in report_content.TEXT_KEYS:
            fields[key] = serializers.CharField(allow_blank=True, required=False, trim_whitespace=False)
        return fields


class ReportSaveSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text=_("The version you edited; a newer saved one gives 409."))
    content = ReportContentSerializer()


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_("The version you saw (optional check).")
    )


class CommentInputSerializer(serializers.Serializer):
    section = serializers.CharField(
        max_length=40, help_text=_("general, executive_summary, line:C2, regional_activities...")
    )
    text = serializers.CharField(max_length=4000)


class RequestChangesSerializer(VersionSerializer):
    comments = CommentInputSerializer(many=True, allow_empty=False)


class UnlockSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


# ----------------------------------------------------------------------------------------------- output


class CycleSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    session = serializers.CharField()
    deadline = serializers.DateField()
    reminder_days = serializers.ListField(child=serializers.IntegerField())
    symbol_ga = serializers.CharField()
    symbol_ecosoc = serializers.CharField()
    state = serializers.CharField()
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    invited = serializers.SerializerMethodField()
    accepted = serializers.SerializerMethodField()

    def get_invited(self, cycle: ReportingCycle) -> int:
        return getattr(cycle, "invited_count", 0)

    def get_accepted(self, cycle: ReportingCycle) -> int:
        return getattr(cycle, "accepted_count", 0)


class ReportSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField(source="cycle.year")
    organisation = serializers.SerializerMethodField()
    kind = serializers.CharField(source="invitation.kind")
    action_lines = serializers.SerializerMethodField()
    state = serializers.CharField()
    progress_state = serializers.CharField()
    version = serializers.IntegerField()
    language = serializers.CharField()
    late = serializers.BooleanField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    accepted_at = serializers.DateTimeField(allow_null=True)
    accepted_by = serializers.SerializerMethodField()
    locked = serializers.BooleanField()

    def get_organisation(self, report: ActivityReport) -> dict[str, Any]:
        org = report.organisation
        return {"id": org.pk, "code": org.code, "acronym": org.acronym, "name": org.name}

    def get_action_lines(self, report: ActivityReport) -> list[str]:
        return report_content.line_codes(report)

    def get_accepted_by(self, report: ActivityReport) -> dict[str, Any] | None:
        return _person(report.accepted_by)


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    section = serializers.CharField()
    text = serializers.CharField()
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    version_number = serializers.IntegerField(allow_null=True)
    resolved = serializers.BooleanField()

    def get_author(self, comment: Any) -> dict[str, Any] | None:
        return _person(comment.author)


class ReportDetailSerializer(ReportSummarySerializer):
    unlock_reason = serializers.CharField()
    last_saved_by = serializers.SerializerMethodField()
    content = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()

    def get_last_saved_by(self, report: ActivityReport) -> dict[str, Any] | None:
        return _person(report.last_saved_by)

    def get_content(self, report: ActivityReport) -> dict[str, Any]:
        return report_content.read(report)

    def get_comments(self, report: ActivityReport) -> list[dict[str, Any]]:
        rows = report.comments.select_related("author").order_by("created_at", "pk")
        return CommentSerializer(rows, many=True).data  # type: ignore[return-value]


class ReportVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    event = serializers.ChoiceField(choices=ReportVersion.Event.choices)
    created_at = serializers.DateTimeField()
    created_by = serializers.SerializerMethodField()

    def get_created_by(self, version: ReportVersion) -> dict[str, Any] | None:
        return _person(version.created_by)


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class DiffSerializer(serializers.Serializer):
    before = serializers.CharField(help_text=_("A version number, or “current”."))
    after = serializers.CharField()
    changes = ChangeSerializer(many=True)


class ConflictSerializer(serializers.Serializer):
    version = serializers.ListField(child=serializers.CharField())
    current_version = serializers.IntegerField()
    current = serializers.DictField(help_text=_("The content saved meanwhile."))
    yours = serializers.DictField(help_text=_("The content you sent, not saved."))
    saved_by = serializers.DictField(allow_null=True)
