"""The typed dossier: what every command after ``validate`` works on.

Built from documents that passed their schemas, so shapes and vocabularies are known good; the
one thing a schema cannot see is a calendar (``2024-02-30``), which the builder reports as
HRD101. Every record keeps its file and pointer, so any finding or rule can name it.
Defaults follow dossier-format.md: a missing boolean is false, a missing list empty.
The records are named tuples: immutable, typed, and cheap to define (start-up counts).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from hrddp_cli.findings import Pointer, Problem

Date = dt.date


class FuzzyDate(NamedTuple):
    """An incident date known to the year, the month or the day. Compared at the coarser precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def precision(self) -> int:
        return 1 + (self.month is not None) + (self.day is not None)

    def truncated(self, precision: int) -> tuple[int, ...]:
        return (self.year, self.month or 0, self.day or 0)[:precision]

    def earliest(self) -> Date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def is_after(self, date: Date) -> bool:
        """Strictly later than ``date`` at this date's precision (so 2024-05 is not after 2024-05-20)."""
        other = FuzzyDate(date.year, date.month, date.day)
        precision = self.precision()
        return self.truncated(precision) > other.truncated(precision)


class Where(NamedTuple):
    """A record's place: the dossier file it is in (``risks`` …) and its pointer there."""

    kind: str
    pointer: Pointer

    @property
    def file(self) -> str:
        return f"{self.kind}.yaml"

    def at(self, *tokens: str | int) -> Where:
        return Where(self.kind, (*self.pointer, *tokens))


class Unit(NamedTuple):
    id: str
    name: str
    classification: str
    parent: str | None
    where: Where


class Partner(NamedTuple):
    name: str
    type: str


class Mechanism(NamedTuple):
    name: str
    type: str
    effectiveness: str


class SuspensionCriterion(NamedTuple):
    id: str
    scope: str | None
    outcome: str | None
    where: Where


class Decision(NamedTuple):
    date: Date | None
    outcome: str
    scope: str | None
    where: Where


class Context(NamedTuple):
    id: str
    title: str
    marking: str | None
    instrument: str
    support_types: tuple[str, ...]
    phase: str
    engagement_status: str
    start: Date | None
    end: Date | None
    country: str
    units: tuple[Unit, ...]
    partners: tuple[Partner, ...]
    mechanisms: tuple[Mechanism, ...]
    communicated_to_recipient: Date | None
    suspension_criteria: tuple[SuspensionCriterion, ...]
    seah_policy: bool
    assessment_date: Date | None
    review_interval_days: int | None
    next_review: Date | None
    decisions: tuple[Decision, ...]


class Evidence(NamedTuple):
    date: Date | None
    reliability: str | None


class Override(NamedTuple):
    likelihood: int
    impact: int


class Risk(NamedTuple):
    id: str
    title: str
    category: str
    units: tuple[str, ...]
    affected_groups: tuple[str, ...]
    grave_violation: bool
    likelihood: int
    impact: int
    override: Override | None
    trend: str | None
    evidence: tuple[Evidence, ...]
    status: str
    reviewed: Date | None
    marking: str | None
    where: Where


class Address(NamedTuple):
    risk: str
    reduces: str
    by: int


class Verification(NamedTuple):
    method: str
    date: Date | None


class Mitigation(NamedTuple):
    id: str
    title: str
    type: str
    addresses: tuple[Address, ...]
    responsible: str | None
    is_condition: bool
    status: str
    due: Date | None
    implemented_on: Date | None
    verification: Verification | None
    marking: str | None
    where: Where

    @property
    def implemented(self) -> bool:
        return self.status in ("implemented", "verified_effective")


class Participant(NamedTuple):
    type: str
    groups_represented: tuple[str, ...]
    headcount: int | None  # "count" in the file (a tuple already has a count method)
    women: int | None


class Consultation(NamedTuple):
    id: str
    date: Date | None
    phase: str
    purpose: tuple[str, ...]
    format: str
    participants: tuple[Participant, ...]
    informed_consent: bool
    reprisal_risk_assessed: bool
    risks_discussed: tuple[str, ...]
    harm_signal: bool
    has_impact: bool
    impact_risks: tuple[str, ...]
    impact_mitigations: tuple[str, ...]
    decision_influenced: bool
    impact_example: bool
    marking: str | None
    where: Where


class Perpetrator(NamedTuple):
    unit: str
    supported_unit: bool
    eu_trained: str
    eu_equipment: str
    involvement: str | None


class Response(NamedTuple):
    date: Date | None
    action: str


class Incident(NamedTuple):
    id: str
    title: str
    occurred: FuzzyDate | None
    reported: Date | None
    violation_types: tuple[str, ...]
    grave_category: str
    grave_scale: str | None
    perpetrators: tuple[Perpetrator, ...]
    verification: str
    linked_risks: tuple[str, ...]
    eu_response: tuple[Response, ...]
    recipient_accountability: str | None
    status: str
    marking: str | None
    where: Where


class Dossier(NamedTuple):
    """One engagement: its context and four registers. ``folder`` is the dossier folder's name."""

    folder: str
    context: Context
    risks: tuple[Risk, ...]
    mitigations: tuple[Mitigation, ...]
    consultations: tuple[Consultation, ...]
    incidents: tuple[Incident, ...]

    @property
    def id(self) -> str:
        return self.context.id


class _Builder:
    """Turns schema-valid data into model objects, collecting HRD101 for impossible dates."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, Problem]] = []

    def date(self, value: Any, kind: str, pointer: Pointer) -> Date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problems.append((kind, _impossible(pointer, str(value))))
            return None

    def fuzzy(self, value: Any, kind: str, pointer: Pointer) -> FuzzyDate | None:
        if value is None:
            return None
        parts = [int(part) for part in str(value).split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            self.problems.append((kind, _impossible(pointer, str(value))))
            return None
        return FuzzyDate(*parts)


def _impossible(pointer: Pointer, value: str) -> Problem:
    field = next((t for t in reversed(pointer) if isinstance(t, str)), "date")
    message = f"{field} is not a real calendar date"
    return Problem("HRD101", message, pointer, None, f"{message}, got {value}")


def build_dossier(folder: str, data: dict[str, dict[str, Any]]) -> tuple[Dossier, list[tuple[str, Problem]]]:
    """The model of a dossier from its five schema-valid documents, and any HRD101 problems.

    Problems are returned with the kind of file they are in; their positions are for the
    caller to fill in from the documents.
    """
    b = _Builder()
    context = _context(b, data["context"])
    risks = tuple(_risk(b, i, r) for i, r in enumerate(data["risks"]["risks"]))
    mitigations = tuple(_mitigation(b, i, m) for i, m in enumerate(data["mitigations"]["mitigations"]))
    consultations = tuple(_consultation(b, i, c) for i, c in enumerate(data["consultations"]["consultations"]))
    incidents = tuple(_incident(b, i, x) for i, x in enumerate(data["incidents"]["incidents"]))
    return Dossier(folder, context, risks, mitigations, consultations, incidents), b.problems


def _context(b: _Builder, d: dict[str, Any]) -> Context:
    engagement = d["engagement"]
    recipient = d["recipient"]
    assessment = d["assessment"]
    units = tuple(
        Unit(u["id"], u["name"], u["classification"], u.get("parent"), Where("context", ("recipient", "units", i)))
        for i, u in enumerate(recipient["units"])
    )
    criteria = tuple(
        SuspensionCriterion(s["id"], s.get("scope"), s.get("outcome"), Where("context", ("suspension_criteria", i)))
        for i, s in enumerate(d.get("suspension_criteria", []))
    )
    decisions = tuple(
        Decision(
            b.date(x.get("date"), "context", ("decisions", i, "date")),
            x["outcome"],
            x.get("scope"),
            Where("context", ("decisions", i)),
        )
        for i, x in enumerate(d.get("decisions", []))
    )
    communication = d.get("hrddp_communication", {})
    return Context(
        id=d["id"],
        title=d["title"],
        marking=d.get("confidentiality"),
        instrument=engagement["instrument"],
        support_types=tuple(engagement["support_types"]),
        phase=engagement["phase"],
        engagement_status=engagement["status"],
        start=b.date(engagement.get("start"), "context", ("engagement", "start")),
        end=b.date(engagement.get("end"), "context", ("engagement", "end")),
        country=recipient["country"],
        units=units,
        partners=tuple(Partner(p["name"], p["type"]) for p in recipient.get("partners", [])),
        mechanisms=tuple(
            Mechanism(m["name"], m["type"], m.get("effectiveness", "unknown"))
            for m in d.get("accountability_mechanisms", [])
        ),
        communicated_to_recipient=b.date(
            communication.get("communicated_to_recipient"),
            "context",
            ("hrddp_communication", "communicated_to_recipient"),
        ),
        suspension_criteria=criteria,
        seah_policy=bool(d.get("safeguards", {}).get("seah_policy", False)),
        assessment_date=b.date(assessment.get("date"), "context", ("assessment", "date")),
        review_interval_days=assessment.get("review_interval_days"),
        next_review=b.date(assessment.get("next_review"), "context", ("assessment", "next_review")),
        decisions=decisions,
    )


def _risk(b: _Builder, i: int, r: dict[str, Any]) -> Risk:
    where = Where("risks", ("risks", i))
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
            Evidence(b.date(e.get("date"), "risks", (*where.pointer, "evidence", j, "date")), e.get("reliability"))
            for j, e in enumerate(r.get("evidence", []))
        ),
        status=r["status"],
        reviewed=b.date(r.get("reviewed"), "risks", (*where.pointer, "reviewed")),
        marking=r.get("confidentiality"),
        where=where,
    )


def _mitigation(b: _Builder, i: int, m: dict[str, Any]) -> Mitigation:
    where = Where("mitigations", ("mitigations", i))
    verification = m.get("verification")
    return Mitigation(
        id=m["id"],
        title=m["title"],
        type=m["type"],
        addresses=tuple(Address(a["risk"], a.get("reduces", "likelihood"), a.get("by", 1)) for a in m["addresses"]),
        responsible=m.get("responsible"),
        is_condition=bool(m.get("is_condition", False)),
        status=m["status"],
        due=b.date(m.get("due"), "mitigations", (*where.pointer, "due")),
        implemented_on=b.date(m.get("implemented_on"), "mitigations", (*where.pointer, "implemented_on")),
        verification=Verification(
            verification["method"],
            b.date(verification.get("date"), "mitigations", (*where.pointer, "verification", "date")),
        )
        if verification
        else None,
        marking=m.get("confidentiality"),
        where=where,
    )


def _consultation(b: _Builder, i: int, c: dict[str, Any]) -> Consultation:
    where = Where("consultations", ("consultations", i))
    impact = c.get("impact")
    safeguards = c.get("safeguards", {})
    return Consultation(
        id=c["id"],
        date=b.date(c.get("date"), "consultations", (*where.pointer, "date")),
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
        has_impact=impact is not None,
        impact_risks=tuple((impact or {}).get("risks", [])),
        impact_mitigations=tuple((impact or {}).get("mitigations", [])),
        decision_influenced=bool((impact or {}).get("decision_influenced", False)),
        impact_example=bool((impact or {}).get("example")),
        marking=c.get("confidentiality"),
        where=where,
    )


def _incident(b: _Builder, i: int, x: dict[str, Any]) -> Incident:
    where = Where("incidents", ("incidents", i))
    grave = x["grave_violation"]
    return Incident(
        id=x["id"],
        title=x["title"],
        occurred=b.fuzzy(x.get("occurred"), "incidents", (*where.pointer, "occurred")),
        reported=b.date(x.get("reported"), "incidents", (*where.pointer, "reported")),
        violation_types=tuple(x["violation_types"]),
        grave_category=grave["category"],
        grave_scale=grave.get("scale"),
        perpetrators=tuple(
            Perpetrator(
                p["unit"],
                bool(p.get("supported_unit", False)),
                p.get("eu_trained", "unknown"),
                p.get("eu_equipment", "unknown"),
                p.get("involvement"),
            )
            for p in x["perpetrators"]
        ),
        verification=x["verification"],
        linked_risks=tuple(x.get("linked_risks", [])),
        eu_response=tuple(
            Response(b.date(r.get("date"), "incidents", (*where.pointer, "eu_response", j, "date")), r["action"])
            for j, r in enumerate(x.get("eu_response", []))
        ),
        recipient_accountability=x.get("recipient_accountability"),
        status=x["status"],
        marking=x.get("confidentiality"),
        where=where,
    )
