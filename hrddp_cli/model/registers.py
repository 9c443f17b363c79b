"""Risks, mitigations and consultations as the rules read them."""

from __future__ import annotations

from typing import Any, NamedTuple

from hrddp_cli.model.base import FAILED, IN_PLACE, Date, Ref, Where


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
    def verified(self) -> bool:
        """Verified effective, with the verification that says how: what earns full credit."""
        return self.status == "verified_effective" and self.verification is not None

    @property
    def failed(self) -> bool:
        return self.status in FAILED

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
