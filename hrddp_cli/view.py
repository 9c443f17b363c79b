"""One dossier as one audience may see it: the single redacted view every command prints from.

A record is shown whole or withheld whole, content and id (the dossier format, "Markings"),
by :func:`hrddp_cli.markings.visible`; within a shown record, sensitive fields are shown only
from ``confidential`` up, and anything the schema does not describe is treated as sensitive
(fail closed). ``status`` reads the view to decide what a rule may say; ``review`` and
``brief`` read it to decide what to print.
"""

from __future__ import annotations

import re
from typing import Any

from hrddp_cli import markings
from hrddp_cli.findings import Pointer
from hrddp_cli.model import CONTEXT_REF, Dossier, Record, Ref

NOUNS = {
    "context.yaml": ("the context", "the context"),
    "risks.yaml": ("risk", "risks"),
    "mitigations.yaml": ("mitigation", "mitigations"),
    "consultations.yaml": ("consultation", "consultations"),
    "incidents.yaml": ("incident", "incidents"),
}


class DossierView:
    """What ``audience`` may see of ``dossier``."""

    __slots__ = ("_markings", "audience", "dossier")

    def __init__(self, dossier: Dossier, audience: str) -> None:
        self.dossier = dossier
        self.audience = audience
        self._markings: dict[Ref, str] = {CONTEXT_REF: dossier.context.marking}
        for record in dossier.records():
            self._markings[record.ref] = record.marking

    def marking(self, ref: Ref) -> str:
        """The effective marking of a record (an unknown record counts as the highest)."""
        return self._markings.get(ref, markings.HIGHEST)

    def shows(self, ref: Ref) -> bool:
        return markings.visible(self.marking(ref), self.audience)

    def withheld(self, refs: tuple[Ref, ...]) -> tuple[Ref, ...]:
        """The records among ``refs`` that the audience may not see."""
        return tuple(ref for ref in refs if not self.shows(ref))

    def shown(self, records: tuple[Record, ...]) -> list[Record]:
        return [record for record in records if self.shows(record.ref)]

    def withheld_ids(self) -> set[str]:
        """The ids of the records the audience may not see: withheld wherever another record names them."""
        return {record.id for record in self.dossier.records() if not self.shows(record.ref)}

    def withheld_counts(self) -> dict[str, int]:
        """How many records of each file are withheld, by file (only files with some)."""
        counts: dict[str, int] = {}
        for record in self.dossier.records():
            if not self.shows(record.ref):
                counts[record.ref.file] = counts.get(record.ref.file, 0) + 1
        return counts

    def field_visible(self, kind: str, pointer: Pointer) -> bool:
        """Whether a field of a shown record (pointer from the file's root) may be printed."""
        return markings.sees_sensitive(self.audience) or not markings.is_sensitive(kind, pointer)

    def project(self, record: Record) -> dict[str, Any] | None:
        """The record's data as the audience may see it: None when withheld, sensitive fields left out."""
        if not self.shows(record.ref):
            return None
        shown = markings.projected(record.where.kind, record.where.pointer, record.data, self.audience)
        return shown if isinstance(shown, dict) else {}


def counted_records(file: str, number: int) -> str:
    """ "1 incident", "5 risks": a count of records of one file."""
    one, many = NOUNS.get(file, ("record", "records"))
    return f"{number} {one if number == 1 else many}"


# An id as people write it in text: any case, any dash or none, leading zeros or not (i-002, I‑002, I_2).
_ID = re.compile(r"(?<![0-9A-Za-z])([RMCIrmci])[-\u2010-\u2015_ ]?0*([0-9]{1,6})(?![0-9])")
_KINDS = {"R": "risk", "M": "mitigation", "C": "consultation", "I": "incident"}


def without_ids(value: Any, hidden: set[str] | frozenset[str]) -> Any:
    """``value`` with every mention of a withheld record's id replaced (a list of links, an analyst's text).

    A withheld record is withheld whole, id included, wherever a visible record names it, however
    the id is written there.
    """
    if not hidden:
        return value
    if isinstance(value, str):
        wanted = {_canonical(identifier) for identifier in hidden}
        return _ID.sub(lambda m: _placeholder(m, wanted), value)
    if isinstance(value, dict):
        return {key: without_ids(item, hidden) for key, item in value.items()}
    if isinstance(value, list):
        return [without_ids(item, hidden) for item in value]
    return value


def _canonical(identifier: str) -> str:
    found = _ID.fullmatch(identifier)
    return f"{found.group(1).upper()}{int(found.group(2))}" if found else identifier


def _placeholder(match: re.Match[str], wanted: set[str]) -> str:
    letter = match.group(1).upper()
    if f"{letter}{int(match.group(2))}" not in wanted:
        return match.group(0)
    return f"[a withheld {_KINDS[letter]}]"
