"""The peer-review flags, one variant each, and what an audience may see of a review."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import unescaped
from tests.gitrepo import GitRepo

Hrddp = Any
EVERYTHING = "strictly_confidential"


def _flags(hrddp: Hrddp, repo: GitRepo, audience: str = EVERYTHING) -> list[dict[str, Any]]:
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "json", "--audience", audience, cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)["dossiers"][0]["flags"]


def _record(file: str, identifier: str, **changes: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        next(r for r in data[file.removesuffix(".yaml")] if r["id"] == identifier).update(changes)

    return change


def _codes(flags: list[dict[str, Any]]) -> list[str]:
    return [flag["code"] for flag in flags]


def test_rev003_verification_down_the_scale(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("incidents.yaml", _record("incidents.yaml", "I-001", verification="alleged"))
    flag = next(f for f in _flags(hrddp, repo) if f["code"] == "REV003")
    assert flag["id"] == "I-001" and "verified → alleged" in flag["message"]


def test_rev003_closed_with_no_eu_response(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("incidents.yaml", _record("incidents.yaml", "I-002", status="closed", eu_response=[]))
    assert any("closed with no EU response" in f["message"] for f in _flags(hrddp, repo) if f["code"] == "REV003")


def test_rev004_in_place_without_verification(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("mitigations.yaml", _record("mitigations.yaml", "M-003", status="implemented"))
    flag = next(f for f in _flags(hrddp, repo) if f["code"] == "REV004")
    assert flag["id"] == "M-003" and "in_progress → implemented" in flag["message"]


def test_rev005_a_units_own_floor_went_down(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", _record("risks.yaml", "R-001", likelihood=2, reviewed="2026-11-01"))
    messages = [f["message"] for f in _flags(hrddp, repo) if f["code"] == "REV005"]
    assert any("U-002's own floor went down: adapt → proceed_with_mitigations" in m for m in messages)


def test_rev006_a_review_moved_past_an_incident(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", _record("risks.yaml", "R-005", reviewed="2026-11-20"))
    flag = next(f for f in _flags(hrddp, repo) if f["code"] == "REV006")
    assert flag["id"] == "R-005" and "I-004" in flag["message"] and "ends E1" in flag["message"]
    internal = next(f for f in _flags(hrddp, repo, "internal") if f["code"] == "REV006")
    assert internal == {  # R-005 is confidential: the flag keeps its code and says only its summary
        "code": "REV006", "severity": "warning", "file": "risks.yaml", "id": None, "withheld": True,
        "message": internal["message"],
    } and "I-004" not in internal["message"] and "R-005" not in internal["message"]  # fmt: skip
    confidential = next(f for f in _flags(hrddp, repo, "confidential") if f["code"] == "REV006")
    assert confidential["id"] == "R-005" and "I-004" not in confidential["message"]  # I-004 is strictly confidential


def test_rev007_quieter_facts(hrddp: Hrddp, repo: GitRepo) -> None:
    def quieter(data: dict[str, Any]) -> None:
        first = next(r for r in data["incidents"] if r["id"] == "I-001")
        first["perpetrators"][0]["eu_trained"] = "unknown"
        first["grave_violation"]["category"] = "none"
        next(r for r in data["incidents"] if r["id"] == "I-004")["reprisal"] = False

    repo.edit("incidents.yaml", quieter)
    messages = [f["message"] for f in _flags(hrddp, repo) if f["code"] == "REV007"]
    assert any("perpetrator U-003: eu_trained moved yes → unknown" in m for m in messages)
    assert any("grave category moved gross_hr_violation → none" in m for m in messages)
    assert any("reprisal moved true → false" in m for m in messages)


def test_rev008_marking_raised_and_override_added(hrddp: Hrddp, repo: GitRepo) -> None:
    repo.edit("risks.yaml", _record("risks.yaml", "R-004", confidentiality="confidential"))
    repo.edit("risks.yaml", _record("risks.yaml", "R-003", override={"likelihood": 1, "impact": 2, "reason": "x"}))
    messages = [f["message"] for f in _flags(hrddp, repo) if f["code"] == "REV008"]
    assert any("R-004: marking raised internal → confidential" in m for m in messages)
    assert any("R-003: override added (likelihood 1, impact 2)" in m for m in messages)


def test_rev009_settings_changed_with_the_head_under_the_base_settings(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.root / "hrddp.yaml").write_text("methodology:\n  rules:\n    S2: {enabled: false}\n", encoding="utf-8")
    flag = next(f for f in _flags(hrddp, repo) if f["code"] == "REV009")
    assert flag["file"] == "hrddp.yaml" and "/methodology" in flag["message"]
    assert "under the base's settings the head would be adapt" in flag["message"]


def test_flags_cannot_be_turned_off_in_settings(hrddp: Hrddp, repo: GitRepo) -> None:
    (repo.root / "hrddp.yaml").write_text("checks:\n  REV002: {enabled: false}\n", encoding="utf-8")
    run = hrddp("review", "dossiers", "--base", "HEAD", cwd=repo.root)
    assert run.exit_code == 2 and "REV002" in run.stderr


# --- What an audience may see ------------------------------------------------------------------

CANARIES = {
    "description": "CANARY-DESCRIPTION-7731",  # free text of a confidential incident
    "ref": "CANARY-SOURCE-REF-4410",  # a sensitive field of an internal incident
    "key": "x_canary_key_5521",  # a key of one's own, in an internal risk
    "value": "CANARY-XVALUE-9902",
    "name": "CANARY-PARTICIPANT-3309",  # a sensitive field of an internal consultation
    "lowered": "CANARY-LOWERED-1187",  # a strictly confidential incident now marked internal
}


def _plant(repo: GitRepo) -> None:
    def incidents(data: dict[str, Any]) -> None:
        records = {r["id"]: r for r in data["incidents"]}
        records["I-001"]["description"] = CANARIES["description"]
        records["I-003"]["sources"][0]["ref"] = CANARIES["ref"]
        records["I-004"]["description"] = CANARIES["lowered"]
        records["I-004"]["confidentiality"] = "internal"

    def risks(data: dict[str, Any]) -> None:
        next(r for r in data["risks"] if r["id"] == "R-004")[CANARIES["key"]] = CANARIES["value"]

    def consultations(data: dict[str, Any]) -> None:
        data["consultations"][0]["participants"][0]["name"] = CANARIES["name"]

    repo.edit("incidents.yaml", incidents)
    repo.edit("risks.yaml", risks)
    repo.edit("consultations.yaml", consultations)


@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("format", ["text", "json", "markdown"])
def test_no_withheld_value_reaches_any_format(hrddp: Hrddp, repo: GitRepo, audience: str, format: str) -> None:
    _plant(repo)
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", format, "--audience", audience, cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    seen = unescaped(run.stdout + run.stderr)
    leaked = [name for name, canary in CANARIES.items() if canary.lower() in seen.lower()]
    assert leaked == []
    if format == "json":
        dossier = json.loads(run.stdout)["dossiers"][0]
        withheld = [c for c in dossier["changes"] if c.get("withheld")]
        assert withheld and all(c["id"] is None and set(c) == {"file", "id", "change", "withheld"} for c in withheld)


def test_the_strictest_audience_sees_every_canary(hrddp: Hrddp, repo: GitRepo) -> None:
    _plant(repo)
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "json", "--audience", EVERYTHING, cwd=repo.root)
    assert all(canary in run.stdout for canary in CANARIES.values())


def test_a_sensitive_field_is_changed_but_withheld_at_internal(hrddp: Hrddp, repo: GitRepo) -> None:
    _plant(repo)
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "json", "--audience", "internal", cwd=repo.root)
    changes = json.loads(run.stdout)["dossiers"][0]["changes"]
    consultation = next(c for c in changes if c["file"] == "consultations.yaml")
    assert {"pointer": "/participants", "withheld": True} in consultation["fields"] or any(
        f.get("withheld") and f["pointer"].startswith("/participants") for f in consultation["fields"]
    )
    risk = next(c for c in changes if c["file"] == "risks.yaml")
    assert risk["id"] == "R-004" and risk["fields"] == [{"pointer": "", "withheld": True}]  # the key is not named


def test_markdown_neutralises_dossier_text(hrddp: Hrddp, repo: GitRepo) -> None:
    hostile = "@everyone <!-- hidden --> ```\n# Approved <img src=x onerror=alert(1)> [link](http://evil)"
    repo.edit("risks.yaml", _record("risks.yaml", "R-004", title=hostile))
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "md", cwd=repo.root)
    assert run.stdout.startswith("<!-- hrddp-review -->\n")
    body = run.stdout.split("\n", 1)[1]
    raw = re.sub(r"\\.", "", body)  # what is left once every escaped character is taken out
    assert "<!--" not in raw and "<img" not in raw and "](" not in raw
    assert "@everyone" not in body and "@\u200beveryone" in body.replace("\\", "")
    assert not any(line.lstrip().startswith(("```", "#", "<")) for line in body.splitlines() if "hidden" in line)


def test_markdown_stays_under_githubs_limit(hrddp: Hrddp, repo: GitRepo) -> None:
    def many(title: str) -> Any:
        def change(data: dict[str, Any]) -> None:
            template = data["risks"][0]
            data["risks"] = [
                *data["risks"][:11],
                *({**template, "id": f"R-{n:03d}", "title": title * 99} for n in range(100, 700)),
            ]

        return change

    repo.edit("risks.yaml", many("a"))
    repo.commit("Many risks")
    repo.edit("risks.yaml", many("b"))
    run = hrddp("review", "dossiers", "--base", "HEAD", "-f", "md", cwd=repo.root)
    assert run.exit_code == 0 and len(run.stdout) < 65_000
    assert "cut" in run.stdout and run.stdout.count("<details>") == run.stdout.count("</details>")
