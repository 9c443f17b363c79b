"""Completeness warnings: what a reviewer would ask about before approving the dossier."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.scoring import Situation


@check("HRD301", "warning", citation="SEED §5; status-rules.md")
def unmitigated_high_risk(situation: Situation) -> Iterable[Hit]:
    """An open risk of inherent level high or above has no mitigation addressing it.

    A high risk with no measure against it is either accepted, which a decision maker must
    see, or forgotten.
    """
    dossier = situation.dossier
    addressed = {risk_id for mitigation in dossier.mitigations for risk_id in mitigation.risks}
    for risk in dossier.risks:
        score = risk.likelihood * risk.impact
        if risk.open and situation.methodology.level(score) in ("high", "critical") and risk.id not in addressed:
            yield Hit(
                risk.where.at("id"),
                f"risk {risk.id} is of inherent level high or above and no mitigation addresses it",
                f"scores {risk.likelihood}×{risk.impact}={score}",
            )


@check("HRD302", "warning", citation="SEED §4")
def impact_without_example(situation: Situation) -> Iterable[Hit]:
    """A consultation records an impact but gives no concrete example.

    Reporting should show what consultations changed "with concrete examples" (SEED §4).
    """
    dossier = situation.dossier
    for consultation in dossier.consultations:
        if consultation.has_impact and not consultation.impact_example:
            yield Hit(consultation.where.at("impact"), f"consultation {consultation.id}: impact has no example")


@check("HRD303", "warning", citation="SEED §5")
def credible_incident_without_response(situation: Situation) -> Iterable[Hit]:
    """A credible or verified incident has no EU response recorded.

    The EU should have "robust frameworks for follow-up after incidents" and communicate how it
    responds (SEED §5): record what was done, even if it was a decision to wait.
    """
    dossier = situation.dossier
    for incident in dossier.incidents:
        if incident.credible and not incident.eu_response:
            yield Hit(
                incident.where.at("verification"),
                f"incident {incident.id} is {incident.verification} but has no eu_response",
            )


@check("HRD304", "warning", citation="SEED §3, §5")
def effective_without_verification(situation: Situation) -> Iterable[Hit]:
    """A mitigation is marked verified_effective without a verification block.

    Effectiveness is a claim about evidence: say how, when and by whom it was verified.
    """
    dossier = situation.dossier
    for mitigation in dossier.mitigations:
        if mitigation.status == "verified_effective" and mitigation.verification is None:
            yield Hit(
                mitigation.where.at("status"),
                f"mitigation {mitigation.id} is verified_effective but has no verification",
            )


@check("HRD305", "warning", citation="SEED §2, §4 (do no harm)")
def consultation_without_safeguards(situation: Situation) -> Iterable[Hit]:
    """A consultation does not record informed consent and an assessment of reprisal risk.

    People who speak to the EU about security forces may be put at risk by doing so; both
    safeguards should be recorded as true before anything they said is used.
    """
    dossier = situation.dossier
    for consultation in dossier.consultations:
        missing = [
            name
            for name, done in (
                ("informed_consent", consultation.informed_consent),
                ("reprisal_risk_assessed", consultation.reprisal_risk_assessed),
            )
            if not done
        ]
        if missing:
            yield Hit(
                consultation.where,
                f"consultation {consultation.id}: safeguards {' and '.join(missing)} not recorded as true",
            )
