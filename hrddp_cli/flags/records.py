"""Flags on records as records: deleted (REV002), marked for fewer readers or overridden (REV008)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli import markings
from hrddp_cli.diff import same
from hrddp_cli.flags import Comparison, Raised, flag
from hrddp_cli.view import NOUNS

_HOW_TO_CLOSE = {
    "risks.yaml": "close it (status: closed)",
    "incidents.yaml": "close it (status: closed)",
    "mitigations.yaml": "mark it cancelled",
    "consultations.yaml": "keep it: a consultation is what people said, and stays said",
}


def named(file: str, identifier: str | None) -> str:
    """ "risk R-004", "the context", "a record of risks.yaml": how a message names a record."""
    one = NOUNS.get(file, ("record", "records"))[0]
    if file == "context.yaml":
        return one
    return f"{one} {identifier}" if identifier else f"a {one} without an id"


@flag("REV002", citation="SEED §2 (transparent and accountable); format.md: Records")
def record_deleted(comparison: Comparison) -> Iterable[Raised]:
    """A record was deleted: records are closed, not deleted, so that the history is the audit trail.

    A risk, incident or consultation that disappears takes its evidence with it; closing it keeps
    what was known and when.
    """
    if comparison.head is None and comparison.base is not None:
        yield Raised("context.yaml", None, "the whole dossier was deleted; archive the engagement instead")
        return
    for change in comparison.changes:
        if change.change == "removed":
            how = _HOW_TO_CLOSE.get(change.file, "close it")
            yield Raised(change.file, change.id, f"{named(change.file, change.id)} was deleted; {how}")


@flag("REV008", citation="SEED §2 (transparent and accountable)")
def marking_raised_or_overridden(comparison: Comparison) -> Iterable[Raised]:
    """A record's confidentiality was raised (it now reaches fewer readers), or a risk's override was added or changed.

    Both change what readers of a brief or a status learn without changing the facts: a reviewer
    confirms that the marking and the assessor's judgement are deliberate.
    """
    if comparison.base is None or comparison.head is None:
        return
    base_context = comparison.base.read.context_marking
    head_context = comparison.head.read.context_marking
    for change in comparison.changes:
        if change.change != "modified":
            continue
        if change.file == "context.yaml":
            before, after = base_context, head_context
        else:
            before = markings.record_marking(change.kind, change.base, base_context)
            after = markings.record_marking(change.kind, change.head, head_context)
        if markings.rank(after) > markings.rank(before):
            yield Raised(
                change.file,
                change.id,
                f"{named(change.file, change.id)}: marking raised {before} → {after}, so fewer readers see it",
            )
        override = change.field("/override")
        if change.file == "risks.yaml" and (override or any(f.pointer.startswith("/override/") for f in change.fields)):
            was = (change.base or {}).get("override")
            now = (change.head or {}).get("override")
            if now is not None and not same(was, now):
                what = "added" if was is None else "changed"
                yield Raised(change.file, change.id, f"{named(change.file, change.id)}: override {what}{_values(now)}")


def _values(override: object) -> str:
    if not isinstance(override, dict):
        return ""
    shown = [f"{key} {override[key]}" for key in ("likelihood", "impact") if isinstance(override.get(key), int)]
    return f" ({', '.join(shown)})" if shown else ""
