"""A dossier's previous review: the base ``hrddp review`` compares with when no ``--base`` is given.

A review cycle is the run of commits whose ``context.yaml`` holds one ``assessment.date``. The
previous review is the oldest commit of the run before the head's: comparing with it shows the
whole cycle's edits, not only the last commit's. The history is read along first parents and
across renames of the dossier's folder.
"""

from __future__ import annotations

import os
from typing import Any

from hrddp_cli.config import Limits
from hrddp_cli.errors import UsageError
from hrddp_cli.load import load_bytes
from hrddp_cli.read import DossierRead

_UNSET = object()


def previous_review(repository: Any, head: DossierRead, start: str, limits: Limits) -> tuple[str, str] | None:
    """(commit, dossier folder at it) of ``head``'s previous review, or None when it has had none.

    In a shallow clone whose history ends before the answer is certain, a usage error says to
    fetch more, never a review against the wrong base.
    """
    path = repository.repo_path(head.source.path("context"))
    if path is None:
        return None
    context = head.documents.get("context")
    current = _assessment_date(context.data if context is not None else None)
    previous: Any = _UNSET
    chosen: tuple[str, str] | None = None
    for commit, names in repository.log([path], start, follow=True):
        at = names[0] if names else path
        found = _read_at(repository, commit.sha, at, limits)
        if found is None:
            continue  # a context that cannot be read, or has no date, marks no review
        date, identifier = found
        if identifier != head.id:
            break  # git followed a copy of another dossier: its history is not this one's
        if previous is _UNSET:
            if date == current:
                continue
            previous = date
        elif date != previous:
            return chosen
        chosen = (commit.sha, repository.user_path(os.path.dirname(at)))
    if repository.shallow:
        raise UsageError(
            f"this clone is shallow: the previous review of {head.id} may lie beyond its history; fetch "
            "it (git fetch --unshallow, or actions/checkout with fetch-depth: 0), or pass --base REV"
        )
    return chosen


def _read_at(repository: Any, sha: str, path: str, limits: Limits) -> tuple[object, object] | None:
    """(``assessment.date``, ``id``) of the context file at one commit; None when unreadable or undated."""
    tree = repository.tree(sha)
    content = tree.read(repository.user_path(path), limits.max_file_bytes)
    if not isinstance(content, bytes):
        return None
    document = load_bytes(content, max_bytes=limits.max_file_bytes, max_depth=limits.max_depth).document
    data = document.data if document is not None else None
    date = _assessment_date(data)
    if date is None:
        return None
    return date, data.get("id") if isinstance(data, dict) else None


def _assessment_date(data: Any) -> object:
    assessment = data.get("assessment") if isinstance(data, dict) else None
    return assessment.get("date") if isinstance(assessment, dict) else None
