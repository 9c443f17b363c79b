"""What the review formats show, decided once: short values, labels of revisions and the lines of a dossier."""

from __future__ import annotations

import json
from typing import Any

from hrddp_cli.explain import DossierStatus
from hrddp_cli.findings import counted
from hrddp_cli.review import DossierReview, ReviewReport, ShownChange
from hrddp_cli.visible import plain

SHORT = 80  # the most of a value shown beside a change, in characters

CHANGE_WORDS = {
    "added": "added",
    "removed": "removed",
    "modified": "changed",
    "unchanged": "unchanged",
    "no_earlier_review": "no earlier review in the history",
}


def revision(label: str | None) -> str:
    """A commit as people write it (its first 10 characters), or the working tree."""
    if label is None:
        return "its previous review"
    return "the working tree" if label == "worktree" else label[:10]


def value(shown: Any) -> str:
    """A value on one line, at most ``SHORT`` characters: text as written, anything else as JSON."""
    if shown is None:
        return "absent"
    text = shown if isinstance(shown, str) else json.dumps(shown, ensure_ascii=False)
    text = " ".join(text.split())
    return plain(text if len(text) <= SHORT else text[: SHORT - 1] + "…")


def values(base: Any, head: Any) -> tuple[str, str]:
    """Both sides of a change on one line each; long ones cut to the part that differs, with a little context.

    An edit in the middle of a paragraph (or of a list shown as JSON) shows the words that
    changed, not the same first eighty characters twice.
    """
    if base is None or head is None:
        return value(base), value(head)
    before, after = (" ".join(_text(v).split()) for v in (base, head))
    if len(before) <= SHORT and len(after) <= SHORT:
        return value(before), value(after)
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    context = 20
    return _window(before, start, end, context), _window(after, start, end, context)


def _window(text: str, start: int, end: int, context: int) -> str:
    left = max(start - context, 0)
    right = min(len(text) - end + context, len(text))
    shown = text[left:right]
    if len(shown) > SHORT:
        shown = shown[: SHORT - 1] + "…"
    return plain(("…" if left else "") + shown + ("…" if right < len(text) else ""))


def _text(shown: Any) -> str:
    return shown if isinstance(shown, str) else json.dumps(shown, ensure_ascii=False)


def record(change: ShownChange) -> str:
    """ "risks.yaml R-002", "context.yaml", or "incidents.yaml (a record withheld at this audience)"."""
    if change.withheld:
        return f"{change.file} (a record withheld at this audience)"
    return f"{change.file} {plain(change.id)}" if change.id else change.file


def moved(before: DossierStatus | None, after: DossierStatus | None, name: str) -> str:
    """ "adapt → suspend", "adapt (unchanged)", or one side alone."""
    was = getattr(before, name) if before is not None else None
    now = getattr(after, name) if after is not None else None
    if was == now:
        return f"{now} (unchanged)"
    return f"{was or '—'} → {now or '—'}"


def measures(status: DossierStatus | None) -> str:
    if status is None:
        return "—"
    if not status.unit_measures:
        return "none"
    return ", ".join(f"{plain(m.unit) if m.unit else 'a unit (withheld)'} {m.floor}" for m in status.unit_measures)


def heading(dossier: DossierReview, report: ReviewReport) -> str:
    """ "arc-police (dossiers/arc-police): changed since 3f2c1a2b4e" and a rename, when there was one."""
    since = revision(dossier.base or report.base)
    said = CHANGE_WORDS[dossier.change]
    where = f"{plain(dossier.id)} ({plain(dossier.path)})"
    if dossier.change == "no_earlier_review":
        return f"{where}: {said}"
    renamed = f", renamed from {plain(dossier.renamed_from)}" if dossier.renamed_from else ""
    return f"{where}: {said} since {since}{renamed}"


def summary(report: ReviewReport) -> str:
    changed = sum(1 for d in report.dossiers if d.change in ("added", "removed", "modified"))
    flags = sum(len(d.flags) for d in report.dossiers)
    moved_outcome = sum(1 for d in report.dossiers if d.outcome_moved)
    base = f"base {revision(report.base)}" if report.base else "each dossier against its previous review"
    return (
        f"{counted(len(report.dossiers), 'dossier')}: {changed} changed, {moved_outcome} with another outcome, "
        f"{counted(flags, 'flag')}; {base}, head {revision(report.head)} (audience {report.audience})"
    )
