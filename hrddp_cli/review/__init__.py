"""``hrddp review``: what changed between two states of the dossiers, and what it does to the recommendation.

Dossiers are matched by their id (a renamed folder is the same dossier) and records by theirs
(:mod:`hrddp_cli.diff`). Both states are scored at the same as-of date under the head's
settings, so that the comparison shows what the data changed; the flags
(:mod:`hrddp_cli.flags`) point a reviewer at the changes to look at twice, and
:mod:`.shown` decides what the audience may see of each. The base is a revision (``--base``)
or, for each dossier, its previous review (:mod:`.bases`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hrddp_cli.config import Settings, load_settings
from hrddp_cli.diff import RecordChange, diff_dossier
from hrddp_cli.errors import UsageError
from hrddp_cli.explain import DossierStatus
from hrddp_cli.flags import Comparison, Side, raise_all
from hrddp_cli.methodology import rank
from hrddp_cli.read import DossierRead, read_dossier
from hrddp_cli.review.bases import previous_review
from hrddp_cli.review.settings import SettingsDelta, settings_delta
from hrddp_cli.review.shown import ShownChange, ShownFlag, shown_changes, shown_flags
from hrddp_cli.source import KINDS, DossierSource, Found, Tree, WorkTree, discover
from hrddp_cli.status import score_read

__all__ = ["DossierReview", "NoEarlierReview", "Request", "ReviewReport", "ShownChange", "ShownFlag", "review"]


class NoEarlierReview(UsageError):
    """No dossier of the run has a previous review to compare with (and no --base was given)."""


@dataclass(frozen=True, slots=True)
class Request:
    """What ``hrddp review`` was asked: paths, the revisions as given, the day and the audience."""

    paths: list[str]
    base: str | None
    head: str | None  # None: the working tree
    as_of: dt.date
    audience: Callable[[Settings], str]  # the audience, once the head's settings are known
    config: str | None = None


@dataclass(slots=True)
class DossierReview:
    """One dossier compared: how it changed, its status on each side, its changes and flags, as shown."""

    id: str
    path: str
    change: str  # added, removed, modified, unchanged or no_earlier_review
    renamed_from: str | None = None
    base: str | None = None  # the dossier's own base (its previous review), when no --base was given
    before: DossierStatus | None = None
    after: DossierStatus | None = None
    changes: list[ShownChange] = field(default_factory=list)
    flags: list[ShownFlag] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (base or head, file)
    note: str | None = None  # what could not be compared, and why

    @property
    def outcome_moved(self) -> bool:
        """Whether the recommendation or the worst floor differs between the two sides."""
        if self.before is None or self.after is None:
            return False
        return (self.before.recommendation, self.before.worst) != (self.after.recommendation, self.after.worst)

    def severity(self) -> tuple[int, int, int, int]:
        """Sort key, most severe first: outcome up, flags, then the number of changes."""
        rose = 0
        if self.before is not None and self.after is not None:
            rose = rank(self.after.worst_rung) - rank(self.before.worst_rung)
        return (-int(self.outcome_moved), -abs(rose), -len(self.flags), -len(self.changes))


@dataclass(slots=True)
class ReviewReport:
    base: str | None  # the commit compared with; None when each dossier has its own
    head: str  # "worktree", or a commit
    audience: str
    as_of: dt.date
    dossiers: list[DossierReview]
    settings_file: str | None = None  # the hrddp.yaml in use, said on standard error

    @property
    def changed(self) -> bool:
        return any(d.change in ("added", "removed", "modified") or d.flags for d in self.dossiers)


def review(request: Request) -> ReviewReport:
    """Compare the dossiers under ``request.paths`` between the base and the head."""
    from hrddp_cli.git import Repository

    repository = Repository.open(".")
    repository.require_inside(request.paths)
    head_sha = repository.resolve(request.head, "--head") if request.head is not None else None
    head_tree: Tree = WorkTree() if head_sha is None else repository.tree(head_sha)
    settings = load_settings(request.config, request.paths, head_tree)
    heads = _read_all(discover(request.paths, head_tree), settings)
    context = _Run(request, settings, head_tree, request.audience(settings))
    if request.base is not None:
        base_sha = repository.resolve(request.base, "--base")
        base_tree = repository.tree(base_sha)
        bases = _read_all(
            discover(request.paths, base_tree, required=False), _base_settings(request, base_tree, settings)
        )
        dossiers = [context.compare(base, head, base_tree) for base, head in match(bases, heads)]
    else:
        base_sha = None
        start = head_sha or repository.head()
        dossiers = [context.since_previous_review(repository, head, start) for head in heads]
        if dossiers and all(d.change == "no_earlier_review" for d in dossiers):
            raise NoEarlierReview(
                "no dossier has an earlier review in the git history (a commit with another "
                "assessment.date): pass --base REV, e.g. --base origin/main"
            )
    dossiers.sort(key=lambda d: (*d.severity(), d.path))
    return ReviewReport(base_sha, head_sha or "worktree", context.audience, request.as_of, dossiers, settings.file)


def match(bases: list[DossierRead], heads: list[DossierRead]) -> list[tuple[DossierRead | None, DossierRead | None]]:
    """Pairs of the same dossier: by id (the same folder first, where two share an id), then by folder.

    A dossier whose id changed in its own folder is that dossier with its id changed (so its
    edits are compared, and the id's change shown), not one removed and another added.
    """
    waiting: dict[str, list[DossierRead]] = {}
    for base in bases:
        waiting.setdefault(base.id, []).append(base)
    pairs: list[tuple[DossierRead | None, DossierRead | None]] = []
    for head in heads:
        candidates = waiting.get(head.id, [])
        same_folder = [b for b in candidates if b.source.folder == head.source.folder]
        chosen = next(iter(same_folder or candidates), None)
        if chosen is not None:
            candidates.remove(chosen)
        pairs.append((chosen, head))
    left = {base.source.folder: base for rest in waiting.values() for base in rest}
    for index, (paired, alone) in enumerate(pairs):
        if paired is None and alone is not None and alone.source.folder in left:
            pairs[index] = (left.pop(alone.source.folder), alone)
    pairs += [(rest, None) for rest in left.values()]
    return pairs


def _base_settings(request: Request, base_tree: Tree, head: Settings) -> Settings:
    """The settings the base is *read* with (its own limits): a pull request's limits cannot make the base unreadable.

    Both sides are still scored under the head's settings; a base whose settings cannot be read
    is read with the head's.
    """
    from hrddp_cli.errors import HrddpError

    if request.config is not None:
        return head
    try:
        return load_settings(None, request.paths, base_tree)
    except HrddpError:
        return head


def _read_all(found: Found, settings: Settings) -> list[DossierRead]:
    return [read_dossier(source, settings.limits) for source in found]


class _Run:
    """What every comparison of one review shares: the request, the head's settings and tree."""

    def __init__(self, request: Request, settings: Settings, head_tree: Tree, audience: str) -> None:
        self.request = request
        self.audience = audience
        self.settings = settings
        self.head_tree = head_tree
        self._deltas: dict[str, SettingsDelta] = {}

    def since_previous_review(self, repository: object, head: DossierRead, start: str | None) -> DossierReview:
        found = previous_review(repository, head, start, self.settings.limits) if start else None
        if found is None:
            return DossierReview(head.id, head.source.display, "no_earlier_review", after=self._side(head).status)
        sha, folder = found
        tree = repository.tree(sha)  # type: ignore[attr-defined]
        base = read_dossier(DossierSource(tree, folder), self.settings.limits)
        compared = self.compare(base, head, tree)
        compared.base = sha
        return compared

    def compare(self, base: DossierRead | None, head: DossierRead | None, base_tree: Tree) -> DossierReview:
        before = self._side(base) if base is not None else None
        after = self._side(head) if head is not None else None
        changes = diff_dossier(_documents(base, head), _documents(head, base)) if head and base else []
        delta = self._delta(base_tree)
        under_base = None
        if delta.changes and delta.base_settings is not None and head is not None:
            under_base = score_read(head, delta.base_settings, self.request.as_of, self.audience)[0]
        comparison = Comparison(
            before, after, changes, self.request.as_of, delta.changes, delta.file, under_base, delta.unreadable
        )
        audience = self.audience
        anchor = head or base
        assert anchor is not None
        reviewed = DossierReview(
            anchor.id,
            anchor.source.display,
            _change(base, head, changes),
            renamed_from=base.source.display if base and head and base.source.folder != head.source.folder else None,
            before=before.status if before else None,
            after=after.status if after else None,
            changes=shown_changes(changes, base, head, audience),
            flags=shown_flags(raise_all(comparison), comparison, audience),
            unreadable=_unreadable(base, head),
        )
        reviewed.note = _note(before, after, comparison)
        return reviewed

    def _side(self, read: DossierRead) -> Side:
        status, floors = score_read(read, self.settings, self.request.as_of, self.audience)
        return Side(read, status, floors)

    def _delta(self, base_tree: Tree) -> SettingsDelta:
        if base_tree.label not in self._deltas:
            self._deltas[base_tree.label] = settings_delta(
                base_tree, self.head_tree, self.request.paths, self.request.config
            )
        return self._deltas[base_tree.label]


def _change(base: DossierRead | None, head: DossierRead | None, changes: list[RecordChange]) -> str:
    if base is None:
        return "added"
    if head is None:
        return "removed"
    moved = base.source.folder != head.source.folder
    return "modified" if changes or moved or _unreadable(base, head) else "unchanged"


def _note(before: Side | None, after: Side | None, comparison: Comparison) -> str | None:
    """What could not be compared, and why: a side with validation errors cannot be scored."""
    broken = [name for name, side in (("base", before), ("head", after)) if side is not None and side.status.errors]
    if not broken:
        return None
    sides = " and the ".join(broken)
    said = f"the {sides} {'has' if len(broken) == 1 else 'have'} validation errors (hrddp validate lists them)"
    if before is not None and after is not None and comparison.modelled() is None:
        said += ", so it cannot be scored and the flags that compare models (REV006) were not raised"
    return said


def _documents(read: DossierRead, other: DossierRead) -> dict[str, Any]:
    """A side's documents, a record file it lacks (deleted, or not yet written) counting as one with no records.

    So a file deleted with its records shows as the records removed (REV002), not as nothing.
    """
    documents: dict[str, Any] = {kind: document.data for kind, document in read.documents.items()}
    for kind in KINDS:
        if kind != "context" and kind not in documents and not _present(read, kind) and kind in other.documents:
            documents[kind] = {kind: []}
    return documents


def _unreadable(base: DossierRead | None, head: DossierRead | None) -> list[tuple[str, str]]:
    """The files that a side holds but cannot read, where they differ between the sides (they cannot be compared)."""
    if base is None or head is None:
        return []
    found = []
    for kind in KINDS:
        broken = [
            side
            for side, read in (("base", base), ("head", head))
            if _present(read, kind) and kind not in read.documents
        ]
        if broken and (len(broken) == 1 or not _same_bytes(base, head, kind)):
            found += [(side, f"{kind}.yaml") for side in broken]
    return found


def _present(read: DossierRead, kind: str) -> bool:
    return read.source.path(kind) in read.files


def _same_bytes(base: DossierRead, head: DossierRead, kind: str) -> bool:
    """Whether a file holds the same bytes on both sides (by git's blob ids where both have one)."""
    keys = (base.source.tree.key(base.source.path(kind)), head.source.tree.key(head.source.path(kind)))
    if None not in keys:
        return keys[0] == keys[1]
    return bool(base.source.read(kind, _COMPARED) == head.source.read(kind, _COMPARED))


_COMPARED = 64 << 20  # the most of an unreadable file compared byte for byte
