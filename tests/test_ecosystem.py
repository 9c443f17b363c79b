"""The files other tools read: the GitHub Action, the GitLab template, the hooks, and the CI files init writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from hrddp_cli.render.review.markdown import MARKER
from tests.conftest import ROOT

Hrddp = Any
_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_action_is_a_composite_that_splices_no_value_into_a_script() -> None:
    action = _load(ROOT / "action.yml")
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    for step in steps:
        for expression in _EXPRESSION.findall(step.get("run", "")):
            raise AssertionError(f"{step.get('name')}: ${{{{{expression}}}}} inside a script can become a command")
    used = {
        m.strip()
        for step in steps
        for value in (step.get("env") or {}).values()
        for m in _EXPRESSION.findall(str(value))
    }
    for name in action["inputs"]:
        assert any(name in expression for expression in used) or any(
            name in str(step.get("with", "")) or name in str(step.get("if", "")) for step in steps
        ), f"input {name} is never used"
    assert any(MARKER in str(step.get("with", {}).get("script", "")) for step in steps), (
        "the comment is found by its marker"
    )
    assert steps[-1]["run"].startswith("exit"), "the step fails on validation errors, after the summary and comment"


def test_the_gitlab_template_fails_on_validation_only_and_keeps_its_reports() -> None:
    template = _load(ROOT / "ci" / "hrddp.gitlab-ci.yml")
    job = template[".hrddp"]
    script = "\n".join(job["script"])
    assert "hrddp validate --format gitlab" in script and "|| failed=1" in script
    assert "exit ${failed:-0}" in job["script"][-1]
    assert MARKER in script
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["variables"]["GIT_DEPTH"] == 0


def test_the_ci_files_init_writes_are_valid_yaml_with_the_version(hrddp: Hrddp, tmp_path: Path) -> None:
    from hrddp_cli import __version__

    assert hrddp("init", cwd=tmp_path).exit_code == 0
    workflow = _load(tmp_path / ".github" / "workflows" / "dossiers.yml")
    steps = workflow["jobs"]["check"]["steps"]
    assert any(f"hrddp@v{__version__()}" in step.get("run", "") for step in steps)
    assert any("github.base_ref" in step.get("run", "") for step in steps), "the base branch of the pull request"
    gitlab = _load(tmp_path / ".gitlab-ci.yml")
    assert f"hrddp@v{__version__()}" in "\n".join(gitlab["dossiers"]["script"])
    hooks = _load(tmp_path / ".pre-commit-config.yaml")
    assert hooks["repos"][0]["hooks"][0]["entry"] == "hrddp validate --"


def test_the_projects_own_pre_commit_config_runs_its_hook_ruff_and_mypy() -> None:
    hooks = [hook["id"] for repo in _load(ROOT / ".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]]
    assert {"hrddp-validate", "ruff", "mypy"} <= set(hooks)


def test_the_progress_line_is_drawn_on_a_terminal_only_and_erased(capsys: Any, monkeypatch: Any) -> None:
    from hrddp_cli.progress import tracked

    assert list(tracked(range(50), 50, "validating dossiers", enabled=True)) == list(range(50))
    drawn = capsys.readouterr().err
    assert "validating dossiers 50/50" in drawn and drawn.endswith("\r\033[K")
    assert list(tracked(range(5), 5, "short", enabled=True)) == list(range(5))
    assert capsys.readouterr().err == "", "a short run draws nothing"
    monkeypatch.setenv("CI", "true")
    assert list(tracked(range(50), 50, "in CI")) == list(range(50))
    assert capsys.readouterr().err == "", "CI draws nothing"


def test_a_piped_portfolio_run_prints_no_progress(hrddp: Hrddp, tmp_path: Path) -> None:
    from tests.canaries import sample, write

    for index in range(25):
        data = sample()
        data["context"]["id"] = f"dossier-{index:02d}"
        write(tmp_path / "dossiers" / f"dossier-{index:02d}", data)
    run = hrddp("validate", "dossiers", cwd=tmp_path)
    assert "\r" not in run.stderr and "validating dossiers" not in run.stderr
