"""What a new analyst runs into on a first day: each usual mistake gets one sentence saying what to change.

Each test drives the real entry point, as a person at a terminal or a CI job would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

Hrddp = Callable[..., Run]


def test_output_format_follows_the_file_suffix(sample: Path, hrddp: Hrddp) -> None:
    for name, check in (
        ("report.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
        ("report.json", lambda text: "findings" in json.loads(text)),
        ("report.xml", lambda text: text.startswith("<?xml")),
        ("report.txt", lambda text: "valid" in text),
    ):
        target = sample.parent / name
        assert hrddp("validate", str(sample), "-o", str(target)).exit_code == 0
        assert check(target.read_text(encoding="utf-8")), name
    status = sample.parent / "status.md"
    assert hrddp("status", str(sample), "-o", str(status)).exit_code == 0
    assert status.read_text(encoding="utf-8").startswith("# Status as of")
    # --format still wins over the suffix
    hrddp("validate", str(sample), "-f", "json", "-o", str(sample.parent / "plain.sarif"))
    assert "findings" in json.loads((sample.parent / "plain.sarif").read_text(encoding="utf-8"))


def test_dash_is_standard_output_and_an_empty_name_is_refused(sample: Path, hrddp: Hrddp) -> None:
    run = hrddp("validate", str(sample), "-f", "json", "-o", "-", cwd=sample.parent)
    assert run.exit_code == 0 and json.loads(run.stdout)["summary"]["files"] == 5
    assert not (sample.parent / "-").exists()
    empty = hrddp("validate", str(sample), "-o", "")
    assert empty.exit_code == 2 and "needs a file name" in empty.stderr


def test_help_debug_and_one_rule(hrddp: Hrddp, sample: Path) -> None:
    for args in (("-h",), ("validate", "-h"), ("status", "-h"), ("rules", "-h")):
        run = hrddp(*args)
        assert run.exit_code == 0 and "Usage: hrddp" in run.stdout, args
    assert hrddp("validate", str(sample), "--debug").exit_code == 0  # --debug after the command
    one = hrddp("rules", "HRD010")
    assert one.exit_code == 0 and "HRD010" in one.stdout and "HRD001" not in one.stdout
    unknown = hrddp("rules", "HRD01")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_usage_errors_read_as_every_other_error(hrddp: Hrddp, sample: Path) -> None:
    run = hrddp("validate", str(sample), "--no-such-flag")
    assert run.exit_code == 2
    assert run.stderr.startswith("hrddp: error: ") and "hrddp validate -h" in run.stderr


@pytest.mark.parametrize(("ci", "expected"), [(None, "internal"), ("true", "internal"), ("0", "internal")])
def test_the_default_audience_is_internal_when_not_on_a_terminal(
    ci: str | None, expected: str, sample: Path, hrddp: Hrddp
) -> None:
    env = {"CI": ci} if ci is not None else None
    assert hrddp("status", str(sample), "-f", "json", env=env).json()["audience"] == expected  # a pipe


def test_the_analyst_default_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from hrddp_cli import session

    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.delenv("CI", raising=False)
    assert session.audience(None, "confidential", "internal") == "confidential"
    monkeypatch.setenv("CI", "false")
    assert session.audience(None, "confidential", "internal") == "confidential"
    monkeypatch.setenv("CI", "1")
    assert session.audience(None, "confidential", "internal") == "internal"
    assert session.audience("strictly_confidential", "confidential", "internal") == "strictly_confidential"
    monkeypatch.delenv("CI")
    assert session.audience(None, "confidential", "internal", output="-") == "confidential"
    assert session.audience(None, "confidential", "internal", output="status.md") == "internal"  # a file is shared


def test_a_portfolio_may_lower_the_default_audience_never_raise_it(sample: Path, hrddp: Hrddp) -> None:
    config = sample.parent / "hrddp.yaml"
    config.write_text("audience: {analyst: internal, ci: public}\n")
    assert hrddp("status", str(sample), "-f", "json").json()["audience"] == "public"
    config.write_text("audience: {ci: confidential}\n")
    raised = hrddp("status", str(sample))
    assert raised.exit_code == 2 and "ci must be one of: public, internal" in raised.stderr


def test_validate_names_the_audience_and_withholds_record_ids(sample: Path, hrddp: Hrddp) -> None:
    incidents = sample / "incidents.yaml"
    text = incidents.read_text(encoding="utf-8")
    incidents.write_text(text.replace("    verification: verified\n", "    verification: verifed\n", 1))
    internal = hrddp("validate", str(sample), "--audience", "internal")
    assert internal.exit_code == 1 and "(audience internal)" in internal.stdout
    assert "I-001" not in internal.stdout and "an incident withheld at this audience" in internal.stdout
    assert "verifed" not in internal.stdout  # the value of a confidential record is not quoted
    analyst = hrddp("validate", str(sample), "--audience", "confidential")
    assert "incident I-001" in analyst.stdout and "did you mean 'verified'" in analyst.stdout
    assert hrddp("validate", str(sample), "-f", "json", "--audience", "public").json()["audience"] == "public"
