"""hrddp status: every rule fires where it should and not where it just should not, and the
invariants a decision maker relies on hold (status-rules.md)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrddp_cli.build import build_dossier
from hrddp_cli.methodology import LADDER, Methodology, rank
from hrddp_cli.rules import all_rules
from hrddp_cli.scoring import score_risks
from hrddp_cli.status import assess
from hrddp_cli.view import DossierView
from tests.conftest import SAMPLE, STATUS_CASES, Run, case_params, make_case_dossier

AS_OF = "2026-11-29"


@pytest.mark.parametrize(("code", "outcome", "case"), case_params(STATUS_CASES, ("fires", "quiet")))
def test_status_case(code: str, outcome: str, case: Path, tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    dossier = make_case_dossier(case, tmp_path, base=STATUS_CASES / "_base")
    as_of = str(spec["as_of"])
    run = hrddp("status", str(dossier), "--format", "json", "--as-of", as_of, "--audience", "strictly_confidential")
    assert run.exit_code in (0, 1), run.stderr
    status = run.json()["dossiers"][0]
    codes = [r["code"] for r in status["rules"]]
    fired = [r for r in status["rules"] if r["code"] == code]
    if outcome == "quiet":
        assert not fired, f"{code} fired: {fired}"
    else:
        assert fired, f"{code} did not fire; fired: {codes}"
        if "expect" in spec:
            want = spec["expect"]
            records = [{"file": f, "id": i} for f, i in want["records"]]
            matching = [
                r
                for r in fired
                if r["floor"] == want["floor"] and r["scope"] == want["scope"] and r["records"] == records
            ]
            assert matching, f"no {code} with {want}; got {fired}"
            assert all(r["message"] for r in fired)
    for absent in spec.get("absent", []):
        assert absent not in codes
    for present in spec.get("present", []):
        assert present in codes
    if "recommendation" in spec:
        assert status["recommendation"] == spec["recommendation"]
    if "action" in spec:
        assert spec["action"] in status["actions"]
    for risk_id, (likelihood, impact) in spec.get("residual", {}).items():
        (risk,) = [r for r in status["risks"] if r["id"] == risk_id]
        assert (risk["residual"]["likelihood"], risk["residual"]["impact"]) == (likelihood, impact)
    assert run.exit_code == (1 if status["recommendation"] == "insufficient_information" else 0)


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
    report = hrddp("status", "sample-dossier", "-f", "json", "--as-of", AS_OF, cwd=sample.parent).json()
    assert report["version"] == 1 and report["as_of"] == AS_OF
    assert report["methodology"] == {"version": 1, "source": "default"}
    (dossier,) = report["dossiers"]
    assert dossier["id"] == "sample-dossier" and dossier["path"] == "sample-dossier"
    assert dossier["recommendation"] in (*LADDER, "do_not_engage", "insufficient_information")
    assert "engagement" in dossier["by_scope"]
    for risk in dossier["risks"]:
        assert set(risk) >= {"id", "status", "materialised", "inherent", "residual"}
    for fired in dossier["rules"]:
        assert set(fired) >= {"code", "floor", "scope", "decisive", "records", "message"}
        if fired["floor"] is None:
            assert fired["scope"] is None
    decisive = {r["floor"] for r in dossier["rules"] if r["decisive"]}
    assert decisive == {dossier["recommendation"]}


def test_withheld_content_stays_out_of_every_format(sample: Path, hrddp: Callable[..., Run]) -> None:
    risks = sample / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    start = text.index("  - id: R-002")
    end = text.index("  - id: R-003")
    record = text[start:end]
    title_line = next(line for line in record.splitlines() if line.startswith("    title:"))
    record = record.replace(title_line, "    title: CANARY-risk-title")
    assert "confidentiality: confidential" in record or "confidentiality: strictly_confidential" in record
    risks.write_text(text[:start] + record + text[end:], encoding="utf-8")
    for fmt in ("text", "json", "markdown"):
        internal = hrddp("status", str(sample), "-f", fmt, "--as-of", AS_OF, "--audience", "internal")
        assert "CANARY" not in internal.stdout
        assert "R-002" in internal.stdout  # ids are never withheld
        assert "ill treatment" not in internal.stdout and "refoulement" not in internal.stdout  # incident content
        allowed = hrddp("status", str(sample), "-f", fmt, "--as-of", AS_OF, "--audience", "strictly_confidential")
        assert "CANARY-risk-title" in allowed.stdout or fmt == "json"  # control: the test can fail
    public = hrddp("status", str(sample), "-f", "json", "--as-of", AS_OF, "--audience", "public").json()
    withheld = [r for r in public["dossiers"][0]["risks"] if r["withheld"]]
    assert withheld and all(r["inherent"] is None and r["residual"] is None for r in withheld)


def test_portfolio_is_listed_worst_first(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    for name in ("b-calm", "a-calm", "c-broken"):
        shutil.copytree(STATUS_CASES / "_base", tmp_path / "dossiers" / name)
        context = tmp_path / "dossiers" / name / "context.yaml"
        context.write_text(context.read_text().replace("id: case-dossier", f"id: {name}"))
    (tmp_path / "dossiers" / "c-broken" / "risks.yaml").write_text("schema_version: 1\nrisks: 7\n")
    shutil.copytree(SAMPLE, tmp_path / "dossiers" / "sample-dossier")
    run = hrddp("status", "dossiers", "-f", "json", "--as-of", "2026-02-01", cwd=tmp_path)
    assert run.exit_code == 1  # c-broken cannot be scored
    order = [(d["id"], d["recommendation"]) for d in run.json()["dossiers"]]
    assert order[0] == ("c-broken", "insufficient_information")
    assert [name for name, _ in order[1:]] == ["sample-dossier", "a-calm", "b-calm"]
    text = hrddp("status", "dossiers", "--as-of", "2026-02-01", cwd=tmp_path).stdout
    assert text.index("c-broken") < text.index("sample-dossier") < text.index("a-calm") < text.index("b-calm")


def test_fail_on_and_usage_errors(sample: Path, hrddp: Callable[..., Run]) -> None:
    assert hrddp("status", str(sample), "--as-of", AS_OF, "--fail-on", "adapt").exit_code == 1
    assert hrddp("status", str(sample), "--as-of", AS_OF, "--fail-on", "suspend").exit_code == 0
    assert hrddp("status", str(sample), "--fail-on", "panic").exit_code == 2
    assert hrddp("status", str(sample), "--as-of", "29/11/2026").exit_code == 2
    assert hrddp("status", str(sample), "--audience", "secret").exit_code == 2
    assert hrddp("status", str(sample), "-f", "pdf").exit_code == 2


def test_before_engaging_suspend_reads_do_not_engage(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(
        STATUS_CASES / "G1" / "fires" / "verified-torture-by-supported-unit", tmp_path, STATUS_CASES / "_base"
    )
    context = dossier / "context.yaml"
    context.write_text(context.read_text().replace("phase: implementation", "phase: decision"))
    status = hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][0]
    assert status["recommendation"] == "do_not_engage"
    assert status["by_scope"]["unit:U-001"] == "do_not_engage"
    assert [r["floor"] for r in status["rules"] if r["code"] == "G1"] == ["suspend"]  # the rule's own floor


def test_methodology_from_hrddp_yaml(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(STATUS_CASES / "R2" / "quiet" / "score-9", tmp_path, STATUS_CASES / "_base")
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
        ("methodology:\n  rules:\n    P5: {floor: panic}\n", "must be one of"),
    ):
        config.write_text(broken)
        run = hrddp("status", str(dossier), "--as-of", "2026-02-01")
        assert run.exit_code == 2 and words in run.stderr, run.stderr


# --- invariants, on the pure core ------------------------------------------------------------

GROUPS = ["women", "refugees", "detainees", "children"]


def _base_data() -> dict[str, Any]:
    data = {}
    for kind in ("context", "risks", "mitigations", "consultations", "incidents"):
        data[kind] = yaml.safe_load((STATUS_CASES / "_base" / f"{kind}.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(data, default_flow_style=False)  # dates to strings, as the loader gives them
    return yaml.load(text, Loader=_DatesAsText)


class _DatesAsText(yaml.SafeLoader):
    pass


_DatesAsText.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

risk_strategy = st.fixed_dictionaries(
    {
        "likelihood": st.integers(1, 5),
        "impact": st.integers(1, 5),
        "grave_violation": st.booleans(),
        "status": st.sampled_from(["open", "monitored", "closed"]),
        "affected_groups": st.lists(st.sampled_from(GROUPS), max_size=2, unique=True),
    }
)
mitigation_strategy = st.fixed_dictionaries(
    {
        "risk": st.integers(0, 4),
        "reduces": st.sampled_from(["likelihood", "impact", "both"]),
        "by": st.integers(1, 4),
        "status": st.sampled_from(["planned", "implemented", "verified_effective", "ineffective"]),
        "is_condition": st.booleans(),
    }
)
incident_strategy = st.fixed_dictionaries(
    {
        "risk": st.integers(0, 4),
        "day": st.integers(0, 700),
        "verification": st.sampled_from(["alleged", "credible", "verified", "not_substantiated"]),
        "category": st.sampled_from(["none", "gross_hr_violation", "war_crime", "undetermined"]),
        "supported": st.booleans(),
        "eu_trained": st.sampled_from(["yes", "no", "unknown"]),
    }
)


def _dossier_data(
    risks: list[dict[str, Any]], mitigations: list[dict[str, Any]], incidents: list[dict[str, Any]]
) -> dict[str, Any]:
    data = _base_data()
    data["risks"]["risks"] = [
        {"id": f"R-{i:03d}", "title": "r", "category": "hr_violation", **r} for i, r in enumerate(risks)
    ]
    data["mitigations"]["mitigations"] = [
        {
            "id": f"M-{i:03d}",
            "title": "m",
            "type": "vetting",
            "addresses": [{"risk": f"R-{m['risk'] % len(risks):03d}", "reduces": m["reduces"], "by": m["by"]}],
            "status": m["status"],
            "is_condition": m["is_condition"],
            "due": "2026-03-01",
        }
        for i, m in enumerate(mitigations)
    ]
    data["incidents"]["incidents"] = [_incident(i, x, len(risks)) for i, x in enumerate(incidents)]
    return data


def _incident(index: int, x: dict[str, Any], risks: int) -> dict[str, Any]:
    reported = (dt.date(2025, 6, 1) + dt.timedelta(days=x["day"])).isoformat()
    return {
        "id": f"I-{index:03d}",
        "title": "i",
        "reported": reported,
        "violation_types": ["torture"],
        "grave_violation": {"category": x["category"]},
        "perpetrators": [{"unit": "U-001", "supported_unit": x["supported"], "eu_trained": x["eu_trained"]}],
        "verification": x["verification"],
        "linked_risks": [f"R-{x['risk'] % risks:03d}"],
        "status": "open",
    }


def _assess(data: dict[str, Any], as_of: dt.date) -> Any:
    dossier, problems = build_dossier("case-dossier", data)
    assert problems == []
    return assess(dossier, Methodology(), as_of, DossierView(dossier, "strictly_confidential"))


PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = st.integers(0, 900).map(lambda d: dt.date(2026, 1, 1) + dt.timedelta(days=d))


@PROPERTY
@given(
    st.lists(risk_strategy, min_size=1, max_size=5),
    st.lists(mitigation_strategy, max_size=5),
    mitigation_strategy,
    DAYS,
)
def test_an_implemented_mitigation_never_raises_a_residual(
    risks: list[dict[str, Any]], mitigations: list[dict[str, Any]], extra: dict[str, Any], as_of: dt.date
) -> None:
    before = _dossier_data(risks, mitigations, [])
    after = _dossier_data(risks, [*mitigations, {**extra, "status": "implemented"}], [])
    old = score_risks(build_dossier("d", before)[0], Methodology(), as_of)
    new = score_risks(build_dossier("d", after)[0], Methodology(), as_of)
    for risk_id, scored in old.items():
        residual, after = scored.residual, new[risk_id].residual
        assert after.score <= residual.score
        assert after.likelihood <= residual.likelihood and after.impact <= residual.impact


@PROPERTY
@given(
    st.lists(risk_strategy, min_size=1, max_size=4),
    st.lists(mitigation_strategy, max_size=4),
    st.lists(incident_strategy, max_size=4),
    incident_strategy,
    DAYS,
)
def test_a_verified_grave_incident_never_lowers_the_recommendation(
    risks: list[dict[str, Any]],
    mitigations: list[dict[str, Any]],
    incidents: list[dict[str, Any]],
    extra: dict[str, Any],
    as_of: dt.date,
) -> None:
    grave = {**extra, "verification": "verified", "category": "war_crime", "supported": True}
    before = _assess(_dossier_data(risks, mitigations, incidents), as_of)
    after = _assess(_dossier_data(risks, mitigations, [*incidents, grave]), as_of)
    assert rank(after.recommendation) >= rank(before.recommendation)


@PROPERTY
@given(
    st.lists(risk_strategy, min_size=1, max_size=4),
    st.lists(mitigation_strategy, max_size=4),
    st.lists(incident_strategy, max_size=4),
    DAYS,
    st.integers(1, 800),
)
def test_moving_the_date_forward_never_removes_an_overdue_rule(
    risks: list[dict[str, Any]],
    mitigations: list[dict[str, Any]],
    incidents: list[dict[str, Any]],
    as_of: dt.date,
    days: int,
) -> None:
    data = _dossier_data(risks, mitigations, incidents)
    earlier = _assess(data, as_of)
    later = _assess(data, as_of + dt.timedelta(days=days))
    for code in ("S1", "S2", "M1"):
        if any(f.code == code for f in earlier.rules):
            assert any(f.code == code for f in later.rules), code


@PROPERTY
@given(
    st.lists(risk_strategy, min_size=1, max_size=5),
    st.lists(mitigation_strategy, max_size=5),
    st.lists(incident_strategy, max_size=5),
    DAYS,
)
def test_the_recommendation_is_the_highest_floor(
    risks: list[dict[str, Any]], mitigations: list[dict[str, Any]], incidents: list[dict[str, Any]], as_of: dt.date
) -> None:
    status = _assess(_dossier_data(risks, mitigations, incidents), as_of)
    floors = [f.floor for f in status.rules if f.floor is not None]
    highest = max(floors, key=rank) if floors else "proceed"
    assert status.recommendation == highest
    assert all(f.decisive == (f.floor is not None and rank(f.floor) == rank(highest)) for f in status.rules)
    assert status.by_scope["engagement"] in LADDER
    assert max((rank(o) for o in status.by_scope.values()), default=0) == rank(highest)


# --- one definition of each domain fact (regressions) --------------------------------------


def test_a_perpetrator_named_like_a_unit_is_not_a_unit_scope(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(
        STATUS_CASES / "G1" / "fires" / "verified-torture-by-supported-unit", tmp_path, STATUS_CASES / "_base"
    )
    incidents = dossier / "incidents.yaml"
    incidents.write_text(incidents.read_text().replace("unit: U-001", "unit: U-Boat crew"))
    status = hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][0]
    scopes = {rule["scope"] for rule in status["rules"]} | set(status["by_scope"])
    assert "unit:U-Boat crew" not in scopes
    assert all(scope is None or re.fullmatch(r"engagement|unit:U-[0-9]{3,}", scope) for scope in scopes), scopes
    assert [r["scope"] for r in status["rules"] if r["code"] == "G1"] == ["engagement"]


def test_validate_and_status_read_the_same_bands(tmp_path: Path, hrddp: Callable[..., Run]) -> None:
    dossier = make_case_dossier(STATUS_CASES / "R2" / "quiet" / "score-9", tmp_path, STATUS_CASES / "_base")
    risks = dossier / "risks.yaml"
    risks.write_text(risks.read_text().replace("likelihood: 4", "likelihood: 3"))  # 3×3 = 9, no mitigation
    mitigations = dossier / "mitigations.yaml"
    mitigations.write_text("schema_version: 1\nmitigations: []\n")
    (tmp_path / "hrddp.yaml").write_text("methodology:\n  levels: {low: 4, medium: 8, high: 16}\n")
    status = hrddp("status", str(dossier), "-f", "json", "--as-of", "2026-02-01").json()["dossiers"][0]
    assert "R2" in [r["code"] for r in status["rules"]]  # 9 is high under these bands
    findings = hrddp("validate", str(dossier), "-f", "json").json()["findings"]
    assert [f["code"] for f in findings if f["code"] == "HRD301"] == ["HRD301"]  # and validate says so too
    (tmp_path / "hrddp.yaml").unlink()
    assert "HRD301" not in [f["code"] for f in hrddp("validate", str(dossier), "-f", "json").json()["findings"]]
