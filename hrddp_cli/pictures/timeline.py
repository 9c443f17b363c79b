"""A picture of the timeline: the recommendation as a coloured band, unit measures and risks below, decisions marked.

Versions run left to right, one column each, dated below; a decision is a dashed line after the
version in force when it was taken, red with a cross where it departs from the recommendation.
Every piece of text is XML-escaped and shown as data (:func:`hrddp_cli.visible.plain`); the
picture's size grows with the number of risks and units, never with their text.
"""

from __future__ import annotations

from html import escape

from hrddp_cli.history import HistoryReport, Point, decisions_by_point, departs
from hrddp_cli.visible import plain

FLOOR_COLOURS = {
    "proceed": "#1a9850",
    "proceed_with_mitigations": "#91cf60",
    "adapt": "#fee08b",
    "suspend": "#fc8d59",
    "terminate": "#d73027",
    "do_not_engage": "#a50026",
    "insufficient_information": "#bdbdbd",
}
LEVEL_COLOURS = {"critical": "#d73027", "high": "#fc8d59", "medium": "#fee08b", "low": "#91cf60"}
LEFT, WIDTH, ROW, GAP, TOP = 190, 760, 22, 6, 64


def svg(report: HistoryReport) -> str:
    """The timeline of ``report`` as a self-contained SVG picture."""
    points = report.points
    column = WIDTH / len(points)
    rows = _bands(points)
    bottom = TOP + len(rows) * (ROW + GAP)
    height = bottom + 40 + 18 * 3 + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LEFT + WIDTH + 20}" height="{height}" '
        f'font-family="sans-serif" font-size="12" role="img">',
        f"<title>{_text(f'History of {report.dossier}')}</title>",
        f'<text x="10" y="22" font-size="16" font-weight="bold">{_text(f"History of {report.dossier}")}</text>',
        f'<text x="10" y="42" fill="#555">{_text(_subtitle(report))}</text>',
    ]
    for row, (label, values) in enumerate(rows):
        y = TOP + row * (ROW + GAP)
        out.append(f'<text x="10" y="{y + 15}">{_text(label)}</text>')
        for index, value in enumerate(values):
            if value is None:
                continue
            colour = FLOOR_COLOURS.get(value) or LEVEL_COLOURS.get(value, "#eeeeee")
            tip = f"{points[index].date[:10]} {points[index].commit[:10]}: {value.replace('_', ' ')}"
            out.append(
                f'<rect x="{LEFT + index * column:.1f}" y="{y}" width="{max(column - 1, 1):.1f}" height="{ROW}" '
                f'fill="{colour}"><title>{_text(tip)}</title></rect>'
            )
    out += _dates(points, column, bottom)
    out += _decisions(report, column, bottom)
    out += _legend(bottom + 40)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _dates(points: list[Point], column: float, y: int) -> list[str]:
    """The day of the first and last version, and of some between (about one every 110 pixels)."""
    every = max(1, int(110 // column) + (1 if column < 110 else 0))
    shown = sorted({0, len(points) - 1, *range(0, len(points), every)})
    return [
        f'<text x="{LEFT + index * column + 2:.1f}" y="{y + 14}" font-size="10" fill="#555">'
        f"{_text(points[index].date[:10])}</text>"
        for index in shown
        if index == len(points) - 1 or all(abs(index - other) >= every for other in shown if other > index)
    ]


def _bands(points: list[Point]) -> list[tuple[str, list[str | None]]]:
    """(label, the value at each point) for every row of the picture, top down."""
    rows: list[tuple[str, list[str | None]]] = [
        ("Recommendation", [p.status.recommendation for p in points]),
        ("Worst floor", [p.status.worst for p in points]),
    ]
    units = list(dict.fromkeys(m.unit or "a unit (withheld)" for p in points for m in p.status.unit_measures))
    for unit in units:
        values: list[str | None] = []
        for p in points:
            floors = [m.floor for m in p.status.unit_measures if (m.unit or "a unit (withheld)") == unit]
            values.append(max(floors, key=list(FLOOR_COLOURS).index) if floors else None)
        rows.append((f"Unit {unit}" if unit != "a unit (withheld)" else unit, values))
    for risk in sorted({risk for p in points for risk in p.risks}):
        rows.append((f"Risk {risk}", [p.risks.get(risk) for p in points]))
    return rows


def _decisions(report: HistoryReport, column: float, bottom: int) -> list[str]:
    """A dashed line for each decision, after the version in force when it was taken."""
    out = []
    for index, decisions in decisions_by_point(report).items():
        for offset, decision in enumerate(decisions):
            at = LEFT + (index + 1) * column - 3 - 5 * offset if index >= 0 else LEFT + 2 + 5 * offset
            departed = departs(decision, report.points[index] if index >= 0 else None)
            colour = "#b2182b" if departed else "#2166ac"
            label = f"decision {decision.date[:10]}: {decision.outcome} ({decision.scope})"
            label += ", departs from the recommendation" if departed else ""
            out.append(
                f'<line x1="{at:.1f}" y1="{TOP - 8}" x2="{at:.1f}" y2="{bottom}" stroke="{colour}" '
                f'stroke-width="2" stroke-dasharray="4 3"><title>{_text(label)}</title></line>'
            )
            mark = "✕" if departed else "◆"
            out.append(
                f'<text x="{at - 5:.1f}" y="{TOP - 10}" fill="{colour}">{mark}<title>{_text(label)}</title></text>'
            )
    return out


def _legend(y: int) -> list[str]:
    """Floors, risk levels and the decision marks, four to a row."""
    items = [(name.replace("_", " "), colour) for name, colour in FLOOR_COLOURS.items()]
    items += [(f"risk {name}", colour) for name, colour in LEVEL_COLOURS.items()]
    out = []
    for index, (name, colour) in enumerate(items):
        x, row = 10 + (index % 4) * 190, y + (index // 4) * 18
        out.append(f'<rect x="{x}" y="{row}" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="{row + 10}" font-size="10">{_text(name)}</text>')
    last = y + (len(items) // 4) * 18
    said = "◆ a decision taken, ✕ one that departs from the recommendation in force"
    out.append(f'<text x="{10 + (len(items) % 4) * 190}" y="{last + 10}" font-size="10" fill="#555">{said}</text>')
    return out


def _subtitle(report: HistoryReport) -> str:
    first, last = report.points[0].date[:10], report.points[-1].date[:10]
    return (
        f"{report.path}: {len(report.points)} versions, {first} to {last}; "
        f"audience {report.audience}; scored as of each commit's day, under today's settings"
    )


def _text(value: str) -> str:
    return escape(plain(value), quote=True)
