"""The 5×5 risk matrix of a memo: each visible risk drawn from its inherent cell to its residual one.

Cells are coloured by the level the methodology's bands give their score; risks are named by id
only (ids are checked by the schema, so they hold no free text). :func:`cells` is the matrix as
data, for the formats that draw it themselves (Markdown, Word); :func:`svg` is the picture, for
HTML and PDF.
"""

from __future__ import annotations

from typing import Any

from hrddp_cli.explain import RiskStatus
from hrddp_cli.methodology import Methodology

LEVEL_COLOURS = {"critical": "#d73027", "high": "#fc8d59", "medium": "#fee08b", "low": "#91cf60"}
CELL, LEFT, TOP = 92, 86, 20
_HALO = 'stroke="#fff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke"'  # legible over lines and dark cells


def cells(risks: list[RiskStatus], methodology: Methodology) -> list[list[dict[str, Any]]]:
    """Rows from impact 5 down to 1, columns from likelihood 1 to 5: level, colour, and the risks in each."""
    grid: list[list[dict[str, Any]]] = [
        [
            {
                "likelihood": likelihood,
                "impact": impact,
                "level": (level := methodology.level(likelihood * impact)),
                "colour": LEVEL_COLOURS[level],
                "residual": [],
                "inherent": [],
            }
            for likelihood in range(1, 6)
        ]
        for impact in range(5, 0, -1)
    ]
    for risk in risks:
        for key, score in (("inherent", risk.inherent), ("residual", risk.residual)):
            if 1 <= score.likelihood <= 5 and 1 <= score.impact <= 5:
                grid[5 - score.impact][score.likelihood - 1][key].append(risk.id)
    return grid


def svg(risks: list[RiskStatus], methodology: Methodology) -> str:
    """The matrix as a picture: residual positions as filled dots, arrows from the inherent ones."""
    grid = cells(risks, methodology)
    size = LEFT + 5 * CELL + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {TOP + 5 * CELL + 60}" '
        f'width="{size}" height="{TOP + 5 * CELL + 60}" font-family="DejaVu Sans, Arial, sans-serif" '
        'font-size="12" role="img">',
        "<title>Risk matrix: likelihood across, impact up; arrows run from inherent to residual</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
    ]
    for row in grid:
        for cell in row:
            x, y = _corner(cell["likelihood"], cell["impact"])
            out.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{cell["colour"]}" stroke="#fff"/>')
    for index in range(1, 6):
        x, _ = _corner(index, 1)
        out.append(f'<text x="{x + CELL / 2}" y="{TOP + 5 * CELL + 16}" text-anchor="middle">{index}</text>')
        _, y = _corner(1, index)
        out.append(f'<text x="{LEFT - 10}" y="{y + CELL / 2 + 4}" text-anchor="end">{index}</text>')
    out.append(f'<text x="{LEFT + 2.5 * CELL}" y="{TOP + 5 * CELL + 36}" text-anchor="middle">likelihood</text>')
    out.append(
        f'<text x="14" y="{TOP + 2.5 * CELL}" transform="rotate(-90 14 {TOP + 2.5 * CELL})" '
        'text-anchor="middle">impact</text>'
    )
    out += _risks(risks, grid)
    out.append("</svg>")
    return "\n".join(out)


def _risks(risks: list[RiskStatus], grid: list[list[dict[str, Any]]]) -> list[str]:
    lines: list[str] = []
    marks: list[str] = []
    for risk in risks:
        start, end = _spot(risk, "inherent", grid), _spot(risk, "residual", grid)
        if start is None or end is None:
            continue
        if start != end:
            lines.append(
                f'<line x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}" stroke="#333" '
                'stroke-width="1" stroke-dasharray="3 2" marker-end="url(#arrow)"/>'
            )
            marks.append(f'<circle cx="{start[0]}" cy="{start[1]}" r="3.5" fill="#fff" stroke="#333"/>')
            marks.append(f'<text x="{start[0] + 7}" y="{start[1] + 4}" {_HALO} fill="#333">{_id(risk.id)}</text>')
        marks.append(f'<circle cx="{end[0]}" cy="{end[1]}" r="4" fill="#222"/>')
        marks.append(f'<text x="{end[0] + 7}" y="{end[1] + 4}" {_HALO} font-weight="bold">{_id(risk.id)}</text>')
    return lines + marks


def _spot(risk: RiskStatus, key: str, grid: list[list[dict[str, Any]]]) -> tuple[float, float] | None:
    """Where a risk's dot stands in its cell: residual risks listed first, then inherent ones, top down."""
    score = risk.inherent if key == "inherent" else risk.residual
    if not (1 <= score.likelihood <= 5 and 1 <= score.impact <= 5):
        return None
    cell = grid[5 - score.impact][score.likelihood - 1]
    held = [("residual", i) for i in cell["residual"]] + [("inherent", i) for i in cell["inherent"]]
    position = held.index((key, risk.id))
    x, y = _corner(score.likelihood, score.impact)
    step = min(15.0, (CELL - 14) / max(len(held), 1))
    return (x + 10, round(y + 12 + step * position, 1))


def _corner(likelihood: int, impact: int) -> tuple[int, int]:
    return LEFT + (likelihood - 1) * CELL, TOP + (5 - impact) * CELL


def _id(identifier: str) -> str:
    from html import escape

    return escape(identifier)
