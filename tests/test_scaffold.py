"""``hrddp init`` and ``hrddp new``: a portfolio and a dossier valid from the start, and nothing overwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

Hrddp = Any


def test_init_then_new_then_validate_passes(hrddp: Hrddp, tmp_path: Path) -> None:
    made = hrddp("init", "portfolio", cwd=tmp_path)
    assert made.exit_code == 0, made.stderr
    root = tmp_path / "portfolio"
    for name in ("hrddp.yaml", "README.md", ".pre-commit-config.yaml", ".github/workflows/dossiers.yml",
                 ".gitlab-ci.yml", ".hrddp/schemas/risks.schema.json"):  # fmt: skip
        assert (root / name).is_file(), name
        assert f"created portfolio/{name}" in made.stdout
    assert (root / "dossiers").is_dir()
    dossier = hrddp("new", "arc-police", cwd=root)
    assert dossier.exit_code == 0, dossier.stderr
    assert "created dossiers/arc-police/context.yaml" in dossier.stdout
    run = hrddp("validate", "--strict", "-f", "json", cwd=root)
    assert run.exit_code == 0, run.stdout
    assert json.loads(run.stdout)["summary"]["dossiers"] == 1
    assert hrddp("status", cwd=root).exit_code == 0


def test_the_settings_init_writes_are_the_defaults_and_valid(hrddp: Hrddp, tmp_path: Path) -> None:
    from hrddp_cli.config import Settings, load_settings

    assert hrddp("init", cwd=tmp_path).exit_code == 0
    written = load_settings(str(tmp_path / "hrddp.yaml"), ["."])
    defaults = Settings()
    assert written.methodology.bands == defaults.methodology.bands
    assert written.limits == defaults.limits
    assert (written.analyst_audience, written.ci_audience) == (defaults.analyst_audience, defaults.ci_audience)


def test_init_twice_leaves_the_first_untouched(hrddp: Hrddp, tmp_path: Path) -> None:
    assert hrddp("init", cwd=tmp_path).exit_code == 0
    (tmp_path / "hrddp.yaml").write_text("# mine\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    again = hrddp("init", cwd=tmp_path)
    assert again.exit_code == 2 and "overwrites nothing" in again.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_refuses_a_folder_where_only_one_file_exists(hrddp: Hrddp, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("ours\n", encoding="utf-8")
    run = hrddp("init", cwd=tmp_path)
    assert run.exit_code == 2 and "README.md already exists" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"], "nothing else was written"


def test_new_writes_modelines_that_point_at_the_exported_schemas(hrddp: Hrddp, tmp_path: Path) -> None:
    assert hrddp("init", cwd=tmp_path).exit_code == 0
    assert hrddp("new", "arc-police", cwd=tmp_path).exit_code == 0
    folder = tmp_path / "dossiers" / "arc-police"
    for file in sorted(folder.iterdir()):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert found, first
        assert (folder / found.group(1)).resolve().is_file(), f"{file.name}'s modeline points nowhere"
    context = yaml.safe_load((folder / "context.yaml").read_text(encoding="utf-8"))
    assert context["id"] == "arc-police"


def test_new_refuses_an_existing_dossier_and_a_bad_id(hrddp: Hrddp, tmp_path: Path) -> None:
    assert hrddp("new", "arc-police", "--in", "here", cwd=tmp_path).exit_code == 0
    kept = (tmp_path / "here" / "arc-police" / "context.yaml").read_bytes()
    again = hrddp("new", "arc-police", "--in", "here", cwd=tmp_path)
    assert again.exit_code == 2 and "overwrites nothing" in again.stderr
    assert (tmp_path / "here" / "arc-police" / "context.yaml").read_bytes() == kept
    for bad in ("Arc Police", "../escape", "-x", "a"):
        run = hrddp("new", "--", bad, cwd=tmp_path)
        assert run.exit_code == 2 and "is not a dossier id" in run.stderr, bad
    alone = hrddp("new", "lonely", "--in", "solo", cwd=tmp_path)
    assert "hrddp schema export" in alone.stderr, "a dossier outside a portfolio is told how to get the schemas"


def test_the_hook_manifest_validates_a_dossier(hrddp: Hrddp, sample: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "hrddp-validate")
    assert hook["entry"].split()[:3] == ["hrddp", "validate", "--"]
    assert re.search(hook["files"], "dossiers/arc/Risks.yml") and not re.search(hook["files"], "README.md")
    entry = hook["entry"].split()[1:]
    run = hrddp(*entry, str(sample / "risks.yaml"), str(sample / "context.yaml"), cwd=sample.parent)
    assert run.exit_code == 0, run.stdout
