"""What the annual report is built from, read in a constant number of queries (each function says how
many), whatever the number of stocktaking entries or activity reports: counts are aggregated in SQL
(GROUP BY, filtered COUNT, unnest), lists are bounded by the number of reports of the cycle.

Nothing here depends on the language compiled: the builder (`annual`, `stocktaking`) words it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Q

from actionlines.models import ActionLine, Facilitation
from consultations.models import Channel, Consultation, Contribution, Event, EventKind, StakeholderGroup
from indicators.models import Indicator, Observation
from reports.compile_models import AnnualReportSettings
from reports.models import ActivityReport, ReportingCycle, ReportVersion
from stakeholders.models import Organisation, Region, StakeholderType
from stocktaking.models import EntrySearch

WORLD = "001"


@dataclass(frozen=True)
class Submission:
    """An accepted activity report as frozen at its acceptance (the content dict of reports.content)."""

    report_id: int
    version_id: int
    version_number: int
    organisation: Organisation
    kind: str
    language: str
    data: dict[str, Any]

    @property
    def name(self) -> str:
        return self.organisation.acronym or self.organisation.name_en


@dataclass(frozen=True)
class Responses:
    invited: int
    responded: int  # submitted at least once
    accepted: int


def settings_of(cycle: ReportingCycle) -> AnnualReportSettings | None:
    """The secretariat's front matter and findings for the cycle; 1 query."""
    return AnnualReportSettings.objects.filter(cycle=cycle).first()


def responses(cycle: ReportingCycle) -> Responses:
    """Invited entities, those that responded and those whose report was accepted; 1 query."""
    row = ActivityReport.objects.filter(cycle=cycle).aggregate(
        invited=Count("id"),
        responded=Count("id", filter=Q(submitted_at__isnull=False)),
        accepted=Count("id", filter=Q(state=ActivityReport.State.ACCEPTED)),
    )
    return Responses(invited=row["invited"], responded=row["responded"], accepted=row["accepted"])


def accepted_submissions(cycle: ReportingCycle) -> list[Submission]:
    """The last accepted version of every accepted report of the cycle, by kind then name; 1 query."""
    versions = (
        ReportVersion.objects.filter(
            report__cycle=cycle, report__state=ActivityReport.State.ACCEPTED, event=ReportVersion.Event.ACCEPTED
        )
        .select_related("report__organisation", "report__invitation")
        .order_by("report_id", "-number")
        .distinct("report_id")
    )
    submissions = [
        Submission(
            report_id=v.report_id,
            version_id=v.pk,
            version_number=v.number,
            organisation=v.report.organisation,
            kind=v.report.invitation.kind,
            language=str(v.data.get("language") or v.report.language),
            data=v.data,
        )
        for v in versions
    ]
    submissions.sort(key=lambda s: (s.name.casefold(), s.report_id))
    return submissions


def action_lines() -> list[ActionLine]:
    """C1-C11 and the C7 sub-lines, in the Plan of Action's order; 1 query."""
    return list(ActionLine.objects.order_by("sort", "code"))


def facilitators(year: int) -> dict[int, list[Facilitation]]:
    """Facilitation roles (lead and co-facilitators) valid during the year, by action line; 1 query."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = (
        Facilitation.objects.filter(role__in=[Facilitation.Role.LEAD, Facilitation.Role.CO_FACILITATOR])
        .filter(valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("organisation")
        .order_by("action_line_id", "role", "organisation__acronym", "organisation__name_en", "pk")
    )
    grouped: dict[int, list[Facilitation]] = {}
    for row in rows:
        if all(f.organisation_id != row.organisation_id for f in grouped.get(row.action_line_id, [])):
            grouped.setdefault(row.action_line_id, []).append(row)
    return grouped


def ungis_members() -> list[Organisation]:
    """Members of the United Nations Group on the Information Society; 1 query."""
    return list(Organisation.objects.filter(is_ungis_member=True).order_by("acronym", "name_en"))


# Indicators -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValue:
    region: Region
    year: int
    value: Decimal


@dataclass
class IndicatorTrend:
    indicator: Indicator
    world: IndicatorValue | None = None
    regions: list[IndicatorValue] = field(default_factory=list)
    gap: IndicatorValue | None = None  # the world value of the indicator publishing this one's gender gap


def indicator_trends(year: int) -> list[IndicatorTrend]:
    """Per indicator: the latest world value and latest value of each M49 region up to the reporting
    year (total sex and area), and the latest world gender gap; 2 queries (indicators; one DISTINCT ON)."""
    indicators = list(Indicator.objects.select_related("custodian").order_by("sort", "code"))
    latest = (
        Observation.objects.filter(
            region__isnull=False,
            region__kind__in=[Region.Kind.WORLD, Region.Kind.REGION],
            sex=Observation.Sex.TOTAL,
            area=Observation.Area.TOTAL,
            year__lte=year,
        )
        .select_related("region")
        .order_by("indicator_id", "region_id", "-year")
        .distinct("indicator_id", "region_id")
    )
    values: dict[int, list[Observation]] = {}
    for observation in latest:
        values.setdefault(observation.indicator_id, []).append(observation)
    trends: dict[int, IndicatorTrend] = {i.pk: IndicatorTrend(i) for i in indicators}
    for indicator_id, observations in values.items():
        trend = trends[indicator_id]
        for o in sorted(observations, key=lambda o: o.region.code):  # type: ignore[union-attr]
            assert o.region is not None
            value = IndicatorValue(o.region, o.year, o.value)
            if o.region.code == WORLD:
                trend.world = value
            else:
                trend.regions.append(value)
    for trend in trends.values():
        gap_of = trend.indicator.gender_gap_id
        if gap_of is not None and gap_of in trends:
            trend.gap = trends[gap_of].world
    gap_ids = {i.gender_gap_id for i in indicators if i.gender_gap_id}
    return [t for t in trends.values() if t.world is not None and t.indicator.pk not in gap_ids]


# Stocktaking ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryStatistics:
    total: int
    by_line: list[tuple[ActionLine, int]]
    by_region: list[tuple[Region, int]]
    by_type: list[tuple[str, int]]  # (stakeholder type's name in the active language, count)
    unspecified_type: int


_STATISTICS_SQL = """
WITH rows AS MATERIALIZED (
    SELECT facet_action_lines, facet_regions, stakeholder_type_id
    FROM stocktaking_entrysearch
    WHERE published_at >= %s AND published_at < %s
)
SELECT 'total', 0, count(*) FROM rows
UNION ALL SELECT 'line', l, count(*) FROM rows, unnest(facet_action_lines) AS l GROUP BY l
UNION ALL SELECT 'region', r, count(*) FROM rows, unnest(facet_regions) AS r GROUP BY r
UNION ALL SELECT 'type', coalesce(stakeholder_type_id, 0), count(*) FROM rows GROUP BY stakeholder_type_id
"""


def entry_statistics(year: int, lines: list[ActionLine]) -> EntryStatistics:
    """Entries first published in the year (UTC), by action line, M49 region and stakeholder type: one
    aggregate over the narrow search rows (EntrySearch, one per published entry) + 2 queries of labels."""
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    counts: dict[str, dict[int, int]] = {"total": {}, "line": {}, "region": {}, "type": {}}
    with connection.cursor() as cursor:
        cursor.execute(_STATISTICS_SQL, [start, end])
        for group, key, count in cursor.fetchall():
            counts[group][int(key)] = int(count)
    regions = Region.objects.filter(kind=Region.Kind.REGION).order_by("code")
    types = StakeholderType.objects.order_by("sort", "code")
    return EntryStatistics(
        total=counts["total"].get(0, 0),
        by_line=[(line, counts["line"].get(line.pk, 0)) for line in lines],
        by_region=[(region, counts["region"].get(region.pk, 0)) for region in regions],
        by_type=[(t.name, counts["type"].get(t.pk, 0)) for t in types],
        unspecified_type=counts["type"].get(0, 0),
    )


def published_in(year: int) -> Any:
    """The search rows of entries first published in the year (for the fingerprint's count)."""
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    return EntrySearch.objects.filter(published_at__gte=start, published_at__lt=start.replace(year=year + 1))


# Consultations and events ---------------------------------------------------------------------------


@dataclass
class ConsultationTally:
    consultation: Consultation
    rows: list[tuple[str, tuple[int, ...]]]  # (stakeholder group code, count per channel)


def consultation_tallies(year: int) -> list[ConsultationTally]:
    """Consultations that closed in the year, each with its contributions counted by stakeholder group
    and channel (the same counts as consultations.selectors.consultation_tally); 2 queries."""
    consultations = list(Consultation.objects.filter(closes_on__year=year).order_by("closes_on", "slug"))
    counts = {f"channel_{code}": Count("id", filter=Q(channel=code)) for code in Channel.values}
    aggregated: dict[tuple[int, str], dict[str, int]] = {}
    for row in (
        Contribution.objects.filter(consultation__in=consultations)
        .order_by()
        .values("consultation_id", "stakeholder_group")
        .annotate(**counts)
    ):
        aggregated[(row["consultation_id"], row["stakeholder_group"])] = row
    tallies = []
    for consultation in consultations:
        rows = [
            (str(group), tuple(aggregated[(consultation.pk, group)][f"channel_{c}"] for c in Channel.values))
            for group in StakeholderGroup.values
            if (consultation.pk, group) in aggregated
        ]
        tallies.append(ConsultationTally(consultation, rows))
    return tallies


def events_of(year: int) -> list[Event]:
    """The WSIS Forum and Internet Governance Forum meetings that began in the year; 1 query."""
    return list(
        Event.objects.filter(kind__in=[EventKind.WSIS_FORUM, EventKind.IGF], starts_on__year=year)
        .select_related("country")
        .order_by("starts_on", "slug")
    )
