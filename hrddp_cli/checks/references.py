"""Cross-file checks: every id a record names exists in the dossier."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.model import UNIT_ID
from hrddp_cli.scoring import Situation


@check(
    "HRD021",
    "error",
    citation="dossier-format.md: Common conventions (ids)",
    fixed="a dangling reference silently unlinks records",
)
def unknown_reference(situation: Situation) -> Iterable[Hit]:
    """A record names a unit, risk or mitigation that the dossier does not hold.

    Checked everywhere an id is named: a unit's parent; a risk's units; the risks a mitigation
    addresses; the risks discussed in a consultation and the risks and mitigations its impact
    names; an incident's linked risks and the perpetrator units written as a unit id (U-001). A dangling
    reference is usually a typo, and it silently removes a link the scoring relies on.
    """
    dossier = situation.dossier
    context = dossier.context
    units = context.unit_ids
    risks = {risk.id for risk in dossier.risks}
    mitigations = {mitigation.id for mitigation in dossier.mitigations}

    def missing(kind: str, wanted: str) -> str:
        return f"{wanted} is not a {kind} of this dossier"

    for unit in context.units:
        if unit.parent is not None and unit.parent not in units:
            yield Hit(unit.where.at("parent"), missing("unit", unit.parent))
    for risk in dossier.risks:
        for j, unit_id in enumerate(risk.units):
            if unit_id not in units:
                yield Hit(risk.where.at("units", j), missing("unit", unit_id))
    for mitigation in dossier.mitigations:
        for j, address in enumerate(mitigation.addresses):
            if address.risk not in risks:
                yield Hit(mitigation.where.at("addresses", j, "risk"), missing("risk", address.risk))
    for consultation in dossier.consultations:
        for j, risk_id in enumerate(consultation.risks_discussed):
            if risk_id not in risks:
                yield Hit(consultation.where.at("risks_discussed", j), missing("risk", risk_id))
        for j, risk_id in enumerate(consultation.impact_risks):
            if risk_id not in risks:
                yield Hit(consultation.where.at("impact", "risks", j), missing("risk", risk_id))
        for j, mitigation_id in enumerate(consultation.impact_mitigations):
            if mitigation_id not in mitigations:
                yield Hit(consultation.where.at("impact", "mitigations", j), missing("mitigation", mitigation_id))
    for incident in dossier.incidents:
        for j, risk_id in enumerate(incident.linked_risks):
            if risk_id not in risks:
                yield Hit(incident.where.at("linked_risks", j), missing("risk", risk_id))
        for j, perpetrator in enumerate(incident.perpetrators):
            if UNIT_ID.match(perpetrator.unit) and perpetrator.unit_id is None:
                yield Hit(incident.where.at("perpetrators", j, "unit"), missing("unit", perpetrator.unit))
