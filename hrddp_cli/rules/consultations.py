"""Consultation rules: the people at risk are heard, and what they say changes something (SEED §2, §4, §5)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.methodology import before_engaging
from hrddp_cli.model import CONTEXT_REF
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.rules._words import words
from hrddp_cli.scoring import Situation, shift

_SPEAK_FOR_NO_GROUP = ("recipient_security_force", "government")


@rule("C1", floor="proceed_with_mitigations", citation="SEED §2, §4")
def groups_not_heard(situation: Situation) -> Iterable[Trigger]:
    """Groups named in open risks are represented in no recent consultation (one entry for all of them).

    "Recent" is after the assessment date minus one review interval. Assessments must include
    "diverse women, children and elderly, minorities, refugees…": the people a risk names are the
    people to ask. The security forces and the government speak for no group; "other" is not counted.
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
        if participant.type not in _SPEAK_FOR_NO_GROUP
        for group in participant.groups_represented
    }
    named: dict[str, list[str]] = {}
    for risk in situation.open_risks():
        for group in risk.affected_groups:
            if group != "other" and group not in heard:
                named.setdefault(group, []).append(risk.id)
    if named:
        risks = list(dict.fromkeys(r for ids in named.values() for r in ids))
        groups = ", ".join(words(g) for g in sorted(named))
        when = f"since {since.isoformat()}" if since <= situation.as_of else "yet"
        yield Trigger(
            tuple(r.ref for r in situation.dossier.risks if r.id in risks),
            f"{groups} (named in {', '.join(risks)}) heard in no consultation {when}",
        )


@rule("C2", floor="proceed_with_mitigations", citation="SEED §2")
def no_consultation_before_deciding(situation: Situation) -> Iterable[Trigger]:
    """Before engaging, no consultation asked about risks or whether to engage at all.

    Civil society should help decide "whether to provide security sector support in the first
    place"; fires in the phases pre_engagement, design and decision.
    """
    if not before_engaging(situation.dossier.context.phase):
        return
    asked = [
        c
        for c in situation.dossier.consultations
        if c.date is not None and c.date <= situation.as_of and {"go_no_go", "risk_identification"} & set(c.purpose)
    ]
    if not asked:
        yield Trigger((CONTEXT_REF,), "no consultation on risks or on whether to engage")


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
