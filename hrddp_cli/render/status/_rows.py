"""Rows shared by the status formats: what each renders, decided once."""

from __future__ import annotations

from collections import Counter

from hrddp_cli.status import DossierStatus, Fired, RiskStatus


def level_counts(status: DossierStatus) -> Counter[str]:
    """Open risks by residual level (withheld risks are counted apart, in ``DossierStatus.withheld``)."""
    counts: Counter[str] = Counter({"critical": 0, "high": 0, "medium": 0, "low": 0})
    for risk in status.risks:
        if risk.residual is not None and risk.status != "closed":
            counts[risk.residual.level] += 1
    return counts


def matrix_cells(status: DossierStatus) -> dict[tuple[int, int], list[str]]:
    """(likelihood, impact) → ids of the open, visible risks whose residual falls there."""
    cells: dict[tuple[int, int], list[str]] = {(lk, im): [] for lk in range(1, 6) for im in range(1, 6)}
    for risk in status.risks:
        if risk.residual is not None and risk.status != "closed":
            cells[(risk.residual.likelihood, risk.residual.impact)].append(risk.id)
    return cells


def risk_notes(risk: RiskStatus) -> list[str]:
    """What made a risk's residual differ from a plain computation, in words."""
    notes = [f"after {', '.join(risk.credited)}"] if risk.credited else []
    notes += ["impact held at the grave-violation floor"] * risk.floored
    notes += ["override"] * risk.overridden + ["materialised"] * bool(risk.materialised)
    return notes


def records_text(fired: Fired) -> str:
    """ "incidents.yaml I-001, risks.yaml R-002": the records behind a rule."""
    return ", ".join(f"{r.file} {r.id}" if r.id else r.file for r in fired.records)
