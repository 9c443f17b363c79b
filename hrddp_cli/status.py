"""The recommendation of a dossier, and of a portfolio: what the rules fired, folded into floors.

:func:`assess` is pure, a function of (dossier, methodology, as-of, audience view): the same
inputs give the same :class:`DossierStatus`, so that ``history`` can call it once per commit and
tests can call it directly. :func:`portfolio_status` scores every dossier of a run (a dossier
with validation errors gets V0) and orders them worst first; :func:`failing` applies
``--fail-on``. What an audience may not see is withheld here, from the view, before any
renderer sees it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from hrddp_cli.config import Settings
from hrddp_cli.methodology import DO_NOT_ENGAGE, INSUFFICIENT, LADDER, Methodology, before_engaging, highest, rank
from hrddp_cli.model import Dossier, Ref
from hrddp_cli.read import read_dossier
from hrddp_cli.rules import Trigger, all_rules
from hrddp_cli.scoring import Score, Scored, Situation, dated_after
from hrddp_cli.source import DossierSource
from hrddp_cli.validate import check_problems
from hrddp_cli.view import DossierView

_KINDS = {
    "context.yaml": "the context",
    "risks.yaml": "a risk",
    "mitigations.yaml": "a mitigation",
    "consultations.yaml": "a consultation",
    "incidents.yaml": "an incident",
}


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
    records: tuple[Ref, ...]
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
    later: list[Ref] = field(default_factory=list)  # records dated after the as-of date, ignored

    @property
    def rank(self) -> int:
        return rank(self.recommendation)

    @property
    def decisive(self) -> list[str]:
        """The codes of the decisive rules, in the order they fired."""
        return list(dict.fromkeys(f.code for f in self.rules if f.decisive))


@dataclass(slots=True)
class StatusReport:
    """The status of every dossier of a run, worst first (ties by path)."""

    as_of: dt.date
    methodology: Methodology
    audience: str
    dossiers: list[DossierStatus]


class _Firing(NamedTuple):
    code: str
    trigger: Trigger
    floor: str | None


def fire(situation: Situation) -> list[_Firing]:
    """Every rule enabled by the methodology, run in order, with the floor each firing sets."""
    methodology = situation.methodology
    fired: list[_Firing] = []
    for code, rule in all_rules().items():
        setting = methodology.setting(code)
        if code == "V0" or not setting.enabled or rule.run is None:
            continue
        base = setting.floor or rule.floor
        for trigger in rule.run(situation):
            situation.fired.append((code, trigger))
            # A trigger's own floor (M1 on a grave-violation risk) is a minimum over the setting.
            floor = max(base, trigger.floor, key=rank) if base and trigger.floor else (trigger.floor or base)
            if floor is not None and trigger.scope is None:
                trigger = trigger._replace(scope="engagement")  # a floorless rule given a floor in hrddp.yaml
            fired.append(_Firing(code, trigger, floor))
    return fired


def assess(
    dossier: Dossier, methodology: Methodology, as_of: dt.date, view: DossierView, path: str = ""
) -> DossierStatus:
    """Score ``dossier`` and recommend, as of ``as_of``, explained for the view's audience."""
    situation = Situation(dossier, methodology, as_of)
    fired = fire(situation)
    top = highest([f.floor for f in fired if f.floor is not None])
    reading = _reading(dossier)
    by_scope: dict[str, str] = {"engagement": LADDER[0]}
    for firing in fired:
        scope = firing.trigger.scope
        if firing.floor is not None and scope is not None:
            by_scope[scope] = highest([firing.floor, by_scope.get(scope, LADDER[0])])
    explained, actions = _explain(fired, rank(top), view)
    return DossierStatus(
        id=dossier.id,
        path=path,
        recommendation=reading(top),
        by_scope={scope: reading(outcome) for scope, outcome in sorted(by_scope.items(), key=_scope_order)},
        risks=_risks(dossier, situation.scores, view),
        rules=explained,
        actions=list(dict.fromkeys(actions)),
        withheld=sum(1 for risk in dossier.risks if not view.shows(risk.ref)),
        later=dated_after(dossier, as_of),
    )


def _explain(fired: list[_Firing], top_rank: int, view: DossierView) -> tuple[list[Fired], list[str]]:
    explained = []
    actions = []
    for code, trigger, floor in fired:
        hidden = view.withheld(trigger.records)
        message = trigger.message if not hidden else _withheld(hidden)
        decisive = floor is not None and rank(floor) == top_rank
        scope = trigger.scope if floor is not None else None
        explained.append(Fired(code, floor, scope, trigger.records, message, decisive, trigger.action))
        if trigger.action:
            actions.append(trigger.action if not hidden else f"{code}: an action on {_withheld(hidden)}")
    return explained, actions


def _risks(dossier: Dossier, scores: dict[str, Scored], view: DossierView) -> list[RiskStatus]:
    risks = []
    for risk in dossier.risks:
        if not view.shows(risk.ref):
            risks.append(RiskStatus(risk.id, None, None, None, None, None, (), False, True))
            continue
        inherent, residual, materialised, credited, floored = scores[risk.id]
        overridden = risk.override is not None
        risks.append(
            RiskStatus(
                risk.id, risk.title, risk.status, materialised, inherent, residual, credited, overridden, False, floored
            )
        )
    return risks


def insufficient(dossier_id: str, path: str, error_files: list[str], errors: int) -> DossierStatus:
    """The status of a dossier with validation errors: rule V0, no scores."""
    records = tuple(Ref(file, None) for file in error_files)
    noun, pronoun = ("error", "it") if errors == 1 else ("errors", "them")
    message = f"{errors} validation {noun}: run hrddp validate and fix {pronoun} before scoring"
    fired = Fired("V0", INSUFFICIENT, "engagement", records, message, True, None)
    by_scope = {"engagement": INSUFFICIENT}
    return DossierStatus(dossier_id, path, INSUFFICIENT, by_scope, [], [fired], ["Fix the validation errors"], errors)


def dossier_status(source: DossierSource, settings: Settings, as_of: dt.date, audience: str) -> DossierStatus:
    """Read, check and score one dossier: V0 when it has validation errors."""
    read = read_dossier(source, settings.limits)
    errors = [
        (kind, problem) for kind, problem, severity in check_problems(read, settings, as_of) if severity == "error"
    ]
    if read.dossier is None or errors:
        files = sorted({f"{kind}.yaml" for kind, _ in errors})
        return insufficient(read.id, source.display, files, len(errors))
    view = DossierView(read.dossier, audience)
    return assess(read.dossier, settings.methodology, as_of, view, path=source.display)


def portfolio_status(
    sources: Iterable[DossierSource], settings: Settings, as_of: dt.date, audience: str
) -> StatusReport:
    """The status of every dossier, worst first (ties by path)."""
    statuses = [dossier_status(source, settings, as_of, audience) for source in sources]
    ordered = sorted(statuses, key=lambda s: (-s.rank, s.path))
    return StatusReport(as_of, settings.methodology, audience, ordered)


def failing(report: StatusReport, fail_on: str | None) -> list[tuple[DossierStatus, str]]:
    """The dossiers that make ``status`` exit 1, each with why: unscorable, or at or above ``fail_on``."""
    threshold = rank(fail_on) if fail_on else None
    found = []
    for status in report.dossiers:
        if status.recommendation == INSUFFICIENT:
            found.append((status, "cannot be scored"))
        elif threshold is not None and status.rank >= threshold:
            found.append((status, f"at or above --fail-on {fail_on}"))
    return found


def _scope_order(item: tuple[str, str]) -> tuple[int, str]:
    return (item[0] != "engagement", item[0])


def _reading(dossier: Dossier) -> Callable[[str], str]:
    """Before engaging, suspend and terminate read do_not_engage."""
    before = before_engaging(dossier.context.phase)

    def read(outcome: str) -> str:
        return DO_NOT_ENGAGE if before and outcome in ("suspend", "terminate") else outcome

    return read


def _withheld(records: tuple[Ref, ...]) -> str:
    kinds = sorted({_KINDS.get(r.file, "a record") for r in records})
    return f"{' and '.join(kinds) or 'a record'} (withheld at this audience)"
