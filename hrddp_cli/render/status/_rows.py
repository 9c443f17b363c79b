"""What the status formats show, decided once: counts, cells, notes and the lines about withholding."""

from __future__ import annotations

from collections import Counter

from hrddp_cli.explain import DossierStatus, Entry, RiskStatus
from hrddp_cli.view import counted_records

WITHHELD_ENTRY = "a rule on records withheld at this audience"
LEGEND = (
    "* decisive: sets the engagement's recommendation or a unit measure. Floors, lowest first: proceed, "
    "proceed_with_mitigations, adapt, suspend, terminate (do_not_engage: suspend or terminate before engaging); "
    "— reported, sets no floor."
)


def level_counts(status: DossierStatus) -> Counter[str]:
    """Open risks by residual level (withheld risks are counted apart)."""
    counts: Counter[str] = Counter({"critical": 0, "high": 0, "medium": 0, "low": 0})
    for risk in status.risks:
        if risk.status != "closed":
            counts[risk.residual.level] += 1
    return counts


def matrix_cells(status: DossierStatus) -> dict[tuple[int, int], list[str]]:
    """(likelihood, impact) → ids of the open, visible risks whose residual falls there."""
    cells: dict[tuple[int, int], list[str]] = {(lk, im): [] for lk in range(1, 6) for im in range(1, 6)}
    for risk in status.risks:
        if risk.status != "closed":
            cells[(risk.residual.likelihood, risk.residual.impact)].append(risk.id)
    return cells


def risk_notes(risk: RiskStatus) -> list[str]:
    """What made a risk's residual differ from a plain computation, in words."""
    credited = list(risk.credited)
    if risk.credited_withheld:
        credited.append(f"{risk.credited_withheld} withheld")
    notes = [f"after {', '.join(credited)}"] if credited else []
    if risk.ignored:
        notes.append(f"{', '.join(risk.ignored)} not credited (grave violation: verified, on likelihood only)")
    if risk.override:
        notes.append("override" if risk.override == "applied" else f"override {risk.override.replace('_', ' ')}")
    if risk.materialised_for:
        notes.append(f"materialised in {', '.join(risk.materialised_for)}")
    elif risk.materialised:
        notes.append("materialised")
    if risk.residual_elsewhere is not None:
        notes.append(f"{risk.residual_elsewhere} elsewhere")
    return notes


def records_text(entry: Entry) -> str:
    """ "incidents.yaml I-001, risks.yaml R-002 and 2 withheld": the records behind a rule."""
    shown = ", ".join(f"{r.file} {r.id}" if r.id else r.file for r in entry.records)
    if entry.withheld_records:
        return f"{shown} and {entry.withheld_records} withheld" if shown else f"{entry.withheld_records} withheld"
    return shown


def measures_text(status: DossierStatus, between: str = " · ") -> str:
    """ "U-004 suspend (G1) · a unit (withheld) adapt": the unit measures on one line."""
    parts = []
    for measure in status.unit_measures:
        if measure.unit is None:
            parts.append(f"a unit (withheld): {measure.floor}")
        else:
            parts.append(
                f"{measure.unit} {measure.floor}" + (f" ({', '.join(measure.rules)})" if measure.rules else "")
            )
    return between.join(parts)


def response_text(days: int | None, waited: int) -> str:
    if days is None:
        return f"no EU response after {waited} day{'' if waited == 1 else 's'}"
    return f"first EU response after {days} day{'' if days == 1 else 's'}"


def withheld_lines(status: DossierStatus) -> list[str]:
    """What was withheld at this audience, counted by kind, and which audience shows it."""
    lines = []
    if status.withheld_entries:
        n = status.withheld_entries
        shows = f"; --audience {status.shown_at} shows {'it' if n == 1 else 'them'}" if status.shown_at else ""
        lines.append(f"{n} rule {'entry' if n == 1 else 'entries'} withheld at this audience{shows}.")
    elif status.shown_at:
        lines.append(f"Some records are withheld at this audience; --audience {status.shown_at} shows them.")
    if status.withheld_risks:
        lines.append(f"{counted_records('risks.yaml', status.withheld_risks)} withheld.")
    if status.withheld_scopes:
        lines.append(
            f"{len(status.withheld_scopes)} unit scope{'s' if len(status.withheld_scopes) > 1 else ''} withheld."
        )
    return lines


def later_text(status: DossierStatus) -> str:
    """The records no rule counts because they are dated after the as-of date (a mistyped year?)."""
    ids = ", ".join(str(r.id) for r in status.later)
    return f"Not counted, dated after the as-of date: {ids} (check the year if that is not meant)"
