"""Flags on risks: a rating lowered with nothing new behind it (REV001), a review that ends E1 (REV006)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hrddp_cli.flags import Comparison, Raised, flag
from hrddp_cli.flags.records import named


def _addresses(record: dict[str, Any] | None, risk_id: str) -> bool:
    addresses = (record or {}).get("addresses")
    return isinstance(addresses, list) and any(isinstance(a, dict) and a.get("risk") == risk_id for a in addresses)


@flag("REV001", citation="SEED §2 (risk assessments updated regularly)")
def rating_lowered_without_reason(comparison: Comparison) -> Iterable[Raised]:
    """A risk's likelihood or impact was lowered, and neither its evidence, its reviewed date, nor any
    mitigation addressing it changed.

    A lower rating needs a reason a reviewer can see: new evidence, a new review, or a measure.
    """
    for change in comparison.changes:
        if change.file != "risks.yaml" or change.change != "modified" or change.id is None:
            continue
        lowered = []
        for dimension in ("likelihood", "impact"):
            was, now = (change.base or {}).get(dimension), (change.head or {}).get(dimension)
            if isinstance(was, int) and isinstance(now, int) and now < was:
                lowered.append(f"{dimension} lowered {was} → {now}")
        if not lowered or change.touches("evidence", "reviewed"):
            continue
        measures = [
            c for c in comparison.changes if c.file == "mitigations.yaml"
            and (_addresses(c.base, change.id) or _addresses(c.head, change.id))
        ]  # fmt: skip
        if not measures:
            yield Raised(
                change.file,
                change.id,
                f"{named(change.file, change.id)}: {' and '.join(lowered)} with no new evidence, mitigation "
                "or review date",
            )


@flag("REV006", citation="status.md (E1: a risk materialised)")
def review_moved_past_incident(comparison: Comparison) -> Iterable[Raised]:
    """A risk's reviewed date moved past a credible or verified linked incident, and its likelihood did not rise.

    Moving the date ends E1, which raised the risk because the incident happened after its last
    review: a review that follows an incident should say what the incident changed.
    """
    both = comparison.modelled()
    if both is None:
        return
    base, head = both
    before = {risk.id: risk for risk in base.risks}
    for risk in head.risks:
        old = before.get(risk.id)
        if old is None or risk.reviewed is None:
            continue
        baseline = old.reviewed or base.context.assessment_date
        if baseline is None or risk.reviewed <= baseline or risk.likelihood > old.likelihood:
            continue
        passed = [
            i for i in head.incidents
            if risk.id in i.linked_risks and i.credible and i.reported is not None
            and baseline < i.reported <= min(risk.reviewed, comparison.as_of)
        ]  # fmt: skip
        if passed:
            said = (
                f"{named('risks.yaml', risk.id)}: reviewed moved {baseline.isoformat()} → {risk.reviewed.isoformat()}"
            )
            rest = "and its likelihood did not rise, which ends E1"
            ids = ", ".join(i.id for i in passed)
            yield Raised(
                "risks.yaml",
                risk.id,
                f"{said} past {ids} (credible or verified, linked to it) {rest}",
                mentions=tuple(i.ref for i in passed),
                plain=f"{said} past a credible linked incident {rest}",
            )
