"""Data-driven cases: tests/cases/<CODE>/{pass,fail}/<case>/ (see tests/cases/README.md).

Dropping a folder in adds a test. A failing case must report its code (at the positions its
case.yaml expects, if any); a passing case must not report it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from hrddp_cli.checks import all_checks
from tests.conftest import CASES, Run, case_params, make_case_dossier


@pytest.mark.parametrize(("code", "outcome", "case"), case_params(CASES, ("pass", "fail")))
def test_case(code: str, outcome: str, case: Path, tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(case, tmp_path)
    spec_file = case / "case.yaml"
    spec = (yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {}) if spec_file.exists() else {}
    run = hrddp("validate", str(tmp_path if "sibling" in spec else dossier), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    report = run.json()
    found = [f for f in report["findings"] if f["code"] == code]
    if outcome == "pass":
        assert found == [], f"{code} reported on a passing case: {found}"
        return
    assert found, f"{code} not reported; got {[(f['code'], f['message']) for f in report['findings']]}"
    expected = spec.get("expect", [])
    positions = {(Path(f["file"]).name, f["line"], f["column"]) for f in found}
    for want in expected:
        assert (want["file"], want["line"], want["column"]) in positions, f"expected at {want}, found {positions}"
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert run.exit_code == (1 if errors else 0)


def test_base_dossier_is_clean(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    empty = tmp_path / "no-case"
    empty.mkdir()
    run = hrddp("validate", str(make_case_dossier(empty, tmp_path)), "--format", "json", "--strict")
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []


def test_every_code_has_cases_and_documentation() -> None:
    for code, check in all_checks().items():
        assert check.summary, f"{code} has no docstring"
        for outcome in ("pass", "fail"):
            folder = CASES / code / outcome
            assert folder.is_dir() and any(folder.iterdir()), f"{code} has no {outcome} case in {folder}"
