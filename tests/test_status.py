"""hrddp status: every rule fires where it should and not where it just should not, and the
invariants a decision maker relies on hold (status-rules.md)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from hrddp_cli.methodology import LADDER, rank
from hrddp_cli.rules import all_rules
from tests.conftest import SAMPLE, STATUS_CASES, Run, case_params, make_case_dossier, unescaped

AS_OF = "2026-11-29"
BASE = STATUS_CASES / "_base"


def _run_case(case: Path, tmp_path: Path, hrddp: Callable[..., Run]) -> tuple[dict[str, Any], dict[str, Any], Run]:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    dossier = make_case_dossier(case, tmp_path, base=STATUS_CASES / "_base")
    audience = spec.get("audience", "strictly_confidential")
    run = hrddp("status", str(dossier), "--format", "json", "--as-of", str(spec["as_of"]), "--audience", audience)
    assert run.exit_code in (0, 1), run.stderr
    return spec, run.json()["dossiers"][0], run


def _check_outcome(spec: dict[str, Any], status: dict[str, Any]) -> None:
    """The keys of a case.yaml that are about the dossier as a whole (tests/status_cases/README.md)."""
    codes = [r.get("code") for r in status["rules"]]
    for key in ("recommendation", "worst", "by_scope"):
        if key in spec:
            assert status[key] == spec[key], f"{key}: {status[key]!r}, expected {spec[key]!r}; rules {codes}"
    if "unit_measures" in spec:
        got = [[m["unit"], m["floor"]] for m in status["unit_measures"]]
        assert got == spec["unit_measures"], f"unit measures {got}, expected {spec['unit_measures']}; rules {codes}"
    for present in spec.get("present", []):
        assert present in codes, f"{present} did not fire; fired: {codes}"
    for absent in spec.get("absent", []):
        assert absent not in codes, f"{absent} fired: {[r for r in status['rules'] if r.get('code') == absent]}"
    risks = {r["id"]: r for r in status["risks"]}
    for risk_id, (likelihood, impact) in spec.get("residual", {}).items():
        residual = risks[risk_id]["residual"]
        assert [residual["likelihood"], residual["impact"]] == [likelihood, impact], f"{risk_id} residual {residual}"
    for risk_id, (likelihood, impact) in spec.get("residual_elsewhere", {}).items():
        elsewhere = risks[risk_id]["residual_elsewhere"]
        assert elsewhere and [elsewhere["likelihood"], elsewhere["impact"]] == [likelihood, impact], elsewhere
    for risk_id, units in spec.get("materialised_for", {}).items():
        assert risks[risk_id]["materialised_for"] == units, risks[risk_id]


def _matches(entry: dict[str, Any], want: dict[str, Any]) -> bool:
    if "floor" in want and entry["floor"] != want["floor"]:
        return False
    if "scope" in want and entry["scope"] != want["scope"]:
        return False
    if "records" in want:
        records = {(r["file"], r["id"]) for r in entry["records"]}
        return records == {tuple(r) for r in want["records"]}
    return True


@pytest.mark.parametrize(("code", "outcome", "case"), case_params(STATUS_CASES, ("fires", "quiet")))
def test_status_case(code: str, outcome: str, case: Path, tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    spec, status, run = _run_case(case, tmp_path, hrddp)
    fired = [r for r in status["rules"] if r.get("code") == code]
    if outcome == "quiet":
        assert not fired, f"{code} fired: {fired}"
    else:
        assert fired, f"{code} did not fire; fired: {[r.get('code') for r in status['rules']]}"
        assert all(r["message"] for r in fired)
        wanted = spec.get("expect", [])
        for want in wanted if isinstance(wanted, list) else [wanted]:
            assert any(_matches(r, want) for r in fired), f"no {code} entry with {want}; got {fired}"
        if "count" in spec:
            assert len(fired) == spec["count"], fired
    _check_outcome(spec, status)
    assert run.exit_code == (1 if status["recommendation"] == "insufficient_information" else 0)


VARIANTS = sorted((STATUS_CASES / "_variants").iterdir())


@pytest.mark.parametrize("case", VARIANTS, ids=[case.name for case in VARIANTS])
def test_practitioner_variant(case: Path, tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    spec, status, _ = _run_case(case, tmp_path, hrddp)
    _check_outcome(spec, status)


def test_every_rule_has_cases_and_documentation() -> None:
    for code, rule in all_rules().items():
        assert rule.summary and rule.rationale and rule.citation, f"{code} is not documented"
        for outcome in ("fires", "quiet"):
            folder = STATUS_CASES / code / outcome
            assert folder.is_dir() and any(folder.iterdir()), f"{code} has no '{outcome}' case"


def test_calm_base_proceeds_with_no_rule(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    shutil.copytree(STATUS_CASES / "_base", tmp_path / "case-dossier")
    status = hrddp("status", str(tmp_path / "case-dossier"), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][
        0
    ]
    assert (
        status["recommendation"] == "proceed"
        and status["rules"] == []
        and status["by_scope"] == {"engagement": "proceed"}
    )


# --- the sample dossier, as a whole ---------------------------------------------------------


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("json", "json"), ("markdown", "md")])
@pytest.mark.parametrize("audience", ["internal", "strictly_confidential"])
def test_sample_status_matches_its_golden_file(
    fmt: str, suffix: str, audience: str, sample: Path, hrddp: Callable[..., Run], golden: Callable[[str, str], None]
) -> None:
    run = hrddp("status", "sample-dossier", "-f", fmt, "--as-of", AS_OF, "--audience", audience, cwd=sample.parent)
    assert run.exit_code == 0, run.stderr
    golden(f"sample-status-{audience}.{suffix}", run.stdout)
    again = hrddp("status", "sample-dossier", "-f", fmt, "--as-of", AS_OF, "--audience", audience, cwd=sample.parent)
    assert again.stdout == run.stdout  # a pure function of (dossier, methodology, as-of)


def test_json_contract(sample: Path, hrddp: Callable[..., Run]) -> None:
    report = hrddp(
        "status",
        "sample-dossier",
        "-f",
        "json",
        "--as-of",
        AS_OF,
        "--audience",
        "strictly_confidential",
        cwd=sample.parent,
    ).json()
    assert report["version"] == 2 and report["as_of"] == AS_OF
    assert report["methodology"] == {"version": 2, "source": "default"}
    (dossier,) = report["dossiers"]
    assert dossier["id"] == "sample-dossier" and dossier["path"] == "sample-dossier"
    readings = (*LADDER, "do_not_engage", "insufficient_information")
    assert dossier["recommendation"] in readings and dossier["worst"] in readings
    assert rank(dossier["worst_rung"]) >= rank(dossier["recommendation_rung"])
    assert {"engagement"} <= set(dossier["by_scope"])
    for key in ("withheld_risks", "withheld_scopes", "warnings", "unit_measures", "risks", "rules", "actions"):
        assert key in dossier
    for measure in dossier["unit_measures"]:
        assert set(measure) >= {"unit", "floor", "rules"}
        assert rank(measure["rung"]) > rank(dossier["recommendation_rung"])
    for risk in dossier["risks"]:
        assert set(risk) >= {"id", "status", "materialised", "inherent", "residual"}
    for fired in dossier["rules"]:
        if fired.get("withheld"):
            assert set(fired) == {"withheld", "floor", "decisive"}
            continue
        assert set(fired) >= {"code", "floor", "scope", "decisive", "records", "message"}
    decisive = {(r["floor"], r["scope"]) for r in dossier["rules"] if r["decisive"] and not r.get("withheld")}
    assert ("adapt", "engagement") in decisive  # the engagement's recommendation
    assert ("suspend", "unit:U-003") in decisive  # a unit measure


def test_withheld_content_stays_out_of_every_format(sample: Path, hrddp: Callable[..., Run]) -> None:
    risks = sample / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    start = text.index("  - id: R-002")
    end = text.index("  - id: R-003")
    record = text[start:end]
    title_line = next(line for line in record.splitlines() if line.startswith("    title:"))
    record = record.replace(title_line, "    title: CANARYrisktitle")
    assert "confidentiality: confidential" in record or "confidentiality: strictly_confidential" in record
    risks.write_text(text[:start] + record + text[end:], encoding="utf-8")
    for fmt in ("text", "json", "markdown"):
        internal = hrddp("status", str(sample), "-f", fmt, "--as-of", AS_OF, "--audience", "internal")
        internal.stdout = unescaped(internal.stdout)
        assert "CANARY" not in internal.stdout
        assert not re.search(r"\bR-002\b", internal.stdout)  # withheld whole, id included
        assert not re.search(r"\bI-00[124]\b", internal.stdout)  # incidents are confidential by default
        assert "Recommendation" in internal.stdout or "recommendation" in internal.stdout
        allowed = hrddp("status", str(sample), "-f", fmt, "--as-of", AS_OF, "--audience", "strictly_confidential")
        assert "CANARYrisktitle" in allowed.stdout or fmt == "json"  # control: the test can fail
        assert "R-002" in unescaped(allowed.stdout)
    public = hrddp("status", str(sample), "-f", "json", "--as-of", AS_OF, "--audience", "public").json()
    (dossier,) = public["dossiers"]
    assert dossier["withheld_risks"] == 11 - len(dossier["risks"]) and dossier["withheld_risks"] >= 8
    assert dossier["recommendation"] == "adapt"  # the recommendation is shown at every audience
    withheld = [r for r in dossier["rules"] if r.get("withheld")]
    assert withheld and all(set(r) == {"withheld", "floor", "decisive"} for r in withheld)
    assert dossier["withheld_entries"] == len(withheld)


def test_portfolio_is_listed_worst_first(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    for name in ("b-calm", "a-calm", "c-broken"):
        shutil.copytree(STATUS_CASES / "_base", tmp_path / "dossiers" / name)
        context = tmp_path / "dossiers" / name / "context.yaml"
        context.write_text(context.read_text().replace("id: case-dossier", f"id: {name}"))
    (tmp_path / "dossiers" / "c-broken" / "risks.yaml").write_text("schema_version: 1\nrisks: 7\n")
    shutil.copytree(SAMPLE, tmp_path / "dossiers" / "sample-dossier")
    run = hrddp("status", "dossiers", "-f", "json", "--as-of", "2026-11-29", cwd=tmp_path)
    assert run.exit_code == 1  # c-broken cannot be scored
    order = [(d["id"], d["worst"]) for d in run.json()["dossiers"]]
    assert order[0] == ("c-broken", "insufficient_information")
    assert [name for name, _ in order[1:]] == ["sample-dossier", "a-calm", "b-calm"]
    text = hrddp("status", "dossiers", "--as-of", "2026-11-29", "--audience", "confidential", cwd=tmp_path).stdout
    assert text.index("c-broken") < text.index("sample-dossier") < text.index("a-calm") < text.index("b-calm")
    assert "U-003 suspend" in text  # unit measures in a column of their own


def test_fail_on_reads_the_worst_floor(sample: Path, hrddp: Callable[..., Run]) -> None:
    failing = hrddp("status", str(sample), "--as-of", AS_OF, "--fail-on", "suspend")
    assert failing.exit_code == 1 and "worst floor suspend" in failing.stderr  # a unit measure is suspend
    assert hrddp("status", str(sample), "--as-of", AS_OF, "--fail-on", "terminate").exit_code == 0
    assert hrddp("status", str(sample), "--fail-on", "panic").exit_code == 2
    assert hrddp("status", str(sample), "--as-of", "29/11/2026").exit_code == 2
    assert hrddp("status", str(sample), "--audience", "secret").exit_code == 2
    assert hrddp("status", str(sample), "-f", "pdf").exit_code == 2


def test_methodology_from_hrddp_yaml(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(
        STATUS_CASES / "R2" / "quiet" / "score-9-highest-medium", tmp_path, STATUS_CASES / "_base"
    )
    config = tmp_path / "hrddp.yaml"
    config.write_text("methodology:\n  levels: {low: 4, medium: 8, high: 16}\n  rules:\n    P5: {floor: adapt}\n")
    report = hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()
    assert report["methodology"]["source"].endswith("hrddp.yaml")
    assert [r["code"] for r in report["dossiers"][0]["rules"]] == ["R2"]  # 9 is high under these bands

    config.write_text("methodology:\n  rules:\n    R3: {enabled: false}\n")  # 9 is medium by default
    assert hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][0]["rules"] == []

    for broken, words in (
        ("methodology:\n  rules:\n    R9: {enabled: false}\n", "unknown key"),
        ("methodology:\n  levels: {low: 9, medium: 4}\n", "must increase"),
        ("methodology:\n  rules:\n    V0: {enabled: false}\n", "cannot be turned off"),
        ("methodology:\n  rules:\n    U1: {enabled: false}\n", "cannot be turned off"),
        ("methodology:\n  rules:\n    P5: {floor: panic}\n", "must be one of"),
        ("methodology:\n  rules:\n    G2: {floor: adapt}\n", "sets several floors"),
        ("methodology:\n  grave_impact_floor: 4\n", "grave_impact_floor was removed"),
    ):
        config.write_text(broken)
        run = hrddp("status", str(dossier), "--as-of", "2026-02-01")
        assert run.exit_code == 2 and words in run.stderr, run.stderr


# --- one definition of each domain fact (regressions) --------------------------------------


def test_a_perpetrator_named_like_a_unit_is_never_a_unit_scope(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(
        STATUS_CASES / "G1" / "fires" / "verified-torture-by-unit", tmp_path, STATUS_CASES / "_base"
    )
    incidents = dossier / "incidents.yaml"
    text = incidents.read_text()
    assert "unit: U-001" in text
    incidents.write_text(text.replace("unit: U-001", "unit: U-Boat crew"))
    findings = hrddp("validate", str(dossier), "-f", "json").json()["findings"]
    assert "HRD108" in [f["code"] for f in findings]  # free text is an error, not a scope
    status = hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][0]
    assert status["recommendation"] == "insufficient_information"
    assert "unit:U-Boat crew" not in json.dumps(status)


def test_validate_and_status_read_the_same_bands(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(
        STATUS_CASES / "R2" / "quiet" / "score-9-highest-medium", tmp_path, STATUS_CASES / "_base"
    )
    mitigations = dossier / "mitigations.yaml"
    mitigations.write_text("schema_version: 1\nmitigations: []\n")
    risks = dossier / "risks.yaml"
    risks.write_text(risks.read_text().replace("likelihood: 4", "likelihood: 3"))  # 3×3 = 9, unmitigated
    (tmp_path / "hrddp.yaml").write_text("methodology:\n  levels: {low: 4, medium: 8, high: 16}\n")
    status = hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][0]
    assert "R2" in [r["code"] for r in status["rules"]]  # 9 is high under these bands
    findings = hrddp("validate", str(dossier), "-f", "json").json()["findings"]
    assert [f["code"] for f in findings if f["code"] == "HRD301"] == ["HRD301"]  # and validate says so too
    (tmp_path / "hrddp.yaml").unlink()
    assert "HRD301" not in [f["code"] for f in hrddp("validate", str(dossier), "-f", "json").json()["findings"]]
