"""A picture of the timeline: the recommendation as a coloured band, unit measures and risks below, decisions marked."""

from __future__ import annotations

from hrddp_cli.history import HistoryReport
from hrddp_cli.pictures import timeline
from hrddp_cli.render import Options


def render(report: HistoryReport, options: Options) -> str:
    return timeline.svg(report)
