"""Findings: what validation reports, located by file, line, column and JSON Pointer."""

from __future__ import annotations

import hashlib
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]
Token = str | int
Pointer = tuple[Token, ...]
Position = tuple[int, int]  # (line, column), 1-based; column in code points


RECORD = "{record}"  # in a message: the record it is about, named as the audience may see it ("risk R-001")


def format_pointer(tokens: Pointer) -> str:
    """RFC 6901 text of a pointer given as tokens: ``("risks", 1, "impact")`` → ``/risks/1/impact``."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def counted(number: int, noun: str) -> str:
    """ "1 error", "2 errors": a count with its noun."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


class Problem(NamedTuple):
    """A finding before it knows its file and dossier: what each stage (loader, schema, check) yields.

    ``position`` is None when the problem concerns a whole file that is missing. ``message``
    never quotes dossier content; ``reveal`` is the fuller message that does (the offending
    value, a key's name), used only where the node at ``reveal_at`` (default: ``pointer``) may
    be shown: never inside a record marked confidential or above, nor in a sensitive field.
    """

    code: str
    message: str
    pointer: Pointer = ()
    position: Position | None = None
    reveal: str | None = None
    reveal_at: Pointer | None = None


class Finding(NamedTuple):
    """One located finding, as every output format reports it."""

    code: str
    severity: Severity
    message: str
    dossier: str
    file: str
    line: int | None
    column: int | None
    pointer: str
    excerpt: str | None = None  # the offending source line, when it may be shown

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "dossier": self.dossier,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "message": self.message,
        }


def fingerprints(findings: list[Finding]) -> list[str]:
    """A stable identity per finding, for tools that track findings across runs.

    It hashes the code, file, pointer and message, not the line, so that editing lines above a
    finding does not make it new; identical findings (a key repeated three times) are told apart
    by their order.
    """
    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        identity = "\0".join((finding.code, finding.file, finding.pointer, finding.message))
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        text = f"{identity}\0{occurrence}"
        result.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())  # names need not be UTF-8
    return result
