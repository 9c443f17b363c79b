"""Policy rules: the safeguards and commitments an engagement needs (SEED §1–§5), and its own criteria (P1t)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hrddp_cli.methodology import phase_at_least
from hrddp_cli.model import CONTEXT_REF, CriterionWhen, Incident, SuspensionCriterion
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import ENGAGEMENT, Situation, unit_scope

_CONTEXT = (CONTEXT_REF,)


@rule("P1", floor="proceed_with_mitigations", citation="SEED §5")
def no_suspension_criteria(situation: Situation) -> Iterable[Trigger]:
    """No suspension criteria are set.

    There should be "clear guidelines and mechanisms for adapting, suspending or terminating".
    """
    if not situation.dossier.context.suspension_criteria:
        yield Trigger(_CONTEXT, "no suspension criteria")


def matches(when: CriterionWhen, incident: Incident) -> bool:
    """Whether an incident meets a criterion's ``when``, perpetrators aside (a field left out matches all)."""
    if incident.verification == "not_substantiated" or incident.verification not in (
        "alleged",
        "under_verification",
        "credible",
        "verified",
    ):
        return False
    if when.violation_types and not set(when.violation_types) & set(incident.violation_types):
        return False
    if when.categories and incident.grave_category not in when.categories:
        return False
    return when.verification is None or incident.verified_at_least(when.verification)


def criterion_scopes(criterion: SuspensionCriterion, when: CriterionWhen, incident: Incident) -> list[str]:
    """The scopes a matching criterion sends its outcome to (empty: no perpetrator matches)."""
    scopes: list[str] = []
    for perpetrator in incident.perpetrators:
        if when.unit == "supported" and not perpetrator.supported:
            continue
        if when.unit not in ("supported", "any") and perpetrator.unit_id != when.unit:
            continue
        unit = perpetrator.unit_id
        scopes.append(unit_scope(unit) if criterion.scope == "unit" and unit else ENGAGEMENT)
    return list(dict.fromkeys(scopes))


def criteria_met(situation: Situation) -> Iterator[tuple[SuspensionCriterion, Incident, list[str]]]:
    """Each machine-checkable criterion met, with the incident that meets it and the scopes it sends its outcome to."""
    for criterion in situation.dossier.context.suspension_criteria:
        when = criterion.when
        if when is None:
            continue
        for incident in situation.incidents:
            if not incident.cleared and matches(when, incident):
                scopes = criterion_scopes(criterion, when, incident)
                if scopes:
                    yield criterion, incident, scopes


@rule("P1t", floor=None, floors=("adapt", "suspend", "terminate"), citation="SEED §5")
def suspension_criterion_met(situation: Situation) -> Iterable[Trigger]:
    """One of the dossier's own suspension criteria is met by an incident that is not cleared: its outcome, in its
    scope.

    A criterion with a structured ``when`` is evaluated as written; one without is listed for the
    assessor to judge, never evaluated.
    """
    for criterion, incident, scopes in criteria_met(situation):
        outcome = criterion.outcome or "adapt"
        for scope in scopes:
            yield Trigger(
                (CONTEXT_REF, incident.ref),
                f"suspension criterion {criterion.id} met by incident {incident.id}: {outcome}",
                scope,
                floor=outcome,
                action=f"Apply suspension criterion {criterion.id} ({outcome}), as its deciding authority decides",
            )


@rule("P2", floor="proceed_with_mitigations", citation="SEED §3")
def policy_not_communicated(situation: Situation) -> Iterable[Trigger]:
    """From implementation on, the HRDDP has not been communicated to the recipient.

    The policy should be communicated "from the start of the … mandate".
    """
    context = situation.dossier.context
    if not phase_at_least(context.phase, "implementation"):
        return
    when = context.communicated_to_recipient
    if when is None or when > situation.as_of:
        yield Trigger(_CONTEXT, f"phase {context.phase} and the HRDDP not communicated to the recipient")


@rule("P3", floor="adapt", citation="SEED §1 fn2")
def lethal_equipment_without_end_use_control(situation: Situation) -> Iterable[Trigger]:
    """Lethal equipment without end-use control: no diversion risk recorded and no control in place, or a diversion
    risk left uncontrolled.

    Corruption feeds "waste, diversion and misuse of provided equipment, particularly lethal
    equipment". Leaving the diversion risk out of the register does not make it go away.
    """
    dossier = situation.dossier
    if "equipment_lethal" not in dossier.context.support_types:
        return
    controls = [m for m in dossier.mitigations if m.type == "end_use_control" and m.in_place]
    diversion = [r for r in dossier.risks if r.category == "corruption_diversion"]
    if not diversion and not controls:
        yield Trigger(_CONTEXT, "lethal equipment, no diversion risk recorded and no end-use control in place")
    controlled = {risk_id for m in controls for risk_id in m.risks}
    for risk in diversion:
        level = situation.residual(risk).level
        if risk.open and level != "low" and risk.id not in controlled:
            yield Trigger(
                (risk.ref,), f"lethal equipment and diversion risk {risk.id} ({level}) without end-use control"
            )


@rule("P4", floor="adapt", citation="SEED §3")
def surveillance_without_data_protection(situation: Situation) -> Iterable[Trigger]:
    """Surveillance or data systems are supported and no data-protection safeguard is implemented.

    Support should include "adequate provisions and safeguards for data protection (e.g. in
    relation to surveillance systems)".
    """
    dossier = situation.dossier
    if "surveillance_or_data_systems" in dossier.context.support_types and not any(
        m.type == "data_protection_safeguard" and m.in_place for m in dossier.mitigations
    ):
        yield Trigger(
            _CONTEXT, "surveillance or data systems supported without an implemented data-protection safeguard"
        )


@rule("P5", floor="proceed_with_mitigations", citation="SEED §5")
def no_seah_policy(situation: Situation) -> Iterable[Trigger]:
    """No policy on sexual exploitation, abuse and harassment is in place (safeguards.seah_policy).

    "Robust policies and mechanisms … to prevent and respond to SEAH" should apply to all personnel.
    """
    if not situation.dossier.context.seah_policy:
        yield Trigger(_CONTEXT, "no SEAH policy in place")


@rule("P6", floor=None, citation="SEED §2")
def private_security_without_risk(situation: Situation) -> Iterable[Trigger]:
    """A private security company works with the recipient, and no risk covers private security companies.

    A warning: the assessment should "take into consideration the roles that private security
    companies may play".
    """
    dossier = situation.dossier
    partners = [p.name for p in dossier.context.partners if p.type == "private_security_company"]
    if partners and not any(r.category == "private_security_companies" for r in dossier.risks):
        yield Trigger(_CONTEXT, "a private security company partners the recipient and no risk covers it", None)


@rule("P7", floor="proceed_with_mitigations", citation="SEED §3")
def no_accountability(situation: Situation) -> Iterable[Trigger]:
    """No accountability mechanism works (all absent, ineffective or none listed) and none is supported.

    Support should "build and strengthen national accountability mechanisms".
    """
    dossier = situation.dossier
    working = [m for m in dossier.context.mechanisms if m.working]
    if not working and not any(m.type == "accountability_support" for m in dossier.mitigations):
        yield Trigger(_CONTEXT, "no working accountability mechanism and no accountability support")
