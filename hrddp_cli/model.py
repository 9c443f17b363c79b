"""The typed dossier: what every command after reading works on.

Records are named tuples (immutable, typed, cheap to define: start-up counts), built by
``build.py`` from documents that match their schemas. Each domain fact that more than one
command needs is decided here, once, as a property of the record it is about: whether an
incident is credible, whether a mitigation is in place, which recipient unit a perpetrator is,
a record's effective marking and its reference. Defaults follow the dossier format: a missing
boolean is false, a missing list empty.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from hrddp_cli.findings import Pointer

Date = dt.date

CREDIBLE = ("credible", "verified")
IN_PLACE = ("implemented", "verified_effective")
UNIT_ID = re.compile(r"U-[0-9]{3,}\Z")  # how a unit id is written (the schemas' pattern)


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

    def is_after(self, date: Date) -> bool:
        """Strictly later than ``date`` at this date's precision (so 2024-05 is not after 2024-05-20)."""
        precision = 1 + (self.month is not None) + (self.day is not None)
        mine = (self.year, self.month or 0, self.day or 0)[:precision]
        return mine > (date.year, date.month, date.day)[:precision]


class Ref(NamedTuple):
    """How a record is named in output: its file (``incidents.yaml``) and id (None for the context)."""

    file: str
    id: str | None


class Where(NamedTuple):
    """A place in a dossier: the file it is in (``risks`` …) and a pointer there."""

    kind: str
    pointer: Pointer

    @property
    def file(self) -> str:
        return f"{self.kind}.yaml"

    def at(self, *tokens: str | int) -> Where:
        return Where(self.kind, (*self.pointer, *tokens))


CONTEXT_REF = Ref("context.yaml", None)


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

    @property
    def working(self) -> bool:
        return self.effectiveness not in ("absent", "ineffective")


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
    marking: str  # effective: the dossier's default for every record without its own
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
    data: dict[str, Any]  # the file as read, for renderers that show more than the rules read

    @property
    def ref(self) -> Ref:
        return CONTEXT_REF

    @property
    def unit_ids(self) -> frozenset[str]:
        return frozenset(unit.id for unit in self.units)


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
    marking: str
    where: Where
    data: dict[str, Any]

    @property
    def ref(self) -> Ref:
        return Ref("risks.yaml", self.id)

    @property
    def open(self) -> bool:
        return self.status != "closed"


class Address(NamedTuple):
    risk: str
    reduces: str
    by: int

    def reduces_dimension(self, dimension: str) -> bool:
        """Whether this address lowers ``likelihood`` or ``impact`` (``both`` lowers each)."""
        return self.reduces in (dimension, "both")


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
    marking: str
    where: Where
    data: dict[str, Any]

    @property
    def ref(self) -> Ref:
        return Ref("mitigations.yaml", self.id)

    @property
    def in_place(self) -> bool:
        """Implemented, verified or not."""
        return self.status in IN_PLACE

    @property
    def risks(self) -> tuple[str, ...]:
        return tuple(address.risk for address in self.addresses)


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
    marking: str
    where: Where
    data: dict[str, Any]

    @property
    def ref(self) -> Ref:
        return Ref("consultations.yaml", self.id)


class Perpetrator(NamedTuple):
    unit: str  # as written: a recipient unit id, or a name
    unit_id: str | None  # the recipient unit it is, when ``unit`` is one of recipient.units
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
    marking: str
    where: Where
    data: dict[str, Any]

    @property
    def ref(self) -> Ref:
        return Ref("incidents.yaml", self.id)

    @property
    def credible(self) -> bool:
        """Credible or verified: what the rules act on as established."""
        return self.verification in CREDIBLE

    @property
    def grave(self) -> bool:
        """A grave-violation category other than ``none`` (``undetermined`` counts)."""
        return self.grave_category != "none"


Record = Risk | Mitigation | Consultation | Incident


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

    def records(self) -> tuple[Record, ...]:
        return (*self.risks, *self.mitigations, *self.consultations, *self.incidents)
