"""Peer-review flags: the changes between two states of a dossier that a reviewer should look at twice.

A flag is one function, registered with :func:`flag`, that reads a :class:`Comparison` (the
dossier at its base and at its head, what changed between them, and how each was scored) and
yields a :class:`Raised` each time it finds something. Its docstring is its documentation. A
flag asks a reviewer to look; it never blocks, and ``hrddp.yaml`` cannot turn one off: the
pull request under review could otherwise silence the flags raised on it.

A flag's message may quote the values of the records it names, never their free text nor a
sensitive field; ``review`` withholds a flag on a record the audience may not see, and uses
``plain`` instead of ``message`` when one of the ``mentions`` is withheld.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hrddp_cli import registry
from hrddp_cli.diff import FieldChange, RecordChange
from hrddp_cli.explain import DossierStatus, Floors
from hrddp_cli.model import Dossier, Ref
from hrddp_cli.read import DossierRead

FAMILIES = ("records", "risks", "incidents", "mitigations", "floors", "settings")
FIXED = "peer-review flags cannot be turned off: a pull request could otherwise silence its own flags"


@dataclass(frozen=True, slots=True)
class Raised:
    """One flag raised: on a record (``file``, ``id``), a unit's scope, or the whole dossier."""

    file: str
    id: str | None
    message: str
    mentions: tuple[Ref, ...] = ()  # other records the message names
    plain: str | None = None  # the message without them
    scope: str | None = None  # a unit scope whose floor the message gives (REV005)


@dataclass(slots=True)
class Side:
    """One state of a dossier: as read, and as scored (floors: every scope's, for comparing only)."""

    read: DossierRead
    status: DossierStatus
    floors: Floors | None

    @property
    def dossier(self) -> Dossier | None:
        return self.read.dossier


@dataclass(slots=True)
class Comparison:
    """What the flags read: both states of one dossier and what changed between them.

    ``base`` or ``head`` is None for a dossier added or removed. ``settings`` lists what changed
    in ``hrddp.yaml``; ``under_base_settings`` is the head scored under the base's settings.
    """

    base: Side | None
    head: Side | None
    changes: list[RecordChange]
    as_of: dt.date
    settings: list[FieldChange] = field(default_factory=list)
    settings_file: str = "hrddp.yaml"
    under_base_settings: DossierStatus | None = None
    base_settings_unreadable: str | None = None

    def modelled(self) -> tuple[Dossier, Dossier] | None:
        """Both states as models, when both could be built (the record flags need them)."""
        if self.base is None or self.head is None or self.base.dossier is None or self.head.dossier is None:
            return None
        return self.base.dossier, self.head.dossier

    def change(self, file: str, identifier: str | None) -> RecordChange | None:
        return next((c for c in self.changes if c.file == file and c.id == identifier), None)


Raise = Callable[[Comparison], Iterable[Raised]]


def flag(code: str, *, citation: str) -> Callable[[Raise], Raise]:
    """Register the decorated function as the review flag ``code`` (a warning, never configurable)."""

    def register(function: Raise) -> Raise:
        registry.register(function, "review", code, citation, severity="warning", fixed=FIXED, run=function)
        return function

    return register


def all_flags() -> dict[str, registry.Entry]:
    """Every review flag, by code, in code order."""
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    return dict(sorted(registry.entries("review").items()))


def raise_all(comparison: Comparison) -> list[tuple[str, Raised]]:
    """Every flag raised on a comparison, as (code, raised), in code order."""
    return [(code, raised) for code, entry in all_flags().items() for raised in _run(entry, comparison)]


def _run(entry: registry.Entry, comparison: Comparison) -> Iterable[Raised]:
    run: Any = entry.run
    return run(comparison) if run is not None else ()
