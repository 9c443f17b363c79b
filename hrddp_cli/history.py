"""``hrddp history``: a dossier's recommendation, unit measures and residual levels at every commit that touched it.

The history is read along the first parents of HEAD, across renames of the dossier's folder.
Each point is scored as of its commit's day (the committer's date, in its own time zone): the
status as it stood then, under today's settings and methodology, so that the line shows what
the data changed. Each version of a file is parsed once (git's blob ids name them exactly), and
a commit that left the dossier's five files as they were adds no point.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from hrddp_cli.config import Settings, load_settings
from hrddp_cli.errors import UsageError
from hrddp_cli.explain import DossierStatus
from hrddp_cli.progress import tracked
from hrddp_cli.read import Parsed, read_dossier
from hrddp_cli.source import KINDS, DossierSource, discover
from hrddp_cli.status import score_read
from hrddp_cli.view import DossierView
from hrddp_cli.visible import plain


@dataclass(frozen=True, slots=True)
class Point:
    """The dossier as it stood at one commit, as the audience may see it."""

    commit: str
    date: str  # the committer's date, ISO 8601 in its own offset
    author: str
    status: DossierStatus
    risks: dict[str, str]  # visible risk id → residual level


@dataclass(frozen=True, slots=True)
class Decision:
    date: str
    outcome: str
    scope: str


@dataclass(slots=True)
class HistoryReport:
    dossier: str
    path: str
    audience: str
    points: list[Point] = field(default_factory=list)  # oldest first
    decisions: list[Decision] = field(default_factory=list)
    settings_file: str | None = None  # the hrddp.yaml in use, said on standard error


def history(path: str, config: str | None, audience: Callable[[Settings], str]) -> HistoryReport:
    """The timeline of the dossier at ``path`` (as HEAD holds it)."""
    from hrddp_cli.git import Repository

    repository = Repository.open(".")
    repository.require_inside([path])
    start = repository.head()
    if start is None:
        raise UsageError("the repository has no commit yet: commit the dossier, then ask for its history")
    if repository.shallow:
        raise UsageError(
            "this clone is shallow, so the dossier's history is cut short; fetch it all (git fetch --unshallow, "
            "or actions/checkout with fetch-depth: 0)"
        )
    found = discover([path], repository.tree(start), required=False).dossiers
    if len(found) != 1:
        said = "holds no dossier in HEAD (commit it first)" if not found else f"holds {len(found)} dossiers"
        raise UsageError(f"{plain(path)} {said}: history takes one dossier folder")
    settings = load_settings(config, [path])
    seen_by = audience(settings)
    folder = repository.repo_path(found[0].folder) or ""
    cache: dict[str, Parsed] = {}
    report = HistoryReport("", found[0].display, seen_by, settings_file=settings.file)
    last: tuple[str | None, ...] | None = None
    latest = None
    hidden: set[str] = set()  # records withheld at any version: the strictest marking governs
    commits = _commits(repository, folder, start)
    for commit, at in tracked(reversed(commits), len(commits), "reading commits"):
        source = DossierSource(repository.tree(commit.sha), repository.user_path(at), None)
        keys = tuple(source.tree.key(source.path(kind)) for kind in KINDS)
        if keys == last or not any(keys):
            continue
        last = keys
        latest = read_dossier(source, settings.limits, cache)
        if latest.dossier is not None:
            view = DossierView(latest.dossier, seen_by)
            hidden.update(view.withheld_ids())
        status, _ = score_read(latest, settings, commit.day, seen_by)
        risks = {risk.id: risk.residual.level for risk in status.risks if risk.residual is not None}
        report.points.append(Point(commit.sha, commit.date, commit.author, status, risks))
    if latest is None:
        raise UsageError(f"{plain(path)}: no commit holds this dossier's files")
    report.points = [replace(p, risks={k: v for k, v in p.risks.items() if k not in hidden}) for p in report.points]
    report.dossier = latest.id
    if latest.dossier is not None:
        report.decisions = _decisions(latest.dossier, seen_by)
    return report


def _commits(repository: Any, folder: str, start: str) -> list[tuple[Any, str]]:
    """(commit, the dossier's folder at it) for every first-parent commit that touched the folder, newest first.

    Renames are learnt from the history of context.yaml (``--follow``): a commit takes the folder
    of the nearest context.yaml version at or before it.
    """
    follow = repository.log([_joined(folder, "context.yaml")], start, follow=True)
    places = [(commit.sha, os.path.dirname(names[0])) for commit, names in follow if names]
    folders = list(dict.fromkeys([folder, *(place for _, place in places)]))
    touched = repository.log([f or "." for f in folders], start)
    order = {commit.sha: index for index, (commit, _) in enumerate(touched)}
    found = []
    next_place = 0
    for index, (commit, _) in enumerate(touched):
        while next_place < len(places) and order.get(places[next_place][0], -1) < index:
            next_place += 1
        place = places[min(next_place, len(places) - 1)][1] if places else folder
        found.append((commit, place))
    return found


def _joined(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _decisions(dossier: Any, audience: str) -> list[Decision]:
    """The decisions the context records, when the audience may see the context."""
    view = DossierView(dossier, audience)
    if not view.shows(dossier.context.ref):
        return []
    found = []
    for decision in dossier.context.data.get("decisions") or []:
        if isinstance(decision, dict) and decision.get("date") and decision.get("outcome"):
            found.append(Decision(str(decision["date"]), decision["outcome"], decision.get("scope", "engagement")))
    return sorted(found, key=lambda d: d.date)


__all__ = ["Decision", "HistoryReport", "Point", "history"]


def decisions_by_point(report: HistoryReport) -> dict[int, list[Decision]]:
    """Each decision placed at the last point on or before its date; -1 for one before the first point."""
    placed: dict[int, list[Decision]] = {}
    for decision in sorted(report.decisions, key=lambda d: d.date):
        index = -1
        for position, point in enumerate(report.points):
            if point.date[:10] <= decision.date[:10]:
                index = position
        placed.setdefault(index, []).append(decision)
    return placed


def departs(decision: Decision, point: Point | None) -> bool:
    """Whether a decision for the engagement departs from the recommendation in force then (None: none known)."""
    return point is not None and decision.scope == "engagement" and decision.outcome != point.status.recommendation
