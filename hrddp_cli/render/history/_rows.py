"""What the history formats show, decided once: the rows of the timeline and where decisions fall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from hrddp_cli.history import Decision, HistoryReport, Point
from hrddp_cli.visible import plain


def levels(point: Point) -> str:
    """ "2 high, 3 medium": the visible risks by residual level, gravest first."""
    counts = Counter(point.risks.values())
    shown = [f"{counts[level]} {level}" for level in ("critical", "high", "medium", "low") if counts[level]]
    return ", ".join(shown) or "no risks shown"


def measures(point: Point) -> str:
    listed = point.status.unit_measures
    return ", ".join(f"{plain(m.unit) if m.unit else 'a unit (withheld)'} {m.floor}" for m in listed) or "none"


def decisions_by_point(report: HistoryReport) -> dict[int, list[Decision]]:
    """Each decision placed at the last point on or before its date; -1 for one before the first point."""
    placed: dict[int, list[Decision]] = {}
    for decision in sorted(report.decisions, key=lambda d: d.date):
        index = -1
        for position, point in enumerate(report.points):
            if point.date[:10] <= decision.date[:10]:
                index = position
        placed.setdefault(index, []).append(decision)
    return placed


def timeline(report: HistoryReport) -> Iterator[tuple[Point | None, Decision | None]]:
    """The versions and the decisions in date order: (point, None) for a version, (point in force, decision)."""
    placed = decisions_by_point(report)
    for decision in placed.get(-1, []):
        yield None, decision
    for index, point in enumerate(report.points):
        yield point, None
        for decision in placed.get(index, []):
            yield point, decision


def departs(decision: Decision, point: Point | None) -> bool:
    """Whether a decision for the engagement departs from the recommendation in force then (None: none known)."""
    return point is not None and decision.scope == "engagement" and decision.outcome != point.status.recommendation
