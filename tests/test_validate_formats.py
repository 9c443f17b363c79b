"""The six output formats of ``hrddp validate`` (cli.md), on real folders broken by small edits.

Each format is checked against its contract (shape, order, locations, escaping, exit codes), and
all six against the hard guarantee of dossier-format.md ("Markings"): no value of a record marked
above ``internal``, of a sensitive field, or of an ``x_`` extension is ever printed, while the
finding itself is still reported. Control values in ``internal`` and ``public`` records prove
that the canary assertions can fail.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest

from tests.conftest import DATA, ROOT, Run, unescaped

Hrddp = Callable[..., Run]
FORMATS = ("text", "json", "github", "gitlab", "sarif", "junit")
ANSI = "\x1b["
Located = tuple[str, int | None, str]  # (file, line, code): what every format tells about a finding


# --- breaking a dossier ------------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path``: a missing or ambiguous anchor fails the test."""
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    assert count == 1, f"{old!r} occurs {count} times in {path}, expected exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_record(path: Path, record_id: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` inside the record ``record_id`` of a record file."""
    text = path.read_text(encoding="utf-8")
    head = f"  - id: {record_id}\n"
    assert text.count(head) == 1, f"record {record_id} not found once in {path}"
    start = text.index(head)
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end < 0 else end
    block = text[start:end]
    count = block.count(old)
    assert count == 1, f"{old!r} occurs {count} times in record {record_id} of {path}, expected exactly once"
    path.write_text(text[:start] + block.replace(old, new) + text[end:], encoding="utf-8")


def position(path: Path, needle: str, offset: int = 0) -> tuple[int, int]:
    """The 1-based (line, column) of the unique ``needle`` in ``path``, moved ``offset`` characters on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{needle!r} is not unique in {path}"
    index = text.index(needle) + offset
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def add_dossier(sample: Path, portfolio: Path, name: str, *, dossier_id: str | None = None) -> Path:
    """A copy of the sample at ``portfolio/name``, its id set to ``dossier_id`` (default: the folder name)."""
    target = portfolio / name
    shutil.copytree(sample, target)
    edit(target / "context.yaml", "\nid: sample-dossier\n", f"\nid: {dossier_id or name}\n")
    return target


def break_likelihood(dossier: Path, value: str = "7") -> None:
    """R-001 (marked internal) gets an out-of-range likelihood: one HRD010 error that shows its value."""
    edit_record(dossier / "risks.yaml", "R-001", "\n    likelihood: 4\n", f"\n    likelihood: {value}\n")


def break_impact(dossier: Path) -> None:
    """R-001 gets an out-of-range impact: a second HRD010 error, one line below the likelihood."""
    edit_record(dossier / "risks.yaml", "R-001", "\n    impact: 5\n", "\n    impact: 9\n")


def break_phase(dossier: Path) -> None:
    """The context's engagement phase leaves its vocabulary: an HRD010 error in context.yaml."""
    edit(dossier / "context.yaml", "phase: implementation", "phase: rollout")


def warn_id(dossier: Path) -> None:
    """The context's id differs from the folder name: an HRD201 warning and nothing else."""
    edit(dossier / "context.yaml", "\nid: sample-dossier\n", "\nid: another-name\n")


def portfolio_with_error_and_warning(sample: Path, parent: Path) -> Path:
    """Two dossiers: ``a-warn`` (only an HRD201 warning) sorted before ``b-error`` (one HRD010 error).

    Content checks (HRD201) run only on a dossier without schema errors, hence two dossiers.
    """
    portfolio = parent / "portfolio"
    portfolio.mkdir()
    add_dossier(sample, portfolio, "a-warn", dossier_id="sample-dossier")
    break_likelihood(add_dossier(sample, portfolio, "b-error"))
    return portfolio


# --- reading every format back -----------------------------------------------------------------

_TEXT_FINDING = re.compile(r"^ +(?:(\d+):\d+|-) +(?:error|warning) +(HRD\d{3}) ")
_GITHUB = re.compile(r"^::(error|warning) file=([^,]*)(?:,line=(\d+),col=(\d+))?,title=(HRD\d{3})::(HRD\d{3}) ")
_JUNIT_WHERE = re.compile(r"^(?:warning )?(.+?)(?::(\d+):\d+)?: (HRD\d{3}) ", re.MULTILINE)


def located(fmt: str, out: str) -> list[Located]:
    """(file, line, code) of every finding in ``out``, as written in the format ``fmt``."""
    found: list[Located] = []
    if fmt == "json":
        found = [(f["file"], f["line"], f["code"]) for f in json.loads(out)["findings"]]
    elif fmt == "text":
        file = ""
        for line in out.splitlines():
            match = _TEXT_FINDING.match(line)
            if match:
                found.append((file, int(match[1]) if match[1] else None, match[2]))
            elif line and not line.startswith(" "):
                file = line  # a file's heading (the summary line, last, is never followed by a finding)
    elif fmt == "github":
        for line in out.splitlines():
            match = _GITHUB.match(line)
            assert match, f"not a workflow command: {line!r}"
            found.append((match[2], int(match[3]) if match[3] else None, match[5]))
    elif fmt == "gitlab":
        found = [(e["location"]["path"], e["location"]["lines"]["begin"], e["check_name"]) for e in json.loads(out)]
    elif fmt == "sarif":
        for result in json.loads(out)["runs"][0]["results"]:
            physical = result["locations"][0]["physicalLocation"]
            region = physical.get("region")
            found.append(
                (physical["artifactLocation"]["uri"], region["startLine"] if region else None, result["ruleId"])
            )
    elif fmt == "junit":
        root = ET.fromstring(out)
        for case in root.iter("testcase"):
            texts = [failure.text or "" for failure in case.iter("failure")]
            texts += [(node.text or "") for node in case.iter("system-out")]
            for text in texts:
                for match in _JUNIT_WHERE.finditer(text):
                    found.append((match[1], int(match[2]) if match[2] else None, match[3]))
    return found


def sort_key(finding: dict[str, Any]) -> tuple[str, int, int, str]:
    return (finding["file"], finding["line"] or 0, finding["column"] or 0, finding["code"])


# --- 1. json -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["sample-dossier", "./sample-dossier", ".", "sample-dossier/risks.yaml"])
def test_json_contract_shape_with_the_path_as_typed(path: str, sample: Path, hrddp: Hrddp) -> None:
    """The JSON report is cli.md's shape exactly, and ``file`` is the PATH argument joined with the file."""
    break_likelihood(sample)
    line, column = position(sample / "risks.yaml", "likelihood: 7", len("likelihood: "))
    run = hrddp("validate", path, "--format", "json", cwd=sample.parent)
    assert run.exit_code == 1, run.stderr
    assert run.json() == {
        "version": 1,
        "audience": "internal",  # the output is not a terminal
        "findings": [
            {
                "code": "HRD010",
                "severity": "error",
                "dossier": "sample-dossier",
                "file": "sample-dossier/risks.yaml",
                "line": line,
                "column": column,
                "pointer": "/risks/0/likelihood",
                "message": "likelihood of risk R-001 must be between 1 and 5, got 7",
            }
        ],
        "summary": {"dossiers": 1, "files": 5, "errors": 1, "warnings": 0},
    }


def test_json_findings_sorted_by_file_line_column_code(sample: Path, hrddp: Hrddp) -> None:
    """Findings across several files come sorted by file, line, column and code, whatever found them first."""
    break_impact(sample)  # risks.yaml, one line below the next
    break_likelihood(sample)
    break_phase(sample)  # context.yaml: sorts before risks.yaml
    (sample / "mitigations.yaml").unlink()  # HRD003, line null: sorts first within its file
    run = hrddp("validate", "sample-dossier", "--format", "json", cwd=sample.parent)
    report = run.json()
    findings = report["findings"]
    assert [(Path(f["file"]).name, f["code"], f["pointer"]) for f in findings] == [
        ("context.yaml", "HRD010", "/engagement/phase"),
        ("mitigations.yaml", "HRD003", ""),
        ("risks.yaml", "HRD010", "/risks/0/likelihood"),
        ("risks.yaml", "HRD010", "/risks/0/impact"),
    ]
    assert findings == sorted(findings, key=sort_key)
    assert findings[1]["line"] is None and findings[1]["column"] is None
    assert report["summary"] == {"dossiers": 1, "files": 4, "errors": 4, "warnings": 0}


# --- 2. text -----------------------------------------------------------------------------------


def test_text_grouped_by_file_with_line_caret_and_summary(sample: Path, hrddp: Hrddp) -> None:
    """Each file is a heading once; a finding in an internal record shows its line and a caret at its column."""
    break_likelihood(sample)
    break_impact(sample)
    break_phase(sample)
    run = hrddp("validate", "sample-dossier", cwd=sample.parent)
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    headings = [line for line in lines[:-1] if line and not line.startswith(" ")]
    assert headings == ["sample-dossier/context.yaml", "sample-dossier/risks.yaml"]
    assert located("text", run.stdout) == [
        ("sample-dossier/context.yaml", position(sample / "context.yaml", "phase: rollout")[0], "HRD010"),
        ("sample-dossier/risks.yaml", position(sample / "risks.yaml", "likelihood: 7")[0], "HRD010"),
        ("sample-dossier/risks.yaml", position(sample / "risks.yaml", "impact: 9")[0], "HRD010"),
    ]

    line, column = position(sample / "risks.yaml", "likelihood: 7", len("likelihood: "))
    source_line = (sample / "risks.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    at = next(i for i, text in enumerate(lines) if text.lstrip().startswith(f"{line}:{column} "))
    assert "likelihood of risk R-001 must be between 1 and 5, got 7" in lines[at]
    excerpt, caret = lines[at + 1], lines[at + 2]
    bar = excerpt.index("| ") + 2
    assert excerpt[bar:] == source_line
    assert caret[:bar].strip() == "|" and caret[bar:] == " " * (column - 1) + "^"
    assert excerpt[bar + column - 1] == "7"

    assert lines[-1] == "1 dossier, 5 files: invalid, 3 errors, 0 warnings (audience internal)"


@pytest.mark.parametrize(
    ("breaks", "summary"),
    [
        (None, "1 dossier, 5 files: valid, no errors or warnings (audience internal)"),
        (warn_id, "1 dossier, 5 files: valid, 0 errors, 1 warning (audience internal)"),
    ],
)
def test_text_summary_line_counts(
    breaks: Callable[[Path], None] | None, summary: str, sample: Path, hrddp: Hrddp
) -> None:
    """The last line counts dossiers, files, errors and warnings, with the verdict."""
    if breaks:
        breaks(sample)
    run = hrddp("validate", str(sample))
    assert run.exit_code == 0
    assert run.stdout.splitlines()[-1] == summary


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), None, False),  # auto, and the output is not a terminal
        (("--color", "never"), None, False),
        (("--color", "always"), None, True),
        (("--color", "always"), {"NO_COLOR": "1"}, True),  # --color always beats NO_COLOR
        (("--color", "auto"), {"NO_COLOR": "1"}, False),
    ],
)
def test_text_colour_choices(
    args: tuple[str, ...], env: dict[str, str] | None, coloured: bool, sample: Path, hrddp: Hrddp
) -> None:
    """ANSI codes appear only when colour is asked for, or automatic on a terminal without NO_COLOR."""
    break_likelihood(sample)
    run = hrddp("validate", str(sample), *args, env=env)
    assert run.exit_code == 1
    assert (ANSI in run.stdout) is coloured


def _on_a_terminal(args: list[str], cwd: Path, no_color: bool) -> str:
    """Run the real command with a pseudo-terminal as stdout (what ``auto`` looks for); return what it wrote."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_STEP_SUMMARY")}
    if no_color:
        env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    controller, terminal = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "hrddp_cli", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=subprocess.DEVNULL,
    ) as process:
        os.close(terminal)
        chunks: list[bytes] = []
        while True:  # read while it writes, so a full terminal buffer cannot block it
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal closed, the process is done writing
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(controller)
    return b"".join(chunks).decode("utf-8")


def test_text_auto_colour_on_a_terminal_honours_no_color(sample: Path) -> None:
    """On a terminal, ``auto`` colours; NO_COLOR beats ``auto`` (a real pseudo-terminal, not a mock)."""
    break_likelihood(sample)
    args = ["validate", "sample-dossier", "--color", "auto"]
    coloured = _on_a_terminal(args, sample.parent, no_color=False)
    plain = _on_a_terminal(args, sample.parent, no_color=True)
    assert "HRD010" in coloured and "HRD010" in plain
    assert ANSI in coloured
    assert ANSI not in plain


# --- 3. github ---------------------------------------------------------------------------------


def test_github_one_command_per_finding_errors_first(sample: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """One ``::error``/``::warning`` per finding with file, line and col; errors first, though a warning sorts first."""
    portfolio = portfolio_with_error_and_warning(sample, tmp_path)
    run = hrddp("validate", "portfolio", "--format", "github", cwd=tmp_path)
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    error_line, error_col = position(portfolio / "b-error/risks.yaml", "likelihood: 7", len("likelihood: "))
    warning_line, warning_col = position(portfolio / "a-warn/context.yaml", "\nid: sample-dossier", len("\nid: "))
    assert lines == [
        f"::error file=portfolio/b-error/risks.yaml,line={error_line},col={error_col},title=HRD010::"
        "HRD010 likelihood of risk R-001 must be between 1 and 5, got 7",
        f"::warning file=portfolio/a-warn/context.yaml,line={warning_line},col={warning_col},title=HRD201::"
        "HRD201 id sample-dossier differs from the folder name a-warn; make them the same",
    ]
    # The JSON order (by file) is the other way round: the github order is its own.
    assert [f["code"] for f in hrddp("validate", "portfolio", "--format", "json").json()["findings"]] == [
        "HRD201",
        "HRD010",
    ]


def test_github_dossier_text_cannot_inject_a_command(sample: Path, hrddp: Hrddp) -> None:
    """A key holding a line break and ``::`` stays inside its annotation: %, CR and LF are escaped."""
    edit_record(
        sample / "risks.yaml",
        "R-001",
        "    category: hr_violation\n",
        '    category: hr_violation\n    "x\\n::warning file=evil::pwned 100%": 1\n',
    )
    break_likelihood(sample)
    count = len(hrddp("validate", str(sample), "--format", "json").json()["findings"])
    run = hrddp("validate", str(sample), "--format", "github")
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert count == 2
    assert len(lines) == count
    assert all(line.startswith(("::error ", "::warning ")) for line in lines), lines
    assert "unknown key 'x\\u000a:\\u003awarning file=evil:\\u003" in run.stdout  # shown, not obeyed


def test_github_escapes_file_properties(sample: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """A folder name with CR, LF, ``:``, ``,`` and ``%`` is escaped in ``file=`` (and in the message)."""
    portfolio = tmp_path / "portfolio"
    portfolio.mkdir()
    shutil.copytree(sample, portfolio / "evil\r\n::error file=x,y%")  # id sample-dossier: an HRD201 warning
    run = hrddp("validate", "portfolio", "--format", "github", cwd=tmp_path)
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::warning file=portfolio/evil%0D%0A%3A%3Aerror file=x%2Cy%25/context.yaml,line=")
    assert lines[0].endswith("folder name evil\\u000d\\u000a:\\u003aerror file=x,y%25; make them the same")


def test_github_step_summary_is_appended(sample: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """With GITHUB_STEP_SUMMARY set, a Markdown summary is appended to that file (what was there stays)."""
    portfolio_with_error_and_warning(sample, tmp_path)
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    run = hrddp("validate", "portfolio", "--format", "github", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert "### hrddp validate" in text
    assert "2 dossiers, 10 files: **1 error**, 1 warning" in text
    rows = [line for line in unescaped(text).splitlines() if line.startswith("| portfolio/")]
    assert [row.split(" | ")[2] for row in rows] == ["HRD010", "HRD201"]


# --- 4. gitlab ---------------------------------------------------------------------------------


def test_gitlab_code_quality_entries_and_stable_fingerprints(sample: Path, hrddp: Hrddp) -> None:
    """Entries carry what GitLab reads; fingerprints are unique, repeatable and survive lines inserted above."""
    break_likelihood(sample)
    break_impact(sample)
    warn_id(sample)  # not reported: content checks wait for the schema errors
    (sample / "mitigations.yaml").unlink()
    first = json.loads(hrddp("validate", str(sample), "--format", "gitlab").stdout)
    assert isinstance(first, list) and len(first) == 3
    for entry in first:
        assert set(entry) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert entry["description"].startswith(entry["check_name"])
        assert entry["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(entry["location"]["path"], str) and entry["location"]["path"].startswith(str(sample))
        assert isinstance(entry["location"]["lines"]["begin"], int) and entry["location"]["lines"]["begin"] >= 1
    assert {e["check_name"] for e in first} == {"HRD003", "HRD010"}
    assert len({e["fingerprint"] for e in first}) == len(first)

    again = json.loads(hrddp("validate", str(sample), "--format", "gitlab").stdout)
    assert again == first

    edit(sample / "risks.yaml", "\nschema_version: 1\n", "\nschema_version: 1\n# one\n# two\n# three\n")
    moved = json.loads(hrddp("validate", str(sample), "--format", "gitlab").stdout)
    assert {e["fingerprint"] for e in moved} == {e["fingerprint"] for e in first}
    begin = {e["fingerprint"]: e["location"]["lines"]["begin"] for e in first}
    for entry in moved:
        shift = 3 if entry["location"]["path"].endswith("risks.yaml") else 0
        assert entry["location"]["lines"]["begin"] == begin[entry["fingerprint"]] + shift


def test_gitlab_fingerprints_unique_for_a_key_repeated_three_times(sample: Path, hrddp: Hrddp) -> None:
    """Every entry of a Code Quality report needs its own fingerprint."""
    edit_record(
        sample / "risks.yaml",
        "R-001",
        "    category: hr_violation\n",
        "    category: hr_violation\n    x_a: 1\n    x_a: 2\n    x_a: 3\n",
    )
    entries = json.loads(hrddp("validate", str(sample), "--format", "gitlab").stdout)
    assert [e["check_name"] for e in entries].count("HRD002") == 2
    assert len({e["fingerprint"] for e in entries}) == len(entries)


# --- 5. sarif ----------------------------------------------------------------------------------


def test_sarif_valid_against_the_official_schema(sample: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """SARIF 2.1.0 that the official schema accepts; rules cover every result; a missing file has no region."""
    portfolio = portfolio_with_error_and_warning(sample, tmp_path)
    (portfolio / "b-error" / "incidents.yaml").unlink()
    run = hrddp("validate", "portfolio", "--format", "sarif", cwd=tmp_path)
    assert run.exit_code == 1
    document = json.loads(run.stdout)
    official = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(official).iter_errors(document), key=str)
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors]

    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    rules = [rule["id"] for rule in sarif_run["tool"]["driver"]["rules"]]
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} == {"HRD003", "HRD010", "HRD201"}
    for result in results:
        assert result["ruleId"] in rules
        if "ruleIndex" in result:
            assert rules[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] == ("warning" if result["ruleId"] == "HRD201" else "error")
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        if result["ruleId"] == "HRD003":
            assert physical["artifactLocation"]["uri"] == "portfolio/b-error/incidents.yaml"
            assert "region" not in physical
        else:
            assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    likelihood = next(r for r in results if r["ruleId"] == "HRD010")
    line, column = position(portfolio / "b-error/risks.yaml", "likelihood: 7", len("likelihood: "))
    assert likelihood["locations"][0]["physicalLocation"]["region"] == {"startLine": line, "startColumn": column}
    assert likelihood["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "portfolio/b-error/risks.yaml"


# --- 6. junit ----------------------------------------------------------------------------------


@pytest.mark.parametrize("strict", [False, True])
def test_junit_suite_per_dossier_case_per_file(strict: bool, sample: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """A testsuite per dossier, a testcase per file, a failure per error; a warning fails only under --strict."""
    portfolio = portfolio_with_error_and_warning(sample, tmp_path)
    break_impact(portfolio / "b-error")
    run = hrddp("validate", "portfolio", "--format", "junit", *(["--strict"] if strict else []), cwd=tmp_path)
    assert run.exit_code == 1
    root = ET.fromstring(run.stdout)
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"sample-dossier", "b-error"}  # named by the dossier's id
    for suite, folder in ((suites["sample-dossier"], "a-warn"), (suites["b-error"], "b-error")):
        names = sorted(case.get("name") or "" for case in suite.iter("testcase"))
        assert names == sorted(
            f"portfolio/{folder}/{kind}.yaml"
            for kind in ("context", "risks", "consultations", "mitigations", "incidents")
        )
        assert suite.get("tests") == "5"

    def failures(suite: str, file: str) -> list[str]:
        case = next(c for c in suites[suite].iter("testcase") if c.get("name") == file)
        return [f.get("type") or "" for f in case.iter("failure")]

    assert failures("b-error", "portfolio/b-error/risks.yaml") == ["HRD010", "HRD010"]
    assert suites["b-error"].get("failures") == "1"
    warned = failures("sample-dossier", "portfolio/a-warn/context.yaml")
    assert warned == (["HRD201"] if strict else [])
    assert suites["sample-dossier"].get("failures") == ("1" if strict else "0")
    if not strict:
        assert "HRD201" in run.stdout  # still listed, in the case's output
    assert root.get("failures") == ("2" if strict else "1")


# --- 7. confidentiality canaries ---------------------------------------------------------------


class Case(NamedTuple):
    """A dossier of the canary portfolio: how it is broken, the values that must never be printed,
    and the findings (file, code, pointer) that must still be reported."""

    name: str
    breaks: Callable[[Path], None]
    canaries: tuple[str, ...]
    expected: tuple[tuple[str, str, str], ...]


def _confidential_record(d: Path) -> None:
    # R-002 is marked confidential.
    edit_record(d / "risks.yaml", "R-002", "category: refugee_law", "category: CANARY-A-7f3e")
    edit_record(d / "risks.yaml", "R-002", "\n    likelihood: 4\n", "\n    likelihood: 987651\n")
    edit_record(d / "risks.yaml", "R-002", "reviewed: 2026-09-15", "reviewed: CANARY-A-date")


def _strictly_confidential_record(d: Path) -> None:
    # R-003 is marked strictly_confidential.
    edit_record(d / "risks.yaml", "R-003", "category: sexual_violence", "category: CANARY-B-0c1d")
    edit_record(d / "risks.yaml", "R-003", "\n    likelihood: 4\n", "\n    likelihood: 987652\n")
    edit_record(d / "risks.yaml", "R-003", "reliability: B", "reliability: CANARY-B-rel")


def _unmarked_incident(d: Path) -> None:
    # I-003 is marked internal; without its marking it is confidential (the incidents' default).
    incidents = d / "incidents.yaml"
    edit_record(incidents, "I-003", "\n    confidentiality: internal", "")
    edit_record(incidents, "I-003", "verification: not_substantiated", "verification: CANARY-C-9a2b")
    edit_record(incidents, "I-003", "reliability: D", "reliability: CANARY-C-rel")
    edit_record(incidents, "I-003", "credibility: 4", "credibility: 987653")


def _sensitive_fields(d: Path) -> None:
    # Internal records; each sensitive value made a list, so that only the quoted line could show it.
    edit_record(
        d / "risks.yaml", "R-001", "source: Protected case file CF-2025-031 (I-001)", "source: [CANARY-D-source]"
    )
    edit_record(d / "incidents.yaml", "I-003", "ref: CF-2025-047/01", "ref: [CANARY-D-ref]")
    edit_record(d / "incidents.yaml", "I-003", "case_ref: CF-2025-047", "case_ref: [CANARY-D-case]")
    edit_record(
        d / "consultations.yaml",
        "C-001",
        "name: Tessen Civil Society Monitoring Network and member organisations",
        "name: [CANARY-D-name]",
    )


def _extension_values(d: Path) -> None:
    # x_ keys repeated (HRD002, located at the second one's line) in an internal record and in the context.
    edit_record(
        d / "risks.yaml",
        "R-001",
        "    category: hr_violation\n",
        "    category: hr_violation\n    x_note: CANARY-E-first\n    x_note: CANARY-E-second\n",
    )
    edit(
        d / "context.yaml",
        "\nconfidentiality: internal\n",
        "\nconfidentiality: internal\nx_memo: CANARY-E-ctx1\nx_memo: CANARY-E-ctx2\n",
    )


def _invalid_marking(d: Path) -> None:
    # A marking that is not one of the four counts as the highest.
    edit_record(d / "risks.yaml", "R-004", "confidentiality: internal", "confidentiality: secret")
    edit_record(d / "risks.yaml", "R-004", "category: corruption_diversion", "category: CANARY-F-cat")
    edit_record(d / "risks.yaml", "R-006", "confidentiality: internal", "confidentiality: CANARY-F-mark")


def _confidential_context(d: Path) -> None:
    # The context marked confidential: its own fields, its units and every record without a marking.
    edit(d / "context.yaml", "\nconfidentiality: internal\n", "\nconfidentiality: confidential\n")
    edit(d / "context.yaml", "phase: implementation", "phase: CANARY-G-phase")
    edit(d / "context.yaml", "classification: ministry", "classification: CANARY-G-unit")
    edit(d / "context.yaml", "budget_eur: 38600000", "budget_eur: -987654")
    edit_record(d / "risks.yaml", "R-001", "\n    confidentiality: internal", "")
    edit_record(d / "risks.yaml", "R-001", "category: hr_violation", "category: CANARY-G-record")


def _controls(d: Path) -> None:
    # The same kinds of values in records marked internal and public: these must be shown.
    edit_record(d / "risks.yaml", "R-001", "category: hr_violation", "category: SHOWN-internal-category")
    edit_record(d / "risks.yaml", "R-001", "\n    likelihood: 4\n", "\n    likelihood: 987600\n")
    edit_record(
        d / "risks.yaml",
        "R-001",
        "title: Ill-treatment of apprehended people at Eastern Border Detachment posts",
        "title: [SHOWN-in-the-quoted-line]",
    )
    edit_record(d / "risks.yaml", "R-008", "reviewed: 2026-09-15", "reviewed: SHOWN-public-date")
    edit_record(
        d / "incidents.yaml", "I-003", "verification: not_substantiated", "verification: SHOWN-internal-incident"
    )


CANARY_CASES = (
    Case(
        "a-confidential",
        _confidential_record,
        ("CANARY-A-7f3e", "987651", "CANARY-A-date"),
        (
            ("risks.yaml", "HRD010", "/risks/1/category"),
            ("risks.yaml", "HRD010", "/risks/1/likelihood"),
            ("risks.yaml", "HRD010", "/risks/1/reviewed"),
        ),
    ),
    Case(
        "b-strictly-confidential",
        _strictly_confidential_record,
        ("CANARY-B-0c1d", "987652", "CANARY-B-rel"),
        (
            ("risks.yaml", "HRD010", "/risks/2/category"),
            ("risks.yaml", "HRD010", "/risks/2/likelihood"),
            ("risks.yaml", "HRD010", "/risks/2/evidence/0/reliability"),
        ),
    ),
    Case(
        "c-unmarked-incident",
        _unmarked_incident,
        ("CANARY-C-9a2b", "CANARY-C-rel", "987653"),
        (
            ("incidents.yaml", "HRD010", "/incidents/2/verification"),
            ("incidents.yaml", "HRD010", "/incidents/2/sources/0/reliability"),
            ("incidents.yaml", "HRD010", "/incidents/2/sources/0/credibility"),
        ),
    ),
    Case(
        "d-sensitive-fields",
        _sensitive_fields,
        ("CANARY-D-source", "CANARY-D-ref", "CANARY-D-case", "CANARY-D-name"),
        (
            ("risks.yaml", "HRD010", "/risks/0/evidence/0/source"),
            ("incidents.yaml", "HRD010", "/incidents/2/sources/0/ref"),
            ("incidents.yaml", "HRD010", "/incidents/2/case_ref"),
            ("consultations.yaml", "HRD010", "/consultations/0/participants/0/name"),
        ),
    ),
    Case(
        "e-extension-values",
        _extension_values,
        ("CANARY-E-first", "CANARY-E-second", "CANARY-E-ctx1", "CANARY-E-ctx2"),
        (
            ("risks.yaml", "HRD002", "/risks/0/x_note"),
            ("context.yaml", "HRD002", "/x_memo"),
        ),
    ),
    Case(
        "f-invalid-marking",
        _invalid_marking,
        ("CANARY-F-cat", "CANARY-F-mark"),
        (
            ("risks.yaml", "HRD010", "/risks/3/confidentiality"),
            ("risks.yaml", "HRD010", "/risks/3/category"),
            ("risks.yaml", "HRD010", "/risks/5/confidentiality"),
        ),
    ),
    Case(
        "g-confidential-context",
        _confidential_context,
        ("CANARY-G-phase", "CANARY-G-unit", "987654", "CANARY-G-record"),
        (
            ("context.yaml", "HRD010", "/engagement/phase"),
            ("context.yaml", "HRD010", "/recipient/units/0/classification"),
            ("context.yaml", "HRD010", "/engagement/budget_eur"),
            ("risks.yaml", "HRD010", "/risks/0/category"),
        ),
    ),
)
CONTROL = Case(
    "z-control",
    _controls,
    ("SHOWN-internal-category", "987600", "SHOWN-public-date", "SHOWN-internal-incident"),
    (
        ("risks.yaml", "HRD010", "/risks/0/category"),
        ("risks.yaml", "HRD010", "/risks/0/likelihood"),
        ("risks.yaml", "HRD010", "/risks/0/title"),
        ("risks.yaml", "HRD010", "/risks/7/reviewed"),
        ("incidents.yaml", "HRD010", "/incidents/2/verification"),
    ),
)
SHOWN_ONLY_IN_TEXT = "SHOWN-in-the-quoted-line"  # a wrong type has no value in the message, only in the quoted line


@pytest.fixture
def canary_portfolio(sample: Path, tmp_path: Path) -> Path:
    """One portfolio holding a dossier per canary case, and the control dossier."""
    portfolio = tmp_path / "portfolio"
    portfolio.mkdir()
    for case in (*CANARY_CASES, CONTROL):
        case.breaks(add_dossier(sample, portfolio, case.name))
    return portfolio


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_withheld_value_in_any_format(fmt: str, canary_portfolio: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """The hard guarantee: no withheld value in any output, while every finding is still reported."""
    summary = tmp_path / "step-summary.md"
    run = hrddp(
        "validate", "portfolio", "--format", fmt, cwd=canary_portfolio.parent, env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert run.exit_code == 1, run.stderr
    written = unescaped(summary.read_text(encoding="utf-8")) if summary.exists() else ""
    assert bool(written) is (fmt == "github")
    for case in CANARY_CASES:
        for canary in case.canaries:
            assert canary not in run.stdout, f"{fmt}: {canary} ({case.name}) printed"
            assert canary not in run.stderr, f"{fmt}: {canary} ({case.name}) printed on stderr"
            assert canary not in written, f"{fmt}: {canary} ({case.name}) in the step summary"

    # The controls: the same kinds of values in internal and public records are shown.
    for shown in CONTROL.canaries:
        assert shown in run.stdout, f"{fmt}: control {shown} not shown: the canary check proves nothing"
        if fmt == "github":
            assert shown in written
    assert (SHOWN_ONLY_IN_TEXT in run.stdout) is (fmt == "text")

    # Withheld is not hidden: every finding is reported, with its code and pointer, in every format.
    reference = hrddp("validate", "portfolio", "--format", "json")
    reported = {
        (Path(f["file"]).parent.name, Path(f["file"]).name, f["code"], f["pointer"])
        for f in reference.json()["findings"]
    }
    for case in (*CANARY_CASES, CONTROL):
        for file, code, pointer in case.expected:
            assert (case.name, file, code, pointer) in reported
    assert Counter(located(fmt, run.stdout)) == Counter(located("json", reference.stdout))
    if fmt == "sarif":
        results = json.loads(run.stdout)["runs"][0]["results"]
        assert Counter(r["properties"]["pointer"] for r in results) == Counter(
            f["pointer"] for f in reference.json()["findings"]
        )


# Leaks found while writing the tests above, fixed since: each stays as a regression test.


def test_quoted_line_does_not_show_a_sensitive_value_beside_the_finding(sample: Path, hrddp: Hrddp) -> None:
    """A finding on an internal field must not quote a line that also holds a sensitive value (flow style)."""
    edit_record(
        sample / "risks.yaml",
        "R-001",
        "      - source: Protected case file CF-2025-031 (I-001)\n        date: 2025-09-30\n        reliability: A\n",
        "      - {source: CANARY-FLOW-source, date: not-a-date, reliability: A}\n",
    )
    run = hrddp("validate", str(sample))
    assert "/risks/0/evidence/0/date" in hrddp("validate", str(sample), "--format", "json").stdout
    assert "CANARY-FLOW-source" not in run.stdout


def test_quoted_line_does_not_show_a_withheld_record_on_the_same_line(sample: Path, hrddp: Hrddp) -> None:
    """Records written in flow style on one line: a finding in the internal one must not quote the secret one."""
    (sample / "incidents.yaml").write_text(
        "schema_version: 1\n"
        "incidents: [{id: I-001, title: t, status: BOGUS, confidentiality: internal},"
        " {id: I-002, title: CANARY-FLOW-title, confidentiality: strictly_confidential}]\n",
        encoding="utf-8",
    )
    run = hrddp("validate", str(sample))
    assert "HRD010" in run.stdout
    assert "CANARY-FLOW-title" not in run.stdout


def test_unknown_key_in_a_confidential_record_is_not_quoted(sample: Path, hrddp: Hrddp) -> None:
    """An undescribed key counts as sensitive (fail closed); inside a confidential record its text is withheld."""
    edit_record(
        sample / "risks.yaml", "R-002", "category: refugee_law\n", "category: refugee_law\n    CANARY-KEY-u: 1\n"
    )
    run = hrddp("validate", str(sample), "--format", "json")
    # The finding points at the record that holds the key (its line and column at the key itself).
    assert ("HRD010", "/risks/1") in {(f["code"], f["pointer"]) for f in run.json()["findings"]}
    assert "CANARY-KEY-u" not in run.stdout


def test_repeated_key_inside_a_confidential_extension_is_not_quoted(sample: Path, hrddp: Hrddp) -> None:
    """Keys inside an ``x_`` mapping are free content; in a confidential record they are withheld."""
    edit_record(
        sample / "risks.yaml",
        "R-002",
        "category: refugee_law\n",
        "category: refugee_law\n    x_sources:\n      CANARY-KEY-d: a\n      CANARY-KEY-d: b\n",
    )
    run = hrddp("validate", str(sample), "--format", "json")
    assert "HRD002" in run.stdout
    assert "CANARY-KEY-d" not in run.stdout


def test_unknown_perpetrator_unit_in_a_withheld_incident_is_not_quoted(sample: Path, hrddp: Hrddp) -> None:
    """A perpetrator that is no unit, partner, eu_personnel or unidentified is HRD108; its text is not quoted."""
    edit_record(sample / "incidents.yaml", "I-004", "- unit: U-005", "- unit: U-CANARY-perpetrator")
    named = hrddp("validate", str(sample), "--format", "json")
    assert "HRD108" in named.stdout and "CANARY-perpetrator" not in named.stdout
    assert named.exit_code == 1


# --- 8. exit codes and --output ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("breaks", "strict", "code"),
    [
        (None, False, 0),
        (None, True, 0),
        (break_likelihood, False, 1),
        (warn_id, False, 0),
        (warn_id, True, 1),
    ],
    ids=["valid", "valid-strict", "error", "warning", "warning-strict"],
)
def test_exit_codes(breaks: Callable[[Path], None] | None, strict: bool, code: int, sample: Path, hrddp: Hrddp) -> None:
    """0 valid; 1 with an error; 0 with only warnings; 1 with only warnings under --strict."""
    if breaks:
        breaks(sample)
    run = hrddp("validate", str(sample), "--format", "json", *(["--strict"] if strict else []))
    assert run.exit_code == code, run.stderr
    summary = run.json()["summary"]
    assert (summary["errors"], summary["warnings"]) == {
        None: (0, 0),
        break_likelihood: (1, 0),
        warn_id: (0, 1),
    }[breaks]


@pytest.mark.parametrize("flag", ["--output", "-o"])
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_output_file_instead_of_stdout(flag: str, fmt: str, sample: Path, tmp_path: Path, hrddp: Hrddp) -> None:
    """``--output FILE`` (and ``-o``) writes the report to FILE and nothing to stdout; the exit code is kept."""
    break_likelihood(sample)
    target = tmp_path / f"report.{fmt}"
    run = hrddp("validate", "sample-dossier", "--format", fmt, flag, str(target), "--color", "auto", cwd=tmp_path)
    assert run.exit_code == 1
    assert run.stdout == ""
    written = target.read_text(encoding="utf-8")
    assert written == hrddp("validate", "sample-dossier", "--format", fmt).stdout
    assert ANSI not in written
    assert [n for n in os.listdir(tmp_path) if n not in ("sample-dossier", target.name)] == []  # no temporary left
