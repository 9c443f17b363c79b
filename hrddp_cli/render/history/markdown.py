"""The timeline as a Markdown table, with the decisions taken marked between the versions."""

from __future__ import annotations

from hrddp_cli.history import HistoryReport
from hrddp_cli.render import Options
from hrddp_cli.render._markdown import cell, escape
from hrddp_cli.render.history import _rows


def render(report: HistoryReport, options: Options) -> str:
    out = [f"### History of {escape(report.dossier)} ({escape(report.path)})", ""]
    out.append("| date | commit | recommendation | worst floor | unit measures | open risks | author |")
    out.append("|---|---|---|---|---|---|---|")
    for point, decision in _rows.timeline(report):
        if decision is not None:
            note = " (departs from the recommendation)" if _rows.departs(decision, point) else ""
            taken = f"**{cell(decision.outcome)}** ({cell(decision.scope)}){note}"
            out.append(f"| {cell(decision.date)} | decision | {taken} | | | | |")
        elif point is not None:
            out.append(
                f"| {point.date[:10]} | {point.commit[:10]} | {point.status.recommendation} | {point.status.worst} | "
                f"{cell(_rows.measures(point))} | {cell(_rows.levels(point))} | {cell(point.author)} |"
            )
    out += ["", f"Audience {report.audience}; each version scored as of its commit's day, under today's settings."]
    return "\n".join(out) + "\n"
