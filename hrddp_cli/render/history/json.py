"""The recommendation, unit measures and residual levels at every commit, oldest first, as JSON (version 2)."""

from __future__ import annotations

from hrddp_cli.history import Decision, HistoryReport, Point, decisions_by_point, departs
from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import dumps


def render(report: HistoryReport, options: Options) -> str:
    document = {
        "version": 2,
        "dossier": report.dossier,
        "path": report.path,
        "audience": report.audience,
        "points": [
            {
                "commit": point.commit,
                "date": point.date,
                "author": point.author,
                "recommendation": point.status.recommendation,
                "worst": point.status.worst,
                "unit_measures": [{"unit": m.unit, "floor": m.floor} for m in point.status.unit_measures],
                "risks": point.risks,
            }
            for point in report.points
        ],
        "decisions": [
            {"date": d.date, "outcome": d.outcome, "scope": d.scope, "departs": departs(d, point)}
            for point, d in _in_force(report)
        ],
    }
    return dumps(document, depth=3)  # one point, one decision per line


def _in_force(report: HistoryReport) -> list[tuple[Point | None, Decision]]:
    """Each decision (by date) with the version in force when it was taken (None: before the first)."""
    return [
        (report.points[index] if index >= 0 else None, decision)
        for index, decisions in sorted(decisions_by_point(report).items())
        for decision in decisions
    ]
