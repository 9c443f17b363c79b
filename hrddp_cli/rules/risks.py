"""Risk rules: residual levels (R1–R3), materialisation (E1) and assessor overrides (OVR)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.model import Risk
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation, materialising


def _residual(situation: Situation, risk: Risk) -> str:
    residual = situation.residual(risk)
    return f"residual {residual.level} ({residual})"


@rule("E1", floor=None, fixed="it changes scores, not floors", citation="SEED §2 (risk assessments updated regularly)")
def risk_materialised(situation: Situation) -> Iterable[Trigger]:
    """A risk materialised: a credible or verified linked incident was reported after the risk's last review.

    Its residual likelihood is raised to at least 4 until the risk is reviewed again. E1 sets no
    floor itself; it changes the residual that R1–R3 read.
    """
    for risk in situation.dossier.risks:
        incidents = materialising(risk, situation.incidents)
        if incidents:
            yield Trigger(
                (risk.ref, *(i.ref for i in incidents)),
                f"risk {risk.id} materialised ({', '.join(i.id for i in incidents)}): residual likelihood at least 4",
                None,
            )


@rule("R1", floor="suspend", citation="SEED §5")
def critical_grave_risk(situation: Situation) -> Iterable[Trigger]:
    """An open grave-violation risk is still critical after mitigation.

    A risk that "cannot be mitigated" is a reason to suspend (SEED §5).
    """
    for risk in situation.open_risks():
        if risk.grave_violation and situation.residual(risk).level == "critical":
            yield Trigger((risk.ref,), f"{_residual(situation, risk)}, grave violation")


@rule("R2", floor="adapt", citation="SEED §5")
def high_residual_risk(situation: Situation) -> Iterable[Trigger]:
    """An open risk is high after mitigation, or critical without a grave violation.

    The engagement must be adapted until the risk comes down.
    """
    for risk in situation.open_risks():
        level = situation.residual(risk).level
        if level == "high" or (level == "critical" and not risk.grave_violation):
            yield Trigger((risk.ref,), _residual(situation, risk))


@rule("R3", floor="proceed_with_mitigations", citation="SEED §1")
def medium_residual_risk(situation: Situation) -> Iterable[Trigger]:
    """An open risk is medium after mitigation.

    Support may proceed, with the mitigations in place and watched.
    """
    for risk in situation.open_risks():
        if situation.residual(risk).level == "medium":
            yield Trigger((risk.ref,), _residual(situation, risk))


@rule("OVR", floor=None, fixed="it only reports", citation="status-rules.md (Scores)")
def assessor_override(situation: Situation) -> Iterable[Trigger]:
    """An assessor set a risk's residual by hand (override, with its justification).

    Reported so that a reviewer sees every score that is a judgment rather than a computation.
    """
    for risk in situation.dossier.risks:
        if risk.override is not None:
            yield Trigger(
                (risk.ref,),
                f"risk {risk.id}: residual set by the assessor to {risk.override.likelihood}×{risk.override.impact}",
                None,
            )
