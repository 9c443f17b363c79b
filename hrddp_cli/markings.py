"""Confidentiality: which record and which field an audience may see, read from the schemas.

The rules (dossier format, "Markings"): a record's effective marking is its own
``confidentiality``; else, for an incident, the higher of the context's and ``confidential``;
else the context's. An audience sees a record only when its marking is at or below the
audience, and a *sensitive* field (``x-hrddp-sensitive`` in the schemas) only from
``confidential`` up. Anything the schema does not describe, ``x_`` extensions included, counts
as sensitive, and a marking that is not one of the four counts as the highest: whatever cannot be
judged is withheld. These few functions are the only place that decides it; the model's
records carry the marking computed here, and :mod:`hrddp_cli.view` applies it to a dossier.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hrddp_cli.findings import Pointer
from hrddp_cli.schema import deref, schema

MARKINGS = ("public", "internal", "confidential", "strictly_confidential")
_RANK = {name: rank for rank, name in enumerate(MARKINGS)}
HIGHEST = MARKINGS[-1]
DEFAULT_MARKING = "internal"
SENSITIVE_FROM = "confidential"  # the lowest audience that sees sensitive fields


def rank(marking: str) -> int:
    return _RANK[marking]


def visible(marking: str, audience: str) -> bool:
    """Whether a record of effective ``marking`` may be shown to ``audience``."""
    return _RANK[marking] <= _RANK[audience]


def sees_sensitive(audience: str) -> bool:
    """Whether ``audience`` may see sensitive fields (names of sources and participants, case references)."""
    return _RANK[audience] >= _RANK[SENSITIVE_FROM]


def stricter(*found: str) -> str:
    """The strictest of several markings."""
    return max(found, key=rank)


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


def record_marking(kind: str, record: Any, context: str) -> str:
    """The effective marking of one record of a ``kind`` file, given the context's marking."""
    if not isinstance(record, dict):
        return HIGHEST
    default = context
    floor = _default_marking(kind)
    if floor is not None and rank(floor) > rank(default):
        default = floor
    return marking_of(record.get("confidentiality"), default)


def marking_at(kind: str, data: Any, pointer: Pointer, context: str) -> str:
    """The effective marking of the record (or context) that holds ``pointer`` in a ``kind`` file."""
    if kind == "context" or len(pointer) < 2 or not isinstance(data, dict) or not _is_record_list(kind, pointer[0]):
        return context
    records = data.get(pointer[0])
    index = pointer[1]
    if not isinstance(records, list) or not isinstance(index, int) or not 0 <= index < len(records):
        return context
    return record_marking(kind, records[index], context)


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


def described(kind: str, pointer: Pointer) -> bool:
    """Whether the schema of a ``kind`` file names the node at ``pointer`` (an ``x_`` key of one's own it does not)."""
    node = schema(kind)
    for token in pointer:
        node = _deref(kind, node)
        if isinstance(token, int):
            items = node.get("items")
            if not isinstance(items, dict):
                return False
            node = items
        else:
            properties = node.get("properties", {})
            if token not in properties:
                return False
            node = properties[token]
    return True


def free_text(kind: str, pointer: Pointer) -> bool:
    """Whether the node at ``pointer`` is free text a person wrote: a title, a ``text`` field, or a sensitive value.

    These are what a memo's leak scan looks for when they are withheld (a name or a paragraph
    copied into a visible field); vocabularies, dates and ids are not, since they recur by design.
    """
    if is_sensitive(kind, pointer):
        return True
    if not pointer or pointer[-1] == "title":
        return bool(pointer)
    node: Any = schema(kind)
    for token in pointer:
        node = _deref(kind, node)
        node = node.get("items", {}) if isinstance(token, int) else node.get("properties", {}).get(token, {})
    return isinstance(node, dict) and node.get("$ref") == TEXT_REF


TEXT_REF = "#/definitions/text"  # the schemas' free text: paragraphs an analyst writes

WITHHELD: Any = object()  # what :func:`projected` gives for a field the audience may not see


def projected(kind: str, pointer: Pointer, value: Any, audience: str) -> Any:
    """``value`` (at ``pointer`` of a shown record) with every field the audience may not see left out.

    Returns :data:`WITHHELD` when the value itself may not be shown.
    """
    if not sees_sensitive(audience) and is_sensitive(kind, pointer):
        return WITHHELD
    if isinstance(value, dict):
        kept = {key: projected(kind, (*pointer, key), item, audience) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item is not WITHHELD}
    if isinstance(value, list):
        items = [projected(kind, (*pointer, index), item, audience) for index, item in enumerate(value)]
        return [item for item in items if item is not WITHHELD]
    return value


def may_show(kind: str, data: Any, pointer: Pointer, context: str, audience: str) -> bool:
    """Whether the value at ``pointer`` of a ``kind`` file read as ``data`` may be printed for ``audience``."""
    if not visible(marking_at(kind, data, pointer, context), audience):
        return False
    return sees_sensitive(audience) or not is_sensitive(kind, pointer)


def _is_record_list(kind: str, key: Any) -> bool:
    return bool(schema(kind).get("properties", {}).get(key, {}).get("x-hrddp-records"))


@cache
def _default_marking(kind: str) -> str | None:
    """The lowest marking a record of ``kind`` has by default (``confidential`` for incidents)."""
    for key, node in schema(kind).get("properties", {}).items():
        if _is_record_list(kind, key):
            floor = _deref(kind, node.get("items", {})).get("x-hrddp-default-marking")
            return floor if isinstance(floor, str) and floor in _RANK else None
    return None


def _deref(kind: str, node: Any) -> dict[str, Any]:
    return deref(schema(kind), node)
