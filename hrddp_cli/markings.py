"""Confidentiality: which values may be shown to an audience, read from the schemas' annotations.

The rules (dossier-format.md, "Markings"): a record's effective marking is its own
``confidentiality``; else, for an incident, the higher of the context's and ``confidential``;
else the context's. A value is shown to an audience only when its record's marking is at or
below the audience, and a *sensitive* field (``x-hrddp-sensitive`` in the schemas) only to
``confidential`` and above. Anything the schema does not describe, ``x_`` extensions included,
counts as sensitive, and a marking that is not one of the four counts as the highest: whatever
cannot be judged is withheld.
"""

from __future__ import annotations

from typing import Any

from hrddp_cli.findings import Pointer
from hrddp_cli.schema import deref, schema

MARKINGS = ("public", "internal", "confidential", "strictly_confidential")
_RANK = {name: rank for rank, name in enumerate(MARKINGS)}
HIGHEST = MARKINGS[-1]
DEFAULT_MARKING = "internal"


def rank(marking: str) -> int:
    return _RANK[marking]


def marking_of(value: Any, default: str) -> str:
    """A ``confidentiality`` value as a marking: the default when absent, the highest when invalid."""
    if value is None:
        return default
    return value if isinstance(value, str) and value in _RANK else HIGHEST


def context_marking(context_data: Any) -> str:
    """The marking of a dossier's context (and the default of its records)."""
    if not isinstance(context_data, dict):
        return HIGHEST  # the context could not be read: nothing can be judged
    return marking_of(context_data.get("confidentiality"), DEFAULT_MARKING)


def marking_at(kind: str, data: Any, pointer: Pointer, context: str) -> str:
    """The effective marking of the record (or context) that holds ``pointer`` in a ``kind`` file."""
    if kind == "context":
        return context
    node = schema(kind)
    if not pointer or not isinstance(data, dict):
        return context
    list_key = pointer[0]
    property_schema = node.get("properties", {}).get(list_key, {})
    if not property_schema.get("x-hrddp-records") or len(pointer) < 2:
        return context
    records = data.get(list_key)
    index = pointer[1]
    if not isinstance(records, list) or not isinstance(index, int) or not 0 <= index < len(records):
        return context
    record = records[index]
    item_schema = _deref(kind, property_schema.get("items", {}))
    default = context
    floor = item_schema.get("x-hrddp-default-marking")
    if isinstance(floor, str) and floor in _RANK and rank(floor) > rank(default):
        default = floor
    if not isinstance(record, dict):
        return HIGHEST
    return marking_of(record.get("confidentiality"), default)


def is_sensitive(kind: str, pointer: Pointer) -> bool:
    """Whether the node at ``pointer`` is, or lies inside, a sensitive or undescribed field."""
    node = schema(kind)
    for token in pointer:
        node = _deref(kind, node)
        if node.get("x-hrddp-sensitive"):
            return True
        if "properties" not in node and "items" not in node:
            # A value of the wrong shape (a list where text belongs): still that field's content.
            return False
        if isinstance(token, int):
            items = node.get("items")
            if not isinstance(items, dict):
                return True
            node = items
            continue
        properties = node.get("properties", {})
        if token not in properties:
            return True  # not described by the schema: an x_ extension or a typo
        node = properties[token]
    node = _deref(kind, node)
    return bool(node.get("x-hrddp-sensitive"))


def may_show(kind: str, data: Any, pointer: Pointer, context: str, audience: str = "internal") -> bool:
    """Whether the value at ``pointer`` may be printed for ``audience``."""
    if rank(marking_at(kind, data, pointer, context)) > rank(audience):
        return False
    return not (is_sensitive(kind, pointer) and rank(audience) < rank("confidential"))


def _deref(kind: str, node: Any) -> dict[str, Any]:
    return deref(schema(kind), node)
