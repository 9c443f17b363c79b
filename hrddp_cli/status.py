"""Scores and the recommendation of a dossier: a pure function of (dossier, methodology, as-of).

No files, no clock, no git: the same inputs give the same :class:`DossierStatus`, so that
``history`` can call it once per commit and tests can call it directly. What an audience may not
see is withheld here, before any renderer sees it (status-rules.md; cli.md "--audience").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from hrddp_cli import markings
from hrddp_cli.methodology import (
    DO_NOT_ENGAGE,
    INSUFFICIENT,
    LADDER,
    PRE_ENGAGEMENT_PHASES,
    Methodology,
    rank,
)
from hrddp_cli.model import Dossier, Incident, Risk
from hrddp_cli.rules import Record, Trigger, all_rules

CREDITED = ("implemented", "verified_effective")
_KINDS = {
    "context.yaml": "the context",
    "risks.yaml": "a risk",
    "mitigations.yaml": "a mitigation",
    "consultations.yaml": "a consultation",
    "incidents.yaml": "an incident",
}


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


class Scored(NamedTuple):
    """How a risk was scored: inherent, residual, and what made the difference."""

    inherent: Score
    residual: Score
    materialised: bool  # E1 raised the likelihood
    credited: tuple[str, ...]  # mitigations whose credit was applied
    floored: bool  # the grave-violation floor held the impact up


class RiskStatus(NamedTuple):
    """A risk scored inherent → residual; ``withheld`` when the audience may not see it."""

    id: str
    title: str | None
    status: str | None
    materialised: bool | None
    inherent: Score | None
    residual: Score | None
    credited: tuple[str, ...]  # mitigations that lowered the residual
    overridden: bool
    withheld: bool
    floored: bool = False


class Fired(NamedTuple):
    """A rule that fired, explained: its floor and scope, the records behind it, and why."""

    code: str
    floor: str | None
    scope: str | None
    records: tuple[Record, ...]
    message: str
    decisive: bool
    action: str | None


@dataclass(slots=True)
class DossierStatus:
    id: str
    path: str
    recommendation: str
    by_scope: dict[str, str]
    risks: list[RiskStatus]
    rules: list[Fired]
    actions: list[str]
    errors: int = 0  # validation errors (V0)
    withheld: int = 0  # risks whose content the audience may not see
    later: list[Record] = field(default_factory=list)  # records dated after the as-of date, ignored

    @property
    def rank(self) -> int:
        return rank(self.recommendation)

    @property
    def decisive(self) -> list[str]:
        """The codes of the decisive rules, in the order they fired."""
        return list(dict.fromkeys(f.code for f in self.rules if f.decisive))


@dataclass(slots=True)
class Situation:
    """What every rule reads: the dossier as of a date, its scores, and what fired before."""

    dossier: Dossier
    methodology: Methodology
    as_of: dt.date
    scores: dict[str, Scored]
    incidents: list[Incident]  # those known at the as-of date (counted from their ``reported`` date)
    fired: list[tuple[str, Trigger]] = field(default_factory=list)

    def open_risks(self) -> list[Risk]:
        return [r for r in self.dossier.risks if r.status != "closed"]

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


def score_risks(dossier: Dossier, methodology: Methodology, as_of: dt.date) -> dict[str, Scored]:
    """Inherent and residual score of every risk, whether it materialised, and the credited mitigations.

    The residual, in order (status-rules.md, "Precise points"): mitigation credit, floors,
    an override replacing both values, then E1 raising the likelihood to at least 4.
    """
    level = methodology.level
    credit: dict[str, list[tuple[str, str, int]]] = {}
    for mitigation in dossier.mitigations:
        if mitigation.status in CREDITED:
            for address in mitigation.addresses:
                credit.setdefault(address.risk, []).append((mitigation.id, address.reduces, address.by))
    known = known_incidents(dossier, as_of)
    scores = {}
    for risk in dossier.risks:
        likelihood, impact = risk.likelihood, risk.impact
        credited = []
        for mitigation_id, reduces, by in credit.get(risk.id, ()):
            credited.append(mitigation_id)
            if reduces in ("likelihood", "both"):
                likelihood -= by
            if reduces in ("impact", "both"):
                impact -= by
        likelihood = max(likelihood, 1)
        impact_floor = min(risk.impact, methodology.grave_impact_floor) if risk.grave_violation else 1
        floored = impact < impact_floor
        impact = max(impact, impact_floor)
        if risk.override is not None:
            likelihood, impact = risk.override.likelihood, risk.override.impact
            floored = False
        materialised = _materialised(risk, known)
        if materialised:
            likelihood = max(likelihood, 4)
        inherent = Score(
            risk.likelihood, risk.impact, risk.likelihood * risk.impact, level(risk.likelihood * risk.impact)
        )
        residual = Score(likelihood, impact, likelihood * impact, level(likelihood * impact))
        scores[risk.id] = Scored(inherent, residual, bool(materialised), tuple(credited), floored)
    return scores


def known_incidents(dossier: Dossier, as_of: dt.date) -> list[Incident]:
    """Incidents reported on or before ``as_of``: later records are ignored by every rule."""
    return [i for i in dossier.incidents if i.reported is not None and i.reported <= as_of]


def _materialised(risk: Risk, incidents: Iterable[Incident]) -> list[Incident]:
    """Credible or verified incidents linked to ``risk`` and reported after its last review (E1)."""
    return [
        incident
        for incident in incidents
        if risk.id in incident.linked_risks
        and incident.verification in ("credible", "verified")
        and incident.reported is not None
        and (risk.reviewed is None or incident.reported > risk.reviewed)
    ]


def materialising_incidents(situation: Situation, risk: Risk) -> list[Incident]:
    return _materialised(risk, situation.incidents)


def assess(
    dossier: Dossier, methodology: Methodology, as_of: dt.date, *, path: str = "", audience: str = "internal"
) -> DossierStatus:
    """Score ``dossier`` and recommend, as of ``as_of``, explained for ``audience``."""
    scored = score_risks(dossier, methodology, as_of)
    situation = Situation(dossier, methodology, as_of, scored, known_incidents(dossier, as_of))
    fired: list[tuple[str, Trigger, str | None]] = []
    for code, rule in all_rules().items():
        setting = methodology.setting(code)
        if code == "V0" or not setting.enabled:
            continue
        base = setting.floor or rule.floor
        for trigger in rule.evaluate(situation):
            situation.fired.append((code, trigger))
            # A trigger's own floor (M1 on a grave-violation risk) is a minimum over the setting.
            floor = max(base, trigger.floor, key=rank) if base and trigger.floor else (trigger.floor or base)
            if floor is not None and trigger.scope is None:
                trigger = trigger._replace(scope="engagement")  # a floorless rule given a floor in hrddp.yaml
            fired.append((code, trigger, floor))
    return _decide(dossier, path, fired, scored, situation, audience)


def insufficient(dossier_id: str, path: str, error_files: list[str], errors: int) -> DossierStatus:
    """The status of a dossier with validation errors: rule V0, no scores."""
    records = tuple(Record(file, None) for file in error_files)
    noun, pronoun = ("error", "it") if errors == 1 else ("errors", "them")
    fired = Fired(
        "V0",
        INSUFFICIENT,
        "engagement",
        records,
        f"{errors} validation {noun}: run hrddp validate and fix {pronoun} before scoring",
        True,
        None,
    )
    return DossierStatus(
        dossier_id, path, INSUFFICIENT, {"engagement": INSUFFICIENT}, [], [fired], ["Fix the validation errors"], errors
    )


def _decide(
    dossier: Dossier,
    path: str,
    fired: list[tuple[str, Trigger, str | None]],
    scored: dict[str, Scored],
    situation: Situation,
    audience: str,
) -> DossierStatus:
    floors = [floor for _, _, floor in fired if floor is not None]
    top = max(floors, key=rank) if floors else LADDER[0]
    top_rank = rank(top)
    reading = _reading(dossier)
    by_scope: dict[str, str] = {"engagement": LADDER[0]}
    for _, trigger, floor in fired:
        if floor is None or trigger.scope is None:
            continue
        scope = trigger.scope
        current = by_scope.get(scope)
        if current is None or rank(floor) > rank(current):
            by_scope[scope] = floor
    context_marking = markings.marking_of(dossier.context.marking, markings.DEFAULT_MARKING)
    marked = record_markings(dossier, context_marking)
    explained = []
    actions = []
    for code, trigger, floor in fired:
        hidden = _withheld_records(trigger.records, marked, context_marking, audience)
        shown = not hidden
        message = trigger.message if shown else _withheld(hidden)
        decisive = floor is not None and rank(floor) == top_rank
        explained.append(
            Fired(
                code,
                floor,
                trigger.scope if floor is not None else None,
                trigger.records,
                message,
                decisive,
                trigger.action,
            )
        )
        if trigger.action and shown:
            actions.append(trigger.action)
        elif trigger.action:
            actions.append(f"{code}: an action on {_withheld(hidden)}")
    risks = []
    withheld = 0
    for risk in dossier.risks:
        inherent, residual, materialised, credited, floored = scored[risk.id]
        if markings.rank(marked["risks.yaml", risk.id]) > markings.rank(audience):
            withheld += 1
            risks.append(RiskStatus(risk.id, None, None, None, None, None, (), False, True))
        else:
            risks.append(
                RiskStatus(
                    risk.id,
                    risk.title,
                    risk.status,
                    materialised,
                    inherent,
                    residual,
                    credited,
                    risk.override is not None,
                    False,
                    floored,
                )
            )
    return DossierStatus(
        id=dossier.id,
        path=path,
        recommendation=reading(top),
        by_scope={scope: reading(outcome) for scope, outcome in sorted(by_scope.items(), key=_scope_order)},
        risks=risks,
        rules=explained,
        actions=list(dict.fromkeys(actions)),
        withheld=withheld,
        later=_dated_after(dossier, situation.as_of),
    )


def _dated_after(dossier: Dossier, as_of: dt.date) -> list[Record]:
    """Records that every rule ignores because they are dated after the as-of date (ids only)."""
    later = [Record("incidents.yaml", i.id) for i in dossier.incidents if i.reported is not None and i.reported > as_of]
    later += [
        Record("consultations.yaml", c.id) for c in dossier.consultations if c.date is not None and c.date > as_of
    ]
    return later


def _scope_order(item: tuple[str, str]) -> tuple[int, str]:
    return (item[0] != "engagement", item[0])


def _reading(dossier: Dossier) -> Callable[[str], str]:
    """Before engaging, suspend and terminate read do_not_engage."""
    before = dossier.context.phase in PRE_ENGAGEMENT_PHASES

    def read(outcome: str) -> str:
        if before and outcome in ("suspend", "terminate"):
            return DO_NOT_ENGAGE
        return outcome

    return read


def _withheld_records(
    records: tuple[Record, ...], marked: dict[tuple[str, str], str], context_marking: str, audience: str
) -> tuple[Record, ...]:
    """The records among ``records`` that ``audience`` may not see (an unknown record counts as withheld)."""
    limit = markings.rank(audience)

    def marking(record: Record) -> str:
        if record.id is None:
            return context_marking
        return marked.get((record.file, record.id), markings.HIGHEST)

    return tuple(r for r in records if markings.rank(marking(r)) > limit)


def record_markings(dossier: Dossier, context_marking: str) -> dict[tuple[str, str], str]:
    """The effective marking of every record, by (file, id) (dossier-format.md, "Markings")."""
    incident_default = max(context_marking, "confidential", key=markings.rank)
    found: dict[tuple[str, str], str] = {}
    for risk in dossier.risks:
        found["risks.yaml", risk.id] = markings.marking_of(risk.marking, context_marking)
    for mitigation in dossier.mitigations:
        found["mitigations.yaml", mitigation.id] = markings.marking_of(mitigation.marking, context_marking)
    for consultation in dossier.consultations:
        found["consultations.yaml", consultation.id] = markings.marking_of(consultation.marking, context_marking)
    for incident in dossier.incidents:
        found["incidents.yaml", incident.id] = markings.marking_of(incident.marking, incident_default)
    return found


def _withheld(records: tuple[Record, ...]) -> str:
    kinds = sorted({_KINDS.get(r.file, "a record") for r in records})
    return f"{' and '.join(kinds) or 'a record'} (withheld at this audience)"


@dataclass(slots=True)
class StatusReport:
    """The status of every dossier of a run, worst first (ties by path)."""

    as_of: dt.date
    methodology: Methodology
    audience: str
    dossiers: list[DossierStatus]


def order_worst_first(statuses: list[DossierStatus]) -> list[DossierStatus]:
    return sorted(statuses, key=lambda s: (-s.rank, s.path))
