"""Each dossier's changes for an analyst: the outcome before and after, the flags, then every change (the default)."""

from __future__ import annotations

from hrddp_cli.render import Options
from hrddp_cli.render.review import _rows
from hrddp_cli.render.style import Style
from hrddp_cli.review import DossierReview, ReviewReport
from hrddp_cli.visible import plain


def render(report: ReviewReport, options: Options) -> str:
    style = Style(options.color)
    out: list[str] = []
    for dossier in report.dossiers:
        out += _dossier(dossier, report, style)
        out.append("")
    out.append(style(_rows.summary(report), "bold"))
    return "\n".join(out) + "\n"


def _dossier(dossier: DossierReview, report: ReviewReport, style: Style) -> list[str]:
    lines = [style(_rows.heading(dossier, report), "bold")]
    before, after = dossier.before, dossier.after
    colour = "yellow" if dossier.outcome_moved else "dim"
    lines.append(f"  recommendation  {style(_rows.moved(before, after, 'recommendation'), colour)}")
    lines.append(f"  worst floor     {style(_rows.moved(before, after, 'worst'), colour)}")
    if _rows.measures(before) != _rows.measures(after):
        lines.append(f"  unit measures   {_rows.measures(before)} → {_rows.measures(after)}")
    elif after is not None and after.unit_measures:
        lines.append(f"  unit measures   {_rows.measures(after)}")
    if dossier.flags:
        lines.append("  flags (look at these twice)")
        for flag in dossier.flags:
            lines.append(f"    {style(flag.code, 'yellow')}  {plain(flag.message)}")
    if dossier.changes:
        lines.append("  changes")
        for change in dossier.changes:
            lines.append(f"    {_rows.record(change)} {_rows.CHANGE_WORDS[change.change]}")
            for field in change.fields:
                pointer = plain(field.pointer) or "/"
                if field.withheld:
                    lines.append(f"      {pointer}  {style('changed (withheld at this audience)', 'dim')}")
                else:
                    was, now = _rows.values(field.base, field.head)
                    lines.append(f"      {pointer}  {was} → {now}")
    for side, file in dossier.unreadable:
        lines.append(f"  {file} cannot be read at the {side}: run hrddp validate on it")
    if dossier.note:
        lines.append(f"  note: {plain(dossier.note)}")
    return lines
