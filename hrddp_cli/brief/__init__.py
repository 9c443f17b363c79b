"""``hrddp brief``: a decision memo for one audience, that cannot leak what the audience may not read.

:func:`prepare` reads and validates one dossier (a dossier with validation errors gets no memo),
scores it, and adds what git knows (the commit, uncommitted edits, the timeline, the changes
since the last review); :mod:`.memo` builds the memo from the audience's view alone;
:func:`check` is the leak scan the command runs on the rendered text before anything is
written (:mod:`.leaks`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hrddp_cli.brief.leaks import leaked
from hrddp_cli.brief.memo import Facts, Memo, Provenance, build
from hrddp_cli.config import Settings, load_settings
from hrddp_cli.errors import HrddpError, UsageError
from hrddp_cli.source import discover
from hrddp_cli.status import assess
from hrddp_cli.validate import Report, validate_each
from hrddp_cli.view import DossierView
from hrddp_cli.visible import plain

__all__ = ["Invalid", "Leak", "Memo", "Request", "check", "prepare"]


@dataclass(frozen=True, slots=True)
class Request:
    """What ``hrddp brief`` was asked: the dossier, the day, the audience, and the review to compare with."""

    path: str
    as_of: dt.date
    audience: Callable[[Settings], str]
    since: str | None = None  # a revision; None: the previous review
    config: str | None = None


class Invalid(HrddpError):
    """The dossier has validation errors: no memo, and the errors said (exit 1)."""

    exit_code = 1

    def __init__(self, report: Report) -> None:
        super().__init__("the dossier has validation errors: no memo is written until they are fixed")
        self.report = report


class Leak(HrddpError):
    """Withheld text stands in the rendered memo: it is not written (exit 1)."""

    exit_code = 1

    def __init__(self, fields: list[str]) -> None:
        named = "; ".join(fields)
        super().__init__(
            f"the memo would show text withheld at this audience, copied from: {named}. Nothing was written: "
            "remove the copied text from the visible field, or choose an audience that may read it"
        )
        self.fields = fields


def prepare(request: Request, version: str) -> Memo:
    """The memo of the dossier at ``request.path``, for the audience the settings and flags choose."""
    found = discover([request.path])
    if len(found.dossiers) != 1:
        raise UsageError(f"{plain(request.path)} holds {len(found.dossiers)} dossiers: brief takes one dossier folder")
    source = found.dossiers[0]
    settings = load_settings(request.config, [request.path])
    audience = request.audience(settings)
    result = next(validate_each([source], settings, request.as_of, audience))
    if result.dossier is None or any(f.severity == "error" for f in result.findings):
        report = Report(audience)
        report.add(result)
        raise Invalid(report)
    dossier = result.dossier
    status = assess(dossier, settings.methodology, request.as_of, DossierView(dossier, audience), source.display)
    facts = Facts(dossier, status, settings, request.as_of, audience, since=request.since)
    _from_git(facts, request, source.folder)
    return build(facts, version)


def check(memo: Memo, text: str) -> None:
    """Refuse the memo when its text holds any withheld value (the fields named, never the values)."""
    fields = leaked(text, memo.needles)
    if fields:
        raise Leak(fields)


def _from_git(facts: Facts, request: Request, folder: str) -> None:
    """The provenance, the timeline and the changes since the last review, or why each is missing."""
    from hrddp_cli.git import NotARepository, Repository

    try:
        repository = Repository.open(".")
        head = repository.head()
    except UsageError as error:
        said = _not_in_git(folder) if isinstance(error, NotARepository) else None
        facts.provenance = Provenance(note="not read from git")
        facts.changes = facts.timeline = said or "git could not read the repository (hrddp review here says why)"
        return
    if request.since is not None:
        repository.resolve(request.since, "--since")  # a typo is a usage error, not a memo without changes
    if head is None:
        facts.provenance = Provenance(note="in a git repository with no commit yet")
        facts.changes = facts.timeline = "the repository has no commit yet"
        return
    where = repository.repo_path(folder)
    if where is None:
        facts.provenance = Provenance(note="not read from git")
        facts.changes = facts.timeline = "the dossier is outside the git repository of the current folder"
        return
    facts.provenance = Provenance(head, repository.is_dirty([where]))
    audience = facts.audience
    facts.timeline = _attempt(lambda: _timeline(request, audience))
    if not isinstance(facts.timeline, str):
        day = request.as_of.isoformat()  # a memo as of a day shows no version committed after it
        facts.timeline.points = [p for p in facts.timeline.points if p.date[:10] <= day]
        from hrddp_cli.pictures import timeline

        facts.timeline_svg = timeline.svg(facts.timeline)
    facts.changes = _attempt(lambda: _changes(request, audience))


def _not_in_git(folder: str) -> str:
    """Why there is no git history: the dossier is in no repository, or hrddp was run from outside its one."""
    from hrddp_cli.git import Repository

    try:
        Repository.open(folder)
    except UsageError:
        return "the dossier is not in a git repository"
    return "hrddp brief was run from outside the dossier's git repository (run it from inside to add them)"


def _timeline(request: Request, audience: str) -> Any:
    from hrddp_cli.history import history

    return history(request.path, request.config, lambda _: audience)


def _changes(request: Request, audience: str) -> Any:
    from hrddp_cli.review import NoEarlierReview, review
    from hrddp_cli.review import Request as Compare

    asked = Compare([request.path], request.since, None, request.as_of, lambda _: audience, request.config)
    try:
        report = review(asked)
    except NoEarlierReview:
        return (
            "the dossier has no earlier review in git (no commit with another assessment date); "
            "--since REV compares with a revision"
        )
    if not report.dossiers or report.dossiers[0].change == "no_earlier_review":
        return "the dossier has no earlier review in git"
    found = report.dossiers[0]
    found.base = found.base or report.base  # the commit compared with, however it was chosen
    return found


def _attempt(step: Callable[[], Any]) -> Any:
    """The step's result, or the one sentence saying why git could not give it."""
    try:
        return step()
    except UsageError as error:
        return _reason(error)


def _reason(error: UsageError) -> str:
    return str(error).rstrip(".")
