"""What changed between two states of a dossier, record by record and field by field.

Records are matched by id within their file (the context is one record, with no id); within a
record, fields are compared by key, and a list whose items all have distinct ids is compared
item by item, the id standing in for the index in the pointer (``/recipient/units/U-003/name``);
any other list that changed is one change. A value is equal only to a value of the same type
(``1``, ``1.0`` and ``true`` differ, as they do in YAML). Every change keeps where it lies on each
side (the pointer from the file's root, with indexes), which is what deciding what an audience
may see reads.

This module compares data; it knows nothing of audiences, scores or flags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from hrddp_cli.findings import Pointer
from hrddp_cli.source import KINDS

Change = Literal["added", "removed", "modified"]
ABSENT: Any = None  # how a side without the value shows it


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One value that differs: ``pointer`` from the record (ids for indexes), and where it lies on each side."""

    pointer: str
    base: Any
    head: Any
    base_at: Pointer | None  # from the file's root; None when the base has no such value
    head_at: Pointer | None


@dataclass(frozen=True, slots=True)
class RecordChange:
    """A record added, removed or modified, with its field changes (none for added and removed)."""

    file: str  # risks.yaml
    id: str | None  # None for the context
    change: Change
    base: dict[str, Any] | None  # the record on each side (None where it is absent)
    head: dict[str, Any] | None
    base_at: Pointer | None  # the record's pointer from the file's root
    head_at: Pointer | None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.file.removesuffix(".yaml")

    def field(self, pointer: str) -> FieldChange | None:
        return next((f for f in self.fields if f.pointer == pointer), None)

    def touches(self, *keys: str) -> bool:
        """Whether any field below one of the record's top-level ``keys`` changed."""
        return any(f.pointer.split("/")[1] in keys for f in self.fields if f.pointer)


def diff_dossier(base: dict[str, Any], head: dict[str, Any]) -> list[RecordChange]:
    """Every record change between two dossiers' documents (``{kind: data}``, missing files left out)."""
    changes: list[RecordChange] = []
    for kind in KINDS:
        if kind not in base or kind not in head:
            continue  # a file that cannot be read on one side is said elsewhere, not listed as removed
        before, after = base[kind], head[kind]
        if kind == "context":
            changes.extend(_context(before, after))
        else:
            changes.extend(_records(kind, before, after))
    return changes


def diff_values(before: Any, after: Any) -> list[FieldChange]:
    """The changes between two documents compared as one record (hrddp.yaml), pointers from the root."""
    return list(_fields(before, after, "", (), ()))


def records_of(kind: str, data: Any) -> dict[str, tuple[Pointer, dict[str, Any]]]:
    """The records of one file by id (or by ``#index`` where an id is missing or repeated)."""
    items = data.get(kind) if isinstance(data, dict) else None
    found: dict[str, tuple[Pointer, dict[str, Any]]] = {}
    for index, record in enumerate(items if isinstance(items, list) else []):
        if not isinstance(record, dict):
            continue
        identifier = record.get("id")
        key = identifier if isinstance(identifier, str) and identifier and identifier not in found else f"#{index}"
        found[key] = ((kind, index), record)
    return found


def _context(before: Any, after: Any) -> list[RecordChange]:
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    fields = list(_fields(before, after, "", (), ()))
    if not fields:
        return []
    return [RecordChange("context.yaml", None, "modified", before, after, (), (), fields)]


def _records(kind: str, before: Any, after: Any) -> list[RecordChange]:
    old, new = records_of(kind, before), records_of(kind, after)
    file = f"{kind}.yaml"
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:
        identifier = None if key.startswith("#") else key
        if key not in new:
            at, record = old[key]
            changes.append(RecordChange(file, identifier, "removed", record, None, at, None))
        elif key not in old:
            at, record = new[key]
            changes.append(RecordChange(file, identifier, "added", None, record, None, at))
        else:
            (was_at, was), (now_at, now) = old[key], new[key]
            fields = list(_fields(was, now, "", was_at, now_at))
            if fields:
                changes.append(RecordChange(file, identifier, "modified", was, now, was_at, now_at, fields))
    return changes


_MISSING = object()


def _fields(before: Any, after: Any, pointer: str, base_at: Pointer | None, head_at: Pointer | None) -> Any:
    """The changes between two values, depth first, in the order of the keys (the base's, then new ones)."""
    if same(before, after):
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            yield from _fields(
                before.get(key, _MISSING),
                after.get(key, _MISSING),
                f"{pointer}/{escape_token(str(key))}",
                (*base_at, key) if base_at is not None and key in before else None,
                (*head_at, key) if head_at is not None and key in after else None,
            )
        return
    keyed_before, keyed_after = _by_id(before), _by_id(after)
    if keyed_before is not None and keyed_after is not None:
        for key in [*keyed_before, *(k for k in keyed_after if k not in keyed_before)]:
            was = keyed_before.get(key)
            now = keyed_after.get(key)
            yield from _fields(
                _MISSING if was is None else was[1],
                _MISSING if now is None else now[1],
                f"{pointer}/{escape_token(key)}",
                (*base_at, was[0]) if base_at is not None and was is not None else None,
                (*head_at, now[0]) if head_at is not None and now is not None else None,
            )
        return
    yield FieldChange(
        pointer,
        ABSENT if before is _MISSING else before,
        ABSENT if after is _MISSING else after,
        None if before is _MISSING else base_at,
        None if after is _MISSING else head_at,
    )


def _by_id(value: Any) -> dict[str, tuple[int, Any]] | None:
    """A list whose items are all mappings with distinct string ids, by id; None for any other value."""
    if not isinstance(value, list) or not value:
        return None if not isinstance(value, list) else {}
    found: dict[str, tuple[int, Any]] = {}
    for index, item in enumerate(value):
        identifier = item.get("id") if isinstance(item, dict) else None
        if not isinstance(identifier, str) or identifier in found:
            return None
        found[identifier] = (index, item)
    return found


def same(a: Any, b: Any) -> bool:
    """Equal and of the same type, all the way down (``1`` is not ``1.0``, nor ``true``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def escape_token(token: str) -> str:
    """A JSON Pointer reference token (RFC 6901): ``~`` as ``~0``, ``/`` as ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")
