"""Review rules: the assessment is kept up to date (S1, S2) and its decision taken on time (S3)."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.model import CONTEXT_REF
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation, shift

_OVERTAKING = ("G1", "G1r", "G3o", "G4", "G5", "G6")  # incidents that overtake an assessment


@rule("S1", floor="proceed_with_mitigations", citation="SEED §2")
def review_overdue(situation: Situation) -> Iterable[Trigger]:
    """The as-of date is past the next review (assessment.next_review, or the assessment date plus the interval).

    Risk assessments "should be updated regularly"; an outdated one is re-assessed first.
    """
    due = situation.next_review()
    if due is not None and situation.as_of > due:
        yield Trigger(
            (CONTEXT_REF,),
            f"review overdue since {due.isoformat()}",
            action=f"Re-assess: review overdue since {due.isoformat()}",
        )


@rule("S2", floor="adapt", citation="SEED §2, §5")
def review_overtaken(situation: Situation) -> Iterable[Trigger]:
    """The review is overdue by more than one whole interval, or a grave incident was reported since the assessment.

    The assessment no longer describes the engagement: the support is adapted until it does. An
    allegation alone (G3) since the assessment asks for proceed_with_mitigations.
    """
    due = situation.next_review()
    interval = situation.review_interval()
    if due is not None and situation.as_of > shift(due, interval):
        yield Trigger((CONTEXT_REF,), f"review overdue by more than {interval} days (since {due.isoformat()})")
    assessed = situation.dossier.context.assessment_date
    if assessed is None:
        return
    strong = situation.fired_on(_OVERTAKING, "incidents.yaml", floored=True)
    allegations = situation.fired_on(("G3",), "incidents.yaml", floored=True)
    later = [i for i in situation.incidents if i.id in strong | allegations and i.reported and i.reported > assessed]
    if later:
        ids = ", ".join(i.id for i in later)
        alone = not any(i.id in strong for i in later)
        yield Trigger(
            (CONTEXT_REF, *(i.ref for i in later)),
            f"{ids} reported after the assessment of {assessed.isoformat()}"
            + (" (allegations only, not yet verified)" if alone else ""),
            floor="proceed_with_mitigations" if alone else None,
            action=f"Re-assess the dossier with {ids}",
        )


@rule("S3", floor=None, citation="SEED §5 (clear mechanisms for deciding)")
def decision_overdue(situation: Situation) -> Iterable[Trigger]:
    """The decision's deadline has passed and no decision is recorded since the assessment: take the decision.

    A dossier that asks for a decision by a date must show that it was taken.
    """
    context = situation.dossier.context
    deadline = context.decision_deadline
    if deadline is None or situation.as_of <= deadline:
        return
    assessed = context.assessment_date
    taken = [
        d for d in context.decisions if d.date and d.date <= situation.as_of and (assessed is None or d.date > assessed)
    ]
    if not taken:
        yield Trigger(
            (CONTEXT_REF,),
            f"the decision was due on {deadline.isoformat()} and none is recorded since the assessment",
            None,
            action=f"Take the decision that was due on {deadline.isoformat()}, and record it",
        )
