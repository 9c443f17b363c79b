"""The scoring methodology as data: the ladder, level bands, intervals and rule settings.

Defaults are those of the methodology's specification; a portfolio changes them in
``hrddp.yaml`` under ``methodology:``. :mod:`hrddp_cli.config` reads that block once, checks it
against the schema, and builds the one :class:`Methodology` that validation and status share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VERSION = 2

# The ladder, lowest first. do_not_engage is a reading of suspend and terminate before engaging;
# insufficient_information ranks above everything (a dossier that cannot be read is worst).
LADDER = ("proceed", "proceed_with_mitigations", "adapt", "suspend", "terminate")
INSUFFICIENT = "insufficient_information"
DO_NOT_ENGAGE = "do_not_engage"
PHASES = ("pre_engagement", "design", "decision", "implementation", "post_delivery", "review", "exit", "evaluation")
PRE_ENGAGEMENT_PHASES = PHASES[:3]
LEVELS = ("low", "medium", "high", "critical")
DAY_SETTINGS = (
    "review_interval_days",
    "g2_window_days",
    "g3_verify_days",
    "response_days",
    "reprisal_response_days",
    "relief_days",
    "intercession_days",
)


_RANKS = {outcome: index for index, outcome in enumerate(LADDER)} | {
    DO_NOT_ENGAGE: LADDER.index("suspend"),
    INSUFFICIENT: len(LADDER),
}


def rank(outcome: str) -> int:
    """Position of an outcome on the ladder (do_not_engage as suspend, insufficient_information above all)."""
    return _RANKS[outcome]


def highest(outcomes: list[str], default: str = LADDER[0]) -> str:
    """The highest of ``outcomes`` on the ladder (``default`` when there are none)."""
    return max(outcomes, key=rank) if outcomes else default


def before_engaging(phase: str) -> bool:
    """Whether the engagement has not started yet: the go/no-go phases."""
    return phase in PRE_ENGAGEMENT_PHASES


def phase_at_least(phase: str, other: str) -> bool:
    """Whether ``phase`` is ``other`` or later, in the order the phases are listed."""
    return PHASES.index(phase) >= PHASES.index(other)


@dataclass(frozen=True, slots=True)
class RuleSetting:
    enabled: bool = True
    floor: str | None = None  # None: the rule's own floor


@dataclass(frozen=True, slots=True)
class Methodology:
    """Everything the status rules and the checks read besides the dossier and the date."""

    bands: tuple[int, int, int] = (4, 9, 16)  # upper bounds of low, medium, high; critical above
    max_credit: int = 3  # the most mitigations together lower a risk's likelihood, or its impact
    review_interval_days: int = 365
    g2_window_days: int = 365
    g3_verify_days: int = 30
    response_days: int = 30
    reprisal_response_days: int = 7
    relief_days: int = 180
    intercession_days: int = 60
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    defined_in: str = "default"  # the hrddp.yaml that changed the defaults, if any
    version: int = VERSION

    def level(self, score: int) -> str:
        """The level of a score (likelihood × impact)."""
        for name, upper in zip(LEVELS, self.bands, strict=False):
            if score <= upper:
                return name
        return "critical"

    def setting(self, code: str) -> RuleSetting:
        return self.rules.get(code, RuleSetting())
