"""The one place where bytes become data: YAML → :class:`Document`, every hazard bounded.

A dossier file is plain YAML 1.2 (dossier-format.md, "What YAML a dossier may use"). No parser
reads it that way out of the box: PyYAML resolves YAML 1.1 (``NO`` is false, ``010`` is octal)
and ruamel.yaml builds date objects and fails, unlocated, on ``2024-02-30``. So the loader takes
libyaml's *event stream* (fast, C, with a mark on every event) and builds the data itself:

- scalars are resolved with the YAML 1.2 core schema; dates stay strings;
- anchors, aliases, tags, directives other than ``%YAML 1.2``, merge keys and a second document
  are refused at the first event that shows them, so an alias bomb costs nothing;
- nesting is counted as events arrive, so a deep file is refused at depth 65, before libyaml's
  own limit or any recursion;
- every key and value gets its position, so any later finding can be located by JSON Pointer.

Anything refused becomes a :class:`~hrddp_cli.findings.Problem` with code ``HRD001`` (or
``HRD002`` for a repeated key); the loader never raises on any input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from hrddp_cli.findings import Pointer, Position, Problem

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
MAX_NUMBER_DIGITS = 100  # a longer "number" is a mistake, and int() of it is quadratic

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
EMPTY = "the file is empty; a dossier file holds at least schema_version: 1 and its list"
_KEEP_ONE = "keep one (a later value would silently replace the first)"
# What libyaml counts as a line break, so that every position agrees with its marks.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

# Control characters (but tab and newline) and the bidirectional embeddings, overrides and
# isolates that can make text read differently from what it says ("Trojan Source").
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same, over raw text, where a carriage return is only part of a CRLF line break.
_BAD_CHAR_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Refused(Exception):
    """Internal: stops the event loop at the first HRD001."""

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


Marks = MappingMarks | SequenceMarks


class Document:
    """A file read as data, with the position of every node."""

    __slots__ = ("_lines", "_starts", "data", "marks", "path", "text")

    def __init__(self, path: Path, text: str, data: dict[str, Any], marks: MappingMarks) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.marks = marks
        self._lines: list[str] | None = None
        self._starts: list[tuple[int, Pointer]] | None = None

    def locate(self, pointer: Pointer, *, key: bool = False) -> Position:
        """The position of the node at ``pointer``, or of its nearest existing ancestor.

        With ``key``, the position of the key that names the node (for "unexpected key").
        """
        node: Any = self.marks
        for index, token in enumerate(pointer):
            if isinstance(node, MappingMarks) and isinstance(token, str) and token in node.values:
                if key and index == len(pointer) - 1:
                    return _position(node.keys[token])
                node = node.values[token]
            elif isinstance(node, SequenceMarks) and isinstance(token, int) and 0 <= token < len(node.items):
                node = node.items[token]
            else:
                break
        return _position(node.start if isinstance(node, MappingMarks | SequenceMarks) else node)

    def pointers_on_line(self, number: int) -> list[Pointer]:
        """The pointers of every key and scalar that may reach onto line ``number`` (1-based).

        A scalar is taken to reach from its own line to the line where the next node starts:
        an over-estimate for most (never an under-estimate), which is what a decision to quote a
        line needs. Keys count as the node they name; the file's own content starts on line 1.
        """
        if self._starts is None:
            starts: list[tuple[int, Pointer]] = []
            _collect_starts(self.marks, (), starts)
            self._starts = starts
        reaching = []
        starts = self._starts
        for index, (line, pointer) in enumerate(starts):
            if line > number:
                break
            reach = starts[index + 1][0] if index + 1 < len(starts) else line + self.text.count("\n") + 1
            if reach >= number:
                reaching.append(pointer)
        return reaching

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break ("" past the end)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""


class LoadResult(NamedTuple):
    """A document (None when the file cannot be read at all) and what was found reading it."""

    document: Document | None
    problems: list[Problem]


def load_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> LoadResult:
    """Read ``path`` as a dossier file. Never raises for anything the file contains."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return _refused(f"cannot read the file: {reason}", (1, 1))
    if len(raw) > max_bytes:
        return _refused(
            f"the file is larger than the limit of {max_bytes:,} bytes; split it, or raise "
            "limits.max_file_bytes in hrddp.yaml",
            (1, 1),
        )
    return load_bytes(raw, path=path, max_depth=max_depth)


def load_bytes(raw: bytes, *, path: Path = Path("<bytes>"), max_depth: int = DEFAULT_MAX_DEPTH) -> LoadResult:
    """Read bytes as a dossier file (the size limit is the caller's). Never raises."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _end_of(raw[: error.start].decode("utf-8-sig"))
        byte = raw[error.start]
        return _refused(
            f"the file is not UTF-8 (byte 0x{byte:02x} cannot be decoded); save it as UTF-8",
            (line, column),
        )
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is tolerated; columns count after it
    return load_text(text, path=path, max_depth=max_depth)


def load_text(text: str, *, path: Path = Path("<text>"), max_depth: int = DEFAULT_MAX_DEPTH) -> LoadResult:
    """Read decoded text as a dossier file. Never raises."""
    problems: list[Problem] = []
    try:
        data, marks = _build(text, max_depth, problems, check_all_text=_BAD_CHAR_RAW.search(text) is not None)
    except _Refused as refusal:
        problems.append(Problem("HRD001", refusal.message, refusal.pointer, refusal.position))
        return LoadResult(None, problems)
    except Exception as error:
        message, position = _describe_yaml_error(error, text)
        problems.append(Problem("HRD001", message, (), _within(position, text)))
        return LoadResult(None, problems)
    return LoadResult(Document(path, text, data, marks), problems)


def _collect_starts(marks: Any, pointer: Pointer, out: list[tuple[int, Pointer]]) -> None:
    """(line, pointer) of every key and scalar below ``marks``, in document order."""
    if isinstance(marks, MappingMarks):
        for key, value in marks.values.items():
            child = (*pointer, key)
            out.append((marks.keys[key].line + 1, child))
            _collect_starts(value, child, out)
    elif isinstance(marks, SequenceMarks):
        for index, value in enumerate(marks.items):
            _collect_starts(value, (*pointer, index), out)
    else:
        out.append((marks.line + 1, pointer))


def _position(mark: Any) -> Position:
    """A libyaml mark as a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


def _end_of(text: str) -> Position:
    """The position just after the last character of ``text``."""
    breaks = list(_LINE_BREAK.finditer(text))
    start_of_last_line = breaks[-1].end() if breaks else 0
    return (len(breaks) + 1, len(text) - start_of_last_line + 1)


def _within(position: Position, text: str) -> Position:
    """``position`` moved back into the text: libyaml places an unexpected end past the last line."""
    end = _end_of(text)
    return position if position[0] <= end[0] else end


def _refused(message: str, position: Position) -> LoadResult:
    return LoadResult(None, [Problem("HRD001", message, (), position)])


def _resolve(value: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema; non-finite numbers refused.

    Called only for text whose first character could start a number, a boolean or null. A
    refusal carries no position: the caller, which knows it, adds it.
    """
    number = _NUMBER.match(value)
    if number is None:
        if value in _NULLS:
            return None
        if value in _TRUES:
            return True
        if value in _FALSES:
            return False
        if _NONFINITE.match(value):
            raise _Refused(f"{value} is not a finite number; numbers must be finite", (0, 0))
        return value  # dates and everything else stay text
    if len(value) > MAX_NUMBER_DIGITS:
        raise _Refused(f"the number has more than {MAX_NUMBER_DIGITS} digits", (0, 0))
    if number.lastgroup == "int":
        return int(value)
    if number.lastgroup == "oct":
        return int(value[2:], 8)
    if number.lastgroup == "hex":
        return int(value[2:], 16)
    result = float(value)
    if result in (float("inf"), float("-inf")):
        raise _Refused("the number is too large to be finite", (0, 0))
    return result


def _build(
    text: str, max_depth: int, problems: list[Problem], *, check_all_text: bool
) -> tuple[dict[str, Any], MappingMarks]:
    """Run libyaml's parser over ``text`` and build data and marks from its events."""
    from yaml import CSafeLoader as Parser  # libyaml; imported here to keep start-up light
    from yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    parser = Parser(text)
    get_event = parser.get_event
    # Each frame: [container, marks, pending key (or _NO_KEY), the key's position, pointer].
    stack: list[list[Any]] = []
    root: dict[str, Any] | None = None
    root_marks: MappingMarks | None = None
    documents = 0
    no_key = _NO_KEY
    try:
        while True:
            event: Any = get_event()
            kind = event.__class__
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                # Marks are kept as libyaml gives them (0-based); Document.locate converts them.
                mark = event.start_mark
                if event.anchor is not None:
                    raise _Refused(
                        f"anchors (&{event.anchor}) are not allowed in a dossier: write the value out",
                        _position(mark),
                        _pointer_here(stack),
                    )
                if event.tag is not None:
                    raise _Refused(
                        f"explicit tags ({event.tag}) are not allowed in a dossier: remove the tag",
                        _position(mark),
                        _pointer_here(stack),
                    )
                if kind is ScalarEvent:
                    value: Any = event.value
                    style = event.style
                    if not style:
                        if value and value[0] in _MAYBE_NOT_TEXT:
                            try:
                                value = _resolve(value)
                            except _Refused as refusal:
                                raise _Refused(refusal.message, _position(mark), _pointer_here(stack)) from None
                        elif not value:
                            value = None
                    elif style == '"' and not check_all_text and _BAD_CHAR.search(value):
                        # Only escapes in double quotes can make a character the raw text lacks.
                        raise _Refused(_bad_char_message(value), _position(mark), _pointer_here(stack))
                    if check_all_text and value.__class__ is str and _BAD_CHAR.search(value):
                        raise _Refused(_bad_char_message(value), _position(mark), _pointer_here(stack))
                    node_marks: Any = mark
                else:
                    if len(stack) >= max_depth:
                        raise _Refused(
                            f"the file nests deeper than {max_depth} levels; flatten it, or raise "
                            "limits.max_depth in hrddp.yaml",
                            _position(mark),
                            _pointer_here(stack),
                        )
                    if kind is MappingStartEvent:
                        value = {}
                        node_marks = MappingMarks(mark)
                    else:
                        value = []
                        node_marks = SequenceMarks(mark)
                if not stack:
                    if kind is not MappingStartEvent:
                        raise _Refused(
                            "the top level of a dossier file must be a mapping (key: value lines)",
                            _position(mark),
                        )
                    root, root_marks = value, node_marks
                    stack.append([value, node_marks, no_key, None, ()])
                    continue
                frame = stack[-1]
                container = frame[0]
                if container.__class__ is dict:
                    key = frame[2]
                    if key is no_key:  # this scalar is a key
                        if value.__class__ is not str or value == "<<":
                            _check_key(kind, value, _position(mark), frame[4])
                        if value in container:
                            problems.append(
                                Problem(
                                    "HRD002",
                                    f"a key is repeated in this mapping; {_KEEP_ONE}",
                                    (*frame[4], value),
                                    _position(mark),
                                    f"key {_quote_key(value)} is repeated in this mapping; {_KEEP_ONE}",
                                    frame[4],  # the key's name is content of the mapping that holds it
                                )
                            )
                            frame[2] = _Duplicate(value)
                        else:
                            frame[2] = value
                        frame[3] = mark
                        continue
                    frame[2] = no_key
                    if key.__class__ is _Duplicate:
                        token: Any = key.key  # the repeated key's value is read and dropped
                    else:
                        container[key] = value
                        frame[1].keys[key] = frame[3]
                        frame[1].values[key] = node_marks
                        token = key
                else:
                    token = len(container)
                    container.append(value)
                    frame[1].items.append(node_marks)
                if kind is not ScalarEvent:
                    stack.append([value, node_marks, no_key, None, (*frame[4], token)])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
            elif kind is AliasEvent:
                mark = event.start_mark
                raise _Refused(
                    f"aliases (*{event.anchor}) are not allowed in a dossier: write the value out",
                    (mark.line + 1, mark.column + 1),
                    _pointer_here(stack),
                )
            elif kind is DocumentStartEvent:
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                documents += 1
                if documents > 1:
                    raise _Refused(
                        "a dossier file holds one YAML document; remove the second '---' and what follows",
                        position,
                    )
                if event.tags:
                    raise _Refused("%TAG directives are not allowed in a dossier", position)
                if event.version is not None and tuple(event.version) != (1, 2):
                    major, minor = event.version
                    raise _Refused(
                        f"%YAML {major}.{minor} is not supported: dossiers are YAML 1.2; remove the directive",
                        position,
                    )
            elif kind is DocumentEndEvent:
                pass
            elif kind is StreamEndEvent:
                break
    finally:
        parser.dispose()
    if root is None or root_marks is None:
        raise _Refused(EMPTY, (1, 1))
    return root, root_marks


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


class _Duplicate:
    """The pending key of a frame whose key repeated an earlier one: its value is dropped."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


def _check_key(kind: type, value: Any, position: Position, pointer: Pointer) -> None:
    from yaml.events import ScalarEvent

    if kind is not ScalarEvent:
        raise _Refused("a key must be plain text, not a list or a mapping", position, pointer)
    if not isinstance(value, str):
        shown = "null" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        if value is None:
            raise _Refused("a key is empty (null); every key must be text", position, pointer)
        raise _Refused(f"the key {shown} is not text; quote it ('{shown}')", position, pointer)
    if value == "<<":
        raise _Refused("merge keys (<<) are not allowed in a dossier: write the keys out", position, pointer)


def _pointer_here(stack: list[list[Any]]) -> Pointer:
    """The pointer of the node about to be read (best effort, for locating a refusal)."""
    if not stack:
        return ()
    frame = stack[-1]
    if frame[0].__class__ is list:
        return (*frame[4], len(frame[0]))
    key = frame[2]
    pointer: Pointer = frame[4]
    if key is _NO_KEY or key.__class__ is _Duplicate:
        return pointer
    return (*pointer, key)


def _quote_key(key: str) -> str:
    return "'" + (key if len(key) <= 60 else key[:57] + "...") + "'"


def _bad_char_message(value: str) -> str:
    match = _BAD_CHAR.search(value)
    assert match is not None
    code = ord(match.group())
    kind = "a bidirectional control character" if code >= 0x202A else "a control character"
    return (
        f"the text holds {kind} (U+{code:04X}), which can hide what the text says; "
        "delete it (tabs and line breaks are fine)"
    )


def _describe_yaml_error(error: Exception, text: str) -> tuple[str, Position]:
    """A message and position for an error raised by libyaml."""
    problem = getattr(error, "problem", None)
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        position = (mark.line + 1, mark.column + 1)
    elif getattr(error, "position", None) is not None:
        # A reader error (a character YAML does not allow) gives an index into the text.
        index = min(int(error.position), len(text))  # type: ignore[attr-defined]
        position = _end_of(text[:index])
        character = getattr(error, "character", None)
        code = character if isinstance(character, int) else ord(character) if character else 0
        return (
            f"the file holds a character YAML does not allow (U+{code:04X}); delete it",
            position,
        )
    else:
        position = (1, 1)
    if not problem:
        return ("the file is not valid YAML", position)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    message = f"YAML syntax error: {problem}"
    if (
        context
        and context_mark is not None
        and (context_mark.line, context_mark.column)
        != (
            position[0] - 1,
            position[1] - 1,
        )
    ):
        message += f" ({context} at line {context_mark.line + 1})"
    hint = _syntax_hint(problem, text, position)
    if hint:
        message += f"; {hint}"
    return (message, position)


def _syntax_hint(problem: str, text: str, position: Position) -> str | None:
    """What usually causes libyaml's ``problem``, in the words of someone editing YAML by hand."""
    lines = text.splitlines()
    line = lines[position[0] - 1] if 0 < position[0] <= len(lines) else ""
    character = line[position[1] - 1 : position[1]]
    if character == "\t" or (problem.startswith("found character") and "\t" in line[: position[1]]):
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value holding ': ' needs quotes, or the indentation is off"
    if "cannot start any token" in problem and character in "%@`":
        return f"a value starting with {character} needs quotes"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the ones above"
    if "found undefined alias" in problem:
        return "aliases (*name) are not allowed in a dossier"
    return None
