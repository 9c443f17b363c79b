"""Review rules: the assessment is kept up to date (S1, S2; SEED §2 "updated regularly")."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.model import Ref
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation, shift

_G_RULES = ("G1", "G1r", "G3", "G4")


@rule("S1", floor="proceed_with_mitigations", citation="SEED §2")
def review_overdue(situation: Situation) -> Iterable[Trigger]:
    """The as-of date is past the next review (assessment.next_review, or assessment.date plus the interval).

    Risk assessments "should be updated regularly"; an outdated one is re-assessed first.
    """
    due = situation.next_review()
    if due is not None and situation.as_of > due:
        yield Trigger(
            (Ref("context.yaml", None),),
            f"review overdue since {due.isoformat()}",
            action=f"Re-assess: review overdue since {due.isoformat()}",
        )


@rule("S2", floor="adapt", citation="SEED §2, §5")
def review_long_overdue_or_overtaken(situation: Situation) -> Iterable[Trigger]:
    """The review is overdue by more than a whole interval, or a G-rule incident was reported after the assessment.

    The assessment no longer describes the engagement: the support is adapted until it does.
    """
    due = situation.next_review()
    interval = situation.review_interval()
    if due is not None and situation.as_of > shift(due, interval):
        yield Trigger(
            (Ref("context.yaml", None),),
            f"review overdue by more than {interval} days (since {due.isoformat()})",
        )
    assessed = situation.dossier.context.assessment_date
    if assessed is None:
        return
    g_incidents = situation.fired_on(_G_RULES, "incidents.yaml")
    later = [i for i in situation.incidents if i.id in g_incidents and i.reported and i.reported > assessed]
    if later:
        yield Trigger(
            (Ref("context.yaml", None), *(i.ref for i in later)),
            f"{', '.join(i.id for i in later)} reported after the assessment of {assessed.isoformat()}",
        )
