"""Scores and recommendations as Markdown, for a pull request, a wiki or a memo draft."""

from __future__ import annotations

from hrddp_cli.render import Options
from hrddp_cli.render.status._rows import level_counts, matrix_cells, records_text, risk_notes
from hrddp_cli.status import DossierStatus, StatusReport


def render(report: StatusReport, options: Options) -> str:
    methodology = report.methodology
    out = [
        f"# Status as of {report.as_of.isoformat()}",
        "",
        f"Methodology version {methodology.version} ({methodology.defined_in}); audience {report.audience}.",
        "",
    ]
    if len(report.dossiers) > 1:
        out += [
            "| dossier | recommendation | critical | high | medium | low | withheld | decisive |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for status in report.dossiers:
            counts = level_counts(status)
            out.append(
                f"| {status.id} | **{status.recommendation}** | {counts['critical']} | {counts['high']} | "
                f"{counts['medium']} | {counts['low']} | {status.withheld} | {', '.join(status.decisive)} |"
            )
        out.append("")
    for status in report.dossiers:
        out += _dossier(status)
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _dossier(status: DossierStatus) -> list[str]:
    decisive = ", ".join(status.decisive) or "none"
    scopes = ", ".join(f"{scope}: {outcome}" for scope, outcome in status.by_scope.items())
    out = [
        f"## {status.id}",
        "",
        f"**Recommendation: {status.recommendation}** (decisive: {decisive}; by scope: {scopes})",
        "",
    ]
    if status.rules:
        out += ["| rule | floor | scope | records | why |", "|---|---|---|---|---|"]
        for fired in status.rules:
            records = records_text(fired)
            code = f"**{fired.code}**" if fired.decisive else fired.code
            out.append(f"| {code} | {fired.floor or '—'} | {fired.scope or '—'} | {records} | {_cell(fired.message)} |")
        out.append("")
    if status.actions:
        out += ["Actions:", ""] + [f"- {_cell(action)}" for action in status.actions] + [""]
    if status.later:
        out += [f"Not counted: {', '.join(str(r.id) for r in status.later)} (dated after the as-of date).", ""]
    if status.risks:
        out += ["| risk | title | inherent | residual | status |", "|---|---|---|---|---|"]
        for risk in status.risks:
            if risk.withheld or risk.inherent is None or risk.residual is None:
                out.append(f"| {risk.id} | *withheld* | | | |")
                continue
            notes = risk_notes(risk)
            flags = f" ({'; '.join(notes)})" if notes else ""
            inherent, residual = risk.inherent, risk.residual
            out.append(
                f"| {risk.id} | {_cell(risk.title or '')} "
                f"| {inherent.likelihood}×{inherent.impact}={inherent.score} {inherent.level} "
                f"| {residual.likelihood}×{residual.impact}={residual.score} {residual.level}{flags} | {risk.status} |"
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
            row = " | ".join(", ".join(cells[(likelihood, impact)]) for impact in range(1, 6))
            out.append(f"| **{likelihood}** | {row} |")
        out.append("")
        if status.withheld:
            out += [f"{status.withheld} risk(s) withheld at this audience.", ""]
    return out
