"""A sample document in the real wording of seed 002 (A/66/77-E/2011/103, French version, 4 May 2011):
front matter, the summary, paragraphs of chapters I and II, the table of the 98 contributions by
stakeholder group and channel, two footnotes, a chart and an annex.

Used by `manage.py render_sample_report` and the tests. The fixed words (masthead, organ names) follow
`language`; the content stays in French as the seed gives it.
"""

from __future__ import annotations

import datetime

from . import model as m

# Seed 002's consultation tally: written comments, presentations at the 14 December 2010 meeting,
# informal interventions in the open debate.
CONSULTATION_ROWS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("Gouvernements", (11, 13, 8)),
    ("Organisations internationales", (7, 1, 0)),
    ("Société civile", (32, 7, 3)),
    ("Secteur privé", (9, 5, 2)),
)
CONSULTATION_COLUMNS = (
    "Observations présentées par écrit entre septembre et décembre 2010",
    "Exposés présentés à la réunion tenue le 14 décembre 2010",
    "Interventions informelles faites pendant le débat ouvert",
)
TITLE = "Renforcement de la coopération sur les questions de politiques publiques nationales concernant Internet"


def consultation_table(language: str = "fr") -> m.Table:
    return m.tally_table(
        caption="Répartition des contributions présentées lors des consultations ouvertes",
        row_header="Groupe de parties prenantes",
        columns=CONSULTATION_COLUMNS,
        rows=CONSULTATION_ROWS,
        total_label="Total",
        language=language,
    )


def sample_document(language: str = "fr") -> m.Document:
    p = m.Paragraph.of
    chapter_one = m.Section(
        "Contexte général",
        (
            p(
                "L'appel lancé pour que soit renforcée la coopération dans le domaine de la gouvernance "
                "d'Internet trouve son origine dans les conclusions de la seconde phase du Sommet mondial sur "
                "la société de l'information, tenu à Tunis en 2005. Les États Membres avaient reconnu qu'il "
                "existait de nombreuses questions de politiques publiques internationales transsectorielles qui "
                "avaient besoin d'être examinées et qui n'étaient pas prises suffisamment en compte par les "
                "mécanismes existants."
            ),
            p(
                "Sans aller jusqu'à définir en termes précis ce qu'il fallait entendre par l'expression "
                "« renforcement de la coopération », l'",
                m.Emphasis("Agenda de Tunis pour la société de l'information"),
                m.FootnoteRef("tunis"),
                ", approuvé par l'Assemblée générale dans sa résolution 60/252, a reconnu que toutes les "
                "parties prenantes devaient participer à la réalisation de cet objectif dans le cadre de leurs "
                "rôles respectifs.",
            ),
            p(
                "Dans le cadre de l'Agenda de Tunis, et plus particulièrement des paragraphes 68 à 71, le "
                "Secrétaire général a été chargé de lancer un processus de renforcement de la coopération en "
                "progressant aussi vite que possible dans le respect des procédures légales."
            ),
        ),
    )
    chapter_two = m.Section(
        "Organisation des consultations ouvertes sur le renforcement de la coopération tenues en application "
        "de la résolution 2010/2 du Conseil économique et social",
        (
            p(
                "Les parties prenantes ont eu l'occasion d'apporter une contribution de deux manières "
                "différentes. Elles pouvaient présenter des commentaires écrits sous n'importe quelle forme et "
                "à n'importe quel moment au cours de la période de consultation, et elles pouvaient assister à "
                "une réunion qui devait avoir lieu à New York le 14 décembre 2010.",
                # In a compiled report this is the page of the submission the paragraph summarises.
                source=m.SourceLink("source", "/fr/consultations/", "Consultations ouvertes, 2010"),
            ),
            p(
                "Un total de 85 contributions écrites ou orales ont été communiquées par des gouvernements, des "
                "organisations internationales, des acteurs de la société civile et des entités du secteur "
                "privé, ainsi que le tableau ci-dessous l'indique."
            ),
            consultation_table(language),
            p(
                "En outre, 13 participants ont profité de l'occasion qui leur a été fournie, vers la fin de la "
                "réunion, d'avoir des échanges de vues directs dans le cadre d'un débat ouvert. Toutes les "
                "observations qui ont été faites ont été prises en compte dans la rédaction du présent rapport, "
                "qu'elles aient été communiquées par écrit au Secrétariat ou exprimées en personne à l'occasion "
                "de la ",
                m.SourceLink(
                    "réunion tenue à New York",
                    "http://www.unpan.org/dpadm/wsisfollowup",
                    "Compte rendu des consultations ouvertes (UNPAN)",
                ),
                m.FootnoteRef("record"),
                ".",
            ),
            m.BarChart(
                title="Contributions par groupe de parties prenantes",
                categories=tuple(label for label, _ in CONSULTATION_ROWS),
                series=(m.Series("Contributions", tuple(float(sum(v)) for _, v in CONSULTATION_ROWS)),),
            ),
        ),
    )
    return m.Document(
        kind=m.DocumentKind.ANNUAL_REPORT,
        language=language,
        original_language="en",
        symbols=("A/66/77", "E/2011/103"),
        date=datetime.date(2011, 5, 4),
        agenda=(
            m.AgendaItem(
                organ=m.Organ.GENERAL_ASSEMBLY,
                session="Soixante-sixième session",
                item="Point 17 de la liste préliminaire",
                title="Les technologies de l'information et des communications au service du développement",
                note="A/66/50.",
            ),
            m.AgendaItem(
                organ=m.Organ.ECOSOC,
                session="Session de fond de 2011",
                dates_and_place="Genève, 4-29 juillet 2011",
                item="Point 13 b) de l'ordre du jour provisoire",
                title="Questions relatives à l'économie et à l'environnement : science et technique au service "
                "du développement",
                note="E/2011/100.",
            ),
        ),
        title=TITLE,
        subtitle="",
        summary=(
            p(
                "Dans sa résolution 2010/2, le Conseil économique et social a invité le Secrétaire général à "
                "tenir des consultations ouvertes et sans exclusive, auxquelles tous les États Membres et "
                "toutes les autres parties concernées seront conviés, sur les questions de politiques "
                "publiques internationales concernant Internet, et a demandé que le résultat de ces "
                "consultations soit communiqué, par l'entremise du Conseil, à l'Assemblée générale à sa "
                "soixante-sixième session. Le présent rapport est soumis en réponse à cette demande.",
                numbered=False,
            ),
            p(
                "Des consultations ont été organisées par le Secrétaire général adjoint aux affaires "
                "économiques et sociales pendant la période comprise entre septembre et décembre 2010.",
                numbered=False,
            ),
        ),
        body=(chapter_one, chapter_two),
        footnotes=(
            m.Footnote("tunis", (m.Text("Voir A/60/687."),)),
            m.Footnote(
                "record",
                (
                    m.Text(
                        "Un compte-rendu complet des consultations est accessible en ligne à partir du site "
                        "http://www.unpan.org/dpadm/wsisfollowup."
                    ),
                ),
            ),
        ),
        annexes=(
            m.Annex(
                "Groupes de parties prenantes consultés",
                (
                    p(
                        "Des contributions ont été sollicitées auprès de quelque 150 organisations "
                        "internationales et d'environ 3 500 entités de la société civile et du secteur privé :",
                        numbered=False,
                    ),
                    m.ItemList(tuple((m.Text(label),) for label, _ in CONSULTATION_ROWS)),
                ),
            ),
        ),
    )
