"""A pull request cannot fool or attack the CI that checks it: the hostile corpus of tests/hostile/.

Each case is built in a temporary folder (names, links, FIFOs and large files are made here, so
that the repository holds only text), then run through every format of ``validate`` and
``status``. For every run: no traceback, the expected exit code, no line that could start a
CI workflow command, no raw control or bidirectional character, valid UTF-8, well-formed JSON
and XML, bounded output, and no canary from a confidential place (tests/hostile/README.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from hrddp_cli.render import formats
from tests.conftest import CASES, Run

HOSTILE = Path(__file__).resolve().parent / "hostile"
CORPUS = sorted(p for p in HOSTILE.iterdir() if (p / "case.yaml").is_file())
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_OURS = re.compile(r"::(error|warning) file=[^\n]*\Z")  # the github format's own lines


def _flow_line() -> str:
    keys = ", ".join(f"zz{i}: 1" for i in range(40_000))  # one line of about 400 kB
    record = "{id: R-001, title: t, category: hr_violation, grave_violation: false, likelihood: 1, impact: 1"
    return f"schema_version: 1\nrisks: [{record}, status: open, {keys}}}]\n"


def _many_keys() -> str:
    head = (CASES / "_base" / "risks.yaml").read_text(encoding="utf-8")
    return head + "".join(f"    zz{i}: 1\n" for i in range(20_000))


GENERATORS: dict[str, Callable[[], str]] = {"long-flow-line": _flow_line, "many-unknown-keys": _many_keys}


def _build(spec: dict[str, Any], root: Path) -> Path:
    portfolio = root / "portfolio"
    portfolio.mkdir()
    for dossier in spec.get("dossiers", []):
        name = dossier["folder"]
        folder = Path(os.fsdecode(name)) if isinstance(name, bytes) else Path(name)
        target = portfolio / folder
        shutil.copytree(CASES / "_base", target)
        for file, text in dossier.get("files", {}).items():
            (target / file).write_text(text, encoding="utf-8")
        for file, to in dossier.get("links", {}).items():
            (target / file).unlink()
            (target / file).symlink_to(to)
        for file in dossier.get("fifo", []):
            (target / file).unlink()
            os.mkfifo(target / file)
        for file in dossier.get("folders", []):
            (target / file).unlink()
            (target / file).mkdir()
    for path, text in spec.get("files", {}).items():
        (portfolio / path).parent.mkdir(parents=True, exist_ok=True)
        (portfolio / path).write_text(text, encoding="utf-8")
    for path, generator in spec.get("generate", {}).items():
        (portfolio / path).parent.mkdir(parents=True, exist_ok=True)
        (portfolio / path).write_text(GENERATORS[generator](), encoding="utf-8")
    if "config" in spec:
        (portfolio / "hrddp.yaml").write_text(spec["config"], encoding="utf-8")
    return portfolio


def _assert_inert(name: str, text: str, fmt: str, limit: int) -> None:
    assert len(text.encode("utf-8")) <= limit, f"{name}: {len(text)} characters, more than {limit}"
    assert "##[" not in text, f"{name}: a legacy workflow command"
    assert not _RAW.search(text), f"{name}: a raw control character {_RAW.search(text)!r}"
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            assert fmt == "github" and _OURS.match(line), f"{name}: a forged workflow command: {line[:120]!r}"
    assert "CANARY" not in text, f"{name}: a confidential canary"


def _assert_well_formed(name: str, text: str, fmt: str) -> None:
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif fmt == "junit":
        ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_a_hostile_case_gets_only_the_truth(case: Path, tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    expect = spec.get("expect", {})
    limit = expect.get("max_bytes", 200_000)
    _build(spec, tmp_path)
    summary = tmp_path / "summary.md"
    runs: dict[str, Run] = {}
    for fmt in formats("validate"):
        env = {"GITHUB_STEP_SUMMARY": str(summary)} if fmt == "github" else None
        runs[f"validate {fmt}"] = hrddp(
            "validate", "portfolio", "-f", fmt, "--as-of", "2026-12-03", cwd=tmp_path, env=env
        )
    for fmt in formats("status"):
        runs[f"status {fmt}"] = hrddp("status", "portfolio", "-f", fmt, "--as-of", "2026-12-03", cwd=tmp_path)
    for name, run in runs.items():
        assert run.exit_code != 3, f"{name}: an internal error\n{run.stderr}"
        fmt = name.split()[1]
        if name.startswith("validate"):
            assert run.exit_code == expect.get("exit", 1), (
                f"{name}: exit {run.exit_code}\n{run.stdout[:500]}{run.stderr}"
            )
        elif expect.get("exit") == 2:
            assert run.exit_code == 2, f"{name}: exit {run.exit_code}"
        for stream in (run.stdout, run.stderr):
            _assert_inert(name, stream, fmt, limit)
        if run.exit_code in (0, 1):
            _assert_well_formed(name, run.stdout, fmt)
    if summary.exists():
        _assert_inert("the job summary", summary.read_text(encoding="utf-8"), "markdown", limit)
    if expect.get("exit", 1) in (0, 1):
        found = {(f["code"], Path(f["file"]).name, f["line"]) for f in runs["validate json"].json()["findings"]}
        for code, file, line in expect.get("findings", []):
            assert (code, file, line) in found, f"{code} at {file}:{line} not found; found {sorted(found)[:20]}"
        github = [line for line in runs["validate github"].stdout.splitlines() if line]
        assert len(github) == len(runs["validate json"].json()["findings"])  # one command per finding, no more
