"""The command line as users meet it: discovery, configuration, exit codes, files it writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from hrddp_cli.schema import SCHEMA_KINDS
from tests.conftest import ROOT, SAMPLE, Run


def _portfolio(tmp_path: Path) -> Path:
    """A portfolio with dossiers at several depths, and folders discovery must skip."""
    root = tmp_path / "portfolio"
    for name in ("dossiers/beta", "dossiers/alpha", "dossiers/region/gamma"):
        target = root / name
        shutil.copytree(SAMPLE, target)
        context = target / "context.yaml"
        context.write_text(context.read_text().replace("id: sample-dossier", f"id: {target.name}"))
    shutil.copytree(SAMPLE, root / ".hidden" / "secret")  # hidden: skipped
    shutil.copytree(SAMPLE, root / "venv" / "lib" / "copy")  # a virtual environment: skipped
    (root / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / "venv" / "bin").mkdir()
    shutil.copytree(SAMPLE, root / "dossiers" / "alpha" / "nested")  # inside a dossier: found, and HRD004
    (root / "notes").mkdir()
    return root


def test_discovery_finds_dossiers_in_sorted_order_and_skips_the_rest(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    root = _portfolio(tmp_path)
    (root / "dossiers" / "link").symlink_to(root / ".hidden" / "secret")  # never followed
    run = hrddp("validate", "portfolio", "--format", "junit", cwd=tmp_path)
    assert run.exit_code == 1, run.stdout  # the nested dossier is an error: no file can hide what lies below
    suites = [line.split('name="')[1].split('"')[0] for line in run.stdout.splitlines() if "<testsuite " in line]
    assert suites == ["alpha", "sample-dossier", "beta", "gamma"]
    assert "portfolio/dossiers/region/gamma/risks.yaml" in run.stdout
    findings = hrddp("validate", "portfolio", "--format", "json", cwd=tmp_path).json()["findings"]
    nested = "portfolio/dossiers/alpha/nested/context.yaml"
    assert [(f["code"], f["file"]) for f in findings if f["severity"] == "error"] == [("HRD004", nested)]


def test_file_argument_means_its_dossier_and_paths_stay_as_typed(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    root = _portfolio(tmp_path)
    risks = root / "dossiers" / "beta" / "risks.yaml"
    risks.write_text(risks.read_text().replace("likelihood: 4", "likelihood: 9", 1))
    run = hrddp("validate", "dossiers/beta/risks.yaml", "dossiers/beta/context.yaml", "--format", "json", cwd=root)
    assert run.exit_code == 1
    report = run.json()
    assert report["summary"]["dossiers"] == 1
    assert {f["file"] for f in report["findings"]} == {"dossiers/beta/risks.yaml"}


def test_missing_path_and_empty_folder_are_usage_errors(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    missing = hrddp("validate", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    empty = hrddp("validate", str(tmp_path))
    assert empty.exit_code == 2 and "no dossier found" in empty.stderr
    stray = tmp_path / "notes.yaml"
    stray.write_text("a: 1\n")
    assert hrddp("validate", str(stray)).exit_code == 2


def test_unknown_format_and_color_are_usage_errors(hrddp: Callable[..., Run]) -> None:
    bad_format = hrddp("validate", str(SAMPLE), "--format", "xml")
    assert bad_format.exit_code == 2 and "github, gitlab, json, junit, sarif, text" in bad_format.stderr
    assert hrddp("validate", str(SAMPLE), "--color", "sometimes").exit_code == 2
    assert hrddp("validate", str(SAMPLE), "--no-such-flag").exit_code == 2


def test_configuration_limits_apply_and_errors_are_located(sample: Path, hrddp: Callable[..., Run]) -> None:
    config = sample.parent / "hrddp.yaml"
    config.write_text("limits:\n  max_file_bytes: 2048\n")
    small = hrddp("validate", str(sample), "--format", "json")
    assert small.exit_code == 1
    assert {f["code"] for f in small.json()["findings"]} == {"HRD001"}

    config.write_text("methodology:\n  rules:\n    C9: {enabled: false}\nlimits:\n  max_depth: 3\n")
    broken = hrddp("validate", str(sample))
    assert broken.exit_code == 2
    assert "hrddp.yaml:3:5: unknown key 'C9'" in broken.stderr
    assert "hrddp.yaml:5:14: max_depth must be between 8 and 200, got 3" in broken.stderr

    config.write_text("limits: [1\n")
    assert hrddp("validate", str(sample)).exit_code == 2
    other = sample.parent / "other.yaml"
    other.write_text("limits:\n  max_file_bytes: 1048576\n")
    assert hrddp("validate", str(sample), "--config", str(other)).exit_code == 0
    assert hrddp("validate", str(sample), "--config", str(sample.parent / "absent.yaml")).exit_code == 2


def test_output_is_written_atomically_and_never_clobbered(
    sample: Path, hrddp: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = sample.parent / "report.json"
    run = hrddp("validate", str(sample), "--format", "json", "-o", str(report))
    assert run.exit_code == 0 and run.stdout == ""
    assert json.loads(report.read_text())["summary"]["files"] == 5

    report.write_text("previous report\n")
    import hrddp_cli.render.validate.json as json_format

    def explode(*args: object) -> str:
        raise RuntimeError("CANARY-internal-detail")

    monkeypatch.setattr(json_format, "render", explode)
    failed = hrddp("validate", str(sample), "--format", "json", "-o", str(report))
    assert failed.exit_code == 3
    assert "internal error (RuntimeError)" in failed.stderr and "--debug" in failed.stderr
    assert "CANARY" not in failed.stderr  # an exception's text may quote a dossier
    assert report.read_text() == "previous report\n"
    assert [p.name for p in sample.parent.iterdir() if p.name.startswith(".report")] == []

    nowhere = hrddp("validate", str(sample), "-o", str(sample.parent / "no" / "such" / "dir.txt"))
    assert nowhere.exit_code == 2 and "does not exist" in nowhere.stderr


def test_rules_lists_every_code_in_three_formats(hrddp: Callable[..., Run]) -> None:
    as_json = hrddp("rules", "--format", "json").json()
    assert as_json["version"] == 1
    codes = [rule["code"] for rule in as_json["rules"]]
    for fixed in ("HRD001", "HRD002", "HRD003", "HRD010", "HRD020", "HRD021"):
        assert fixed in codes
    for rule in as_json["rules"]:
        level = "floor" if rule["kind"] == "status" else "severity"
        assert set(rule) == {"code", "kind", level, "summary", "rationale", "source"}
        assert rule["summary"] and rule["source"]
    status_codes = [rule["code"] for rule in as_json["rules"] if rule["kind"] == "status"]
    assert status_codes[:3] == ["G1", "G1r", "G1c"] and "V0" in status_codes and "OVR" in status_codes
    assert {rule["floor"] for rule in as_json["rules"] if rule["code"] in ("E1", "P6", "OVR", "G1c", "S3")} == {None}
    assert "HRD021" in hrddp("rules").stdout
    markdown = hrddp("rules", "--format", "md").stdout
    assert markdown.startswith("# Rules and codes") and "### HRD301:" in markdown


def test_docs_rules_page_is_generated_from_the_registry(hrddp: Callable[..., Run]) -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == hrddp("rules", "--format", "markdown").stdout, (
        "docs/rules.md is stale: run .venv/bin/hrddp rules --format markdown -o docs/rules.md"
    )


def test_schema_export_refuses_a_file_as_folder(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert hrddp("schema", "export", str(blocker)).exit_code == 2


def _console(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hrddp_cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_real_process_exit_codes_and_version(sample: Path) -> None:
    ok = _console("validate", "sample-dossier", cwd=sample.parent)
    assert ok.returncode == 0 and "valid" in ok.stdout
    risks = sample / "risks.yaml"
    risks.write_text(risks.read_text().replace("likelihood: 4", "likelihood: 0", 1))
    failed = _console("validate", "sample-dossier", cwd=sample.parent)
    assert failed.returncode == 1 and "likelihood of risk R-001 must be between 1 and 5, got 0" in failed.stdout
    version = _console("--version", cwd=sample.parent)
    assert version.returncode == 0 and version.stdout.startswith("hrddp ")


def test_wheel_carries_the_schemas(tmp_path: Path) -> None:
    """An installed hrddp never reads the checkout: the schemas are inside the wheel."""
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("hrddp-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for kind in SCHEMA_KINDS:
        member = f"hrddp_cli/_data/schemas/{kind}.schema.json"
        assert member in names
        assert zipfile.ZipFile(wheel).read(member) == (ROOT / "schemas" / f"{kind}.schema.json").read_bytes()


def test_config_schema_is_generated_from_the_registry() -> None:
    from hrddp_cli.catalogue import config_schema_text

    shipped = (ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8")
    assert shipped == config_schema_text(), "schemas/config.schema.json is stale: run python -m hrddp_cli.catalogue"


def test_docs_fields_page_is_generated_from_the_schemas() -> None:
    from hrddp_cli.reference import fields_page

    shipped = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert shipped == fields_page(), "docs/fields.md is stale: run python -m hrddp_cli.catalogue"


def test_docs_link_only_to_files_in_the_repository() -> None:
    import re

    for page in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name} links to {target}, which is not in the repository"


def test_checks_can_be_turned_off_or_given_a_severity(sample: Path, hrddp: Callable[..., Run]) -> None:
    context = sample / "context.yaml"
    context.write_text(context.read_text().replace("country: XQ", "country: UK"))  # HRD104, a warning
    config = sample.parent / "hrddp.yaml"
    assert [f["code"] for f in hrddp("validate", str(sample), "-f", "json").json()["findings"]] == ["HRD104"]
    config.write_text("checks:\n  HRD104: {severity: error}\n")
    run = hrddp("validate", str(sample), "-f", "json")
    assert run.exit_code == 1 and [f["severity"] for f in run.json()["findings"]] == ["error"]
    assert hrddp("status", str(sample), "-f", "json").json()["dossiers"][0]["recommendation"] == (
        "insufficient_information"  # an error is an error for status too
    )
    config.write_text("checks:\n  HRD104: {enabled: false}\n")
    assert hrddp("validate", str(sample), "-f", "json", "--strict").json()["findings"] == []
    for fixed in ("HRD001", "HRD010", "HRD021"):
        config.write_text(f"checks:\n  {fixed}: {{enabled: false}}\n")
        refused = hrddp("validate", str(sample))
        assert refused.exit_code == 2 and f"hrddp.yaml:2:3: check {fixed} cannot be turned off" in refused.stderr
    config.write_text("checks:\n  HRD999: {enabled: false}\n")
    assert "unknown key 'HRD999'" in hrddp("validate", str(sample)).stderr


def test_a_rule_with_several_floors_takes_no_floor_setting(sample: Path, hrddp: Callable[..., Run]) -> None:
    from hrddp_cli.registry import REGISTRY
    from hrddp_cli.rules import all_rules

    all_rules()
    several = [code for code, entry in REGISTRY.items() if entry.floors]
    if not several:
        pytest.skip("no rule of this methodology sets several floors")
    (sample.parent / "hrddp.yaml").write_text(f"methodology:\n  rules:\n    {several[0]}: {{floor: adapt}}\n")
    refused = hrddp("validate", str(sample))
    assert refused.exit_code == 2 and "sets several floors" in refused.stderr
