"""Assembling the annual report: reads (`data`), words each chapter (`annual`) and returns the Document.

Queries: a constant 16, whatever the number of entries, reports or items (asserted in the tests)."""

from __future__ import annotations

from django.utils.translation import get_language

from actionlines.models import ActionLine
from consultations.models import Event
from reports.compile import annual, data
from reports.compile.common import CompileError, Footnotes, Progress, Steps, long_date, t
from reports.compile.statistics import statistics_blocks
from reports.document import model as m
from reports.models import Invitation, ReportingCycle
from stakeholders.models import Organisation
from wsis_portal.i18n import localized


def build(cycle: ReportingCycle, language: str, progress: Progress | None) -> m.Document:
    steps = Steps(progress, annual.step_names())
    names = annual.step_names()
    notes = Footnotes()
    year = cycle.year

    steps.start(names[0])
    settings = data.settings_of(cycle)
    if settings is None:
        raise CompileError(
            t("Enter the report settings of the %(year)s cycle (symbols, sessions, date) before compiling.")
            % {"year": year}
        )
    responses = data.responses(cycle)
    front = annual.front_matter(settings, cycle, responses.responded)
    submissions = data.accepted_submissions(cycle)

    steps.start(names[1])
    introduction = annual.introduction(cycle, responses, notes)

    steps.start(names[2])
    trends = data.indicator_trends(year)
    key_trends = annual.key_trends(year, trends, notes, language)

    steps.start(names[3])
    commissions = list(Organisation.objects.filter(is_regional_commission=True).order_by("acronym", "name_en"))
    regional_submissions = [s for s in submissions if s.kind == Invitation.Kind.REGIONAL_COMMISSION]
    regional = annual.regional(year, commissions, regional_submissions)

    steps.start(names[4])
    lines = data.action_lines()
    events = data.events_of(year)
    international = _international(year, lines, events, submissions, language)

    steps.start(names[5])
    igf_events = [e for e in events if e.kind == "igf"]
    igf: list[m.Block | m.Section] = [_event_paragraph(e) for e in igf_events]
    igf += annual.text_chapter(
        t("Internet governance"), "igf", "igf", year, submissions,
        t("No contribution on Internet governance was reported for %(year)s.") % {"year": year},
    )  # fmt: skip

    steps.start(names[6])
    tallies = data.consultation_tallies(year)
    cooperation = annual.text_chapter(t("Enhanced cooperation"), "ec", "enhanced_cooperation", year, submissions, "")
    cooperation += annual.consultation_blocks(tallies, language)
    if not cooperation:
        cooperation = [
            m.Paragraph.of(
                t("No contribution on enhanced cooperation and no consultation were recorded for %(year)s.")
                % {"year": year}
            )
        ]

    steps.start(names[7])
    measuring = annual.text_chapter(
        t("Measuring ICT for development"), "ict", "ict_measurement", year, submissions,
        t("No contribution on measuring ICT for development was reported for %(year)s.") % {"year": year},
    )  # fmt: skip

    steps.start(names[8])
    findings = annual.findings(settings)

    steps.start(names[9])
    annexes = annual.annexes(year, submissions, trends)

    body = (
        introduction,
        key_trends,
        regional,
        international,
        m.Section(t("Internet governance"), tuple(igf), anchor="internet-governance"),
        m.Section(t("Enhanced cooperation"), tuple(cooperation), anchor="enhanced-cooperation"),
        m.Section(t("Measuring ICT for development"), tuple(measuring), anchor="measuring"),
        m.Section(t("Findings and suggestions"), tuple(findings), anchor="findings"),
    )
    return m.Document(
        kind=m.DocumentKind.ANNUAL_REPORT,
        language=language,
        original_language="en",
        body=body,
        footnotes=notes.all(),
        annexes=annexes,
        **front,
    )


def _event_paragraph(event: Event) -> m.Paragraph:
    place = ", ".join(p for p in (event.city, event.country.name if event.country else "") if p)
    values = {
        "title": event.title,
        "start": long_date(event.starts_on, get_language()),
        "end": long_date(event.ends_on, get_language()),
        "place": place or t("online"),
    }
    return m.Paragraph.of(t("%(title)s was held in %(place)s from %(start)s to %(end)s.") % values)


def _international(
    year: int, lines: list[ActionLine], events: list[Event], submissions: list[data.Submission], language: str
) -> m.Section:
    p = m.Paragraph.of
    members = data.ungis_members()
    reported = {s.organisation.pk for s in submissions}
    if members:
        names = [localized(o, "name") for o in members if o.pk in reported]
        ungis_text = t(
            "The United Nations Group on the Information Society brings together %(count)s entities of the "
            "United Nations system to coordinate their implementation of the outcomes of the Summit."
        ) % {"count": len(members)}
        ungis: list[m.Block | m.Section] = [p(ungis_text)]
        ungis.append(
            p(t("Members that reported for %(year)s: %(names)s.") % {"year": year, "names": ", ".join(names)})
            if names
            else p(t("No member of the Group submitted an accepted report for %(year)s.") % {"year": year})
        )
    else:
        ungis = [p(t("No member of the United Nations Group on the Information Society is recorded in the portal."))]

    forum: list[m.Block | m.Section] = [_event_paragraph(e) for e in events if e.kind == "wsis_forum"]
    if not forum:
        forum.append(p(t("No WSIS Forum is recorded for %(year)s.") % {"year": year}))
    stats = data.entry_statistics(year, lines)
    forum += statistics_blocks(year, stats, language)
    categories = sum(1 for line in lines if line.prize_category is not None)
    forum.append(
        p(
            t("The WSIS Prizes recognize projects that implement the outcomes of the Summit, in %(count)s categories.")
            % {"count": categories}
        )
    )
    roles = data.facilitators(year)
    return m.Section(
        t("International implementation"),
        (
            m.Section(t("United Nations Group on the Information Society"), tuple(ungis), anchor="ungis"),
            m.Section(t("WSIS Forum, stocktaking and prizes"), tuple(forum), anchor="forum"),
            m.Section(
                t("Implementation of the action lines"),
                annual.action_line_sections(year, lines, roles, submissions),
                anchor="action-lines",
            ),
        ),
        anchor="international",
    )
