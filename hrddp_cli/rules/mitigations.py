"""Mitigation rules: conditions not met (M1) and measures that failed (M2)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.model import Ref
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation


@rule("M1", floor="adapt", citation="SEED §3 (support dependent on commitments)")
def condition_not_met(situation: Situation) -> Iterable[Trigger]:
    """A mitigation that is a condition of support is not implemented after its due date.

    Support that "is dependent on commitments" must change when they are not kept; when the
    condition addresses a grave-violation risk, the floor is suspend.
    """
    grave = {risk.id for risk in situation.dossier.risks if risk.grave_violation}
    for mitigation in situation.dossier.mitigations:
        if mitigation.is_condition and not mitigation.in_place and mitigation.due and situation.as_of > mitigation.due:
            addresses_grave = any(a.risk in grave for a in mitigation.addresses)
            yield Trigger(
                (mitigation.ref,),
                f"condition {mitigation.id} is {mitigation.status.replace('_', ' ')}, due {mitigation.due.isoformat()}"
                + (" (it addresses a grave-violation risk)" if addresses_grave else ""),
                floor="suspend" if addresses_grave else None,
                action=f"Implement condition {mitigation.id} or decide on the consequences",
            )


@rule("M2", floor="adapt", citation="SEED §5")
def mitigation_failed(situation: Situation) -> Iterable[Trigger]:
    """A mitigation is ineffective or lapsed and addresses a risk of inherent level high or above.

    A failed measure against a serious risk leaves that risk unmanaged.
    """
    serious = {r.id for r in situation.dossier.risks if situation.inherent(r).level in ("high", "critical")}
    for mitigation in situation.dossier.mitigations:
        if mitigation.status in ("ineffective", "lapsed"):
            risks = [a.risk for a in mitigation.addresses if a.risk in serious]
            if risks:
                yield Trigger(
                    (mitigation.ref, *(Ref("risks.yaml", r) for r in risks)),
                    f"mitigation {mitigation.id} is {mitigation.status} "
                    f"against {', '.join(risks)} (inherent high or above)",
                )
