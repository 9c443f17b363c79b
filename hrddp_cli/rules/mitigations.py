"""Mitigation rules: conditions not met (M1) and measures that failed with nothing in their place (M2)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.model import Mitigation, Risk
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation


def _by_scope(situation: Situation, risks: list[Risk]) -> dict[str, list[Risk]]:
    """The risks, grouped by the scopes they take."""
    grouped: dict[str, list[Risk]] = {}
    for risk in risks:
        for scope in situation.scopes_of(risk):
            grouped.setdefault(scope, []).append(risk)
    return grouped


@rule("M1", floor=None, floors=("adapt", "suspend"), citation="SEED §3 (support dependent on commitments)")
def condition_not_met(situation: Situation) -> Iterable[Trigger]:
    """A mitigation that is a condition of support is not in place after its due date: adapt (suspend for a grave risk).

    Support that "is dependent on commitments" must change when they are not kept, in the scope of
    the risks the condition addresses.
    """
    risks = {risk.id: risk for risk in situation.dossier.risks}
    for mitigation in situation.dossier.mitigations:
        if not (
            mitigation.is_condition and not mitigation.in_place and mitigation.due and situation.as_of > mitigation.due
        ):
            continue
        addressed = [risks[r] for r in dict.fromkeys(mitigation.risks) if r in risks]
        grave = any(risk.grave_violation for risk in addressed)
        state = mitigation.status.replace("_", " ")
        for scope, mine in (_by_scope(situation, addressed) or {"engagement": []}).items():
            yield Trigger(
                (mitigation.ref, *(r.ref for r in mine)),
                f"condition {mitigation.id} is {state}, due {mitigation.due.isoformat()}"
                + (" (it addresses a grave-violation risk)" if grave else ""),
                scope,
                floor="suspend" if grave else "adapt",
                action=f"Put condition {mitigation.id} in place or decide on the consequences",
            )


def _replaced(situation: Situation, failed: Mitigation, risk: Risk) -> bool:
    """Whether every dimension the failed mitigation reduced is covered by another mitigation in place."""
    dimensions = {
        dimension
        for a in failed.addresses
        if a.risk == risk.id
        for dimension in ("likelihood", "impact")
        if a.reduces_dimension(dimension)
    }
    others = [m for m in situation.dossier.mitigations if m.id != failed.id and m.in_place]
    return all(
        any(a.risk == risk.id and a.reduces_dimension(dimension) for m in others for a in m.addresses)
        for dimension in dimensions
    )


@rule("M2", floor="adapt", citation="SEED §5")
def mitigation_failed(situation: Situation) -> Iterable[Trigger]:
    """A mitigation is ineffective, lapsed or cancelled against a risk of inherent level high or above, and nothing
    replaces it.

    A failed measure against a serious risk leaves it unmanaged until another one is in place in
    each dimension the failed one reduced; relabelling it cancelled changes nothing.
    """
    risks = {risk.id: risk for risk in situation.dossier.risks}
    for mitigation in situation.dossier.mitigations:
        if not mitigation.failed:
            continue
        exposed = [
            risks[r]
            for r in dict.fromkeys(mitigation.risks)
            if r in risks
            and risks[r].open
            and situation.inherent(risks[r]).level in ("high", "critical")
            and not _replaced(situation, mitigation, risks[r])
        ]
        for scope, mine in _by_scope(situation, exposed).items():
            yield Trigger(
                (mitigation.ref, *(r.ref for r in mine)),
                f"mitigation {mitigation.id} is {mitigation.status} against {', '.join(r.id for r in mine)} "
                "(inherent high or above) and nothing replaces it",
                scope,
            )
