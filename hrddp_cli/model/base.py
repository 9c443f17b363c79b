"""What every record shares: dates, references and places, and the vocabularies the rules lean on."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from hrddp_cli.findings import Pointer

Date = dt.date

CREDIBLE = ("credible", "verified")
IN_PLACE = ("implemented", "verified_effective")
FAILED = ("ineffective", "lapsed", "cancelled")
CORE_CRIMES = frozenset({"torture", "killing", "enforced_disappearance", "sexual_violence"})
VERIFICATION_SCALE = ("alleged", "under_verification", "credible", "verified")  # not_substantiated: below all
UNIT_ID = re.compile(r"U-[0-9]{3,}\Z")  # how a unit id is written (the schemas' pattern)


class FuzzyDate(NamedTuple):
    """An incident date known to the year, the month or the day. Compared at the coarser precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def is_after(self, date: Date) -> bool:
        """Strictly later than ``date`` at this date's precision (so 2024-05 is not after 2024-05-20)."""
        precision = 1 + (self.month is not None) + (self.day is not None)
        mine = (self.year, self.month or 0, self.day or 0)[:precision]
        return mine > (date.year, date.month, date.day)[:precision]


class Ref(NamedTuple):
    """How a record is named in output: its file (``incidents.yaml``) and id (None for the context)."""

    file: str
    id: str | None


class Where(NamedTuple):
    """A place in a dossier: the file it is in (``risks`` …) and a pointer there."""

    kind: str
    pointer: Pointer

    @property
    def file(self) -> str:
        return f"{self.kind}.yaml"

    def at(self, *tokens: str | int) -> Where:
        return Where(self.kind, (*self.pointer, *tokens))


CONTEXT_REF = Ref("context.yaml", None)
