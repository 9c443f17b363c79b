"""Scores of risks, inherent → residual, and the :class:`Situation` that rules and checks read.

Pure: (dossier, methodology, as-of) in, values out; no files, no clock. The status rules sit
above this module and read it; :mod:`hrddp_cli.status` sits above the rules and turns what they
fire into a recommendation.

A residual is made in order: inherent → mitigation credit → floors → override → E1.
Credit follows evidence: a verified mitigation earns its ``by``, unverified ones earn 1 in
total, the sum is capped; a grave-violation risk takes verified credit on its likelihood only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from hrddp_cli.methodology import Methodology
from hrddp_cli.model import Dossier, Incident, Mitigation, Ref, Risk

ENGAGEMENT = "engagement"


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the ends of the calendar (a next review of 9999-12-31 is valid)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def unit_scope(unit_id: str) -> str:
    return f"unit:{unit_id}"


class Score(NamedTuple):
    likelihood: int
    impact: int
    score: int
    level: str

    def __str__(self) -> str:
        return f"{self.likelihood}×{self.impact}={self.score}"


def make_score(likelihood: int, impact: int, methodology: Methodology) -> Score:
    return Score(likelihood, impact, likelihood * impact, methodology.level(likelihood * impact))


class Trigger(NamedTuple):
    """One firing of a status rule: the records behind it, its scope, and why.

    ``scope`` is ``engagement``, ``unit:U-…``, or None (a rule that only reports, about no
    incident). ``floor`` is the floor of this firing for a rule that sets several; ``floored``
    False marks a firing that sets no floor and only reports (a cleared case, a late response).
    ``mentions`` are records the message names besides the triggering ones; ``plain`` is the
    message without them, used when the audience may not see one of them. ``action`` is
    something to do, listed beside the recommendation.
    """

    records: tuple[Ref, ...]
    message: str
    scope: str | None = ENGAGEMENT
    floor: str | None = None
    floored: bool = True
    action: str | None = None
    mentions: tuple[Ref, ...] = ()
    plain: str | None = None


class Firing(NamedTuple):
    """A trigger with the floor it sets once the methodology's settings are applied."""

    code: str
    trigger: Trigger
    floor: str | None


class Scored(NamedTuple):
    """How a risk was scored: inherent, computed, residual, and what made the difference."""

    inherent: Score
    computed: Score  # after credit and floors
    unraised: Score  # after the override (when applied), before E1
    residual: Score  # the raised value where E1 raises it
    raised_in: tuple[str, ...]  # the scopes where E1 raises the likelihood (empty: none)
    credited: tuple[str, ...]  # mitigations whose credit was applied
    ignored: tuple[str, ...]  # mitigations whose credit a grave-violation risk does not take
    override: str | None  # "applied", "limited" (a grave risk's override may not lower it) or "set_aside"
    set_aside_because: str | None
    materialising: tuple[Incident, ...]  # the incidents behind E1

    def in_scope(self, scope: str) -> Score:
        """The residual that R-rules read in ``scope``: raised only where E1 holds."""
        return self.residual if scope in self.raised_in else self.unraised


class Situation:
    """What every rule and check reads: the dossier as of a date under a methodology.

    Scores are computed on first use (checks rarely need them); ``fired`` collects what the
    rules fired so far, with the floors they set, so that a rule may read an earlier one (S2
    reads the G-rules, U1 the units' floors).
    """

    __slots__ = ("_open", "_scopes", "_scores", "as_of", "dossier", "fired", "incidents", "memo", "methodology")

    def __init__(self, dossier: Dossier, methodology: Methodology, as_of: dt.date) -> None:
        self.dossier = dossier
        self.methodology = methodology
        self.as_of = as_of
        self.incidents = known_incidents(dossier, as_of)
        self.fired: list[Firing] = []
        self.memo: dict[str, Any] = {}  # what several rules read, computed by the first that needs it
        self._scores: dict[str, Scored] | None = None
        self._open: list[Risk] | None = None
        self._scopes: dict[str, list[str]] = {}

    @property
    def scores(self) -> dict[str, Scored]:
        if self._scores is None:
            self._scores = score_risks(self.dossier, self.methodology, self.as_of)
        return self._scores

    def open_risks(self) -> list[Risk]:
        if self._open is None:
            self._open = [r for r in self.dossier.risks if r.open]
        return self._open

    def residual(self, risk: Risk) -> Score:
        return self.scores[risk.id].residual

    def inherent(self, risk: Risk) -> Score:
        return self.scores[risk.id].inherent

    def scopes_of(self, risk: Risk) -> list[str]:
        scopes = self._scopes.get(risk.id)
        if scopes is None:
            scopes = self._scopes[risk.id] = risk_scopes(risk, self.dossier)
        return scopes

    def relieved(self, incident: Incident) -> bool:
        return incident.relieved(self.as_of, self.methodology.relief_days)

    def review_interval(self) -> int:
        return self.dossier.context.review_interval_days or self.methodology.review_interval_days

    def next_review(self) -> dt.date | None:
        context = self.dossier.context
        if context.next_review is not None:
            return context.next_review
        if context.assessment_date is None:
            return None
        return shift(context.assessment_date, self.review_interval())

    def fired_on(self, codes: tuple[str, ...], file: str, floored: bool = False) -> set[str]:
        """Ids of the ``file`` records behind the rules ``codes`` fired so far (with a floor, if asked)."""
        return {
            r.id
            for f in self.fired
            if f.code in codes and (f.floor is not None or not floored)
            for r in f.trigger.records
            if r.file == file and r.id
        }

    def responses_by(self, incident: Incident) -> list[dt.date]:
        """The dates of the EU's responses to ``incident`` known at the as-of date, earliest first."""
        return sorted(r.date for r in incident.eu_response if r.date is not None and r.date <= self.as_of)


def risk_scopes(risk: Risk, dossier: Dossier) -> list[str]:
    """A risk naming some but not all of the recipient's units is scoped to each; otherwise to the engagement."""
    units = dossier.context.unit_ids
    named = [u for u in dict.fromkeys(risk.units) if u in units]
    if named and len(set(named)) < len(units):
        return [unit_scope(u) for u in named]
    return [ENGAGEMENT]


def score_risks(dossier: Dossier, methodology: Methodology, as_of: dt.date) -> dict[str, Scored]:
    """Inherent, computed and residual score of every risk, with what made each difference."""
    addressing: dict[str, list[Mitigation]] = {}
    for mitigation in dossier.mitigations:
        for risk_id in dict.fromkeys(mitigation.risks):
            addressing.setdefault(risk_id, []).append(mitigation)
    linked: dict[str, list[Incident]] = {}  # the credible incidents known at the as-of date, by linked risk
    for incident in known_incidents(dossier, as_of):
        if incident.credible:
            for risk_id in dict.fromkeys(incident.linked_risks):
                linked.setdefault(risk_id, []).append(incident)
    return {
        risk.id: _score(risk, dossier, methodology, as_of, addressing.get(risk.id, []), linked.get(risk.id, []))
        for risk in dossier.risks
    }


def _score(
    risk: Risk,
    dossier: Dossier,
    methodology: Methodology,
    as_of: dt.date,
    mitigations: list[Mitigation],
    linked: list[Incident],
) -> Scored:
    inherent = make_score(risk.likelihood, risk.impact, methodology)
    by_likelihood, by_impact = _claims(risk, mitigations)
    likelihood, credited_l, ignored_l = _credit(risk, "likelihood", by_likelihood, methodology)
    impact, credited_i, ignored_i = _credit(risk, "impact", by_impact, methodology)
    computed = make_score(likelihood, impact, methodology)
    baseline = risk.reviewed or dossier.context.assessment_date
    materialising = tuple(i for i in linked if _after(i, baseline))
    override, because = None, None
    if risk.override is not None:
        o = risk.override
        because = _set_aside(mitigations, materialising)
        if because is None and not risk.grave_violation:
            override, (likelihood, impact) = "applied", o
        else:
            # A grave violation's override may raise either value, never lower one below the
            # computation; one set aside may not lower it either (it still raises: evidence
            # against the mitigations never makes a risk look smaller).
            lowers = o.likelihood < likelihood or o.impact < impact
            override = "set_aside" if because else "limited" if lowers else "applied"
            likelihood, impact = max(o.likelihood, likelihood), max(o.impact, impact)
    unraised = make_score(likelihood, impact, methodology)
    raised_in, raised = _raise(risk, dossier, methodology, as_of, materialising, likelihood)
    residual = make_score(raised, impact, methodology) if raised_in else unraised
    credited = tuple(dict.fromkeys(credited_l + credited_i))
    ignored = tuple(m for m in dict.fromkeys(ignored_l + ignored_i) if m not in credited)
    return Scored(
        inherent, computed, unraised, residual, raised_in, credited, ignored, override, because, materialising
    )


Claim = tuple[Mitigation, int]  # a mitigation in place, and by how much it says it lowers one dimension


def _claims(risk: Risk, mitigations: list[Mitigation]) -> tuple[list[Claim], list[Claim]]:
    """What the mitigations in place claim against ``risk``: on its likelihood, and on its impact."""
    on_likelihood: list[Claim] = []
    on_impact: list[Claim] = []
    for mitigation in mitigations:
        if not mitigation.in_place:
            continue
        by_l = by_i = 0
        for address in mitigation.addresses:
            if address.risk == risk.id:
                if address.reduces_dimension("likelihood"):
                    by_l = max(by_l, address.by)
                if address.reduces_dimension("impact"):
                    by_i = max(by_i, address.by)
        if by_l:
            on_likelihood.append((mitigation, by_l))
        if by_i:
            on_impact.append((mitigation, by_i))
    return on_likelihood, on_impact


def _credit(
    risk: Risk, dimension: str, claims: list[Claim], methodology: Methodology
) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """The dimension after credit and floors, the mitigations credited, and those a grave risk ignores."""
    value = risk.likelihood if dimension == "likelihood" else risk.impact
    verified: list[tuple[str, int]] = []
    unverified: list[str] = []
    for mitigation, by in claims:
        if mitigation.verified:
            verified.append((mitigation.id, by))
        else:
            unverified.append(mitigation.id)
    if risk.grave_violation:
        # A mitigation can make a grave violation less likely, never less grave; a claim is not evidence.
        if dimension == "impact":
            return value, (), tuple(m for m, _ in verified) + tuple(unverified)
        credit = sum(by for _, by in verified)
        credited, ignored = tuple(m for m, _ in verified), tuple(unverified)
    else:
        credit = sum(by for _, by in verified) + (1 if unverified else 0)
        credited, ignored = tuple(m for m, _ in verified) + tuple(unverified), ()
    return max(value - min(credit, methodology.max_credit), 1), credited, ignored


def _after(incident: Incident, baseline: dt.date | None) -> bool:
    return incident.reported is not None and (baseline is None or incident.reported > baseline)


def _set_aside(mitigations: list[Mitigation], materialising: tuple[Incident, ...]) -> str | None:
    """Why an override cannot stand now, or None when it stands."""
    failed = [m.id for m in mitigations if m.failed]
    if failed:
        return f"{', '.join(failed)} {'is' if len(failed) == 1 else 'are'} no longer in place"
    if materialising:
        return f"{', '.join(i.id for i in materialising)} reported since the risk was reviewed"
    return None


def _raise(
    risk: Risk,
    dossier: Dossier,
    methodology: Methodology,
    as_of: dt.date,
    materialising: tuple[Incident, ...],
    likelihood: int,
) -> tuple[tuple[str, ...], int]:
    """E1: the scopes where the risk materialised, and the likelihood there (at least 4; 3 under relief)."""
    if not materialising:
        return (), likelihood
    scopes = risk_scopes(risk, dossier)
    raised_in: dict[str, None] = {}
    target = 0
    for incident in materialising:
        remedied = incident.cleared or incident.relieved(as_of, methodology.relief_days)
        target = max(target, 3 if remedied else 4)
        raised_in.update(dict.fromkeys(_where_raised(incident, scopes)))
    return tuple(s for s in scopes if s in raised_in), max(likelihood, target)


def _where_raised(incident: Incident, scopes: list[str]) -> list[str]:
    """The risk's scopes where an incident makes it materialise: its perpetrators' units, else all."""
    if scopes == [ENGAGEMENT]:
        return scopes
    found: list[str] = []
    for perpetrator in incident.perpetrators:
        unit = perpetrator.unit_id or perpetrator.acting_with
        if unit is None or unit_scope(unit) not in scopes:
            return scopes  # no unit of this risk's scope: the raise holds in its whole scope
        found.append(unit_scope(unit))
    return found


def known_incidents(dossier: Dossier, as_of: dt.date) -> list[Incident]:
    """Incidents reported on or before ``as_of``: later records are ignored by every rule."""
    return [i for i in dossier.incidents if i.reported is not None and i.reported <= as_of]


def dated_after(dossier: Dossier, as_of: dt.date) -> list[Ref]:
    """Records that every rule ignores because they are dated after the as-of date."""
    later = [i.ref for i in dossier.incidents if i.reported is not None and i.reported > as_of]
    later += [c.ref for c in dossier.consultations if c.date is not None and c.date > as_of]
    return later
