"""hrddp history on real repositories: points along first parents, across renames, each version parsed once."""

from __future__ import annotations

import json
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo

Hrddp = Any


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    made = GitRepo(tmp_path / "portfolio")
    made.seed("2026-10-01T09:00:00+00:00")
    return made


def _likelihood(value: int) -> Any:
    def change(data: dict[str, Any]) -> None:
        next(r for r in data["risks"] if r["id"] == "R-004")["likelihood"] = value

    return change


def _history(hrddp: Hrddp, repo: GitRepo, *args: str, folder: str = "dossiers/sample-dossier") -> dict[str, Any]:
    run = hrddp("history", folder, "-f", "json", *args, cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def test_every_commit_that_touched_the_dossier_is_a_point_oldest_first(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.root / "README.md").write_text("the portfolio\n")
    repo.commit("Unrelated", "2026-10-02T09:00:00+00:00")
    repo.edit("risks.yaml", _likelihood(5))
    repo.commit("Raise R-004", "2026-10-05T14:30:00+05:30", author="Ben Reviewer")
    report = _history(hrddp, repo)
    assert report["version"] == 2 and report["dossier"] == "sample-dossier" and report["audience"] == "internal"
    points = report["points"]
    assert [p["date"] for p in points] == ["2026-10-01T09:00:00+00:00", "2026-10-05T14:30:00+05:30"]
    assert [p["author"] for p in points] == ["Ana Analyst", "Ben Reviewer"]
    assert points[0]["risks"]["R-004"] != points[1]["risks"]["R-004"]
    assert all(
        set(p) == {"commit", "date", "author", "recommendation", "worst", "unit_measures", "risks"} for p in points
    )
    assert report["decisions"] and all(set(d) == {"date", "outcome", "scope", "departs"} for d in report["decisions"])


def test_the_first_parent_line_skips_a_merged_branchs_own_commits(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "edit")
    repo.edit("risks.yaml", _likelihood(5))
    side = repo.commit("On the branch", "2026-10-03T09:00:00+00:00")
    repo.edit("risks.yaml", _likelihood(1))
    repo.commit("Still on the branch", "2026-10-04T09:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge the edit", "edit", when="2026-10-06T09:00:00+00:00")
    commits = [p["commit"] for p in _history(hrddp, repo)["points"]]
    assert len(commits) == 2 and side not in commits
    assert commits[1] == repo.git("rev-parse", "HEAD").strip()


def test_the_history_continues_across_a_renamed_folder(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", _likelihood(5))
    repo.commit("Raise R-004", "2026-10-03T09:00:00+00:00")
    repo.git("mv", "dossiers/sample-dossier", "dossiers/ardessa")
    repo.commit("Rename", "2026-10-04T09:00:00+00:00")
    points = _history(hrddp, repo, folder="dossiers/ardessa")["points"]
    assert len(points) == 2  # the rename left the five files as they were: no point of its own
    assert points[0]["date"].startswith("2026-10-01")


def test_each_version_of_a_file_is_parsed_once(hrddp: Hrddp, repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    from hrddp_cli import read

    for value in (1, 2, 3, 5):
        repo.edit("risks.yaml", _likelihood(value))
        repo.commit(f"R-004 at {value}", f"2026-10-0{value + 1}T09:00:00+00:00")
    parsed: list[str] = []
    original = read._parse
    monkeypatch.setattr(
        read, "_parse", lambda kind, content, limits: parsed.append(kind) or original(kind, content, limits)
    )
    assert len(_history(hrddp, repo)["points"]) == 5
    assert sorted(parsed) == sorted(["context", "consultations", "mitigations", "incidents"] + ["risks"] * 5)


def test_the_audience_decides_which_risks_a_point_shows(hrddp: Hrddp, repo: GitRepo) -> None:
    internal = _history(hrddp, repo)["points"][0]["risks"]
    confidential = _history(hrddp, repo, "--audience", "confidential")["points"][0]["risks"]
    assert "R-005" in confidential and "R-005" not in internal  # R-005 is confidential
    assert set(internal) < set(confidential)


def test_a_folder_not_in_head_is_refused(hrddp: Hrddp, repo: GitRepo) -> None:
    run = hrddp("history", "dossiers/nothing-here", cwd=repo.root)
    assert run.exit_code == 2 and "history takes one dossier folder" in run.stderr


def test_the_svg_is_well_formed_and_shows_folder_names_as_text(hrddp: Hrddp, repo: GitRepo) -> None:
    hostile = "dossiers/a<b&c"
    repo.git("mv", "dossiers/sample-dossier", hostile)
    (repo.root / hostile / "risks.yaml").write_text((repo.root / hostile / "risks.yaml").read_text() + "\n")
    repo.commit("Rename to a hostile name", "2026-10-03T09:00:00+00:00")
    run = hrddp("history", hostile, "-f", "svg", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    document = xml.dom.minidom.parseString(run.stdout)
    assert document.documentElement.tagName == "svg"
    assert "a&lt;b&amp;c" in run.stdout and "<b&c" not in run.stdout
    assert not document.getElementsByTagName("script")


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_text_and_markdown_mark_the_decisions(hrddp: Hrddp, repo: GitRepo, format: str) -> None:
    run = hrddp("history", "dossiers/sample-dossier", "-f", format, cwd=repo.root)
    assert run.exit_code == 0 and "decision" in run.stdout and "Ana Analyst" in run.stdout
