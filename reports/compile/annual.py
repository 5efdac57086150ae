"""The Secretary-General's annual progress report on WSIS, built from a cycle's data (issue 6 point 2).

Run under `translation.override(language)` by `reports.compile.build_annual_report`: fixed text comes from
the report's own catalogue (reports/locale, gettext context "annual report"); text drawn from submissions
stays in the language submitted. Reads only; a constant number of queries (see `data`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import get_language

from actionlines.models import ActionLine, Facilitation
from reports.compile import data
from reports.compile.common import Footnotes, long_date, mark, number, paragraphs, report_link, t
from reports.compile_models import AnnualReportSettings
from reports.document import model as m
from reports.models import Invitation, ReportingCycle
from stakeholders.models import Organisation
from wsis_portal.i18n import localized

DEFAULT_TITLE = mark(
    "Progress made in the implementation of and follow-up to the outcomes of the World Summit on the "
    "Information Society at the regional and international levels"
)
DEFAULT_GA_ITEM_TITLE = mark("Information and communications technologies for sustainable development")
DEFAULT_ECOSOC_ITEM_TITLE = mark("Economic and environmental questions: science and technology for development")


def step_names() -> list[str]:
    return [
        t("Front matter"),
        t("Introduction"),
        t("Key trends"),
        t("Regional implementation"),
        t("International implementation"),
        t("Internet governance"),
        t("Enhanced cooperation"),
        t("Measuring ICT for development"),
        t("Findings and suggestions"),
        t("Annexes"),
    ]


def _name(organisation: Organisation) -> str:
    return localized(organisation, "name")


_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth")  # fmt: skip
_TENS = ("", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")


def _english_ordinal(n: int) -> str:
    """The session as the General Assembly writes it in English: "Eighty-first" (1-99), else "101st"."""
    if 1 <= n < 10:
        word = _UNITS[n]
    elif 10 <= n < 20:
        word = _TEENS[n - 10]
    elif 20 <= n < 100:
        tens, units = divmod(n, 10)
        word = f"{_TENS[tens]}ieth" if not units else f"{_TENS[tens]}y-{_UNITS[units]}"
    else:
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return word[:1].upper() + word[1:]


def _ga_session(number: int) -> str:
    """English spells the session out ("Eighty-first session"); the other languages number it, each
    in its own pattern from the catalogue ("81e session", "الدورة 81")."""
    if (get_language() or "en").startswith("en"):
        return f"{_english_ordinal(number)} session"
    return t("Session %(number)s") % {"number": number}


def front_matter(settings: AnnualReportSettings, cycle: ReportingCycle, responded: int) -> dict[str, Any]:
    agenda = (
        m.AgendaItem(
            organ=m.Organ.GENERAL_ASSEMBLY,
            session=_ga_session(settings.ga_session),
            item=t("Item %(item)s of the preliminary list") % {"item": settings.ga_item},
            title=settings.ga_item_title or t(DEFAULT_GA_ITEM_TITLE),
            note=settings.ga_preliminary_list,
        ),
        m.AgendaItem(
            organ=m.Organ.ECOSOC,
            session=t("%(year)s session") % {"year": settings.ecosoc_session},
            dates_and_place=settings.ecosoc_dates_and_place,
            item=t("Item %(item)s of the provisional agenda") % {"item": settings.ecosoc_item},
            title=settings.ecosoc_item_title or t(DEFAULT_ECOSOC_ITEM_TITLE),
            note=settings.ecosoc_agenda,
        ),
    )
    if settings.summary.strip():
        summary = [m.Paragraph.of(text, numbered=False) for text in paragraphs(settings.summary)]
    else:
        summary = [
            m.Paragraph.of(
                t(
                    "The present report has been prepared in response to Economic and Social Council resolution "
                    "2006/46, in which the Council requested the Secretary-General to inform the Commission on "
                    "Science and Technology for Development on an annual basis of the implementation of the "
                    "outcomes of the World Summit on the Information Society."
                ),
                numbered=False,
            ),
            m.Paragraph.of(
                t(
                    "It highlights the progress made in %(year)s in the implementation of the outcomes of the "
                    "Summit at the regional and international levels, on the basis of the information provided "
                    "by %(count)s entities of the United Nations system and other stakeholders."
                )
                % {"year": cycle.year, "count": responded},
                numbered=False,
            ),
        ]
    return {
        "symbols": (settings.symbol_ga, settings.symbol_ecosoc),
        "date": settings.document_date,
        "agenda": agenda,
        "title": settings.title.strip() or t(DEFAULT_TITLE),
        "summary": tuple(summary),
    }


def introduction(cycle: ReportingCycle, responses: data.Responses, notes: Footnotes) -> m.Section:
    p = m.Paragraph.of
    content: list[m.Block | m.Section] = [
        p(
            t(
                "The present report has been prepared in response to Economic and Social Council resolution "
                "2006/46 on the follow-up to the World Summit on the Information Society and review of the "
                "Commission on Science and Technology for Development, in which the Council requested the "
                "Secretary-General to inform the Commission on an annual basis of the implementation of the "
                "outcomes of the Summit."
            ),
            notes.ref("resolution-2006-46", t("See Economic and Social Council resolution 2006/46, para. 4.")),
        )
    ]
    if responses.responded:
        content.append(
            p(
                t(
                    "The report is based on the activity reports for %(year)s. Of the %(invited)s entities "
                    "invited to report, %(responded)s responded and the reports of %(accepted)s were reviewed "
                    "and accepted by the secretariat; they are listed in annex I."
                )
                % {
                    "year": cycle.year,
                    "invited": responses.invited,
                    "responded": responses.responded,
                    "accepted": responses.accepted,
                }
            )
        )
    else:
        content.append(
            p(
                t("No entity invited to report for %(year)s had responded when the report was compiled.")
                % {"year": cycle.year}
            )
        )
    return m.Section(t("Introduction"), tuple(content), anchor="introduction")


def key_trends(year: int, trends: list[data.IndicatorTrend], notes: Footnotes, language: str) -> m.Section:
    if not trends:
        return m.Section(
            t("Key trends"),
            (
                m.Paragraph.of(
                    t("No indicator values for %(year)s or earlier were available when the report was compiled.")
                    % {"year": year}
                ),
            ),
            anchor="key-trends",
        )
    content: list[m.Block | m.Section] = []
    for trend in trends:
        indicator, world = trend.indicator, trend.world
        assert world is not None
        source = indicator.source or (indicator.custodian and _name(indicator.custodian)) or indicator.name_en
        note = notes.ref(f"indicator-{indicator.code}", t("Source: %(source)s.") % {"source": source})
        runs: list[m.Inline | str] = [
            t("%(indicator)s: %(value)s worldwide in %(year)s.")
            % {
                "indicator": localized(indicator, "name"),
                "value": _value(world.value, indicator.unit, language),
                "year": world.year,
            },
            note,
        ]
        if trend.gap is not None:
            runs.append(
                " "
                + t("The gender gap stood at %(gap)s in %(year)s.")
                % {"gap": _value(trend.gap.value, "percent", language), "year": trend.gap.year}
            )
        content.append(m.Paragraph.of(*runs))
    regions = sorted({v.region.code: v.region for t_ in trends for v in t_.regions}.values(), key=lambda r: r.code)
    if regions:
        header = (m.Cell(t("Indicator")), m.Cell(t("World")), *(m.Cell(r.name) for r in regions))
        rows = []
        for trend in trends:
            by_code = {v.region.code: v for v in trend.regions}
            cells = [m.Cell(localized(trend.indicator, "name")), m.Cell(_cell(trend.world, trend, language))]
            cells += [m.Cell(_cell(by_code.get(r.code), trend, language)) for r in regions]
            rows.append(tuple(cells))
        content.append(
            m.Table(
                caption=t("Latest values of the indicators, world and regions"),
                header_rows=(header,),
                body_rows=tuple(rows),
                numeric_columns=frozenset(range(1, len(regions) + 2)),
                source=(m.Text(t("Year of the value in parentheses; sources in the notes and annex II.")),),
            )
        )
    return m.Section(t("Key trends"), tuple(content), anchor="key-trends")


def _value(value: Any, unit: str, language: str) -> str:
    text = number(value, language, 1 if unit == "percent" else 0)
    return text + "\u00a0%" if unit == "percent" else text


def _cell(value: data.IndicatorValue | None, trend: data.IndicatorTrend, language: str) -> str:
    if value is None:
        return "–"
    return f"{_value(value.value, trend.indicator.unit, language)} ({value.year})"


def _submission_paragraphs(submission: data.Submission, key: str, year: int) -> list[m.Paragraph]:
    link = report_link(submission.report_id, t("Activity report of %(entity)s, %(year)s") % _who(submission, year))
    texts = paragraphs(str(submission.data.get(key) or ""))
    return [
        m.Paragraph.of(m.Emphasis(submission.name), " – " + text if i == 0 else text, source=link)
        if i == 0
        else m.Paragraph.of(text, source=link)
        for i, text in enumerate(texts)
    ]


def _who(submission: data.Submission, year: int) -> dict[str, Any]:
    return {"entity": _name(submission.organisation), "year": year}


def _item_paragraph(submission: data.Submission, item: dict[str, Any], year: int, prefix: bool) -> m.Paragraph:
    link = report_link(submission.report_id, t("Activity report of %(entity)s, %(year)s") % _who(submission, year))
    title = " ".join(paragraphs(str(item.get("title") or "")))
    description = " ".join(paragraphs(str(item.get("description") or "")))
    runs: list[m.Inline | str] = []
    if prefix:
        runs.append(submission.name + ": ")
    runs.append(m.Emphasis(title))
    details = [str(item.get("place") or "").strip(), _date(item.get("held_on"), get_language())]
    details = [d for d in details if d]
    if details:
        runs.append(" (" + ", ".join(details) + ")")
    if description:
        runs.append(". " + description)
    return m.Paragraph.of(*runs, source=link)


def _date(value: Any, language: str) -> str:
    if not value:
        return ""
    try:
        return long_date(datetime.date.fromisoformat(str(value)), language)
    except ValueError:
        return ""


def regional(year: int, commissions: list[Organisation], submissions: list[data.Submission]) -> m.Section:
    by_org = {s.organisation.pk: s for s in submissions}
    parts: list[m.Block | m.Section] = []
    if not commissions:
        parts.append(m.Paragraph.of(t("No regional commission is recorded in the portal.")))
    for commission in commissions:
        submission = by_org.get(commission.pk)
        content: list[m.Block | m.Section] = []
        if submission is None:
            content.append(
                m.Paragraph.of(
                    t("No accepted report of %(entity)s for %(year)s was available when the report was compiled.")
                    % {"entity": _name(commission), "year": year}
                )
            )
        else:
            content += _submission_paragraphs(submission, "executive_summary", year)
            for item in submission.data.get("regional_activities") or []:
                content.append(_item_paragraph(submission, item, year, prefix=False))
            for item in submission.data.get("regional_meetings") or []:
                content.append(_item_paragraph(submission, item, year, prefix=False))
            if not content:
                content.append(m.Paragraph.of(t("The report accepted contains no text for this section.")))
        parts.append(m.Section(_name(commission), tuple(content)))
    return m.Section(t("Regional implementation"), tuple(parts), anchor="regional")


def _facilitators_paragraph(line: ActionLine, roles: list[Facilitation]) -> m.Paragraph:
    if not roles:
        return m.Paragraph.of(t("No facilitator of this action line is recorded in the portal."))
    lead = [_name(f.organisation) for f in roles if f.role == Facilitation.Role.LEAD]
    co = [_name(f.organisation) for f in roles if f.role != Facilitation.Role.LEAD]
    text = t("Facilitated by %(names)s.") % {"names": ", ".join(lead or co)}
    if lead and co:
        text += " " + t("Co-facilitators: %(names)s.") % {"names": ", ".join(co)}
    return m.Paragraph.of(text)


def action_line_sections(
    year: int,
    lines: list[ActionLine],
    roles: dict[int, list[Facilitation]],
    submissions: list[data.Submission],
) -> tuple[m.Section, ...]:
    children: dict[int, list[ActionLine]] = {}
    for line in lines:
        if line.parent_id is not None:
            children.setdefault(line.parent_id, []).append(line)

    def unit(line: ActionLine) -> m.Section:
        content: list[m.Block | m.Section] = [_facilitators_paragraph(line, roles.get(line.pk, []))]
        reported = False
        for submission in submissions:
            for item in (submission.data.get("activities") or {}).get(line.code) or []:
                content.append(_item_paragraph(submission, item, year, prefix=True))
                reported = True
        if not reported:
            content.append(
                m.Paragraph.of(t("No activity under this action line was reported for %(year)s.") % {"year": year})
            )
        return m.Section(f"{line.code} – {localized(line, 'name')}", tuple(content), anchor=f"line-{line.code}")

    sections = []
    for line in lines:
        if line.parent_id is not None:
            continue
        if line.pk in children:
            intro = m.Paragraph.of(
                t("Action line %(code)s is reported on through its sub-lines.") % {"code": line.code}
            )
            sections.append(
                m.Section(
                    f"{line.code} – {localized(line, 'name')}",
                    (intro, *(unit(sub) for sub in children[line.pk])),
                    anchor=f"line-{line.code}",
                )
            )
        else:
            sections.append(unit(line))
    return tuple(sections)


def text_chapter(
    title: str, anchor: str, key: str, year: int, submissions: list[data.Submission], empty: str
) -> list[m.Block | m.Section]:
    content: list[m.Block | m.Section] = []
    for submission in submissions:
        content += _submission_paragraphs(submission, key, year)
    if not content and empty:
        content.append(m.Paragraph.of(empty))
    return content


# The rows and columns of the consultation table, worded as seed 002's table (A/66/77, table 1).
GROUP_LABELS = {
    "government": mark("Governments"),
    "international_organisation": mark("International organizations"),
    "civil_society": mark("Civil society"),
    "private_sector": mark("Private sector"),
    "technical_academic": mark("Technical and academic community"),
}


def tally_columns(consultation: Any, language: str) -> tuple[str, ...]:
    """The column headings of a consultation's tally, from its dates, in the language compiled."""
    opens, closes = consultation.opens_on, consultation.closes_on
    if (opens.year, opens.month) == (closes.year, closes.month):
        written = t("Written comments submitted in %(month)s") % {"month": long_date(closes, language, "LLLL y")}
    else:
        start = long_date(opens, language, "MMMM" if opens.year == closes.year else "MMMM y")
        written = t("Written comments submitted between %(start)s and %(end)s") % {
            "start": start,
            "end": long_date(closes, language, "MMMM y"),
        }
    if consultation.meeting_date:
        meeting = t("Presentations made at the meeting held on %(date)s") % {
            "date": long_date(consultation.meeting_date, language)
        }
    else:
        meeting = t("Presentations made at the meeting")
    return (written, meeting, t("Informal interventions made during the open debate"))


def consultation_blocks(tallies: list[data.ConsultationTally], language: str) -> list[m.Block | m.Section]:
    blocks: list[m.Block | m.Section] = []
    for tally in tallies:
        total = sum(sum(cells) for _group, cells in tally.rows)
        blocks.append(
            m.Paragraph.of(
                t("The consultation “%(title)s” received %(count)s contributions, distributed as follows.")
                % {"title": tally.consultation.title, "count": number(total, language)}
            )
        )
        if not tally.rows:
            continue
        blocks.append(
            m.tally_table(
                caption=t("Distribution of the contributions to the open consultations"),
                row_header=t("Stakeholder group"),
                columns=tally_columns(tally.consultation, language),
                rows=tuple((t(GROUP_LABELS[group]), cells) for group, cells in tally.rows),
                total_label=t("Total"),
                language=language,
            )
        )
    return blocks


def findings(settings: AnnualReportSettings) -> list[m.Block | m.Section]:
    texts = paragraphs(settings.findings)
    if not texts:
        return [m.Paragraph.of(t("The secretariat has not written findings and suggestions for this report."))]
    return [m.Paragraph.of(text) for text in texts]


KIND_ORDER = [
    Invitation.Kind.FACILITATOR,
    Invitation.Kind.REGIONAL_COMMISSION,
    Invitation.Kind.OTHER_UN_ENTITY,
    Invitation.Kind.STAKEHOLDER,
]


def annexes(year: int, submissions: list[data.Submission], trends: list[data.IndicatorTrend]) -> tuple[m.Annex, ...]:
    kind_titles = {
        Invitation.Kind.FACILITATOR: t("Action line facilitators"),
        Invitation.Kind.REGIONAL_COMMISSION: t("Regional commissions"),
        Invitation.Kind.OTHER_UN_ENTITY: t("Other entities of the United Nations system"),
        Invitation.Kind.STAKEHOLDER: t("Other stakeholders"),
    }
    contributed: list[m.Block | m.Section] = []
    for kind in KIND_ORDER:
        names = sorted({_name(s.organisation) for s in submissions if s.kind == kind}, key=str.casefold)
        if names:
            contributed.append(m.Section(kind_titles[kind], (m.ItemList(tuple((m.Text(n),) for n in names)),)))
    if not contributed:
        contributed.append(
            m.Paragraph.of(t("No report had been accepted when the report was compiled."), numbered=False)
        )
    sources: list[tuple[m.Inline, ...]] = []
    for s in submissions:
        label = t("Activity report of %(entity)s, %(year)s") % _who(s, year)
        version = t("version %(number)s") % {"number": s.version_number}
        sources.append((report_link(s.report_id, label), m.Text(f" ({version})")))
    for trend in trends:
        ind = trend.indicator
        source = ind.source or (ind.custodian and _name(ind.custodian)) or ""
        if source:
            text = f"{localized(ind, 'name')}: {source}"
            sources.append((m.SourceLink(text, ind.source_url, text),) if ind.source_url else (m.Text(text),))
    sources_content: tuple[m.Block | m.Section, ...] = (
        (m.ItemList(tuple(sources)),) if sources else (m.Paragraph.of(t("No source was used."), numbered=False),)
    )
    return (
        m.Annex(t("Entities that contributed to the present report"), tuple(contributed)),
        m.Annex(t("Sources"), sources_content),
    )
