"""The invariants a decision maker relies on, as properties of the pure core (hypothesis).

Each property builds random dossiers on the calm status base and compares two of them, or the
same one on two days: evidence can only lower a residual, more harm can only raise the worst
floor, time can only make overdue things more overdue, and no way of writing the same facts
(one risk per unit, a verified measure relabelled) makes the engagement look better.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrddp_cli.build import build_dossier
from hrddp_cli.explain import DossierStatus
from hrddp_cli.methodology import Methodology, rank
from hrddp_cli.scoring import score_risks
from hrddp_cli.status import assess
from hrddp_cli.view import DossierView
from tests.conftest import STATUS_CASES, read_yaml

PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIRST_DAY = dt.date(2025, 6, 1)
DAYS = st.integers(0, 900).map(lambda d: dt.date(2026, 1, 1) + dt.timedelta(days=d))
UNITS = ["U-001", "U-002"]
GROUPS = ["women", "refugees", "detainees", "children"]


def _base() -> dict[str, Any]:
    return {
        kind: read_yaml(STATUS_CASES / "_base" / f"{kind}.yaml")
        for kind in ("context", "risks", "mitigations", "consultations", "incidents")
    }


risks = st.fixed_dictionaries(
    {
        "likelihood": st.integers(1, 5),
        "impact": st.integers(1, 5),
        "grave_violation": st.booleans(),
        "status": st.sampled_from(["open", "monitored", "closed"]),
        "affected_groups": st.lists(st.sampled_from(GROUPS), max_size=2, unique=True),
        "units": st.sampled_from([[], ["U-001"], ["U-002"], UNITS]),
    }
)
mitigations = st.fixed_dictionaries(
    {
        "risk": st.integers(0, 4),
        "reduces": st.sampled_from(["likelihood", "impact", "both"]),
        "by": st.integers(1, 4),
        "status": st.sampled_from(["planned", "implemented", "verified_effective", "ineffective", "cancelled"]),
        "verified": st.booleans(),
        "is_condition": st.booleans(),
    }
)
incidents = st.fixed_dictionaries(
    {
        "risk": st.integers(0, 4),
        "day": st.integers(0, 200),
        "verification": st.sampled_from(["alleged", "under_verification", "credible", "verified", "not_substantiated"]),
        "category": st.sampled_from(["none", "gross_hr_violation", "war_crime", "undetermined"]),
        "perpetrator": st.sampled_from([*UNITS, "unidentified"]),
        "accountability": st.sampled_from(
            ["none_known", "prosecuted", "convicted", "suspects_suspended", "obstructed"]
        ),
        "closed": st.booleans(),
        "reprisal": st.booleans(),
        "linked": st.booleans(),
        "responded": st.sampled_from([None, 1, 40]),
    }
)


def _data(risk_list: list[dict[str, Any]], measures: list[dict[str, Any]], events: list[dict[str, Any]]) -> Any:
    data = _base()
    data["risks"]["risks"] = [
        {"id": f"R-{i:03d}", "title": "r", "category": "hr_violation", "reviewed": "2026-01-15", **r}
        for i, r in enumerate(risk_list)
    ]
    data["mitigations"]["mitigations"] = [_mitigation(i, m, len(risk_list)) for i, m in enumerate(measures)]
    data["incidents"]["incidents"] = [_incident(i, x, len(risk_list)) for i, x in enumerate(events)]
    return data


def _mitigation(index: int, m: dict[str, Any], count: int) -> dict[str, Any]:
    mitigation = {
        "id": f"M-{index:03d}",
        "title": "m",
        "type": "vetting",
        "addresses": [{"risk": f"R-{m['risk'] % count:03d}", "reduces": m["reduces"], "by": m["by"]}],
        "status": m["status"],
        "is_condition": m["is_condition"],
        "due": "2026-03-01",
    }
    if m["verified"]:
        mitigation["verification"] = {"method": "field_monitoring", "date": "2025-12-01"}
    return mitigation


def _incident(index: int, x: dict[str, Any], count: int) -> dict[str, Any]:
    reported = FIRST_DAY + dt.timedelta(days=x["day"])
    incident: dict[str, Any] = {
        "id": f"I-{index:03d}",
        "title": "i",
        "reported": reported.isoformat(),
        "violation_types": ["ill_treatment"],
        "grave_violation": {"category": x["category"]},
        "perpetrators": [{"unit": x["perpetrator"]}],
        "verification": x["verification"],
        "linked_risks": [f"R-{x['risk'] % count:03d}"] if x["linked"] else [],
        "recipient_accountability": x["accountability"],
        "reprisal": x["reprisal"],
        "status": "closed" if x["closed"] else "open",
    }
    if x["responded"] is not None:
        day = reported + dt.timedelta(days=x["responded"])
        incident["eu_response"] = [{"date": day.isoformat(), "action": "demarche"}]
    return incident


def _assess(data: Any, as_of: dt.date) -> DossierStatus:
    dossier, problems = build_dossier("case-dossier", data)
    assert problems == []
    return assess(dossier, Methodology(), as_of, DossierView(dossier, "strictly_confidential"))


def _residuals(data: Any, as_of: dt.date) -> dict[str, Any]:
    dossier, _ = build_dossier("case-dossier", data)
    return {risk_id: scored.residual for risk_id, scored in score_risks(dossier, Methodology(), as_of).items()}


@PROPERTY
@given(st.lists(risks, min_size=1, max_size=5), st.lists(mitigations, max_size=5), mitigations, DAYS)
def test_a_mitigation_in_place_never_raises_a_residual(
    risk_list: list[dict[str, Any]], measures: list[dict[str, Any]], extra: dict[str, Any], as_of: dt.date
) -> None:
    status = "verified_effective" if extra["verified"] else "implemented"
    before = _residuals(_data(risk_list, measures, []), as_of)
    after = _residuals(_data(risk_list, [*measures, {**extra, "status": status}], []), as_of)
    for risk_id, residual in before.items():
        assert after[risk_id].likelihood <= residual.likelihood and after[risk_id].impact <= residual.impact


@PROPERTY
@given(st.lists(risks, min_size=1, max_size=5), st.lists(mitigations, min_size=1, max_size=5), DAYS)
def test_relabelling_a_verified_mitigation_implemented_never_lowers_a_residual(
    risk_list: list[dict[str, Any]], measures: list[dict[str, Any]], as_of: dt.date
) -> None:
    verified = [{**m, "status": "verified_effective", "verified": True} for m in measures]
    relabelled = [{**m, "status": "implemented"} for m in verified]
    before = _residuals(_data(risk_list, verified, []), as_of)
    after = _residuals(_data(risk_list, relabelled, []), as_of)
    for risk_id, residual in before.items():
        assert after[risk_id].likelihood >= residual.likelihood and after[risk_id].impact >= residual.impact


@PROPERTY
@given(
    st.lists(risks, min_size=1, max_size=4),
    st.lists(mitigations, max_size=4),
    st.lists(incidents, max_size=4),
    st.one_of(risks.map(lambda r: ("risk", r)), incidents.map(lambda x: ("incident", x))),
    DAYS,
)
def test_adding_a_risk_or_an_incident_never_lowers_the_worst_floor(
    risk_list: list[dict[str, Any]],
    measures: list[dict[str, Any]],
    events: list[dict[str, Any]],
    added: tuple[str, dict[str, Any]],
    as_of: dt.date,
) -> None:
    kind, record = added
    data = _data(risk_list, measures, events)
    before = _assess(data, as_of)
    if kind == "risk":  # appended, so that what the other records name stays the same
        new = {"id": f"R-{len(risk_list):03d}", "title": "r", "category": "hr_violation", "reviewed": "2026-01-15"}
        data["risks"]["risks"].append({**new, **record})
    else:
        data["incidents"]["incidents"].append(_incident(len(events), record, len(risk_list)))
    after = _assess(data, as_of)
    assert rank(after.worst_rung) >= rank(before.worst_rung)


@PROPERTY
@given(
    st.lists(risks, min_size=1, max_size=4),
    st.lists(mitigations, max_size=4),
    st.lists(incidents, max_size=4),
    DAYS,
    st.integers(1, 800),
)
def test_moving_the_date_forward_never_removes_an_overdue_rule(
    risk_list: list[dict[str, Any]],
    measures: list[dict[str, Any]],
    events: list[dict[str, Any]],
    as_of: dt.date,
    days: int,
) -> None:
    data = _data(risk_list, measures, events)  # every record is dated before the first as-of date
    earlier = _assess(data, as_of)
    later = _assess(data, as_of + dt.timedelta(days=days))
    for code in ("S1", "S2", "G3o", "M1"):
        if any(e.code == code for e in earlier.rules):
            assert any(e.code == code for e in later.rules), code


@PROPERTY
@given(
    risks.map(lambda r: {**r, "units": UNITS}),
    st.lists(mitigations.map(lambda m: {**m, "risk": 0}), max_size=3),
    st.lists(incidents.map(lambda x: {**x, "linked": False}), max_size=3),
    DAYS,
)
def test_splitting_a_risk_per_unit_never_lowers_the_engagement(
    risk: dict[str, Any], measures: list[dict[str, Any]], events: list[dict[str, Any]], as_of: dt.date
) -> None:
    whole = _assess(_data([risk], measures, events), as_of)
    split = _data([{**risk, "units": [unit]} for unit in UNITS], measures, events)
    for mitigation in split["mitigations"]["mitigations"]:  # each measure addresses both halves
        first = mitigation["addresses"][0]
        mitigation["addresses"] = [first, {**first, "risk": "R-001"}]
    halves = _assess(split, as_of)
    assert rank(halves.recommendation_rung) >= rank(whole.recommendation_rung)


@PROPERTY
@given(
    st.lists(risks, min_size=1, max_size=5), st.lists(mitigations, max_size=5), st.lists(incidents, max_size=5), DAYS
)
def test_the_floors_fold_as_the_methodology_says(
    risk_list: list[dict[str, Any]], measures: list[dict[str, Any]], events: list[dict[str, Any]], as_of: dt.date
) -> None:
    status = _assess(_data(risk_list, measures, events), as_of)
    engagement = [e.floor for e in status.rules if e.floor and e.scope == "engagement"]
    assert status.recommendation_rung == max(engagement, key=rank, default="proceed")
    floors = [e.floor for e in status.rules if e.floor]
    assert status.worst_rung == max([*floors, "proceed"], key=rank)
    for measure in status.unit_measures:
        assert rank(measure.rung) > rank(status.recommendation_rung)
    for entry in status.rules:
        is_measure = any(f"unit:{m.unit}" == entry.scope and m.rung == entry.floor for m in status.unit_measures)
        on_engagement = entry.scope == "engagement" and entry.floor == status.recommendation_rung
        assert entry.decisive == (entry.floor is not None and (on_engagement or is_measure))
