"""The benchmark portfolio stays a fair one: valid dossiers give no finding, injected errors exactly theirs.

``benchmarks/run.py`` refuses to time a validator whose answer is wrong; this keeps the generator
in step with the checks, so that a new check cannot leave the benchmarks broken until someone
runs them.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_generated_dossiers_are_valid_and_errors_are_found_where_injected(hrddp, tmp_path: Path) -> None:
    generate = _generator()
    generate.write_portfolio(tmp_path / "valid", 4, seed=3)
    injected = generate.write_portfolio(tmp_path / "errors", 5, seed=3, errors=5)

    clean = hrddp("validate", str(tmp_path / "valid" / "dossiers"), "--strict", "-f", "json")
    assert clean.exit_code == 0, clean.stdout
    assert json.loads(clean.stdout)["findings"] == []

    run = hrddp("validate", "dossiers", "-f", "json", cwd=tmp_path / "errors")
    found = {(f["file"], f["line"], f["code"]) for f in json.loads(run.stdout)["findings"]}
    assert found == {(error.file, error.line, error.code) for error in injected}
