"""Consultation rules: the people at risk are heard, and what they say changes something (SEED §2, §4, §5)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.methodology import PRE_ENGAGEMENT_PHASES
from hrddp_cli.model import Ref
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation, shift


@rule("C1", floor="proceed_with_mitigations", citation="SEED §2, §4")
def group_not_heard(situation: Situation) -> Iterable[Trigger]:
    """A group named in an open risk is represented in no recent consultation.

    "Recent" is after the assessment date minus one review interval. Assessments must include
    "diverse women, children and elderly, minorities, refugees…": the people a risk names are
    the people to ask. The group "other" is not counted.
    """
    assessed = situation.dossier.context.assessment_date
    if assessed is None:
        return
    since = shift(assessed, -situation.review_interval())
    heard = {
        group
        for consultation in situation.dossier.consultations
        if consultation.date is not None and since < consultation.date <= situation.as_of
        for participant in consultation.participants
        for group in participant.groups_represented
    }
    named: dict[str, list[str]] = {}
    for risk in situation.open_risks():
        for group in risk.affected_groups:
            if group != "other" and group not in heard:
                named.setdefault(group, []).append(risk.id)
    for group, risks in sorted(named.items()):
        yield Trigger(
            tuple(Ref("risks.yaml", r) for r in risks),
            f"{group.replace('_', ' ')} (named in {', '.join(risks)}) "
            f"heard in no consultation since {since.isoformat()}",
        )


@rule("C2", floor="proceed_with_mitigations", citation="SEED §2")
def no_consultation_before_deciding(situation: Situation) -> Iterable[Trigger]:
    """Before engaging, no consultation asked about risks or whether to engage at all.

    Civil society should help decide "whether to provide security sector support in the first
    place"; fires in the phases pre_engagement, design and decision.
    """
    if situation.dossier.context.phase not in PRE_ENGAGEMENT_PHASES:
        return
    asked = [
        c
        for c in situation.dossier.consultations
        if c.date is not None and c.date <= situation.as_of and {"go_no_go", "risk_identification"} & set(c.purpose)
    ]
    if not asked:
        yield Trigger((Ref("context.yaml", None),), "no consultation on risks or on whether to engage")


@rule("C3", floor="adapt", citation="SEED §5")
def harm_signal_unanswered(situation: Situation) -> Iterable[Trigger]:
    """Participants said the engagement does harm, and the consultation's impact names no risk and no mitigation.

    Feedback "that the engagements are doing harm" must lead somewhere visible.
    """
    for consultation in situation.dossier.consultations:
        if consultation.date is not None and consultation.date > situation.as_of:
            continue
        if consultation.harm_signal and not consultation.impact_risks and not consultation.impact_mitigations:
            yield Trigger(
                (consultation.ref,),
                f"consultation {consultation.id} reported harm and its impact names no risk or mitigation",
            )
