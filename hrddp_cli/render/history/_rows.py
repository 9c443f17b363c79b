"""What the history formats show, decided once: the rows of the timeline and where decisions fall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from hrddp_cli.history import Decision, HistoryReport, Point, decisions_by_point, departs
from hrddp_cli.visible import plain


def levels(point: Point) -> str:
    """ "2 high, 3 medium": the visible risks by residual level, gravest first."""
    counts = Counter(point.risks.values())
    shown = [f"{counts[level]} {level}" for level in ("critical", "high", "medium", "low") if counts[level]]
    return ", ".join(shown) or "no risks shown"


def measures(point: Point) -> str:
    listed = point.status.unit_measures
    return ", ".join(f"{plain(m.unit) if m.unit else 'a unit (withheld)'} {m.floor}" for m in listed) or "none"


def timeline(report: HistoryReport) -> Iterator[tuple[Point | None, Decision | None]]:
    """The versions and the decisions in date order: (point, None) for a version, (point in force, decision)."""
    placed = decisions_by_point(report)
    for decision in placed.get(-1, []):
        yield None, decision
    for index, point in enumerate(report.points):
        yield point, None
        for decision in placed.get(index, []):
            yield point, decision


__all__ = ["decisions_by_point", "departs", "levels", "measures", "timeline"]
