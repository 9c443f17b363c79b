"""Scores and recommendations as JSON, the shape of the command-line contract (version 2)."""

from __future__ import annotations

from typing import Any

from hrddp_cli.explain import DossierStatus, Entry
from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import dumps
from hrddp_cli.scoring import Score
from hrddp_cli.status import StatusReport


def render(report: StatusReport, options: Options) -> str:
    document = {
        "version": 2,
        "as_of": report.as_of.isoformat(),
        "audience": report.audience,
        "methodology": {"version": report.methodology.version, "source": report.methodology.defined_in},
        "dossiers": [_dossier(status) for status in report.dossiers],
    }
    return dumps(document, depth=4)  # down to each risk and rule, one per line


def _score(score: Score | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"likelihood": score.likelihood, "impact": score.impact, "score": score.score, "level": score.level}


def _entry(entry: Entry) -> dict[str, Any]:
    if entry.withheld:
        return {"withheld": True, "floor": entry.floor, "decisive": entry.decisive}
    shown: dict[str, Any] = {
        "code": entry.code,
        "floor": entry.floor,
        "scope": entry.scope,
        "decisive": entry.decisive,
        "records": [{"file": r.file, "id": r.id} for r in entry.records],
        "message": entry.message,
    }
    if entry.withheld_records:
        shown["withheld_records"] = entry.withheld_records
    return shown


def _dossier(status: DossierStatus) -> dict[str, Any]:
    return {
        "id": status.id,
        "path": status.path,
        "recommendation": status.recommendation,
        "worst": status.worst,
        "recommendation_rung": status.recommendation_rung,
        "worst_rung": status.worst_rung,
        "withheld_risks": status.withheld_risks,
        "withheld_scopes": status.withheld_scopes,
        "withheld_entries": status.withheld_entries,
        "shown_at": status.shown_at,
        "warnings": [{"code": code, "message": message} for code, message in status.warnings],
        "unit_measures": [
            {"unit": m.unit, "floor": m.floor, "rung": m.rung, "rules": list(m.rules)} for m in status.unit_measures
        ],
        "by_scope": status.by_scope,
        "risks": [
            {
                "id": risk.id,
                "status": risk.status,
                "materialised": risk.materialised,
                "inherent": _score(risk.inherent),
                "residual": _score(risk.residual),
                "materialised_for": list(risk.materialised_for) if risk.materialised_for else None,
                "residual_elsewhere": _score(risk.residual_elsewhere),
                "credited": list(risk.credited),
                "credited_withheld": risk.credited_withheld,
                "override": risk.override,
            }
            for risk in status.risks
        ],
        "rules": [_entry(entry) for entry in status.rules],
        "actions": status.actions,
        "responses": [{"incident": r.incident, "days": r.days, "waited": r.waited} for r in status.responses],
        "to_judge": status.to_judge,
        "dated_after_as_of": [{"file": r.file, "id": r.id} for r in status.later],
    }
