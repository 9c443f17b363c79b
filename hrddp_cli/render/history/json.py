"""The recommendation, unit measures and residual levels at every commit, oldest first, as JSON (version 2)."""

from __future__ import annotations

from hrddp_cli.history import HistoryReport
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
        "decisions": [{"date": d.date, "outcome": d.outcome, "scope": d.scope} for d in report.decisions],
    }
    return dumps(document, depth=3)  # one point, one decision per line
