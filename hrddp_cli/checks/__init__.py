"""The registry of validation checks, each with a stable code (dossier-format.md, "Validation codes").

A check is one function, registered with :func:`check`, that takes a :class:`~hrddp_cli.model.Dossier`
and yields :class:`Hit` s; its docstring is its user documentation (the first line the summary,
the rest the rationale), printed by ``hrddp rules`` and the docs. Codes are banded: ``HRD0xx``
reading and schema, ``HRD1xx`` content, ``HRD2xx`` cross-file, ``HRD3xx`` completeness (warnings).
Adding a check is writing one function in the module of its family.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hrddp_cli.findings import Severity

if TYPE_CHECKING:
    from hrddp_cli.model import Dossier, Where

FAMILIES = ("reading", "identity", "references", "dates", "content", "completeness")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found: where, and a message that never quotes confidential text.

    ``detail`` may quote values; it is shown only where the location may be shown.
    """

    where: Where
    message: str
    detail: str | None = None


Run = Callable[["Dossier"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: Severity
    summary: str
    rationale: str
    source: str
    run: Run | None  # None: reported while reading (loader, schema, model), not by a function here


CHECKS: dict[str, Check] = {}


def check(code: str, severity: Severity, *, source: str, reading: bool = False) -> Callable[[Run], Run]:
    """Register the decorated function as the check ``code``."""

    def register(function: Run) -> Run:
        if code in CHECKS:
            raise ValueError(f"check {code} registered twice")
        doc = inspect.cleandoc(function.__doc__ or "")
        summary, _, rationale = doc.partition("\n\n")
        CHECKS[code] = Check(
            code,
            severity,
            " ".join(summary.split()),
            " ".join(rationale.split()),
            source,
            None if reading else function,
        )
        return function

    return register


def all_checks() -> dict[str, Check]:
    """Every check, by code, in code order (importing each family registers its checks)."""
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    return dict(sorted(CHECKS.items()))
