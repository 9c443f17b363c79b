"""The one place where bytes become data: YAML → :class:`Document`, every hazard bounded.

A dossier file is plain YAML 1.2 (the dossier format, "What YAML a dossier may use"), read by
:mod:`hrddp_cli.compose` from libyaml's events. Here: the size limit, the encoding, and turning
whatever libyaml raises into a located finding. Anything refused becomes a
:class:`~hrddp_cli.findings.Problem` with code ``HRD001`` (or ``HRD002`` for a repeated key);
the loader never raises on any input.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, NamedTuple

from hrddp_cli.compose import EMPTY, MappingMarks, Notes, Refused, SequenceMarks, compose, position
from hrddp_cli.findings import Pointer, Position, Problem

__all__ = ["DEFAULT_MAX_DEPTH", "DEFAULT_MAX_FILE_BYTES", "EMPTY", "Document", "LoadResult", "load_bytes", "load_text"]

DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
# Lines are counted at line feeds only, as git and editors count them (a CRLF is one break).
# libyaml also breaks lines at NEL, at a lone carriage return and at U+2028/U+2029: the first two
# are refused before parsing; the separators are masked for libyaml and restored in the values,
# so that every position libyaml gives agrees with the lines people see.
_ODD_BREAK = re.compile("\x85|\r(?!\n)")
_SEPARATORS = ("\u2028", "\u2029")
# Control characters over raw text, where a carriage return is only part of a CRLF line break.
_BAD_CHAR_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Document:
    """A file read as data, with the position of every node."""

    __slots__ = ("_lines", "_start_lines", "_starts", "data", "decimals", "marks", "repeated", "text")

    def __init__(
        self,
        text: str,
        data: dict[str, Any],
        marks: MappingMarks,
        repeated: list[tuple[Pointer, Any]] | None = None,
        decimals: list[Pointer] | None = None,
    ) -> None:
        self.text = text
        self.data = data
        self.marks = marks
        self.repeated = repeated or []  # values of repeated keys, read and dropped
        self.decimals = decimals or []  # whole numbers written as decimals (3.0)
        self._lines: list[str] | None = None
        self._starts: list[tuple[int, Pointer]] | None = None
        self._start_lines: list[int] = []

    def locate(self, pointer: Pointer, *, key: bool = False) -> Position:
        """The position of the node at ``pointer``, or of its nearest existing ancestor.

        With ``key``, the position of the key that names the node (for "unexpected key").
        """
        node: Any = self.marks
        for index, token in enumerate(pointer):
            if isinstance(node, MappingMarks) and isinstance(token, str) and token in node.values:
                if key and index == len(pointer) - 1:
                    return position(node.keys[token])
                node = node.values[token]
            elif isinstance(node, SequenceMarks) and isinstance(token, int) and 0 <= token < len(node.items):
                node = node.items[token]
            else:
                break
        return position(node.start if isinstance(node, MappingMarks | SequenceMarks) else node)

    def pointers_on_line(self, number: int) -> list[Pointer]:
        """The pointers of every key and scalar that may reach onto line ``number`` (1-based).

        A scalar is taken to reach from its own line to the line where the next node starts:
        an over-estimate for most (never an under-estimate), which is what a decision to quote a
        line needs. Keys count as the node they name. Found by bisection, so that locating every
        finding of a file stays linear in its findings however many nodes it has.
        """
        if self._starts is None:
            starts: list[tuple[int, Pointer]] = []
            _collect_starts(self.marks, (), starts)
            starts.sort(key=lambda start: start[0])
            self._starts = starts
            self._start_lines = [line for line, _ in starts]
        lines = self._start_lines
        first_on = bisect.bisect_left(lines, number)
        past = bisect.bisect_right(lines, number)
        reaching = [pointer for _, pointer in self._starts[first_on:past]]
        if first_on > 0:  # the last node that starts above reaches down to the next one, or to the end
            reaching.insert(0, self._starts[first_on - 1][1])
        return reaching

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break ("" past the end)."""
        if self._lines is None:
            self._lines = [line.removesuffix("\r") for line in self.text.split("\n")]
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""


class LoadResult(NamedTuple):
    """A document (None when the file cannot be read at all) and what was found reading it."""

    document: Document | None
    problems: list[Problem]


def load_bytes(
    raw: bytes, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES, max_depth: int = DEFAULT_MAX_DEPTH
) -> LoadResult:
    """Read bytes as a dossier file; more than ``max_bytes`` is refused unparsed. Never raises."""
    if len(raw) > max_bytes:
        return too_large(max_bytes)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(raw) > 1 and raw.count(0) * 4 > len(raw)):
        return refused("the file is UTF-16 (as some editors save it); save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _end_of(raw[: error.start].decode("utf-8-sig"))
        byte = raw[error.start]
        return refused(f"the file is not UTF-8 (byte 0x{byte:02x} cannot be decoded); save it as UTF-8", (line, column))
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM is tolerated; columns count after it
    return load_text(text, max_depth=max_depth)


def load_text(text: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> LoadResult:
    """Read decoded text as a dossier file. Never raises."""
    notes = Notes()
    problems = notes.problems
    odd = _ODD_BREAK.search(text)
    if odd is not None:
        what = "a NEL (U+0085)" if odd.group() == "\x85" else "a carriage return without a line feed"
        return refused(
            f"the file holds {what}, which breaks lines unlike git and editors; delete it", _end_of(text[: odd.start()])
        )
    parsed, masks = _masked(text)
    try:
        data, marks = compose(
            parsed, max_depth, notes, check_all_text=_BAD_CHAR_RAW.search(text) is not None, masks=masks
        )
    except Refused as refusal:
        problems.append(Problem("HRD001", refusal.message, refusal.pointer, refusal.position))
        return LoadResult(None, problems)
    except Exception as error:
        message, where = _describe_yaml_error(error, text)
        problems.append(Problem("HRD001", message, (), _within(where, text)))
        return LoadResult(None, problems)
    return LoadResult(Document(text, data, marks, notes.repeated, notes.decimals), problems)


def too_large(max_bytes: int) -> LoadResult:
    """A file over the size limit, refused unread."""
    return refused(
        f"the file is larger than the limit of {max_bytes:,} bytes; split it, or raise "
        "limits.max_file_bytes in hrddp.yaml"
    )


def refused(message: str, where: Position = (1, 1)) -> LoadResult:
    """A file that cannot be read at all, and why."""
    return LoadResult(None, [Problem("HRD001", message, (), where)])


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


def _end_of(text: str) -> Position:
    """The position just after the last character of ``text``, in lines counted at line feeds."""
    start_of_last_line = text.rfind("\n") + 1
    return (text.count("\n") + 1, len(text) - start_of_last_line + 1)


def _masked(text: str) -> tuple[str, dict[str, str] | None]:
    """``text`` with U+2028 and U+2029 replaced by characters libyaml does not break at, and how to undo it."""
    if not any(separator in text for separator in _SEPARATORS):
        return text, None
    masks: dict[str, str] = {}
    stand_in = 0xE000  # the private use area: a stand-in that does not occur in the text
    for separator in _SEPARATORS:
        while chr(stand_in) in text:
            stand_in += 1
        masks[chr(stand_in)] = separator
        text = text.replace(separator, chr(stand_in))
        stand_in += 1
    return text, masks


def _within(where: Position, text: str) -> Position:
    """``where`` moved back into the text: libyaml places an unexpected end past the last line."""
    end = _end_of(text)
    return where if where[0] <= end[0] else end


def _describe_yaml_error(error: Exception, text: str) -> tuple[str, Position]:
    """A sentence saying what to change, and where, for an error raised by libyaml (never its own words)."""
    mark = getattr(error, "problem_mark", None)
    if mark is None and getattr(error, "position", None) is not None:
        # A reader error (a character YAML does not allow) gives an index into the text.
        index = min(int(error.position), len(text))  # type: ignore[attr-defined]
        character = getattr(error, "character", None)
        code = character if isinstance(character, int) else ord(character) if character else 0
        return (f"the file holds a character YAML does not allow (U+{code:04X}); delete it", _end_of(text[:index]))
    position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    odd = _odd_indentation(text, position[0])
    if odd is not None:
        return odd
    problem = str(getattr(error, "problem", "") or "")
    context = str(getattr(error, "context", "") or "")
    start = getattr(error, "context_mark", None)
    opened = (start.line + 1, start.column + 1) if start is not None else position
    for (in_context, in_problem), (sentence, at_start) in _SENTENCES.items():
        if in_context in context and in_problem in problem:
            return sentence, opened if at_start else position
    line = text.split("\n")[position[0] - 1] if 0 < position[0] <= text.count("\n") + 1 else ""
    character = line[position[1] - 1 : position[1]]
    if character == "\t" or "\t" in line[: position[1]]:
        return "indent with spaces, not tabs", position
    if "cannot start any token" in problem and character in "%@`":
        return f"a value starting with {character} needs quotes ('{character}…')", position
    return "this line cannot be read as YAML; check its indentation, its colons and its quotes", position


# (context, problem) of libyaml's errors → (what to say, whether to point where the construct opened)
_SENTENCES = {
    ("quoted scalar", "end of stream"): ("this quoted value is never closed; add the closing quote", True),
    ("quoted scalar", ""): ("this quoted value is not closed where it should be; check its quotes", True),
    ("flow sequence", ""): ("this list in [ ] is not closed, or an item lacks its comma; add the ] or the ,", True),
    ("flow mapping", ""): ("this mapping in { } is not closed, or an entry lacks its comma; add the } or the ,", True),
    ("simple key", "could not find expected ':'"): ("a key needs a colon after it (key: value)", True),
    ("", "mapping values are not allowed"): (
        "a value that holds ': ' needs quotes, or this line is indented differently from the ones above",
        False,
    ),
    ("", "did not find expected key"): (
        "this line is indented unlike the keys around it; line up the keys of one mapping",
        False,
    ),
    ("", "expected <block end>"): ("this line is indented unlike the lines around it; check the indentation", False),
    ("", "did not find expected '-' indicator"): ("this list item is indented unlike the items around it", False),
    ("", "found undefined alias"): ("aliases (*name) are not allowed in a dossier: write the value out", False),
    ("", "tab character"): ("indent with spaces, not tabs", False),
    ("", "block scalar"): ("the text after | or > must be indented more than its key", False),
}

# Spaces that look like spaces but are not, as a word processor leaves them.
_ODD_SPACE = re.compile("^[ \t]*([\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])", re.MULTILINE)


def _odd_indentation(text: str, upto: int) -> tuple[str, Position] | None:
    """A non-breaking (or other odd) space in the indentation at or above line ``upto``, if any."""
    for match in _ODD_SPACE.finditer(text):
        line, column = _end_of(text[: match.start(1)])
        if line > upto:
            return None
        code = ord(match.group(1))
        name = "a non-breaking space" if code == 0xA0 else "a space that is not an ordinary space"
        return f"{name} (U+{code:04X}) in the indentation; replace it with an ordinary space", (line, column)
    return None
