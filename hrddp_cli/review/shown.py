"""What an audience may see of a review: each change and each flag, or that it is withheld.

A record is withheld whole when its marking on either side is above the audience (the higher
marking of base and head governs: raising a marking must not print the old value, nor lowering
one the new). Within a shown record, a field that is sensitive (or that the schema does not
describe) on either side is shown as changed, without values; its pointer stops at the field the
schema names, so that a key of one's own (``x_…``) is not printed either. A flag on a withheld
record keeps its code and says only its summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hrddp_cli import markings
from hrddp_cli.diff import FieldChange, RecordChange, records_of, same
from hrddp_cli.findings import Pointer
from hrddp_cli.flags import Comparison, Raised
from hrddp_cli.read import DossierRead
from hrddp_cli.registry import REGISTRY
from hrddp_cli.scoring import ENGAGEMENT
from hrddp_cli.view import without_ids


@dataclass(frozen=True, slots=True)
class ShownField:
    pointer: str
    base: Any = None
    head: Any = None
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class ShownChange:
    file: str
    id: str | None
    change: str
    fields: list[ShownField] = field(default_factory=list)
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class ShownFlag:
    code: str
    severity: str
    file: str
    id: str | None
    message: str
    withheld: bool = False


class Sides:
    """The markings of both states of a dossier, read from their documents (valid or not)."""

    def __init__(self, base: DossierRead | None, head: DossierRead | None) -> None:
        self.reads = [read for read in (base, head) if read is not None]
        self.base, self.head = base, head
        self._records: dict[tuple[int, str], dict[str, tuple[Any, dict[str, Any]]]] = {}
        self._hidden: dict[str, set[str]] = {}

    def _of(self, index: int, kind: str) -> dict[str, tuple[Any, dict[str, Any]]]:
        """One side's records of ``kind`` by id, made once (a review asks for them at every change)."""
        if (index, kind) not in self._records:
            read = self.reads[index]
            data = read.documents[kind].data if kind in read.documents else None
            self._records[index, kind] = records_of(kind, data)
        return self._records[index, kind]

    def record_visible(self, file: str, identifier: str | None, audience: str) -> bool:
        kind = file.removesuffix(".yaml")
        found = []
        for index, read in enumerate(self.reads):
            context = read.context_marking
            if kind == "context":
                found.append(context)
            elif identifier is not None:
                record = self._of(index, kind).get(identifier)
                if record is not None:
                    found.append(markings.record_marking(kind, record[1], context))
        return bool(found) and markings.visible(markings.stricter(*found), audience)

    def hidden_ids(self, audience: str) -> set[str]:
        """The ids of the records the audience may not see on either side: withheld wherever they are named."""
        if audience in self._hidden:
            return self._hidden[audience]
        hidden = self._hidden[audience] = set()
        for index, read in enumerate(self.reads):
            for kind in ("risks", "mitigations", "consultations", "incidents"):
                for identifier, (_, record) in self._of(index, kind).items():
                    if not markings.visible(markings.record_marking(kind, record, read.context_marking), audience):
                        hidden.add(identifier)
        return hidden

    def field_shown(self, kind: str, change: FieldChange, audience: str) -> tuple[Any, Any] | None:
        """The two values of a field change as the audience may see them, or None when nothing of it may be.

        Within a value (a list of sources, say), what the audience may not see is left out; a
        change that lies only there is withheld.
        """
        shown: list[Any] = []
        for read, at, value in ((self.base, change.base_at, change.base), (self.head, change.head_at, change.head)):
            if read is None or at is None or kind not in read.documents:
                shown.append(None)
                continue
            if not markings.visible(
                markings.marking_at(kind, read.documents[kind].data, at, read.context_marking), audience
            ):
                return None
            seen = markings.projected(kind, at, value, audience)
            if seen is markings.WITHHELD:
                return None
            shown.append(seen)
        hidden = self.hidden_ids(audience)
        shown = [without_ids(value, hidden) for value in shown]
        return None if same(shown[0], shown[1]) else (shown[0], shown[1])


def shown_changes(
    changes: list[RecordChange], base: DossierRead | None, head: DossierRead | None, audience: str
) -> list[ShownChange]:
    """The record changes as the audience may see them."""
    sides = Sides(base, head)
    shown = []
    for change in changes:
        if not sides.record_visible(change.file, change.id, audience) or (
            change.id is None and change.file != "context.yaml"
        ):
            shown.append(ShownChange(change.file, None, change.change, withheld=True))
            continue
        fields = []
        for item in change.fields:
            values = sides.field_shown(change.kind, item, audience)
            if values is not None:
                fields.append(ShownField(item.pointer, *values))
            else:
                cut = _named_part(change, item)
                if not fields or fields[-1] != ShownField(cut, withheld=True):
                    fields.append(ShownField(cut, withheld=True))
        shown.append(ShownChange(change.file, change.id, change.change, fields))
    return shown


def shown_flags(raised: list[tuple[str, Raised]], comparison: Comparison, audience: str) -> list[ShownFlag]:
    """The flags as the audience may see them."""
    sides = Sides(comparison.base.read if comparison.base else None, comparison.head.read if comparison.head else None)
    shown = []
    for code, flag in raised:
        entry = REGISTRY[code]
        severity = entry.severity or "warning"
        if not _flag_visible(flag, comparison, sides, audience):
            shown.append(ShownFlag(code, severity, flag.file, None, entry.summary, withheld=True))
            continue
        hidden = [ref for ref in flag.mentions if not sides.record_visible(ref.file, ref.id, audience)]
        message = (flag.plain or entry.summary) if hidden else flag.message
        shown.append(ShownFlag(code, severity, flag.file, flag.id, message))
    return shown


def _flag_visible(flag: Raised, comparison: Comparison, sides: Sides, audience: str) -> bool:
    if flag.scope is not None and flag.scope != ENGAGEMENT:
        return not any(_scope_hidden(side, flag.scope) for side in (comparison.base, comparison.head) if side)
    if flag.file.removesuffix(".yaml") in ("context", "risks", "mitigations", "consultations", "incidents"):
        return sides.record_visible(flag.file, flag.id, audience) if flag.id or flag.file == "context.yaml" else False
    return True  # the settings file: it holds no record


def _scope_hidden(side: Any, scope: str) -> bool:
    """Whether a side's status withholds a unit's floor (it has one, and the status does not show it)."""
    return side.floors is not None and scope in side.floors.own and scope not in side.status.by_scope


def _named_part(change: RecordChange, item: FieldChange) -> str:
    """The withheld field's pointer, cut where the schema stops naming it (a key of one's own is data)."""
    at: Pointer | None = item.base_at if item.base_at is not None else item.head_at
    record_at = change.base_at if item.base_at is not None else change.head_at
    tokens = item.pointer.split("/")[1:] if item.pointer else []
    if at is None or record_at is None:
        return ""
    inside = at[len(record_at) :]
    keep = 0
    for index in range(len(inside)):
        if not markings.described(change.kind, (*record_at, *inside[: index + 1])):
            break
        keep = index + 1
    return "".join(f"/{token}" for token in tokens[:keep])
