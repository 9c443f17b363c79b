"""Incidents, their perpetrators and sources, and what the recipient did about them."""

from __future__ import annotations

from typing import Any, NamedTuple

from hrddp_cli.model.base import CORE_CRIMES, CREDIBLE, VERIFICATION_SCALE, Date, FuzzyDate, Ref, Where


class Perpetrator(NamedTuple):
    """An alleged perpetrator: a recipient unit, a partner, EU personnel, or unidentified."""

    unit: str  # as written
    kind: str  # unit, partner, eu_personnel, unidentified, or unknown (an error: HRD108)
    written_supported: bool | None  # supported_unit as written (None when absent)
    acting_with: str | None  # the supported unit a non-supported force acted with
    eu_trained: str
    eu_equipment: str
    involvement: str | None

    @property
    def unit_id(self) -> str | None:
        """The recipient unit it is, when it is one."""
        return self.unit if self.kind == "unit" else None

    @property
    def supported(self) -> bool:
        """A supported unit: true exactly when ``unit`` is one of recipient.units (the format's rule)."""
        return self.kind == "unit"


class Source(NamedTuple):
    type: str | None
    reliability: str | None
    credibility: int | None

    @property
    def strong(self) -> bool:
        """Rated A or B, with credibility 1 or 2: what makes an overdue allegation suspend (G3o)."""
        return self.reliability in ("A", "B") and self.credibility in (1, 2)


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
    reprisal: bool | None
    perpetrators: tuple[Perpetrator, ...]
    victim_groups: tuple[str, ...]
    sources: tuple[Source, ...]
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

    @property
    def core_crime(self) -> bool:
        """Torture, killing, enforced disappearance or sexual violence among its violation types."""
        return not CORE_CRIMES.isdisjoint(self.violation_types)

    @property
    def supported_units(self) -> tuple[str, ...]:
        """The supported units among its perpetrators, each once, in order."""
        return tuple(dict.fromkeys(p.unit for p in self.perpetrators if p.supported))

    def verified_at_least(self, level: str) -> bool:
        """At or above ``level`` on alleged < under_verification < credible < verified."""
        scale = VERIFICATION_SCALE
        return self.verification in scale and scale.index(self.verification) >= scale.index(level)

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def cleared(self) -> bool:
        """Remediated: a conviction, or discipline for no core crime, with the incident closed."""
        done = self.recipient_accountability
        return self.closed and (done == "convicted" or (done == "disciplined" and not self.core_crime))

    def relieved(self, as_of: Date, relief_days: int) -> bool:
        """Corrective action under way (not cleared): what turns a suspension into an adaptation."""
        done = self.recipient_accountability
        if self.cleared or done is None:
            return False
        if done in ("prosecuted", "removed"):
            return True
        if done == "convicted":
            return not self.closed
        if done == "acquitted":
            return self.closed
        if done == "disciplined":
            return self.core_crime or not self.closed
        if done == "suspects_suspended":
            return self.reported is not None and (as_of - self.reported).days <= relief_days
        return False

    @property
    def reprisal_cleared(self) -> bool:
        """A reprisal is cleared only by suspension, prosecution or conviction, with the incident closed (G5)."""
        return self.closed and self.recipient_accountability in ("suspects_suspended", "prosecuted", "convicted")
