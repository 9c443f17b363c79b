"""Review and history where a pull request, or an unusual repository, tries the edges.

Each case was once a way to read outside the repository, leak a withheld id, crash, or hide an
edit from the reviewer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.gitrepo import GitRepo

Hrddp = Any
ALL = "strictly_confidential"


def _review(hrddp: Hrddp, repo: GitRepo, *args: str) -> dict[str, Any]:
    run = hrddp("review", "dossiers", "-f", "json", *args, cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)["dossiers"][0]


def test_a_linked_dossiers_folder_is_refused_with_or_without_a_slash(
    hrddp: Hrddp, repo: GitRepo, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (repo.root / "dossiers").rename(outside)
    os.symlink(outside, repo.root / "dossiers")
    for argument in ("dossiers", "dossiers/", "dossiers/sample-dossier/"):
        for command in ("validate", "review"):
            run = hrddp(command, argument, cwd=repo.root)
            assert run.exit_code == 2, (command, argument, run.stdout)
            assert "dossiers is a symbolic link" in run.stderr


def test_ids_of_withheld_records_are_withheld_in_a_visible_records_lists(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", lambda data: data["risks"][1].update(confidentiality="strictly_confidential"))
    repo.commit("Raise the marking of R-002")

    def mention(data: dict[str, Any]) -> None:
        visible = next(i for i in data["incidents"] if i.get("confidentiality") in (None, "internal", "confidential"))
        visible["linked_risks"] = [*visible.get("linked_risks", []), "R-002"]

    repo.edit("incidents.yaml", mention)
    assert repo.record("risks.yaml", "R-002")["confidentiality"] == "strictly_confidential"
    text = json.dumps(_review(hrddp, repo, "--base", "HEAD", "--audience", "confidential"))
    assert "R-002" not in text
    assert "/linked_risks" in text and "[a withheld risk]" in text, "the change itself is still shown"


def test_history_withholds_a_risk_whose_marking_was_raised_later(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=3))
    repo.commit("Lower R-001", "2026-02-01T10:00:00+00:00")
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(confidentiality="confidential"))
    repo.commit("Mark R-001 confidential", "2026-03-01T10:00:00+00:00")
    run = hrddp("history", "dossiers/sample-dossier", "-f", "json", "--audience", "internal", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    points = json.loads(run.stdout)["points"]
    assert len(points) == 3 and all("R-001" not in point["risks"] for point in points)
    svg = hrddp("history", "dossiers/sample-dossier", "-f", "svg", "--audience", "internal", cwd=repo.root)
    assert "R-001" not in svg.stdout


def test_history_in_colour_on_a_terminal(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=3))
    repo.commit("Lower R-001", "2026-02-01T10:00:00+00:00")
    run = hrddp("history", "dossiers/sample-dossier", "--color", "always", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    assert "\033[" in run.stdout and "2 versions" in run.stdout


def test_a_submodule_beside_the_dossiers_is_no_crash(hrddp: Hrddp, repo: GitRepo, tmp_path: Path) -> None:
    other = GitRepo(tmp_path / "other")
    other.commit("empty")
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(other.root), "dossiers/linked")
    repo.commit("Add a submodule")
    run = hrddp("review", "dossiers", "--base", "HEAD~1", "--head", "HEAD", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    timeline = hrddp("history", "dossiers/sample-dossier", cwd=repo.root)
    assert timeline.exit_code == 0, timeline.stderr


def test_a_deleted_file_shows_its_records_removed(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.dossier / "mitigations.yaml").unlink()
    dossier = _review(hrddp, repo, "--base", "HEAD", "--audience", ALL)
    assert dossier["change"] == "modified"
    removed = [c for c in dossier["changes"] if c["file"] == "mitigations.yaml"]
    assert removed and all(c["change"] == "removed" for c in removed)
    assert "REV002" in {flag["code"] for flag in dossier["flags"]}
    exit_code = hrddp("review", "dossiers", "--base", "HEAD", "--exit-code", cwd=repo.root).exit_code
    assert exit_code == 1


def test_the_comment_shows_flags_of_a_dossier_whose_data_did_not_change(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.root / "hrddp.yaml").write_text("methodology: {max_credit: 1}\n", encoding="utf-8")
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "md", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    assert "REV009" in run.stdout and "No dossier changed" not in run.stdout
    assert hrddp("review", "dossiers", "--base", "HEAD", "--exit-code", cwd=repo.root).exit_code == 1


def test_a_broken_context_is_no_review_and_a_copy_is_not_this_dossiers_past(hrddp: Hrddp, repo: GitRepo) -> None:
    context = repo.dossier / "context.yaml"
    good = context.read_text(encoding="utf-8")
    context.write_text(good + "\n  : broken [\n", encoding="utf-8")
    repo.commit("A broken context", "2026-02-01T10:00:00+00:00")
    context.write_text(good, encoding="utf-8")
    repo.commit("Fixed", "2026-02-02T10:00:00+00:00")
    run = hrddp("review", "dossiers", cwd=repo.root)
    assert run.exit_code == 2 and "no dossier has an earlier review" in run.stderr

    copy = repo.root / "dossiers" / "copy"
    copy.mkdir()
    for file in repo.dossier.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    (copy / "context.yaml").write_text(good.replace("id: sample-dossier", "id: another-dossier"), encoding="utf-8")
    repo.commit("Start another dossier from this one", "2026-03-01T10:00:00+00:00")
    run = hrddp("review", "dossiers/copy", cwd=repo.root)
    assert run.exit_code == 2 and "no dossier has an earlier review" in run.stderr


def test_a_path_outside_the_current_repository_is_refused(hrddp: Hrddp, repo: GitRepo, tmp_path: Path) -> None:
    elsewhere = GitRepo(tmp_path / "elsewhere")
    elsewhere.seed()
    for command in (["review", str(elsewhere.root / "dossiers")], ["history", str(elsewhere.dossier)]):
        run = hrddp(*command, cwd=repo.root)
        assert run.exit_code == 2 and "outside the git repository of the current folder" in run.stderr


def test_a_head_with_validation_errors_says_why_it_cannot_be_scored(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=9))
    dossier = _review(hrddp, repo, "--base", "HEAD")
    assert dossier["recommendation"]["head"] == "insufficient_information"
    assert "head has validation errors" in dossier["note"]


def test_an_id_changed_in_its_own_folder_still_shows_the_edits(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("context.yaml", lambda data: data.update(id="renamed-dossier"))
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=1))
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "json", "--audience", ALL, cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    dossiers = json.loads(run.stdout)["dossiers"]
    assert [d["change"] for d in dossiers] == ["modified"]
    pointers = {f["pointer"] for c in dossiers[0]["changes"] for f in c["fields"]}
    assert {"/id", "/likelihood"} <= pointers
    assert "REV001" in {flag["code"] for flag in dossiers[0]["flags"]}


def test_rev009_compares_under_the_base_settings_when_config_names_the_same_file(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.root / "hrddp.yaml").write_text("methodology: {max_credit: 3}\n", encoding="utf-8")
    repo.commit("Settings")
    (repo.root / "hrddp.yaml").write_text("methodology: {max_credit: 1}\n", encoding="utf-8")
    run = hrddp("review", "dossiers", "--base", "HEAD", "--config", "hrddp.yaml", "-f", "json", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    flag = next(f for f in json.loads(run.stdout)["dossiers"][0]["flags"] if f["code"] == "REV009")
    assert "under the base's settings the head would be" in flag["message"]
    assert "hrddp: settings from hrddp.yaml" in run.stderr


def test_the_heads_limits_cannot_make_the_base_unreadable(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.root / "hrddp.yaml").write_text("limits: {max_file_bytes: 1024}\n", encoding="utf-8")
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=1))
    dossier = _review(hrddp, repo, "--base", "HEAD", "--audience", ALL)
    assert {"side": "head", "file": "risks.yaml"} in dossier["unreadable"]
    assert not any(u["side"] == "base" for u in dossier["unreadable"])
    assert dossier["change"] == "modified"
