"""The timeline as a table for an analyst: one line per commit, decisions between them (the default)."""

from __future__ import annotations

from hrddp_cli.findings import counted
from hrddp_cli.history import HistoryReport
from hrddp_cli.render import Options
from hrddp_cli.render.history import _rows
from hrddp_cli.render.style import Style
from hrddp_cli.visible import plain


def render(report: HistoryReport, options: Options) -> str:
    style = Style(options.color)
    versions = counted(len(report.points), "version")
    out = [style(f"{plain(report.dossier)} ({plain(report.path)}): {versions}, oldest first", "bold")]
    previous = None
    for point, decision in _rows.timeline(report):
        if decision is not None:
            note = " (departs from the recommendation)" if _rows.departs(decision, point) else ""
            said = f"  {decision.date}  decision: {plain(decision.outcome)} ({plain(decision.scope)}){note}"
            out.append(style(said, "cyan"))
        elif point is not None:
            moved = previous is not None and previous != point.status.recommendation
            recommendation = style(f"{point.status.recommendation:<26}", *(("yellow",) if moved else ()))
            out.append(
                f"  {point.date[:10]}  {point.commit[:10]}  {recommendation}  worst {point.status.worst:<24}"
                f"  units: {_rows.measures(point)}  risks: {_rows.levels(point)}  ({plain(point.author)})"
            )
            previous = point.status.recommendation
    out.append(f"audience {report.audience}; each version scored as of its commit's day, under today's settings")
    return "\n".join(out) + "\n"
