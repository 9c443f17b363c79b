"""Flags on incidents: verification moved down or a case closed unanswered (REV003), quieter facts (REV007)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hrddp_cli.flags import Comparison, Raised, flag
from hrddp_cli.flags.records import named

SCALE = ("verified", "credible", "under_verification", "alleged", "not_substantiated")  # top down


def _incidents(comparison: Comparison) -> Iterable[tuple[str, dict[str, Any], dict[str, Any]]]:
    for change in comparison.changes:
        if change.file == "incidents.yaml" and change.change == "modified" and change.id:
            yield change.id, change.base or {}, change.head or {}


@flag("REV003", citation="SEED §4 (track incidents and the response to them)")
def incident_talked_down(comparison: Comparison) -> Iterable[Raised]:
    """An incident's verification moved down the scale, or it was closed with no EU response.

    Down the scale (verified, credible, under verification, alleged, not substantiated) takes an
    incident out of rules that act on established facts; a case closed unanswered leaves no record
    that the EU reacted.
    """
    for identifier, was, now in _incidents(comparison):
        name = named("incidents.yaml", identifier)
        before, after = was.get("verification"), now.get("verification")
        if before in SCALE and after in SCALE and SCALE.index(after) > SCALE.index(before):
            yield Raised("incidents.yaml", identifier, f"{name}: verification moved down {before} → {after}")
        if was.get("status") != "closed" and now.get("status") == "closed" and not now.get("eu_response"):
            yield Raised("incidents.yaml", identifier, f"{name} was closed with no EU response")


@flag("REV007", citation="SEED §4; status.md (G2, G5, involvement)")
def incident_made_quieter(comparison: Comparison) -> Iterable[Raised]:
    """A perpetrator's eu_trained or eu_equipment moved from yes, an incident's grave category moved to none,
    or its reprisal is no longer true.

    Each is a quiet way to take an incident out of a rule (EU-trained perpetrators, grave
    violations, reprisals): a reviewer checks the evidence for the change.
    """
    for identifier, was, now in _incidents(comparison):
        name = named("incidents.yaml", identifier)
        for unit, key, said in _perpetrators_quieter(was, now):
            yield Raised("incidents.yaml", identifier, f"{name}: perpetrator {unit}: {key} {said}")
        before, after = _category(was), _category(now)
        if before not in (None, "none") and after == "none":
            yield Raised("incidents.yaml", identifier, f"{name}: grave category moved {before} → none")
        if was.get("reprisal") is True and now.get("reprisal") is not True:
            after_reprisal = "false" if now.get("reprisal") is False else "unstated"
            yield Raised("incidents.yaml", identifier, f"{name}: reprisal moved true → {after_reprisal}")


def _perpetrators_quieter(was: dict[str, Any], now: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(unit, key, what became of it) for each eu_trained or eu_equipment that was yes and is no longer.

    Perpetrators have no ids: the n-th one written with a unit on one side is the n-th written
    with the same unit on the other.
    """
    after = _by_unit(now)
    for (unit, _), perpetrator in _by_unit(was).items():
        for key in ("eu_trained", "eu_equipment"):
            if perpetrator.get(key) != "yes":
                continue
            later = after.get((unit, _))
            if later is None:
                yield unit, key, "was yes; the perpetrator is no longer listed"
            elif later.get(key) != "yes":
                yield unit, key, f"moved yes → {later.get(key, 'absent')}"


def _by_unit(incident: dict[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for perpetrator in _listed(incident):
        unit = perpetrator.get("unit")
        if isinstance(unit, str):
            found[(unit, sum(1 for u, _ in found if u == unit))] = perpetrator
    return found


def _listed(incident: dict[str, Any]) -> list[dict[str, Any]]:
    found = incident.get("perpetrators")
    return [p for p in found if isinstance(p, dict)] if isinstance(found, list) else []


def _category(incident: dict[str, Any]) -> Any:
    grave = incident.get("grave_violation")
    return grave.get("category") if isinstance(grave, dict) else None
