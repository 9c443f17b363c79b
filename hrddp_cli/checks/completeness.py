"""Completeness warnings: what a reviewer would ask about before approving the dossier."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.findings import RECORD
from hrddp_cli.methodology import phase_at_least
from hrddp_cli.model import Where
from hrddp_cli.scoring import Situation


@check("HRD301", "warning", citation="SEED §5; status.md")
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
                f"{RECORD} is of inherent level high or above and no mitigation addresses it",
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
            yield Hit(consultation.where.at("impact"), f"{RECORD}: impact has no example")


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
                f"{RECORD} is {incident.verification} but has no eu_response",
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
                f"{RECORD} is verified_effective but has no verification",
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
                f"{RECORD}: safeguards {' and '.join(missing)} not recorded as true",
            )


@check("HRD306", "warning", citation="UN HRDDP (monitoring); format.md: context.yaml")
def monitoring_access_not_stated(situation: Situation) -> Iterable[Hit]:
    """From phase implementation on, recipient.monitoring_access is not stated.

    Whether EU staff and monitors can reach the supported units decides whether the support can
    be shown to do no harm; status reads a missing value as restricted (rule A2).
    """
    context = situation.dossier.context
    if context.monitoring_access is None and phase_at_least(context.phase, "implementation"):
        yield Hit(
            Where("context", ("recipient",)),
            "recipient.monitoring_access is not stated (full, restricted or refused); status reads it as restricted",
        )


@check("HRD307", "warning", citation="SEED §4 (protect civil society)")
def reprisal_not_stated(situation: Situation) -> Iterable[Hit]:
    """An incident's victims include human rights defenders or journalists, and reprisal is not stated.

    Such an incident may be a reprisal against the people who spoke up (rule G5): say whether it
    is, true or false.
    """
    for incident in situation.dossier.incidents:
        groups = [g for g in incident.victim_groups if g in ("human_rights_defenders", "journalists")]
        if groups and incident.reprisal is None:
            yield Hit(
                incident.where.at("victims", "groups"),
                f"{RECORD}: victims include {groups[0].replace('_', ' ')}; state reprisal: true or false",
            )


@check("HRD308", "warning", citation="SEED §2, §4")
def empty_register(situation: Situation) -> Iterable[Hit]:
    """From phase implementation on, the dossier records no risk, or no consultation.

    An empty register must not look clean: an engagement under way has risks to assess and
    people to hear.
    """
    dossier = situation.dossier
    if not phase_at_least(dossier.context.phase, "implementation"):
        return
    for kind, records in (("risks", dossier.risks), ("consultations", dossier.consultations)):
        if not records:
            yield Hit(
                Where(kind, (kind,)),
                f"phase {dossier.context.phase} and no {kind[:-1]} recorded: an empty register is not a clean one",
            )


@check("HRD309", "warning", citation="SEED §2 (assessments updated regularly)")
def assessment_in_the_future(situation: Situation) -> Iterable[Hit]:
    """The assessment is dated after the as-of date (today, or validate --as-of).

    A future assessment date (often a mistyped year) silences the review rules S1 and S2.
    """
    assessed = situation.dossier.context.assessment_date
    if assessed is not None and assessed > situation.as_of:
        yield Hit(
            Where("context", ("assessment", "date")),
            f"assessment.date is after {situation.as_of.isoformat()}; check the year",
            f"got {assessed.isoformat()}",
        )


@check("HRD310", "warning", citation="format.md: Consistency that the content checks enforce")
def killing_filed_as_not_grave(situation: Situation) -> Iterable[Hit]:
    """A killing is filed with grave_violation.category none.

    A lawful use of lethal force can be "none"; say why in the description, so that a reviewer
    can check it.
    """
    for incident in situation.dossier.incidents:
        if "killing" in incident.violation_types and incident.grave_category == "none":
            yield Hit(
                incident.where.at("grave_violation", "category"),
                f"{RECORD}: a killing with category none; say why in the description",
            )
