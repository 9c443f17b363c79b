"""Policy rules: the safeguards and commitments an engagement needs from the start (SEED §1–§5)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.methodology import PHASES
from hrddp_cli.model import Ref
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation

_CONTEXT = (Ref("context.yaml", None),)


@rule("P1", floor="proceed_with_mitigations", citation="SEED §5")
def no_suspension_criteria(situation: Situation) -> Iterable[Trigger]:
    """No suspension criteria are set.

    There should be "clear guidelines and mechanisms for adapting, suspending or terminating".
    """
    if not situation.dossier.context.suspension_criteria:
        yield Trigger(_CONTEXT, "no suspension criteria")


@rule("P2", floor="proceed_with_mitigations", citation="SEED §3")
def policy_not_communicated(situation: Situation) -> Iterable[Trigger]:
    """From implementation on, the HRDDP has not been communicated to the recipient.

    The policy should be communicated "from the start of the … mandate".
    """
    context = situation.dossier.context
    if PHASES.index(context.phase) < PHASES.index("implementation"):
        return
    when = context.communicated_to_recipient
    if when is None or when > situation.as_of:
        yield Trigger(_CONTEXT, f"phase {context.phase} and the HRDDP not communicated to the recipient")


@rule("P3", floor="adapt", citation="SEED §1 fn2")
def lethal_equipment_without_end_use_control(situation: Situation) -> Iterable[Trigger]:
    """Lethal equipment, a diversion risk of residual medium or above, and no end-use control on it.

    Corruption feeds "waste, diversion and misuse of provided equipment, particularly lethal
    equipment"; an implemented end_use_control mitigation must address the diversion risk.
    """
    dossier = situation.dossier
    if "equipment_lethal" not in dossier.context.support_types:
        return
    controlled = {
        a.risk for m in dossier.mitigations if m.type == "end_use_control" and m.in_place for a in m.addresses
    }
    for risk in situation.open_risks():
        level = situation.residual(risk).level
        if risk.category == "corruption_diversion" and level != "low" and risk.id not in controlled:
            yield Trigger(
                (risk.ref,),
                f"lethal equipment and diversion risk {risk.id} ({level}) without end-use control",
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
    working = [m for m in dossier.context.mechanisms if m.effectiveness not in ("absent", "ineffective")]
    if not working and not any(m.type == "accountability_support" for m in dossier.mitigations):
        yield Trigger(_CONTEXT, "no working accountability mechanism and no accountability support")
