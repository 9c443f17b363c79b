"""Schema-valid documents → the typed :class:`~hrddp_cli.model.Dossier`.

The schemas have already checked shapes and vocabularies; the one thing they cannot see is a
calendar (``2024-02-30``), which the builder reports as HRD101. Every record keeps its place
(``where``), its effective marking and the data it was built from.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from hrddp_cli import markings
from hrddp_cli.findings import Pointer, Problem
from hrddp_cli.model import (
    Address,
    Consultation,
    Context,
    CriterionWhen,
    Date,
    Decision,
    Dossier,
    Evidence,
    FuzzyDate,
    Incident,
    Mechanism,
    Mitigation,
    Override,
    Participant,
    Partner,
    Perpetrator,
    Response,
    Risk,
    Source,
    SuspensionCriterion,
    Unit,
    Verification,
    Where,
)


class _Dates:
    """Reads dates, collecting HRD101 (with the kind of file) for those not in the calendar."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, Problem]] = []

    def day(self, value: Any, where: Where) -> Date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problems.append((where.kind, _impossible(where.pointer, str(value))))
            return None

    def fuzzy(self, value: Any, where: Where) -> FuzzyDate | None:
        if value is None:
            return None
        parts = [int(part) for part in str(value).split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            self.problems.append((where.kind, _impossible(where.pointer, str(value))))
            return None
        return FuzzyDate(*parts)


def _impossible(pointer: Pointer, value: str) -> Problem:
    field = next((t for t in reversed(pointer) if isinstance(t, str)), "date")
    message = f"{field} is not a real calendar date"
    return Problem("HRD101", message, pointer, None, f"{message}, got {value}")


def build_dossier(folder: str, data: dict[str, dict[str, Any]]) -> tuple[Dossier, list[tuple[str, Problem]]]:
    """The model of a dossier from its five schema-valid documents, and any HRD101 problems.

    Problems come with the kind of file they are in; their positions are for the caller to fill
    in from the documents.
    """
    dates = _Dates()
    context = _context(dates, data["context"])
    marking = context.marking
    actors = _Actors(context.unit_ids, context.partner_names)

    def each(kind: str) -> list[tuple[Where, dict[str, Any], str]]:
        return [
            (Where(kind, (kind, i)), record, markings.record_marking(kind, record, marking))
            for i, record in enumerate(data[kind][kind])
        ]

    dossier = Dossier(
        folder,
        context,
        tuple(_risk(dates, *item) for item in each("risks")),
        tuple(_mitigation(dates, *item) for item in each("mitigations")),
        tuple(_consultation(dates, *item) for item in each("consultations")),
        tuple(_incident(dates, actors, *item) for item in each("incidents")),
    )
    return dossier, dates.problems


def _units(recipient: dict[str, Any], here: Where) -> tuple[Unit, ...]:
    return tuple(
        Unit(
            u["id"],
            u["name"],
            u["classification"],
            u.get("parent"),
            u.get("monitoring_access"),
            here.at("recipient", "units", i),
        )
        for i, u in enumerate(recipient["units"])
    )


def _criteria(d: dict[str, Any], here: Where) -> tuple[SuspensionCriterion, ...]:
    return tuple(
        SuspensionCriterion(
            s["id"],
            s.get("scope"),
            s.get("outcome"),
            s.get("authority"),
            _when(s.get("when")),
            here.at("suspension_criteria", i),
        )
        for i, s in enumerate(d.get("suspension_criteria", []))
    )


def _decisions(dates: _Dates, d: dict[str, Any], here: Where) -> tuple[Decision, ...]:
    return tuple(
        Decision(
            dates.day(x.get("date"), here.at("decisions", i, "date")),
            x["outcome"],
            x.get("scope"),
            here.at("decisions", i),
        )
        for i, x in enumerate(d.get("decisions", []))
    )


def _context(dates: _Dates, d: dict[str, Any]) -> Context:
    engagement = d["engagement"]
    recipient = d["recipient"]
    assessment = d["assessment"]
    here = Where("context", ())
    communication = d.get("hrddp_communication", {})
    return Context(
        id=d["id"],
        title=d["title"],
        marking=markings.context_marking(d),
        instrument=engagement["instrument"],
        support_types=tuple(engagement["support_types"]),
        phase=engagement["phase"],
        engagement_status=engagement["status"],
        start=dates.day(engagement.get("start"), here.at("engagement", "start")),
        end=dates.day(engagement.get("end"), here.at("engagement", "end")),
        country=recipient["country"],
        units=_units(recipient, here),
        partners=tuple(Partner(p["name"], p["type"]) for p in recipient.get("partners", [])),
        monitoring_access=recipient.get("monitoring_access"),
        mechanisms=tuple(
            Mechanism(m["name"], m["type"], m.get("effectiveness", "unknown"))
            for m in d.get("accountability_mechanisms", [])
        ),
        communicated_to_recipient=dates.day(
            communication.get("communicated_to_recipient"), here.at("hrddp_communication", "communicated_to_recipient")
        ),
        suspension_criteria=_criteria(d, here),
        seah_policy=bool(d.get("safeguards", {}).get("seah_policy", False)),
        assessment_date=dates.day(assessment.get("date"), here.at("assessment", "date")),
        review_interval_days=assessment.get("review_interval_days"),
        next_review=dates.day(assessment.get("next_review"), here.at("assessment", "next_review")),
        decisions=_decisions(dates, d, here),
        decision_deadline=dates.day(d.get("decision", {}).get("deadline"), here.at("decision", "deadline")),
        data=d,
    )


def _when(w: dict[str, Any] | None) -> CriterionWhen | None:
    if w is None:
        return None
    return CriterionWhen(
        tuple(w.get("violation_types", [])), tuple(w.get("category", [])), w.get("verification"), w.get("unit", "any")
    )


def _risk(dates: _Dates, where: Where, r: dict[str, Any], marking: str) -> Risk:
    override = r.get("override")
    return Risk(
        id=r["id"],
        title=r["title"],
        category=r["category"],
        units=tuple(r.get("units", [])),
        affected_groups=tuple(r.get("affected_groups", [])),
        grave_violation=r["grave_violation"],
        likelihood=r["likelihood"],
        impact=r["impact"],
        override=Override(override["likelihood"], override["impact"]) if override else None,
        trend=r.get("trend"),
        evidence=tuple(
            Evidence(dates.day(e.get("date"), where.at("evidence", j, "date")), e.get("reliability"))
            for j, e in enumerate(r.get("evidence", []))
        ),
        status=r["status"],
        reviewed=dates.day(r.get("reviewed"), where.at("reviewed")),
        marking=marking,
        where=where,
        data=r,
    )


def _mitigation(dates: _Dates, where: Where, m: dict[str, Any], marking: str) -> Mitigation:
    verification = m.get("verification")
    return Mitigation(
        id=m["id"],
        title=m["title"],
        type=m["type"],
        addresses=tuple(Address(a["risk"], a.get("reduces", "likelihood"), a.get("by", 1)) for a in m["addresses"]),
        responsible=m.get("responsible"),
        is_condition=bool(m.get("is_condition", False)),
        status=m["status"],
        due=dates.day(m.get("due"), where.at("due")),
        implemented_on=dates.day(m.get("implemented_on"), where.at("implemented_on")),
        verification=Verification(
            verification["method"], dates.day(verification.get("date"), where.at("verification", "date"))
        )
        if verification
        else None,
        marking=marking,
        where=where,
        data=m,
    )


def _consultation(dates: _Dates, where: Where, c: dict[str, Any], marking: str) -> Consultation:
    impact = c.get("impact") or {}
    safeguards = c.get("safeguards", {})
    return Consultation(
        id=c["id"],
        date=dates.day(c.get("date"), where.at("date")),
        phase=c["phase"],
        purpose=tuple(c["purpose"]),
        format=c["format"],
        participants=tuple(
            Participant(p["type"], tuple(p.get("groups_represented", [])), p.get("count"), p.get("women"))
            for p in c["participants"]
        ),
        informed_consent=bool(safeguards.get("informed_consent", False)),
        reprisal_risk_assessed=bool(safeguards.get("reprisal_risk_assessed", False)),
        risks_discussed=tuple(c.get("risks_discussed", [])),
        harm_signal=bool(c.get("harm_signal", False)),
        has_impact=c.get("impact") is not None,
        impact_risks=tuple(impact.get("risks", [])),
        impact_mitigations=tuple(impact.get("mitigations", [])),
        decision_influenced=bool(impact.get("decision_influenced", False)),
        impact_example=bool(impact.get("example")),
        marking=marking,
        where=where,
        data=c,
    )


class _Actors(NamedTuple):
    """Who a perpetrator's ``unit`` may name: a recipient unit, a partner, EU personnel or unidentified."""

    units: frozenset[str]
    partners: frozenset[str]

    def kind(self, unit: str) -> str:
        if unit in self.units:
            return "unit"
        if unit in ("eu_personnel", "unidentified"):
            return unit
        return "partner" if unit in self.partners else "unknown"


def _incident(dates: _Dates, actors: _Actors, where: Where, x: dict[str, Any], marking: str) -> Incident:
    grave = x["grave_violation"]
    return Incident(
        id=x["id"],
        title=x["title"],
        occurred=dates.fuzzy(x.get("occurred"), where.at("occurred")),
        reported=dates.day(x.get("reported"), where.at("reported")),
        violation_types=tuple(x["violation_types"]),
        grave_category=grave["category"],
        grave_scale=grave.get("scale"),
        reprisal=x.get("reprisal"),
        perpetrators=tuple(
            Perpetrator(
                p["unit"],
                actors.kind(p["unit"]),
                p.get("supported_unit"),
                p.get("acting_with"),
                p.get("eu_trained", "unknown"),
                p.get("eu_equipment", "unknown"),
                p.get("involvement"),
            )
            for p in x["perpetrators"]
        ),
        victim_groups=tuple(x.get("victims", {}).get("groups", [])),
        sources=tuple(Source(s.get("type"), s.get("reliability"), s.get("credibility")) for s in x.get("sources", [])),
        verification=x["verification"],
        linked_risks=tuple(x.get("linked_risks", [])),
        eu_response=tuple(
            Response(dates.day(r.get("date"), where.at("eu_response", j, "date")), r["action"])
            for j, r in enumerate(x.get("eu_response", []))
        ),
        recipient_accountability=x.get("recipient_accountability"),
        status=x["status"],
        marking=marking,
        where=where,
        data=x,
    )
