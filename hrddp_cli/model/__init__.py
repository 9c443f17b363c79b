"""The typed dossier: what every command after reading works on.

Records are named tuples (immutable, typed, cheap to define: start-up counts), built by
``build.py`` from documents that match their schemas. Each domain fact that more than one
command needs is decided here, once, as a property of the record it is about: whether an
incident is credible, whether a mitigation is in place, which recipient unit a perpetrator is,
a record's effective marking and its reference. Defaults follow the dossier format: a missing
boolean is false, a missing list empty.
"""

from __future__ import annotations

from typing import NamedTuple

from hrddp_cli.model.base import (
    CONTEXT_REF,
    CORE_CRIMES,
    CREDIBLE,
    FAILED,
    IN_PLACE,
    UNIT_ID,
    VERIFICATION_SCALE,
    Date,
    FuzzyDate,
    Ref,
    Where,
)
from hrddp_cli.model.context import Context, CriterionWhen, Decision, Mechanism, Partner, SuspensionCriterion, Unit
from hrddp_cli.model.incidents import Incident, Perpetrator, Response, Source
from hrddp_cli.model.registers import (
    Address,
    Consultation,
    Evidence,
    Mitigation,
    Override,
    Participant,
    Risk,
    Verification,
)

__all__ = [
    "CONTEXT_REF",
    "CORE_CRIMES",
    "CREDIBLE",
    "FAILED",
    "IN_PLACE",
    "UNIT_ID",
    "VERIFICATION_SCALE",
    "Address",
    "Consultation",
    "Context",
    "CriterionWhen",
    "Date",
    "Decision",
    "Dossier",
    "Evidence",
    "FuzzyDate",
    "Incident",
    "Mechanism",
    "Mitigation",
    "Override",
    "Participant",
    "Partner",
    "Perpetrator",
    "Record",
    "Ref",
    "Response",
    "Risk",
    "Source",
    "SuspensionCriterion",
    "Unit",
    "Verification",
    "Where",
]


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
