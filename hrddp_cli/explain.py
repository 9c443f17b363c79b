"""What ``status`` says of a dossier to one audience: every fired rule explained, nothing withheld said.

A rule entry whose records the audience may not see says only its floor ("a rule on records
withheld at this audience"); one with some records withheld lists the visible ones and how many
are withheld, and its message is the rule's summary, which names no record. A unit that only
withheld records tie to a rule is withheld too: absent from ``by_scope``, its measure without its
id. Withheld risks are counted, not listed. The recommendation, the floors and the counts are
shown at every audience.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from hrddp_cli import markings
from hrddp_cli.methodology import DO_NOT_ENGAGE, INSUFFICIENT, before_engaging, rank
from hrddp_cli.model import Dossier, Ref
from hrddp_cli.registry import REGISTRY
from hrddp_cli.scoring import ENGAGEMENT, Firing, Score, Situation, dated_after
from hrddp_cli.view import DossierView

Reading = Callable[[str], str]  # a rung as read in the dossier's phase


class Floors(NamedTuple):
    """The folded floors of a dossier, on the ladder's rungs (before readings)."""

    engagement: str
    worst: str
    own: dict[str, str]  # scope → its own highest floor
    measures: dict[str, str]  # unit scope → floor, for units above the engagement
    decisive: frozenset[int]  # indexes of the decisive firings


class Entry(NamedTuple):
    """A fired rule as the audience sees it; ``code`` is None when the entry is withheld."""

    code: str | None
    floor: str | None
    scope: str | None
    records: tuple[Ref, ...]
    withheld_records: int
    message: str | None
    decisive: bool
    action: str | None

    @property
    def withheld(self) -> bool:
        return self.code is None


class UnitMeasure(NamedTuple):
    unit: str | None  # None: the unit is withheld at this audience
    floor: str  # as read (do_not_engage before engaging)
    rung: str
    rules: tuple[str, ...]


class RiskStatus(NamedTuple):
    id: str
    title: str
    status: str
    inherent: Score
    residual: Score
    materialised_for: tuple[str, ...] | None  # units where E1 holds; None: no E1, or engagement-wide
    materialised: bool
    residual_elsewhere: Score | None
    credited: tuple[str, ...]
    ignored: tuple[str, ...]
    override: str | None
    credited_withheld: int = 0  # mitigations credited that the audience may not see


class Response(NamedTuple):
    """How long the EU took to answer a grave incident (``days`` None: not yet, after ``waited`` days)."""

    incident: str
    days: int | None
    waited: int


@dataclass(slots=True)
class DossierStatus:
    id: str
    path: str
    recommendation: str
    recommendation_rung: str
    worst: str
    worst_rung: str
    by_scope: dict[str, str]
    rules: list[Entry]
    actions: list[str] = field(default_factory=list)
    unit_measures: list[UnitMeasure] = field(default_factory=list)
    withheld_scopes: list[str] = field(default_factory=list)
    risks: list[RiskStatus] = field(default_factory=list)
    withheld_risks: int = 0
    withheld_entries: int = 0
    shown_at: str | None = None  # the lowest audience that sees every entry, when above this one
    responses: list[Response] = field(default_factory=list)
    to_judge: list[str] = field(default_factory=list)  # suspension criteria left to the assessor
    warnings: list[tuple[str, str]] = field(default_factory=list)
    later: list[Ref] = field(default_factory=list)  # records dated after the as-of date, ignored
    errors: int = 0  # validation errors (V0)

    @property
    def decisive(self) -> list[str]:
        """The codes of the visible rules that set the engagement's recommendation (unit measures name their own)."""
        return list(dict.fromkeys(e.code for e in self.rules if e.decisive and e.code and e.scope == ENGAGEMENT))


def insufficient(dossier_id: str, path: str, error_files: list[str], errors: int) -> DossierStatus:
    """The status of a dossier with validation errors: rule V0, no scores."""
    records = tuple(Ref(file, None) for file in error_files)
    noun, pronoun = ("error", "it") if errors == 1 else ("errors", "them")
    message = f"{errors} validation {noun}: run hrddp validate and fix {pronoun} before scoring"
    entry = Entry("V0", INSUFFICIENT, ENGAGEMENT, records, 0, message, True, None)
    scopes = {ENGAGEMENT: INSUFFICIENT}
    return DossierStatus(
        dossier_id, path, INSUFFICIENT, INSUFFICIENT, INSUFFICIENT, INSUFFICIENT, scopes, [entry],
        actions=["Fix the validation errors"], errors=errors,
    )  # fmt: skip


def explain(situation: Situation, fired: list[Firing], floors: Floors, view: DossierView, path: str) -> DossierStatus:
    """The status of a scored dossier as the view's audience may see it."""
    dossier = situation.dossier
    read = _reading(dossier)
    entries, hidden_scopes = _entries(fired, floors, view)
    order = _registry_order()
    entries.sort(
        key=lambda e: (
            not e.decisive, -_rank(e.floor), e.withheld, order.get(e.code or "", 0),
            [(r.file, r.id or "") for r in e.records],
        )
    )  # fmt: skip
    by_scope = {
        scope: read(f) for scope, f in sorted(floors.own.items(), key=_scope_order) if scope not in hidden_scopes
    }
    by_scope.setdefault(ENGAGEMENT, read(floors.engagement))
    actions = [e.action for e in entries if e.action and not e.withheld and not e.withheld_records]
    hidden_actions = sum(1 for f in fired if f.trigger.action) - len(actions)
    if hidden_actions > 0:
        actions.append(
            f"{hidden_actions} action{'' if hidden_actions == 1 else 's'} on records withheld at this audience"
        )
    shown_at = _shown_at(fired, view)
    return DossierStatus(
        id=dossier.id,
        path=path,
        recommendation=read(floors.engagement),
        recommendation_rung=floors.engagement,
        worst=read(floors.worst),
        worst_rung=floors.worst,
        by_scope=by_scope,
        rules=entries,
        actions=list(dict.fromkeys(actions)),
        unit_measures=_measures(floors, entries, hidden_scopes, read),
        withheld_scopes=[read(floors.own[s]) for s in sorted(hidden_scopes) if s in floors.own],
        risks=_risks(situation, view),
        withheld_risks=sum(1 for risk in dossier.risks if not view.shows(risk.ref)),
        withheld_entries=sum(1 for e in entries if e.withheld),
        shown_at=shown_at if shown_at and markings.rank(shown_at) > markings.rank(view.audience) else None,
        responses=_responses(situation, fired, view),
        to_judge=[c.id for c in dossier.context.suspension_criteria if c.when is None]
        if view.shows(dossier.context.ref)
        else [],
        warnings=_warnings(dossier, situation.as_of),
        later=[ref for ref in dated_after(dossier, situation.as_of) if view.shows(ref)],
    )


def _entries(fired: list[Firing], floors: Floors, view: DossierView) -> tuple[list[Entry], set[str]]:
    """Each firing as the audience sees it, and the unit scopes whose floor it may not see.

    A unit's floor is withheld when every entry that sets it is withheld: "U-004 suspend" would
    otherwise tell a public reader what a confidential record says of the unit.
    """
    entries = []
    open_at_top: set[str] = set()  # unit scopes with a visible entry at their own floor
    for index, (code, trigger, floor) in enumerate(fired):
        hidden = view.withheld(trigger.records)
        decisive = index in floors.decisive
        scope = trigger.scope
        if trigger.records and len(hidden) == len(trigger.records):
            entries.append(Entry(None, floor, None, (), len(hidden), None, decisive, None))
            continue
        if scope and floor is not None and floors.own.get(scope) == floor:
            open_at_top.add(scope)
        visible = tuple(r for r in trigger.records if r not in hidden)
        if hidden:
            message = REGISTRY[code].summary
        elif view.withheld(trigger.mentions):
            message = trigger.plain or REGISTRY[code].summary
        else:
            message = trigger.message
        entries.append(Entry(code, floor, scope, visible, len(hidden), message, decisive, trigger.action))
    units = {scope for scope in floors.own if scope != ENGAGEMENT}
    return entries, units - open_at_top


def _measures(floors: Floors, entries: list[Entry], hidden: set[str], read: Reading) -> list[UnitMeasure]:
    measures = []
    for scope, floor in sorted(floors.measures.items()):
        reading = read(floor)
        if scope in hidden:
            measures.append(UnitMeasure(None, reading, floor, ()))
            continue
        rules = tuple(dict.fromkeys(e.code for e in entries if e.decisive and e.scope == scope and e.code))
        measures.append(UnitMeasure(scope.removeprefix("unit:"), reading, floor, rules))
    return measures


def _risks(situation: Situation, view: DossierView) -> list[RiskStatus]:
    risks = []
    for risk in situation.dossier.risks:
        if not view.shows(risk.ref):
            continue
        scored = situation.scores[risk.id]
        units = tuple(s.removeprefix("unit:") for s in scored.raised_in if s != ENGAGEMENT)
        elsewhere = scored.unraised if units and len(units) < len(situation.scopes_of(risk)) else None
        credited, hidden = _visible_mitigations(scored.credited, view)
        ignored, _ = _visible_mitigations(scored.ignored, view)
        risks.append(
            RiskStatus(
                risk.id, risk.title, risk.status, scored.inherent, scored.residual, units or None,
                bool(scored.raised_in), elsewhere, credited, ignored, scored.override, hidden,
            )
        )  # fmt: skip
    return risks


def _visible_mitigations(ids: tuple[str, ...], view: DossierView) -> tuple[tuple[str, ...], int]:
    """The mitigation ids the audience may see, and how many it may not."""
    shown = tuple(m for m in ids if view.shows(Ref("mitigations.yaml", m)))
    return shown, len(ids) - len(shown)


_ANSWERED = ("G1", "G1r", "G1c", "G3", "G3o", "G5", "G6")


def _responses(situation: Situation, fired: list[Firing], view: DossierView) -> list[Response]:
    """Days from report to the first EU response, for each grave incident the audience may see."""
    ids = situation.fired_on(_ANSWERED, "incidents.yaml")
    found = []
    for incident in situation.incidents:
        if incident.id in ids and incident.reported and view.shows(incident.ref):
            responses = situation.responses_by(incident)
            days = max((responses[0] - incident.reported).days, 0) if responses else None
            found.append(Response(incident.id, days, (situation.as_of - incident.reported).days))
    return found


def _warnings(dossier: Dossier, as_of: dt.date) -> list[tuple[str, str]]:
    """What status doubts about its own input."""
    context = dossier.context
    found = []
    if context.assessment_date and context.assessment_date > as_of:
        found.append(
            ("HRD309", f"the assessment is dated {context.assessment_date.isoformat()}, after the as-of date "
             f"{as_of.isoformat()}: the review rules cannot judge it; check the year, or --as-of")
        )  # fmt: skip
    return found


def _shown_at(fired: list[Firing], view: DossierView) -> str | None:
    """The lowest audience that sees every record every entry names."""
    refs = {ref for f in fired for ref in (*f.trigger.records, *f.trigger.mentions)}
    found = [view.marking(ref) for ref in refs]
    return max(found, key=markings.rank) if found else None


@functools.cache
def _registry_order() -> dict[str, int]:
    return {code: index for index, code in enumerate(REGISTRY)}


def _rank(floor: str | None) -> int:
    return -1 if floor is None else rank(floor)


def _scope_order(item: tuple[str, str]) -> tuple[int, str]:
    return (item[0] != ENGAGEMENT, item[0])


def _reading(dossier: Dossier) -> Reading:
    """Before engaging, suspend and terminate read do_not_engage."""
    before = before_engaging(dossier.context.phase)
    return lambda outcome: DO_NOT_ENGAGE if before and outcome in ("suspend", "terminate") else outcome
