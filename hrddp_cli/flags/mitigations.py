"""Flags on mitigations: a measure that became in place with nothing to show how it was checked (REV004)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.flags import Comparison, Raised, flag
from hrddp_cli.flags.records import named
from hrddp_cli.model import IN_PLACE


@flag("REV004", citation="SEED §3 (mitigation verified, not assumed)")
def in_place_without_verification(comparison: Comparison) -> Iterable[Raised]:
    """A mitigation became implemented or verified_effective without a verification block.

    A measure in place lowers a risk's score; how it was checked (method and date) is what a
    reviewer, and the next assessor, can rely on.
    """
    for change in comparison.changes:
        if change.file != "mitigations.yaml" or change.change == "removed":
            continue
        was = (change.base or {}).get("status")
        now = (change.head or {}).get("status")
        if now in IN_PLACE and was not in IN_PLACE and not (change.head or {}).get("verification"):
            became = "is new and" if change.change == "added" else f"moved {was} →"
            yield Raised(
                change.file, change.id, f"{named(change.file, change.id)} {became} {now} with no verification block"
            )
