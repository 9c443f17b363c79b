"""hrddp review on real repositories: what changed, the status before and after, the flags, the bases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, Run
from tests.gitrepo import GitRepo

Hrddp = Any


def _review(hrddp: Hrddp, repo: GitRepo, *args: str) -> Run:
    return hrddp("review", "dossiers", *args, cwd=repo.root)


def _json(hrddp: Hrddp, repo: GitRepo, *args: str) -> dict[str, Any]:
    run = _review(hrddp, repo, "-f", "json", *args)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def _risk(code: str, **changes: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        next(r for r in data["risks"] if r["id"] == code).update(changes)

    return change


def test_a_lowered_likelihood_is_shown_with_both_values_and_flagged(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", _risk("R-001", likelihood=2))
    report = _json(hrddp, repo, "--base", "HEAD")
    assert report["version"] == 2 and report["head"] == "worktree" and report["audience"] == "internal"
    assert report["base"] == repo.git("rev-parse", "HEAD").strip()
    (dossier,) = report["dossiers"]
    assert dossier["id"] == "sample-dossier" and dossier["change"] == "modified"
    assert dossier["changes"] == [
        {"file": "risks.yaml", "id": "R-001", "change": "modified",
         "fields": [{"pointer": "/likelihood", "base": 4, "head": 2}]}
    ]  # fmt: skip
    codes = [flag["code"] for flag in dossier["flags"]]
    assert "REV001" in codes
    rev001 = next(f for f in dossier["flags"] if f["code"] == "REV001")
    assert rev001["id"] == "R-001" and "likelihood lowered 4 → 2" in rev001["message"]
    assert dossier["recommendation"]["base"] and dossier["recommendation"]["head"]


def test_a_lowered_likelihood_with_new_evidence_is_not_flagged(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", _risk("R-001", likelihood=2, reviewed="2026-10-01"))
    (dossier,) = _json(hrddp, repo, "--base", "HEAD")["dossiers"]
    assert "REV001" not in [flag["code"] for flag in dossier["flags"]]


def test_nothing_changed_is_said_and_exit_code_follows_changes(hrddp: Hrddp, repo: GitRepo) -> None:
    clean = _review(hrddp, repo, "--base", "HEAD", "--exit-code")
    assert clean.exit_code == 0 and "0 changed" in clean.stdout
    repo.edit("risks.yaml", _risk("R-004", title="Another title"))
    changed = _review(hrddp, repo, "--base", "HEAD", "--exit-code")
    assert changed.exit_code == 1 and "/title" in changed.stdout


def test_a_deleted_record_is_flagged(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", lambda data: data["risks"].pop(3))
    (dossier,) = _json(hrddp, repo, "--base", "HEAD")["dossiers"]
    removed = [c for c in dossier["changes"] if c["change"] == "removed"]
    assert removed == [{"file": "risks.yaml", "id": "R-004", "change": "removed", "fields": []}]
    assert any(f["code"] == "REV002" and f["id"] == "R-004" for f in dossier["flags"])


def test_a_renamed_folder_is_the_same_dossier(hrddp: Hrddp, repo: GitRepo) -> None:
    base = repo.git("rev-parse", "HEAD").strip()
    repo.git("mv", "dossiers/sample-dossier", "dossiers/ardessa")
    repo.commit("Rename the folder")
    (dossier,) = _json(hrddp, repo, "--base", base)["dossiers"]
    assert dossier["path"] == "dossiers/ardessa" and dossier["renamed_from"] == "dossiers/sample-dossier"
    assert dossier["changes"] == [] and dossier["change"] == "modified"
    assert "REV002" not in [flag["code"] for flag in dossier["flags"]]


def test_an_uncommitted_new_dossier_is_added(hrddp: Hrddp, repo: GitRepo) -> None:
    import shutil

    shutil.copytree(repo.dossier, repo.root / "dossiers" / "second")
    (repo.root / "dossiers" / "second" / "context.yaml").write_text(
        (repo.dossier / "context.yaml").read_text().replace("id: sample-dossier", "id: second"), encoding="utf-8"
    )
    dossiers = {d["id"]: d for d in _json(hrddp, repo, "--base", "HEAD")["dossiers"]}
    assert dossiers["second"]["change"] == "added" and dossiers["second"]["recommendation"]["base"] is None
    assert dossiers["sample-dossier"]["change"] == "unchanged"


def test_head_may_be_a_revision(hrddp: Hrddp, repo: GitRepo) -> None:
    first = repo.git("rev-parse", "HEAD").strip()
    repo.edit("risks.yaml", _risk("R-004", likelihood=1))
    second = repo.commit("Lower R-004")
    repo.edit("risks.yaml", _risk("R-004", likelihood=5))  # in the working tree only: not compared
    report = _json(hrddp, repo, "--base", first, "--head", second)
    assert report["head"] == second
    (change,) = report["dossiers"][0]["changes"]
    assert change["fields"] == [{"pointer": "/likelihood", "base": 3, "head": 1}]


def _new_review(repo: GitRepo, date: str) -> None:
    def change(data: dict[str, Any]) -> None:
        data["assessment"]["date"] = date

    repo.edit("context.yaml", change)


def test_the_default_base_is_the_oldest_commit_of_the_previous_review(hrddp: Hrddp, repo: GitRepo) -> None:
    first = repo.git("rev-parse", "HEAD").strip()  # the review of the sample's assessment date
    repo.edit("risks.yaml", _risk("R-004", title="Edited in the same cycle"))
    repo.commit("An edit in the first cycle", "2026-02-01T10:00:00+00:00")
    _new_review(repo, "2026-11-20")
    repo.edit("risks.yaml", _risk("R-001", likelihood=3))
    repo.commit("The next review", "2026-11-20T10:00:00+00:00")
    report = _json(hrddp, repo)
    assert report["base"] is None
    (dossier,) = report["dossiers"]
    assert dossier["base"] == first  # the whole of the last cycle's edits, not only the last commit
    ids = {change["id"] for change in dossier["changes"]}
    assert {"R-001", "R-004", None} <= ids


def test_no_earlier_review_asks_for_a_base(hrddp: Hrddp, repo: GitRepo) -> None:
    run = _review(hrddp, repo)
    assert run.exit_code == 2 and "pass --base" in run.stderr


@pytest.mark.parametrize("revision", ["--output=/tmp/hrddp-pwned", "-x", "HEAD\n--help", ""])
def test_a_revision_that_could_act_on_git_is_refused(hrddp: Hrddp, repo: GitRepo, revision: str) -> None:
    run = _review(hrddp, repo, f"--base={revision}")
    assert run.exit_code == 2 and "not a revision" in run.stderr
    assert not Path("/tmp/hrddp-pwned").exists()


def test_an_unknown_revision_says_how_to_fetch_it(hrddp: Hrddp, repo: GitRepo) -> None:
    run = _review(hrddp, repo, "--base", "origin/main")
    assert run.exit_code == 2 and "git fetch origin main" in run.stderr


def test_a_shallow_clone_says_to_fetch_more(hrddp: Hrddp, repo: GitRepo, tmp_path: Path) -> None:
    _new_review(repo, "2026-11-20")
    repo.commit("Next review", "2026-11-20T10:00:00+00:00")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    default = hrddp("review", "dossiers", cwd=clone)
    assert default.exit_code == 2 and "shallow" in default.stderr and "fetch" in default.stderr
    behind = hrddp("review", "dossiers", "--base", "HEAD~1", cwd=clone)
    assert behind.exit_code == 2 and "shallow" in behind.stderr
    history = hrddp("history", "dossiers/sample-dossier", cwd=clone)
    assert history.exit_code == 2 and "shallow" in history.stderr


def test_outside_a_repository_review_says_so(hrddp: Hrddp, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "sample-dossier", tmp_path / "plain" / "d")
    run = hrddp("review", "d", "--base", "HEAD", cwd=tmp_path / "plain")
    assert run.exit_code == 2 and "not in a git repository" in run.stderr


def test_a_repository_of_another_user_says_how_to_trust_it(repo: GitRepo) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hrddp_cli", "review", "dossiers", "--base", "HEAD"],
        cwd=repo.root, capture_output=True, text=True,
        env={"PATH": _path(), "GIT_TEST_ASSUME_DIFFERENT_OWNER": "1", "HOME": str(repo.root)},
    )  # fmt: skip
    assert done.returncode == 2 and "safe.directory" in done.stderr and "Traceback" not in done.stderr


def test_without_git_installed_review_says_so_and_validate_still_runs(repo: GitRepo) -> None:
    env = {"PATH": "/nonexistent", "HOME": str(repo.root)}
    review = subprocess.run(
        [sys.executable, "-m", "hrddp_cli", "review", "dossiers", "--base", "HEAD"],
        cwd=repo.root, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert review.returncode == 2 and "git is not installed" in review.stderr
    validate = subprocess.run(
        [sys.executable, "-m", "hrddp_cli", "validate", "dossiers"],
        cwd=repo.root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert validate.returncode == 0, validate.stderr


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")
