"""The recommendation of a dossier, and of a portfolio: what the rules fired, folded into floors.

Every floor belongs to a scope, the engagement or one unit. The engagement's recommendation is
its highest floor (after U1: the engagement follows its units); a unit whose own floor is above
it has a *unit measure*; ``worst`` is the highest floor of any scope. The rules that set the
recommendation and each unit measure are *decisive*. Before engaging, suspend and terminate
read ``do_not_engage``.

:func:`assess` is pure: (dossier, methodology, as-of, view) in, a :class:`DossierStatus` out, as
the view's audience may see it (:mod:`hrddp_cli.explain` withholds). :func:`portfolio_status`
reads, checks and scores every dossier of a run and orders them worst first; :func:`failing`
applies ``--fail-on``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hrddp_cli.config import Settings
from hrddp_cli.explain import DossierStatus, Floors, explain, insufficient
from hrddp_cli.findings import Position
from hrddp_cli.methodology import INSUFFICIENT, Methodology, highest, rank
from hrddp_cli.model import Dossier
from hrddp_cli.progress import tracked
from hrddp_cli.read import DossierRead, read_dossier, shared_ids
from hrddp_cli.rules import all_rules
from hrddp_cli.scoring import ENGAGEMENT, Firing, Situation
from hrddp_cli.source import DossierSource, Found
from hrddp_cli.validate import check_problems
from hrddp_cli.view import DossierView

__all__ = ["DossierStatus", "StatusReport", "assess", "failing", "fire", "fold", "portfolio_status", "score_read"]


@dataclass(slots=True)
class StatusReport:
    """The status of every dossier of a run, worst first (ties by path)."""

    as_of: dt.date
    methodology: Methodology
    audience: str
    dossiers: list[DossierStatus]
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # folders that could not be read


def fire(situation: Situation) -> list[Firing]:
    """Every rule the methodology enables, run in order, each firing with the floor it sets."""
    methodology = situation.methodology
    for code, entry in all_rules().items():
        setting = methodology.setting(code)
        if code == "V0" or not setting.enabled or entry.run is None:
            continue
        for trigger in entry.run(situation):
            if not trigger.floored:
                floor = None
            elif entry.floors:
                floor = trigger.floor  # a rule with several floors says which, firing by firing
            else:
                floor = setting.floor or trigger.floor or entry.floor
            if floor is not None and trigger.scope is None:
                trigger = trigger._replace(scope=ENGAGEMENT)  # a floorless rule given a floor in hrddp.yaml
            situation.fired.append(Firing(code, trigger, floor))
    return situation.fired


def fold(dossier: Dossier, fired: list[Firing]) -> Floors:
    """The floors of every scope, the engagement's recommendation and the unit measures (on rungs)."""
    own: dict[str, str] = {}
    for firing in fired:
        scope = firing.trigger.scope
        if firing.floor is not None and scope is not None:
            own[scope] = highest([firing.floor, own.get(scope, "proceed")])
    engagement = own.get(ENGAGEMENT, "proceed")
    measures = {scope: floor for scope, floor in own.items() if scope != ENGAGEMENT and rank(floor) > rank(engagement)}
    worst = highest([engagement, *own.values()])
    decisive = [
        index
        for index, firing in enumerate(fired)
        if firing.floor is not None
        and (
            (firing.trigger.scope == ENGAGEMENT and firing.floor == engagement)
            or measures.get(firing.trigger.scope or "") == firing.floor
        )
    ]
    return Floors(engagement, worst, own, measures, frozenset(decisive))


def assess(
    dossier: Dossier, methodology: Methodology, as_of: dt.date, view: DossierView, path: str = ""
) -> DossierStatus:
    """Score ``dossier`` and recommend, as of ``as_of``, explained for the view's audience."""
    return _assessed(dossier, methodology, as_of, view, path)[0]


def _assessed(
    dossier: Dossier, methodology: Methodology, as_of: dt.date, view: DossierView, path: str
) -> tuple[DossierStatus, Floors]:
    situation = Situation(dossier, methodology, as_of)
    fired = fire(situation)
    floors = fold(dossier, fired)
    return explain(situation, fired, floors, view, path), floors


def score_read(
    read: DossierRead, settings: Settings, as_of: dt.date, audience: str, shared: frozenset[str] = frozenset()
) -> tuple[DossierStatus, Floors | None]:
    """The status of a dossier as read, and its floors (None when V0: validation errors, or an id shared).

    The floors are every scope's, withheld ones included: for comparing two states (review),
    never for printing.
    """
    problems = check_problems(read, settings, as_of, errors_only=True)
    errors = [kind for kind, _, severity in problems if severity == "error"]
    if read.declared is not None and read.declared[0] in shared:
        errors.append("context")
    if read.dossier is None or errors:
        files = sorted({f"{kind}.yaml" for kind in errors})
        return insufficient(read.id, read.source.display, files, len(errors)), None
    view = DossierView(read.dossier, audience)
    return _assessed(read.dossier, settings.methodology, as_of, view, read.source.display)


def dossier_status(
    source: DossierSource, settings: Settings, as_of: dt.date, audience: str, shared: frozenset[str] = frozenset()
) -> tuple[DossierStatus, tuple[str, Position] | None]:
    """Read, check and score one dossier: V0 when it has validation errors (or an id another dossier has)."""
    read = read_dossier(source, settings.limits)
    status, floors = score_read(read, settings, as_of, audience, shared)
    return status, read.declared if floors is not None else None


def portfolio_status(found: Found, settings: Settings, as_of: dt.date, audience: str) -> StatusReport:
    """The status of every dossier, worst first (ties by path); dossiers sharing an id cannot be scored."""
    sources = tracked(found, len(found.dossiers), "scoring dossiers")
    scored = [(source, *dossier_status(source, settings, as_of, audience)) for source in sources]
    shared = frozenset(shared_ids([(source, declared) for source, _, declared in scored]))
    if shared:  # rare: score those again, as the validation error they are (HRD022)
        scored = [(source, *dossier_status(source, settings, as_of, audience, shared)) for source, _, _ in scored]
    ordered = sorted((status for _, status, _ in scored), key=lambda s: (-rank(s.worst_rung), s.path))
    return StatusReport(as_of, settings.methodology, audience, ordered, list(found.unreadable))


def failing(report: StatusReport, fail_on: str | None) -> list[tuple[DossierStatus, str]]:
    """The dossiers that make ``status`` exit 1, each with why: unscorable, or at or above ``fail_on``."""
    found = [
        (insufficient(folder, folder, [], 1), f"cannot read the folder: {why}") for folder, why in report.unreadable
    ]
    for status in report.dossiers:
        if status.recommendation == INSUFFICIENT:
            found.append((status, "cannot be scored"))
        elif fail_on is not None and rank(status.worst_rung) >= rank(fail_on):
            found.append((status, f"worst floor {status.worst} at or above --fail-on {fail_on}"))
    return found
