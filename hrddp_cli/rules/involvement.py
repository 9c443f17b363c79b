"""Who was involved: EU training or equipment (G4), reprisals against those who spoke up (G5), EU personnel (G7)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.model import CONTEXT_REF, Incident
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.rules._words import listed, response, what
from hrddp_cli.scoring import ENGAGEMENT, Situation, unit_scope


@rule("G4", floor="adapt", citation="SEED §3 (post-training monitoring)")
def eu_trained_or_equipped_perpetrator(situation: Situation) -> Iterable[Trigger]:
    """A credible incident involving EU-trained personnel or EU equipment, reported since the assessment.

    The EU's own contribution to the harm is in question until the dossier is re-assessed with
    it; "unknown" does not count.
    """
    assessed = situation.dossier.context.assessment_date
    for incident in situation.incidents:
        if not incident.credible or incident.reported is None or (assessed and incident.reported <= assessed):
            continue
        trained = any(p.eu_trained == "yes" for p in incident.perpetrators)
        equipped = any(p.eu_equipment == "yes" for p in incident.perpetrators)
        if trained or equipped:
            how = " and ".join(w for w, on in (("EU-trained personnel", trained), ("EU equipment", equipped)) if on)
            yield Trigger((incident.ref,), f"{what(incident)} involving {how}, reported since the assessment")


def reprisal_relieved(situation: Situation, incident: Incident) -> bool:
    """Corrective action taken on a reprisal that does not clear it (only suspension, prosecution or conviction with
    the case closed clears one).
    """
    return not incident.reprisal_cleared and (incident.cleared or situation.relieved(incident))


@rule("G5", floor=None, floors=("suspend", "adapt"), citation="SEED §4 (protect civil society)")
def reprisal(situation: Situation) -> Iterable[Trigger]:
    """A credible reprisal: people targeted for cooperating with the EU, its monitors or consultations, or for
    defending rights.

    By a supported unit it suspends that unit (adapt while corrective action is under way); by
    anyone else it adapts the engagement. Either way: protect the people concerned. It clears only
    when suspects are suspended, prosecuted or convicted and the case is closed.
    """
    for incident in situation.incidents:
        if not (incident.credible and incident.reprisal):
            continue
        cleared = incident.reprisal_cleared
        relieved = reprisal_relieved(situation, incident)
        units = incident.supported_units
        action = None if cleared else f"Protect the people concerned by incident {incident.id}"
        message = f"{what(incident)}, a reprisal"
        for unit in units:
            yield Trigger(
                (incident.ref,),
                f"{message}, by supported unit {unit}; {response(situation, incident)}",
                unit_scope(unit),
                floor=None if cleared else "adapt" if relieved else "suspend",
                floored=not cleared,
                action=action,
            )
        if not units:
            by = listed([p.unit.replace("_", " ") for p in incident.perpetrators])
            said = f"{message}; {response(situation, incident)}"
            yield Trigger(
                (incident.ref,),
                f"{message}, by {by}; {response(situation, incident)}",
                ENGAGEMENT,
                floor=None if cleared else "adapt",
                floored=not cleared,
                action=action,
                mentions=(CONTEXT_REF,),  # a partner's name is the context's content
                plain=said,
            )


@rule("G7", floor="adapt", citation="SEED §5 (EU personnel are accountable too)")
def eu_personnel_perpetrator(situation: Situation) -> Iterable[Trigger]:
    """A credible incident with EU personnel among the perpetrators: adapt, and refer it to the EU accountability
    mechanism.

    The EU's accountability for its own staff is part of its due diligence.
    """
    for incident in situation.incidents:
        if incident.credible and any(p.kind == "eu_personnel" for p in incident.perpetrators):
            yield Trigger(
                (incident.ref,),
                f"{what(incident)} with EU personnel among the perpetrators",
                action=f"Refer incident {incident.id} to the EU accountability mechanism",
            )
