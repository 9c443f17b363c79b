"""Shared fixtures: the real CLI, real folders and real git repositories in tmp_path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from hrddp_cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample-dossier"
CASES = Path(__file__).resolve().parent / "cases"
STATUS_CASES = Path(__file__).resolve().parent / "status_cases"
GOLDEN = Path(__file__).resolve().parent / "golden"
DATA = Path(__file__).resolve().parent / "data"  # vendored reference data (tests/data/README.md)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; with --update-golden, rewrite the file instead."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"no golden file {path}: run pytest --update-golden and review the diff"
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (pytest --update-golden)"

    return check


class _DatesAsText(yaml.SafeLoader):
    """Dates stay text, as hrddp's own reader keeps them."""


_DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """A YAML file as hrddp reads it (dates as text), for tests that build dossiers from data."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)


def unescaped(text: str) -> str:
    """Output with Markdown's escapes undone, so that a canary or an id is found however it was escaped."""
    return text.replace("\\", "").replace("\u200b", "")


class Run:
    """The outcome of one CLI invocation."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def hrddp(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run the real ``hrddp`` command in-process, through its entry point; ``cwd`` sets the working folder."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("CI", raising=False)

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setitem(cli._state, "debug", False)
        with CliRunner().isolation(env=env) as (stdout, stderr, _):
            try:
                cli.run(list(args))
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
            sys.stdout.flush()
            sys.stderr.flush()
            return Run(code, stdout.getvalue().decode(), stderr.getvalue().decode())

    return run


@pytest.fixture
def repo(tmp_path: Path) -> Any:
    """A real git repository in tmp_path with the sample dossier committed (``tests/gitrepo.py``)."""
    from tests.gitrepo import GitRepo

    made = GitRepo(tmp_path / "portfolio")
    made.seed()
    return made


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample dossier, in a folder of the same name."""
    target = tmp_path / "sample-dossier"
    shutil.copytree(SAMPLE, target)
    return target


def case_params(root: Path, outcomes: tuple[str, str]) -> list[Any]:
    """(code, outcome, folder) of every case folder ``root/<CODE>/<outcome>/<case>/``, as test parameters."""
    params = []
    for code_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for outcome in outcomes:
            folder = code_dir / outcome
            for case in sorted(folder.iterdir()) if folder.is_dir() else []:
                params.append(pytest.param(code_dir.name, outcome, case, id=f"{code_dir.name}-{outcome}-{case.name}"))
    return params


def make_case_dossier(case: Path, parent: Path, base: Path = CASES / "_base") -> Path:
    """The base test dossier with a case's files laid over it (tests/cases/README.md)."""
    dossier = parent / "case-dossier"
    shutil.copytree(base, dossier)
    spec_file = case / "case.yaml"
    spec = (yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}) if spec_file.exists() else {}
    for file in case.iterdir():
        if file.name != "case.yaml" and file.is_file():
            shutil.copyfile(file, dossier / file.name)
    for name in spec.get("remove", []):
        (dossier / name).unlink()
    if "config" in spec:
        (parent / "hrddp.yaml").write_text(yaml.safe_dump(spec["config"]), encoding="utf-8")
    if "nested" in spec:  # a second dossier inside the case's folder
        shutil.copytree(base, dossier / spec["nested"])
    if "sibling" in spec:  # a second dossier beside it, with the same id
        shutil.copytree(base, parent / spec["sibling"])
    return dossier


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and dates, so tests are reproducible."""
    env = {
        "GIT_AUTHOR_NAME": "Analyst",
        "GIT_AUTHOR_EMAIL": "analyst@example.org",
        "GIT_COMMITTER_NAME": "Analyst",
        "GIT_COMMITTER_EMAIL": "analyst@example.org",
        "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True)
    return done.stdout
