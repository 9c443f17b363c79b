"""The validation checks, each with a stable code (the dossier format, "Validation codes").

A check is one function, registered with :func:`check`, that takes a
:class:`~hrddp_cli.scoring.Situation` (the dossier, the methodology and the as-of date) and
yields :class:`Hit` s; its docstring is its user documentation (the first line the summary, the
rest the rationale). Codes are banded: ``HRD0xx`` reading and schema, ``HRD1xx`` content,
``HRD2xx`` cross-file, ``HRD3xx`` completeness (warnings). Adding a check is writing one
function in the module of its family.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hrddp_cli import registry
from hrddp_cli.findings import Severity
from hrddp_cli.model import Where
from hrddp_cli.scoring import Situation

FAMILIES = ("reading", "identity", "references", "dates", "content", "completeness")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found: where, and a message that never quotes confidential text.

    ``detail`` may quote values; it is shown only where the location may be shown.
    """

    where: Where
    message: str
    detail: str | None = None


Run = Callable[[Situation], Iterable[Hit]]


def check(
    code: str, severity: Severity, *, citation: str, reading: bool = False, fixed: str | None = None
) -> Callable[[Run], Run]:
    """Register the decorated function as the check ``code``.

    ``reading``: the code is reported by the reader (loader, schema, model), and the function
    only documents it. ``fixed``: why the check cannot be turned off or given another severity.
    """

    def register(function: Run) -> Run:
        registry.register(
            function, "validation", code, citation, severity=severity, fixed=fixed, run=None if reading else function
        )
        return function

    return register


def all_checks() -> dict[str, registry.Entry]:
    """Every check, by code, in code order (importing each family registers its checks)."""
    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    return dict(sorted(registry.entries("validation").items()))
