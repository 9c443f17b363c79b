"""A pull-request comment: the outcome of each dossier, flags first, details folded, under 65,000 characters.

Dossier text is escaped (:mod:`hrddp_cli.render._markdown`): it cannot mention people, open an
HTML comment or a tag, or break out of a list or table. The comment starts with the marker
``<!-- hrddp-review -->``, which a CI job finds to update its comment in place; no dossier text
can write that marker, since ``<`` is always escaped.
"""

from __future__ import annotations

from hrddp_cli.render import Options
from hrddp_cli.render._markdown import cell, escape
from hrddp_cli.render.review import _rows
from hrddp_cli.review import DossierReview, ReviewReport, ShownChange

MARKER = "<!-- hrddp-review -->"
LIMIT = 65_000  # GitHub refuses a comment of more than 65,536 characters
_ROOM = 400  # kept for the closing note


def render(report: ReviewReport, options: Options) -> str:
    budget = _Budget(LIMIT - _ROOM)
    budget.add(f"{MARKER}\n### hrddp review\n\n{escape(_rows.summary(report))}\n")
    changed = [d for d in report.dossiers if d.change != "unchanged" or d.flags]  # a flag is always shown
    if not changed:
        budget.add("\nNo dossier changed.\n")
        return budget.text()
    budget.add("\n| dossier | change | recommendation | worst floor | flags |\n|---|---|---|---|---:|\n")
    for dossier in changed:
        row = (
            f"| {cell(dossier.id)} | {cell(_rows.CHANGE_WORDS[dossier.change])} | "
            f"{cell(_rows.moved(dossier.before, dossier.after, 'recommendation'))} | "
            f"{cell(_rows.moved(dossier.before, dossier.after, 'worst'))} | {len(dossier.flags)} |\n"
        )
        if not budget.add(row):
            break
    for dossier in changed:
        if not budget.add(_section(dossier, report, budget)):
            break
    return budget.text()


def _section(dossier: DossierReview, report: ReviewReport, budget: _Budget) -> str:
    lines = [f"\n#### {escape(_rows.heading(dossier, report))}\n"]
    if _rows.measures(dossier.before) != _rows.measures(dossier.after):
        lines.append(
            f"Unit measures: {escape(_rows.measures(dossier.before))} → {escape(_rows.measures(dossier.after))}\n"
        )
    for flag in dossier.flags:
        lines.append(f"- ⚠️ **{flag.code}** {escape(flag.message)}")
    for side, file in dossier.unreadable:
        lines.append(f"- {escape(file)} cannot be read at the {side}: run hrddp validate on it")
    if dossier.note:
        lines.append(f"- {escape(dossier.note)}")
    head = "\n".join(lines) + "\n"
    if not dossier.changes:
        return head
    items: list[str] = []
    room = budget.left - len(head) - 200
    for index, change in enumerate(dossier.changes):
        item = _change_lines(change)
        if sum(len(i) for i in items) + len(item) > room:
            items.append(f"- … and {len(dossier.changes) - index} more changes, cut to keep this comment short\n")
            break
        items.append(item)
    noun = "change" if len(dossier.changes) == 1 else "changes"
    return f"{head}\n<details><summary>{len(dossier.changes)} {noun}</summary>\n\n{''.join(items)}\n</details>\n"


def _change_lines(change: ShownChange) -> str:
    lines = [f"- {escape(_rows.record(change))} {_rows.CHANGE_WORDS[change.change]}"]
    for field in change.fields:
        pointer = escape(field.pointer or "/")
        if field.withheld:
            lines.append(f"  - {pointer}: changed (withheld at this audience)")
        else:
            before, after = _rows.values(field.base, field.head)
            lines.append(f"  - {pointer}: {escape(before)} → {escape(after)}")
    return "\n".join(lines) + "\n"


class _Budget:
    """The comment so far, and how much room it has left; a part that does not fit is cut, and said."""

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.left = limit
        self.cut = False

    def add(self, part: str) -> bool:
        if len(part) > self.left:
            self.cut = True
            return False
        self.parts.append(part)
        self.left -= len(part)
        return True

    def text(self) -> str:
        note = "\n_This comment was cut to stay under GitHub's limit; run hrddp review for the whole review._\n"
        return "".join(self.parts) + (note if self.cut else "")
