"""The engagement and its setting: context.yaml as the rules read it."""

from __future__ import annotations

from typing import Any, NamedTuple

from hrddp_cli.model.base import CONTEXT_REF, Date, Ref, Where


class Unit(NamedTuple):
    id: str
    name: str
    classification: str
    parent: str | None
    monitoring_access: str | None
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


class CriterionWhen(NamedTuple):
    """The machine-checkable part of a suspension criterion (rule P1t); an empty field matches all."""

    violation_types: tuple[str, ...]
    categories: tuple[str, ...]
    verification: str | None
    unit: str  # supported, any, or a unit id


class SuspensionCriterion(NamedTuple):
    id: str
    scope: str | None
    outcome: str | None
    authority: str | None
    when: CriterionWhen | None
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
    monitoring_access: str | None
    mechanisms: tuple[Mechanism, ...]
    communicated_to_recipient: Date | None
    suspension_criteria: tuple[SuspensionCriterion, ...]
    seah_policy: bool
    assessment_date: Date | None
    review_interval_days: int | None
    next_review: Date | None
    decisions: tuple[Decision, ...]
    decision_deadline: Date | None
    data: dict[str, Any]  # the file as read, for renderers that show more than the rules read

    @property
    def ref(self) -> Ref:
        return CONTEXT_REF

    @property
    def unit_ids(self) -> frozenset[str]:
        return frozenset(unit.id for unit in self.units)

    @property
    def partner_names(self) -> frozenset[str]:
        return frozenset(partner.name for partner in self.partners)
