"""Cross-file checks: every id a record names exists in the dossier, and units nest without loops."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hrddp_cli.checks import Hit, check
from hrddp_cli.findings import RECORD
from hrddp_cli.model import Dossier, Where
from hrddp_cli.scoring import Situation


def _references(dossier: Dossier) -> Iterator[tuple[Where, str, str]]:
    """(where, what it must be, the id named) for every id a record names."""
    context = dossier.context
    for unit in context.units:
        if unit.parent is not None:
            yield unit.where.at("parent"), "unit", unit.parent
    for decision in context.decisions:
        if decision.scope and decision.scope.startswith("unit:"):
            yield decision.where.at("scope"), "unit", decision.scope.removeprefix("unit:")
    for criterion in context.suspension_criteria:
        if criterion.when and criterion.when.unit not in ("supported", "any"):
            yield criterion.where.at("when", "unit"), "unit", criterion.when.unit
    for risk in dossier.risks:
        for j, unit_id in enumerate(risk.units):
            yield risk.where.at("units", j), "unit", unit_id
    for mitigation in dossier.mitigations:
        for j, address in enumerate(mitigation.addresses):
            yield mitigation.where.at("addresses", j, "risk"), "risk", address.risk
    for consultation in dossier.consultations:
        for j, risk_id in enumerate(consultation.risks_discussed):
            yield consultation.where.at("risks_discussed", j), "risk", risk_id
        for j, risk_id in enumerate(consultation.impact_risks):
            yield consultation.where.at("impact", "risks", j), "risk", risk_id
        for j, mitigation_id in enumerate(consultation.impact_mitigations):
            yield consultation.where.at("impact", "mitigations", j), "mitigation", mitigation_id
    for incident in dossier.incidents:
        for j, risk_id in enumerate(incident.linked_risks):
            yield incident.where.at("linked_risks", j), "risk", risk_id
        for j, perpetrator in enumerate(incident.perpetrators):
            if perpetrator.acting_with is not None:
                yield incident.where.at("perpetrators", j, "acting_with"), "unit", perpetrator.acting_with


@check("HRD021", "error", citation="format.md: Common conventions", fixed="it keeps records linked")
def unknown_reference(situation: Situation) -> Iterable[Hit]:
    """A record names a unit, risk or mitigation that the dossier does not hold.

    Checked everywhere an id is named: a unit's parent; a decision's unit scope; a suspension
    criterion's unit; a risk's units; the risks a mitigation addresses; the risks discussed in a
    consultation and the risks and mitigations its impact names; an incident's linked risks and
    the unit a perpetrator acted with. A dangling reference is usually a typo, and it silently
    removes a link the scoring relies on.
    """
    dossier = situation.dossier
    known = {
        "unit": dossier.context.unit_ids,
        "risk": frozenset(risk.id for risk in dossier.risks),
        "mitigation": frozenset(mitigation.id for mitigation in dossier.mitigations),
    }
    for where, kind, wanted in _references(dossier):
        if wanted not in known[kind]:
            yield Hit(
                where,
                f"{RECORD} names a {kind} this dossier does not hold; fix the id",
                f"{wanted} is not a {kind} of this dossier",
            )


@check("HRD023", "error", citation="format.md: context.yaml")
def unit_parent_loop(situation: Situation) -> Iterable[Hit]:
    """A unit is its own parent, or the units' parents form a loop.

    The chain of command is read from ``parent``: a loop makes it impossible to say which unit
    a detachment belongs to.
    """
    parents = {unit.id: unit.parent for unit in situation.dossier.context.units}
    for unit in situation.dossier.context.units:
        seen: set[str] = set()
        current = unit.parent
        while current is not None and current in parents and current not in seen:
            if current == unit.id:
                what = "its own parent" if unit.parent == unit.id else "its own ancestor: the parents form a loop"
                yield Hit(unit.where.at("parent"), f"{RECORD} is {what}; give it the unit it belongs to")
                break
            seen.add(current)
            current = parents[current]
