"""libyaml's event stream → data and marks, under the YAML 1.2 core schema, every hazard refused.

PyYAML resolves YAML 1.1 (``NO`` is false, ``010`` is octal) and ruamel.yaml builds dates and
fails, unlocated, on ``2024-02-30``; so hrddp takes libyaml's *events* (fast, C, each with a
mark) and builds the data itself:

- plain scalars are resolved with the YAML 1.2 core schema; dates stay text;
- anchors, aliases, tags, directives other than ``%YAML 1.2``, merge keys and a second document
  are refused at the first event that shows them, so an alias bomb costs nothing;
- nesting is counted as events arrive, so a deep file is refused at the limit, before any
  recursion;
- the mark of every key and value is kept, so any later finding can be located by pointer.

This is the hot loop of every command: it is one function with the common events first, and
the rare ones in helpers.
"""

from __future__ import annotations

import re
from typing import Any

from hrddp_cli.findings import Pointer, Position, Problem

MAX_NUMBER_DIGITS = 100  # a longer "number" is a mistake, and int() of it is quadratic
EMPTY = "the file is empty; a dossier file holds at least schema_version: 1 and its list"
_KEEP_ONE = "keep one (a later value would silently replace the first)"

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), plain scalars only.
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)\Z"
    r"|(?P<oct>0o[0-7]+)\Z"
    r"|(?P<hex>0x[0-9a-fA-F]+)\Z"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)\Z"
)
_NONFINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")
_ODD_SPACES = frozenset(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

# Control characters (but tab and newline) and the bidirectional embeddings, overrides and
# isolates that can make text read differently from what it says ("Trojan Source").
BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Refused(Exception):
    """Stops the event loop at the first HRD001."""

    def __init__(self, message: str, position: Position, pointer: Pointer = ()) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.pointer = pointer


class MappingMarks:
    """Where a mapping, each of its keys and each of its values start (libyaml marks, 0-based)."""

    __slots__ = ("keys", "start", "values")

    def __init__(self, start: Any) -> None:
        self.start = start
        self.keys: dict[str, Any] = {}
        self.values: dict[str, Any] = {}  # a mark, or the MappingMarks / SequenceMarks of a container


class SequenceMarks:
    """Where a sequence and each of its items start (libyaml marks, 0-based)."""

    __slots__ = ("items", "start")

    def __init__(self, start: Any) -> None:
        self.start = start
        self.items: list[Any] = []


class Notes:
    """What composing found besides the data: problems, values of repeated keys, whole numbers written as decimals."""

    __slots__ = ("decimals", "problems", "repeated")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.repeated: list[tuple[Pointer, Any]] = []  # (pointer of the repeated key, the value dropped)
        self.decimals: list[Pointer] = []  # where a whole number is written as 3.0


class _Open:
    """A mapping or sequence being filled: what is read so far, and where it is."""

    __slots__ = ("container", "key", "key_mark", "marks", "pointer")

    def __init__(self, container: Any, marks: Any, pointer: Pointer) -> None:
        self.container = container
        self.marks = marks
        self.pointer = pointer
        self.key: Any = _NO_KEY  # in a mapping: the key whose value comes next
        self.key_mark: Any = None

    def next_pointer(self) -> Pointer:
        """The pointer of the node about to be read (for locating a refusal)."""
        if self.container.__class__ is list:
            return (*self.pointer, len(self.container))
        if self.key is _NO_KEY or self.key.__class__ is _Repeated:
            return self.pointer
        return (*self.pointer, self.key)


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


class _Repeated:
    """The pending key of a mapping whose key repeats an earlier one: its value is read and dropped."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


def position(mark: Any) -> Position:
    """A libyaml mark as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


def compose(
    text: str, max_depth: int, notes: Notes, *, check_all_text: bool, masks: dict[str, str] | None = None
) -> tuple[dict[str, Any], MappingMarks]:
    """Run libyaml's parser over ``text``; data and marks of its one mapping. Raises :class:`Refused`."""
    from yaml import CSafeLoader as Parser  # libyaml; imported here to keep start-up light
    from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

    parser = Parser(text)
    get_event = parser.get_event
    try:
        root = _open_root(get_event)
        stack = [root]
        while stack:  # until the root mapping ends
            event: Any = get_event()
            kind = event.__class__
            if kind is ScalarEvent:
                value: Any = _scalar(event, stack, check_all_text, masks, notes)
                node_marks: Any = event.start_mark
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    _refuse_anchor_or_tag(event, stack)
                if len(stack) >= max_depth:
                    _refuse_depth(max_depth, event.start_mark, stack)
                if kind is MappingStartEvent:
                    value, node_marks = {}, MappingMarks(event.start_mark)
                else:
                    value, node_marks = [], SequenceMarks(event.start_mark)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                continue
            else:
                _refuse_alias(event, stack)
            parent = stack[-1]
            container = parent.container
            if container.__class__ is dict:
                key = parent.key
                if key is _NO_KEY:  # this node is a key
                    _take_key(parent, kind is ScalarEvent, value, event.start_mark, notes.problems)
                    continue
                parent.key = _NO_KEY
                if key.__class__ is _Repeated:
                    key = key.key  # the value of a repeated key is read and dropped, and noted
                    notes.repeated.append(((*parent.pointer, key), value))
                else:
                    container[key] = value
                    parent.marks.keys[key] = parent.key_mark
                    parent.marks.values[key] = node_marks
                if kind is not ScalarEvent:
                    stack.append(_Open(value, node_marks, (*parent.pointer, key)))
            else:
                if kind is not ScalarEvent:
                    stack.append(_Open(value, node_marks, (*parent.pointer, len(container))))
                container.append(value)
                parent.marks.items.append(node_marks)
        _close(get_event)
    finally:
        parser.dispose()
    return root.container, root.marks


def _scalar(event: Any, stack: list[_Open], check_all_text: bool, masks: dict[str, str] | None, notes: Notes) -> Any:
    """The value of a scalar event: plain scalars resolved (YAML 1.2 core schema), hazards refused."""
    if event.anchor is not None or event.tag is not None:
        _refuse_anchor_or_tag(event, stack)
    value = event.value
    style = event.style
    if not style:
        if value and value[0] in _MAYBE_NOT_TEXT:
            value = _resolve(value, event.start_mark, stack)
        elif not value:
            return None
    elif style == '"' and not check_all_text and BAD_CHAR.search(value):
        # Only escapes in double quotes can make a character the raw text lacks.
        _refuse_character(value, event.start_mark, stack)
    if check_all_text and value.__class__ is str and BAD_CHAR.search(value):
        _refuse_character(value, event.start_mark, stack)
    if masks and value.__class__ is str:
        return _unmask(value, masks)
    if value.__class__ is float and value.is_integer():
        notes.decimals.append(_pointer(stack))
    return value


def _unmask(value: str, masks: dict[str, str]) -> str:
    for stand_in, separator in masks.items():
        value = value.replace(stand_in, separator)
    return value


def _open_root(get_event: Any) -> _Open:
    """Read up to the root mapping's start: the stream, the document and its directives."""
    from yaml.events import AliasEvent, DocumentStartEvent, MappingStartEvent, StreamEndEvent, StreamStartEvent

    event = get_event()
    while event.__class__ is StreamStartEvent or event.__class__ is DocumentStartEvent:
        if event.__class__ is DocumentStartEvent:
            _check_directives(event)
        event = get_event()
    if event.__class__ is StreamEndEvent:
        raise Refused(EMPTY, (1, 1))
    if event.__class__ is AliasEvent:
        _refuse_alias(event, [])
    if event.anchor is not None or getattr(event, "tag", None) is not None:
        _refuse_anchor_or_tag(event, [])
    if event.__class__ is not MappingStartEvent:
        raise Refused(
            "the top level of a dossier file must be a mapping (key: value lines)", position(event.start_mark)
        )
    return _Open({}, MappingMarks(event.start_mark), ())


def _close(get_event: Any) -> None:
    """Read past the root mapping's end to the end of the stream; a second document is refused."""
    from yaml.events import DocumentStartEvent, StreamEndEvent

    while True:
        event = get_event()
        if event.__class__ is StreamEndEvent:
            return
        if event.__class__ is DocumentStartEvent:
            where = position(event.start_mark)
            raise Refused("a dossier file holds one YAML document; remove the second '---' and what follows", where)


def _check_directives(event: Any) -> None:
    where = position(event.start_mark)
    if event.tags:
        raise Refused("%TAG directives are not allowed in a dossier", where)
    if event.version is not None and tuple(event.version) != (1, 2):
        major, minor = event.version
        raise Refused(f"%YAML {major}.{minor} is not supported: dossiers are YAML 1.2; remove the directive", where)


def _take_key(mapping: _Open, is_scalar: bool, key: Any, mark: Any, problems: list[Problem]) -> None:
    """Record ``key`` as the pending key of ``mapping``, refusing what cannot be a key."""
    if not is_scalar:
        raise Refused("a key must be plain text, not a list or a mapping", position(mark), mapping.pointer)
    if key.__class__ is not str:
        shown = "null" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
        if key is None:
            raise Refused("a key is empty (null); every key must be text", position(mark), mapping.pointer)
        raise Refused(f"the key {shown} is not text; quote it ('{shown}')", position(mark), mapping.pointer)
    if key and key[0] > "\x7f" and key[0] in _ODD_SPACES:
        raise Refused(
            f"the key starts with a space that is not an ordinary space (U+{ord(key[0]):04X}), as a word processor "
            "leaves them; replace it with an ordinary space",
            position(mark),
            mapping.pointer,
        )
    if key == "<<":
        raise Refused(
            "merge keys (<<) are not allowed in a dossier: write the keys out", position(mark), mapping.pointer
        )
    if key in mapping.container:
        problems.append(
            Problem(
                "HRD002",
                f"a key is repeated in this mapping; {_KEEP_ONE}",
                (*mapping.pointer, key),
                position(mark),
                f"key {_quote_key(key)} is repeated in this mapping; {_KEEP_ONE}",
                mapping.pointer,  # the key's name is content of the mapping that holds it
            )
        )
        mapping.key = _Repeated(key)
    else:
        mapping.key = key
    mapping.key_mark = mark


def _refuse_anchor_or_tag(event: Any, stack: list[_Open]) -> None:
    where = position(event.start_mark)
    if event.anchor is not None:
        raise Refused(
            f"anchors (&{event.anchor}) are not allowed in a dossier: write the value out", where, _pointer(stack)
        )
    raise Refused(f"explicit tags ({event.tag}) are not allowed in a dossier: remove the tag", where, _pointer(stack))


def _refuse_alias(event: Any, stack: list[_Open]) -> None:
    """Refuse an alias; any other event here is one libyaml cannot give inside a document."""
    from yaml.events import AliasEvent

    where = position(event.start_mark)
    if event.__class__ is AliasEvent:
        raise Refused(
            f"aliases (*{event.anchor}) are not allowed in a dossier: write the value out", where, _pointer(stack)
        )
    raise Refused(f"unexpected YAML event {type(event).__name__}", where, _pointer(stack))


def _refuse_depth(max_depth: int, mark: Any, stack: list[_Open]) -> None:
    raise Refused(
        f"the file nests deeper than {max_depth} levels; flatten it, or raise limits.max_depth in hrddp.yaml",
        position(mark),
        _pointer(stack),
    )


def _refuse_character(value: str, mark: Any, stack: list[_Open]) -> None:
    raise Refused(bad_char_message(value), position(mark), _pointer(stack))


def _pointer(stack: list[_Open]) -> Pointer:
    return stack[-1].next_pointer() if stack else ()


def _resolve(value: str, mark: Any, stack: list[_Open]) -> Any:
    """The value of a plain scalar that could be a number, a boolean or null; non-finite numbers refused."""
    number = _NUMBER.match(value)
    if number is None:
        if value in _NULLS:
            return None
        if value in _TRUES:
            return True
        if value in _FALSES:
            return False
        if _NONFINITE.match(value):
            raise Refused(f"{value} is not a finite number; numbers must be finite", position(mark), _pointer(stack))
        return value  # dates and everything else stay text
    if len(value) > MAX_NUMBER_DIGITS:
        raise Refused(f"the number has more than {MAX_NUMBER_DIGITS} digits", position(mark), _pointer(stack))
    group = number.lastgroup
    if group == "int":
        return int(value)
    if group == "oct":
        return int(value[2:], 8)
    if group == "hex":
        return int(value[2:], 16)
    result = float(value)
    if result in (float("inf"), float("-inf")):
        raise Refused("the number is too large to be finite", position(mark), _pointer(stack))
    return result


def _quote_key(key: str) -> str:
    return "'" + (key if len(key) <= 60 else key[:57] + "...") + "'"


def bad_char_message(value: str) -> str:
    match = BAD_CHAR.search(value)
    assert match is not None
    code = ord(match.group())
    kind = "a bidirectional control character" if code >= 0x202A else "a control character"
    return (
        f"the text holds {kind} (U+{code:04X}), which can hide what the text says; "
        "delete it (tabs and line breaks are fine)"
    )
