"""Scores and recommendations as Markdown, for a pull request, a wiki or a memo draft.

All data (titles, paths, messages) is escaped so that it stays text: it cannot open a link, an
image, an HTML comment or a table of its own (:mod:`hrddp_cli.render._markdown`).
"""

from __future__ import annotations

from hrddp_cli.explain import DossierStatus
from hrddp_cli.render import Options
from hrddp_cli.render._markdown import cell, escape
from hrddp_cli.render.status._rows import (
    LEGEND,
    WITHHELD_ENTRY,
    later_text,
    level_counts,
    matrix_cells,
    measures_text,
    records_text,
    response_text,
    risk_notes,
    withheld_lines,
)
from hrddp_cli.status import StatusReport


def render(report: StatusReport, options: Options) -> str:
    methodology = report.methodology
    out = [
        f"# Status as of {report.as_of.isoformat()}",
        "",
        f"Methodology version {methodology.version} ({escape(methodology.defined_in)}); audience {report.audience}.",
        "",
    ]
    if len(report.dossiers) > 1:
        out += [
            "| dossier | recommendation | unit measures | critical | high | medium | low | withheld | decisive |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for status in report.dossiers:
            counts = level_counts(status)
            numbers = " | ".join(str(counts[level]) for level in ("critical", "high", "medium", "low"))
            out.append(
                f"| {cell(status.id)} | **{status.recommendation}** | {cell(measures_text(status)) or '—'} | "
                f"{numbers} | {status.withheld_risks} | {cell(', '.join(status.decisive))} |"
            )
        out.append("")
    for status in report.dossiers:
        out += _dossier(status)
    return "\n".join(out)


def _dossier(status: DossierStatus) -> list[str]:
    decisive = ", ".join(status.decisive) or "none"
    out = [f"## {escape(status.id)}", ""]
    out += [f"> warning {code}: {escape(message)}" for code, message in status.warnings]
    out += [f"> {escape(later_text(status))}", ""] if status.later else []
    out += [f"**Recommendation: {status.recommendation}** (engagement; decisive: {cell(decisive)})", ""]
    if status.unit_measures:
        out += [f"Unit measures: {cell(measures_text(status))}", ""]
    if status.worst != status.recommendation:
        out += [f"Worst floor: {status.worst} (any scope)", ""]
    if status.rules:
        out += _rules(status)
    if status.responses:
        out += ["EU response to grave incidents:", ""]
        out += [f"- {r.incident}: {response_text(r.days, r.waited)}" for r in status.responses] + [""]
    if status.actions:
        out += ["Actions:", ""] + [f"- {escape(action)}" for action in status.actions] + [""]
    if status.to_judge:
        out += [f"Suspension criteria left to the assessor's judgement: {', '.join(status.to_judge)}.", ""]
    if status.risks:
        out += _risks(status)
    out += [escape(line) + "\n" for line in withheld_lines(status)]
    return out


def _rules(status: DossierStatus) -> list[str]:
    out = ["| rule | floor | scope | records | why |", "|---|---|---|---|---|"]
    for entry in status.rules:
        floor = entry.floor or "—"
        if entry.withheld:
            out.append(f"| {'**—**' if entry.decisive else '—'} | {floor} | | | *{WITHHELD_ENTRY}* |")
            continue
        code = f"**{entry.code}**" if entry.decisive else str(entry.code)
        why = cell(entry.message or "")
        out.append(f"| {code} | {floor} | {cell(entry.scope or '—')} | {cell(records_text(entry))} | {why} |")
    return [*out, "", escape(LEGEND), ""]


def _risks(status: DossierStatus) -> list[str]:
    out = ["| risk | title | inherent | residual | status |", "|---|---|---|---|---|"]
    for risk in status.risks:
        notes = risk_notes(risk)
        flags = f" ({'; '.join(notes)})" if notes else ""
        out.append(
            f"| {risk.id} | {cell(risk.title)} | {cell(f'{risk.inherent} {risk.inherent.level}')} "
            f"| {cell(f'{risk.residual} {risk.residual.level}{flags}')} | {cell(risk.status)} |"
        )
    out.append("")
    cells = matrix_cells(status)
    out += [
        "Residual risk matrix (likelihood down, impact across):",
        "",
        "| | 1 | 2 | 3 | 4 | 5 |",
        "|---|---|---|---|---|---|",
    ]
    for likelihood in range(5, 0, -1):
        row = " | ".join(cell(", ".join(cells[(likelihood, impact)])) for impact in range(1, 6))
        out.append(f"| **{likelihood}** | {row} |")
    return [*out, ""]
