"""JSON Schema validation of documents, each violation a located, readable problem (HRD010).

Validation runs on jsonschema-rs (measured 70× faster than the reference implementation here;
the test suite checks that both find the same violations on the same files). Messages are
written here from the kind of violation and the schema, never taken from the validator: its
messages quote the offending value, and a value may be confidential. The value is only given
only in the problem's ``reveal`` message, which the caller uses where the location may be shown.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from hrddp_cli.findings import RECORD, Pointer, Problem, counted
from hrddp_cli.load import Document
from hrddp_cli.resources import data_dir
from hrddp_cli.visible import plain

SCHEMA_KINDS = ("context", "risks", "consultations", "mitigations", "incidents", "config")

# What each pattern of the schemas asks for, in an analyst's words.
_PATTERN_WORDS = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "a date written YYYY, YYYY-MM or YYYY-MM-DD",
    "^U-[0-9]{3,}$": "a unit id like U-001",
    "^R-[0-9]{3,}$": "a risk id like R-001",
    "^M-[0-9]{3,}$": "a mitigation id like M-001",
    "^C-[0-9]{3,}$": "a consultation id like C-001",
    "^I-[0-9]{3,}$": "an incident id like I-001",
    "^S-[0-9]{3,}$": "a suspension criterion id like S-001",
    "^[A-Z]{2}$": "a two-letter country code in capitals, like XQ",
    "^[a-z0-9][a-z0-9-]{1,62}$": "a slug of 2–63 lower-case letters, digits and hyphens",
    "^(engagement|unit:U-[0-9]{3,})$": "'engagement' or 'unit:' followed by a unit id",
}
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "empty",
}


@cache
def schema_text(kind: str) -> str:
    """The JSON text of the schema for ``kind`` as shipped."""
    return (data_dir("schemas") / f"{kind}.schema.json").read_text(encoding="utf-8")


def export(target: Path) -> list[Path]:
    """Write every schema into the folder ``target`` (made if missing), atomically; the paths written."""
    from hrddp_cli.atomic import write_atomic
    from hrddp_cli.errors import UsageError

    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {target}: {error.strerror}") from None
    written = []
    for kind in SCHEMA_KINDS:
        write_atomic(target / f"{kind}.schema.json", schema_text(kind))
        written.append(target / f"{kind}.schema.json")
    return written


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@cache
def _validator(kind: str) -> Any:
    import jsonschema_rs  # imported on first use: start-up stays light

    return jsonschema_rs.Draft7Validator(schema(kind), validate_formats=False)


def validate(document: Document, kind: str) -> list[Problem]:
    """Every violation of ``kind``'s schema in ``document``, located."""
    validator = _validator(kind)
    data = document.data
    problems = _decimals(document, kind)
    try:
        if validator.is_valid(data):  # the common case, and much cheaper than collecting errors
            return problems
        errors = list(validator.iter_errors(data))
    except ValueError:  # the validator's own recursion limit: only a file nested far too deep reaches it
        return [Problem("HRD001", "the file nests too deeply to be checked; flatten it", (), (1, 1))]
    root = schema(kind)
    described = 0
    for error in errors:
        for pointer, message, detail, at_key in _describe(error, root, data, guess=described < _GUESSES):
            described += 1
            position = document.locate(pointer, key=at_key)
            if at_key:  # an unknown key: its name is content of the mapping that holds it
                problems.append(Problem("HRD010", message, pointer, position, detail, pointer[:-1]))
            else:
                revealing = f"{message}, {detail}" if detail else None
                problems.append(Problem("HRD010", message, pointer, position, revealing))
    return problems


_GUESSES = 200  # "did you mean" for the first findings of a file: past the cap, nobody reads them


def _decimals(document: Document, kind: str) -> list[Problem]:
    """Whole numbers written as decimals (3.0) where the schema wants an integer: draft-07 would accept them."""
    root = schema(kind)
    problems = []
    for pointer in document.decimals:
        node = _schema_for(root, pointer)
        if node.get("type") == "integer":
            field = _field_name(pointer, document.data)
            message = f"{field} must be a whole number, written without a decimal point (3, not 3.0)"
            problems.append(Problem("HRD010", message, pointer, document.locate(pointer)))
    return problems


def _schema_for(root: dict[str, Any], pointer: Pointer) -> dict[str, Any]:
    """The schema node that describes the data at ``pointer`` (empty when none does)."""
    node = deref(root, root)
    for token in pointer:
        if isinstance(token, int):
            node = deref(root, node.get("items", {}))
        else:
            node = deref(root, node.get("properties", {}).get(token, {}))
    return node


class _Violation(NamedTuple):
    """One validator error, with what every message needs to describe it."""

    kind: Any  # jsonschema-rs's error kind
    node: dict[str, Any]  # the schema node that failed
    pointer: Pointer
    value: Any
    field: str  # how the message names the node
    root: dict[str, Any]  # the whole schema, to follow references


Described = Iterator[tuple[Pointer, str, str | None, bool]]


def _describe(error: Any, root: dict[str, Any], data: Any, guess: bool = True) -> Described:
    """(pointer, message, detail, locate at the key) for one validator error.

    ``detail`` quotes content: appended to the message where it may be shown, or, for an unknown
    key, the whole message that names it.
    """
    pointer: Pointer = tuple(error.instance_path)
    violation = _Violation(
        error.kind,
        _schema_at(root, list(error.schema_path)[:-1]),
        pointer,
        _value_at(data, pointer),
        _field_name(pointer, data),
        root,
    )
    describe = _DESCRIBERS.get(type(error.kind).__name__)
    if describe is not None:
        yield from describe(violation, guess)
        return
    keyword = error.schema_path[-1] if error.schema_path else ""
    yield (pointer, f"{violation.field} does not match the schema (rule '{keyword}')", None, False)


def _unknown_keys(v: _Violation, guess: bool) -> Described:
    allowed = sorted(v.node.get("properties", {}))
    where = f" in {v.field}" if v.pointer else ""
    own = " (keys of your own must start with x_)" if "^x_" in v.node.get("patternProperties", {}) else ""
    for index, key in enumerate(v.kind.unexpected):
        close = _close(str(key), allowed) if guess and index < _GUESSES else None
        home = _home(v, str(key)) if guess and index < _GUESSES and not close else None
        hint = f"; did you mean '{close}'?" if close else f"; it belongs under {home}: (indent it)" if home else ""
        yield ((*v.pointer, key), f"unknown key{where}{own}", f"unknown key '{_short(key)}'{where}{hint}{own}", True)


def _home(v: _Violation, key: str) -> str | None:
    """The key beside this one whose mapping takes ``key``: where a line indented too little belongs."""
    for name, node in v.node.get("properties", {}).items():
        if key in deref(v.root, node).get("properties", {}):
            return str(name)
    return None


def _close(word: str, choices: list[str]) -> str | None:
    """The choice ``word`` is most likely a typo of, when it is close enough to say so (monitoring is not condition)."""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return found[0] if found else None


def _required(v: _Violation, guess: bool) -> Described:
    yield (v.pointer, f"'{v.kind.property}' is required{' in ' + v.field if v.pointer else ''}", None, False)


def _wrong_type(v: _Violation, guess: bool) -> Described:
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(v.kind.types))
    yield (v.pointer, f"{v.field} must be {wanted}{_keys(v.node)}, not {_type_of(v.value)}", None, False)


def _keys(node: dict[str, Any]) -> str:
    """ " with risk: and reduces:": the keys a mapping needs, so that the message says what to write."""
    if node.get("type") != "object" or not node.get("properties"):
        return ""
    needed = node.get("required") or list(node["properties"])[:3]
    return " with " + " and ".join(f"{key}:" for key in needed) if needed else ""


def _not_in_vocabulary(v: _Violation, guess: bool) -> Described:
    options = [str(o) for o in v.kind.options]
    close = _close(str(v.value), options) if guess else None
    listed = ", ".join(options) if len(options) <= 20 else ", ".join(options[:20]) + ", …"
    detail = f"got '{_short(v.value)}'" + (f" (did you mean '{close}'?)" if close else "")
    yield (v.pointer, f"{v.field} must be one of: {listed}", detail, False)


def _out_of_range(v: _Violation, guess: bool) -> Described:
    low, high = v.node.get("minimum"), v.node.get("maximum")
    if low is not None and high is not None:
        message = f"{v.field} must be between {low} and {high}"
    elif low is not None:
        message = f"{v.field} must be at least {low}"
    else:
        message = f"{v.field} must be at most {high}"
    yield (v.pointer, message, f"got {_short(v.value)}", False)


def _pattern(v: _Violation, guess: bool) -> Described:
    pattern = getattr(v.kind, "pattern", v.node.get("pattern", ""))
    words = _PATTERN_WORDS.get(pattern, f"text matching {pattern}")
    yield (v.pointer, f"{v.field} must be {words}", f"got '{_short(v.value)}'", False)


def _too_few(v: _Violation, guess: bool) -> Described:
    yield (v.pointer, f"{v.field} needs at least {counted(v.kind.limit, 'item')}", None, False)


def _constant(v: _Violation, guess: bool) -> Described:
    expected = json.dumps(getattr(v.kind, "expected_value", v.node.get("const")))
    yield (v.pointer, f"{v.field} must be {expected}", f"got {_short(v.value)}", False)


def _none_of(v: _Violation, guess: bool) -> Described:
    yield (v.pointer, f"{v.field} must be {_any_of_words(v.node)}", None, False)


_DESCRIBERS: dict[str, Callable[[_Violation, bool], Described]] = {
    "AdditionalProperties": _unknown_keys,
    "Required": _required,
    "Type": _wrong_type,
    "Enum": _not_in_vocabulary,
    "Minimum": _out_of_range,
    "Maximum": _out_of_range,
    "ExclusiveMinimum": _out_of_range,
    "ExclusiveMaximum": _out_of_range,
    "Pattern": _pattern,
    "MinItems": _too_few,
    "Constant": _constant,
    "AnyOf": _none_of,
    "OneOfNotValid": _none_of,
    "OneOfMultipleValid": _none_of,
}


def _any_of_words(node: dict[str, Any]) -> str:
    choices = node.get("anyOf") or node.get("oneOf") or []
    words = []
    for choice in choices:
        if "pattern" in choice:
            words.append(_PATTERN_WORDS.get(choice["pattern"], "text of a certain form"))
        elif "type" in choice:
            words.append(_TYPE_WORDS.get(choice["type"], choice["type"]))
    return " or ".join(words) if words else "one of the allowed forms"


def _schema_at(root: dict[str, Any], path: list[Any]) -> dict[str, Any]:
    node: Any = root
    for token in path:
        if isinstance(node, dict) and "$ref" in node and token not in node:
            node = deref(root, node)
        if isinstance(node, dict):
            node = node.get(token, {})
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        else:
            return {}
    return deref(root, node)


def deref(root: dict[str, Any], node: Any) -> dict[str, Any]:
    """``node`` with its local ``$ref`` followed; keywords beside the ``$ref`` (title,
    description, x-hrddp-…) annotate the same field and are kept."""
    for _ in range(16):  # the schemas nest references one deep; the bound only guards a cycle
        if not (isinstance(node, dict) and "$ref" in node):
            break
        target: Any = root
        for token in str(node["$ref"]).lstrip("#/").split("/"):
            target = target.get(token, {}) if isinstance(target, dict) else {}
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node if isinstance(node, dict) else {}


def _value_at(data: Any, pointer: Pointer) -> Any:
    for token in pointer:
        try:
            data = data[token]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _field_name(pointer: Pointer, data: Any) -> str:
    """How a message names the node at ``pointer``: its key, the record (``RECORD``), or "item N of key".

    A record is named by the caller, which knows whether the audience may see its id.
    """
    if not pointer:
        return "the file"
    last = pointer[-1]
    if isinstance(last, int):
        parent = next((t for t in reversed(pointer) if isinstance(t, str)), "the list")
        record = _value_at(data, pointer)
        if isinstance(record, dict) and isinstance(record.get("id"), str) and len(pointer) <= 3:
            return RECORD
        return f"item {last + 1} of {parent}"
    holder = _value_at(data, pointer[:2])
    if len(pointer) >= 3 and isinstance(pointer[1], int) and isinstance(holder, dict) and "id" in holder:
        return f"{last} of {RECORD}"  # a field of a record: say which record
    return str(last)


def _type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _short(value: Any) -> str:
    """A value as a message quotes it: empty, true and false as YAML writes them, invisible characters shown."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = plain(str(value))
    return text if len(text) <= 40 else text[:37] + "..."


def _as_list(types: Any) -> list[str]:
    if isinstance(types, str):
        return [types]
    return [str(t) for t in types]


def located_errors(document: Document, kind: str, shows: Callable[[Pointer], bool]) -> list[str]:
    """Schema violations as "line:column: message" lines, for configuration errors."""
    lines = []
    for problem in sorted(validate(document, kind), key=lambda p: p.position or (1, 1)):
        line, column = problem.position or (1, 1)
        at = problem.reveal_at if problem.reveal_at is not None else problem.pointer
        text = problem.reveal if problem.reveal and shows(at) else problem.message
        lines.append(f"{line}:{column}: {text.replace(RECORD, 'an entry')}")
    return lines
