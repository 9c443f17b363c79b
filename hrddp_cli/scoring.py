"""Scores of risks, inherent → residual, and the :class:`Situation` that rules and checks read.

Pure: (dossier, methodology, as-of) in, values out; no files, no clock. The status rules sit
above this module and read it; :mod:`hrddp_cli.status` sits above the rules and turns what they
fire into a recommendation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from hrddp_cli.methodology import Methodology
from hrddp_cli.model import Dossier, Incident, Ref, Risk


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the ends of the calendar (a next review of 9999-12-31 is valid)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


class Score(NamedTuple):
    likelihood: int
    impact: int
    score: int
    level: str

    def __str__(self) -> str:
        return f"{self.likelihood}×{self.impact}={self.score}"


class Trigger(NamedTuple):
    """One firing of a status rule. ``scope`` is ``engagement`` or ``unit:U-…`` (None for rules without a floor).

    ``floor`` overrides the rule's own floor for this firing (M1 on a grave-violation risk).
    ``action`` is something to do, listed beside the recommendation.
    """

    records: tuple[Ref, ...]
    message: str
    scope: str | None = "engagement"
    floor: str | None = None
    action: str | None = None


class Scored(NamedTuple):
    """How a risk was scored: inherent, residual, and what made the difference."""

    inherent: Score
    residual: Score
    materialised: bool  # E1 raised the likelihood
    credited: tuple[str, ...]  # mitigations whose credit was applied
    floored: bool  # the grave-violation floor held the impact up


class Situation:
    """What every rule and check reads: the dossier as of a date under a methodology.

    Scores are computed on first use (checks rarely need them); ``fired`` collects what the
    rules fired so far, so that a rule may read an earlier one (S2 reads the G-rules).
    """

    __slots__ = ("_scores", "as_of", "dossier", "fired", "incidents", "methodology")

    def __init__(self, dossier: Dossier, methodology: Methodology, as_of: dt.date) -> None:
        self.dossier = dossier
        self.methodology = methodology
        self.as_of = as_of
        self.incidents = known_incidents(dossier, as_of)
        self.fired: list[tuple[str, Trigger]] = []
        self._scores: dict[str, Scored] | None = None

    @property
    def scores(self) -> dict[str, Scored]:
        if self._scores is None:
            self._scores = score_risks(self.dossier, self.methodology, self.as_of)
        return self._scores

    def open_risks(self) -> list[Risk]:
        return [r for r in self.dossier.risks if r.open]

    def residual(self, risk: Risk) -> Score:
        return self.scores[risk.id].residual

    def inherent(self, risk: Risk) -> Score:
        return self.scores[risk.id].inherent

    def review_interval(self) -> int:
        return self.dossier.context.review_interval_days or self.methodology.review_interval_days

    def next_review(self) -> dt.date | None:
        context = self.dossier.context
        if context.next_review is not None:
            return context.next_review
        if context.assessment_date is None:
            return None
        return shift(context.assessment_date, self.review_interval())

    def fired_on(self, codes: tuple[str, ...], file: str) -> set[str]:
        """Ids of the ``file`` records behind the rules ``codes`` fired so far."""
        return {r.id for code, t in self.fired if code in codes for r in t.records if r.file == file and r.id}


def score_risks(dossier: Dossier, methodology: Methodology, as_of: dt.date) -> dict[str, Scored]:
    """Inherent and residual score of every risk, whether it materialised, and the credited mitigations.

    The residual, in order: mitigation credit, floors, an override replacing both values, then
    E1 raising the likelihood to at least 4.
    """
    level = methodology.level
    credit: dict[str, list[tuple[str, Any]]] = {}
    for mitigation in dossier.mitigations:
        if mitigation.in_place:
            for address in mitigation.addresses:
                credit.setdefault(address.risk, []).append((mitigation.id, address))
    known = known_incidents(dossier, as_of)
    scores = {}
    for risk in dossier.risks:
        likelihood, impact = risk.likelihood, risk.impact
        credited = []
        for mitigation_id, address in credit.get(risk.id, ()):
            credited.append(mitigation_id)
            if address.reduces_dimension("likelihood"):
                likelihood -= address.by
            if address.reduces_dimension("impact"):
                impact -= address.by
        likelihood = max(likelihood, 1)
        impact_floor = min(risk.impact, methodology.grave_impact_floor) if risk.grave_violation else 1
        floored = impact < impact_floor
        impact = max(impact, impact_floor)
        if risk.override is not None:
            likelihood, impact = risk.override.likelihood, risk.override.impact
            floored = False
        materialised = bool(materialising(risk, known))
        if materialised:
            likelihood = max(likelihood, 4)
        inherent = Score(
            risk.likelihood, risk.impact, risk.likelihood * risk.impact, level(risk.likelihood * risk.impact)
        )
        residual = Score(likelihood, impact, likelihood * impact, level(likelihood * impact))
        scores[risk.id] = Scored(inherent, residual, materialised, tuple(credited), floored)
    return scores


def known_incidents(dossier: Dossier, as_of: dt.date) -> list[Incident]:
    """Incidents reported on or before ``as_of``: later records are ignored by every rule."""
    return [i for i in dossier.incidents if i.reported is not None and i.reported <= as_of]


def materialising(risk: Risk, incidents: list[Incident]) -> list[Incident]:
    """Credible or verified incidents linked to ``risk`` and reported after its last review (E1)."""
    return [
        incident
        for incident in incidents
        if risk.id in incident.linked_risks
        and incident.credible
        and incident.reported is not None
        and (risk.reviewed is None or incident.reported > risk.reviewed)
    ]


def dated_after(dossier: Dossier, as_of: dt.date) -> list[Ref]:
    """Records that every rule ignores because they are dated after the as-of date."""
    later = [i.ref for i in dossier.incidents if i.reported is not None and i.reported > as_of]
    later += [c.ref for c in dossier.consultations if c.date is not None and c.date > as_of]
    return later
