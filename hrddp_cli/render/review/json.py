"""What changed, record by record, with the status before and after, as JSON (version 2)."""

from __future__ import annotations

from typing import Any

from hrddp_cli.explain import DossierStatus
from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import dumps
from hrddp_cli.review import DossierReview, ReviewReport, ShownChange, ShownFlag


def render(report: ReviewReport, options: Options) -> str:
    document = {
        "version": 2,
        "base": report.base,
        "head": report.head,
        "audience": report.audience,
        "as_of": report.as_of.isoformat(),
        "dossiers": [_dossier(dossier, report) for dossier in report.dossiers],
    }
    return dumps(document, depth=5)  # down to each change and flag, one per line


def _dossier(dossier: DossierReview, report: ReviewReport) -> dict[str, Any]:
    before, after = dossier.before, dossier.after
    return {
        "id": dossier.id,
        "path": dossier.path,
        "renamed_from": dossier.renamed_from,
        "change": dossier.change,
        "base": dossier.base or (report.base if dossier.change != "no_earlier_review" else None),
        "recommendation": {"base": _of(before, "recommendation"), "head": _of(after, "recommendation")},
        "worst": {"base": _of(before, "worst"), "head": _of(after, "worst")},
        "unit_measures": {"base": _measures(before), "head": _measures(after)},
        "changes": [_change(change) for change in dossier.changes],
        "flags": [_flag(flag) for flag in dossier.flags],
        "unreadable": [{"side": side, "file": file} for side, file in dossier.unreadable],
        "note": dossier.note,
    }


def _of(status: DossierStatus | None, name: str) -> str | None:
    return getattr(status, name) if status is not None else None


def _measures(status: DossierStatus | None) -> list[dict[str, Any]] | None:
    if status is None:
        return None
    return [{"unit": m.unit, "floor": m.floor, "rung": m.rung, "rules": list(m.rules)} for m in status.unit_measures]


def _change(change: ShownChange) -> dict[str, Any]:
    if change.withheld:
        return {"file": change.file, "id": None, "change": change.change, "withheld": True}
    fields: list[dict[str, Any]] = [
        {"pointer": f.pointer, "withheld": True}
        if f.withheld
        else {"pointer": f.pointer, "base": f.base, "head": f.head}
        for f in change.fields
    ]
    return {"file": change.file, "id": change.id, "change": change.change, "fields": fields}


def _flag(flag: ShownFlag) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "code": flag.code,
        "severity": flag.severity,
        "file": flag.file,
        "id": flag.id,
        "message": flag.message,
    }
    if flag.withheld:
        shown["withheld"] = True
    return shown
