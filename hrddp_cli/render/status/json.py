"""Scores and recommendations as JSON, the shape cli.md fixes for scripts (version 1)."""

from __future__ import annotations

from typing import Any

from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import dumps
from hrddp_cli.scoring import Score
from hrddp_cli.status import DossierStatus, StatusReport


def render(report: StatusReport, options: Options) -> str:
    document = {
        "version": 1,
        "as_of": report.as_of.isoformat(),
        "methodology": {"version": report.methodology.version, "source": report.methodology.defined_in},
        "audience": report.audience,
        "dossiers": [_dossier(status) for status in report.dossiers],
    }
    return dumps(document, depth=4)  # down to each risk and rule, one per line


def _score(score: Score | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"likelihood": score.likelihood, "impact": score.impact, "score": score.score, "level": score.level}


def _dossier(status: DossierStatus) -> dict[str, Any]:
    return {
        "id": status.id,
        "path": status.path,
        "recommendation": status.recommendation,
        "by_scope": status.by_scope,
        "risks": [
            {
                "id": risk.id,
                "status": risk.status,
                "materialised": risk.materialised,
                "inherent": _score(risk.inherent),
                "residual": _score(risk.residual),
                "withheld": risk.withheld,
            }
            for risk in status.risks
        ],
        "rules": [
            {
                "code": fired.code,
                "floor": fired.floor,
                "scope": fired.scope,
                "decisive": fired.decisive,
                "records": [{"file": r.file, "id": r.id} for r in fired.records],
                "message": fired.message,
            }
            for fired in status.rules
        ],
        "actions": status.actions,
        "dated_after_as_of": [{"file": r.file, "id": r.id} for r in status.later],
    }
