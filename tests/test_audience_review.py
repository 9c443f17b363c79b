"""The hard guarantee for what compares revisions: no format of ``review`` or ``history`` prints a withheld value.

Two commits of the sample dossier, each with its own random markings (on the context and on
every record) and its own canaries (``CANARYR001BASE`` in the base's titles, ``CANARYR001HEAD``
in the head's, and the same in every sensitive field), so that every record changes between
them. A value may be printed only when the audience may read the record on *both* sides (the
higher marking governs: raising a record's marking must not reveal its old text), and a
sensitive one only from ``confidential`` up. The control asserts that what may be shown is
shown, so that the test can fail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrddp_cli.history import history
from hrddp_cli.markings import MARKINGS, rank
from hrddp_cli.render import Options, formats, renderer
from hrddp_cli.review import Request, review
from tests.canaries import KINDS, marked, records, write
from tests.conftest import unescaped
from tests.gitrepo import GitRepo

AS_OF = dt.date(2026, 11, 29)
markings = st.sampled_from([None, *MARKINGS])
RECORDS = records()
side = st.tuples(markings, st.lists(markings, min_size=RECORDS, max_size=RECORDS))


def _marked(
    tag: str, context_marking: str | None, own: list[str | None]
) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """The sample marked and tagged for one side; record id → (effective marking, canary stem)."""
    data, canaries = marked(context_marking, own, tag)
    stems = {c.record: (c.marking, text.removesuffix(tag)) for text, c in canaries.items() if not c.sensitive}
    return data, stems


def _outputs(root: Path, audience: str, worktree: bool) -> dict[str, str]:
    rendered: dict[str, str] = {}
    with contextlib.chdir(root):
        request = Request(["dossiers"], "HEAD~1", None if worktree else "HEAD", AS_OF, lambda _: audience)
        report = review(request)
        for name in formats("review"):
            out = renderer("review", name).render(report, Options())
            rendered[f"review {name}"] = out if isinstance(out, str) else out.decode()
        timeline = history("dossiers/sample-dossier", None, lambda _: audience)
        for name in formats("history"):
            out = renderer("history", name).render(timeline, Options())
            rendered[f"history {name}"] = out if isinstance(out, str) else out.decode()
    return rendered


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(side, side, st.sampled_from(MARKINGS), st.booleans())
def test_no_withheld_value_in_any_review_or_history(
    base: tuple[str | None, list[str | None]],
    head: tuple[str | None, list[str | None]],
    audience: str,
    worktree: bool,
) -> None:
    base_data, base_marks = _marked("BASE", *base)
    head_data, head_marks = _marked("HEAD", *head)
    with tempfile.TemporaryDirectory() as temporary:
        repo = GitRepo(Path(temporary) / "portfolio")
        write(repo.dossier, base_data)
        repo.commit("base", "2026-01-15T10:00:00+00:00")
        write(repo.dossier, head_data)
        if not worktree:
            repo.commit("head", "2026-02-15T10:00:00+00:00")
        else:
            repo.commit("an empty step", "2026-02-15T10:00:00+00:00")  # HEAD~1 is still the base
            write(repo.dossier, head_data)
        outputs = _outputs(repo.root, audience, worktree)
    sees_sensitive = rank(audience) >= rank("confidential")
    shown_somewhere = []
    for record_id, (before, stem) in base_marks.items():
        after = head_marks[record_id][0]
        governing = max(before, after, key=rank)
        for name, text in outputs.items():
            text = unescaped(text)
            if rank(governing) > rank(audience):
                assert f"{stem}BASE" not in text, f"{record_id} ({before}→{after}) old text in {name} at {audience}"
                assert f"{stem}HEAD" not in text, f"{record_id} ({before}→{after}) new text in {name} at {audience}"
                if rank(before) > rank(audience) and rank(after) > rank(audience):
                    assert not re.search(rf"\b{record_id}\b", text), f"{record_id} named by {name} at {audience}"
            if rank(governing) > rank(audience) or not sees_sensitive:
                assert f"{stem}SBASE" not in text and f"{stem}SHEAD" not in text, f"sensitive {record_id} in {name}"
        if rank(governing) <= rank(audience):
            shown_somewhere.append(stem)
    # Control: a record the audience may read on both sides shows its old and new text in the review.
    text = unescaped(outputs["review text"])
    for stem in shown_somewhere:
        assert f"{stem}BASE" in text and f"{stem}HEAD" in text, f"{stem} is readable but not shown at {audience}"


def test_the_fixture_changes_every_record() -> None:
    """The property above is only as strong as its data: every record's text differs between the sides."""
    base_data, _ = _marked("BASE", None, [None] * RECORDS)
    head_data, _ = _marked("HEAD", None, [None] * RECORDS)
    for kind in KINDS:
        for before, after in zip(base_data[kind][kind], head_data[kind][kind], strict=True):
            assert before != after
