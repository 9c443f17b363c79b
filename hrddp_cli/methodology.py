"""The scoring methodology as data: scales, level bands, floors, intervals and rule settings.

Defaults are those of status-rules.md (methodology version 1); a portfolio changes them in
``hrddp.yaml`` under ``methodology:`` (validated against ``schemas/config.schema.json`` when the
file is read, and here for what a schema cannot say, such as bands that must increase).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hrddp_cli.errors import ConfigError

VERSION = 1

# The ladder, lowest first. do_not_engage is a reading of suspend and terminate before engaging;
# insufficient_information ranks above everything (a dossier that cannot be read is worst).
LADDER = ("proceed", "proceed_with_mitigations", "adapt", "suspend", "terminate")
INSUFFICIENT = "insufficient_information"
DO_NOT_ENGAGE = "do_not_engage"
PRE_ENGAGEMENT_PHASES = ("pre_engagement", "design", "decision")
PHASES = ("pre_engagement", "design", "decision", "implementation", "post_delivery", "review", "exit", "evaluation")
LEVELS = ("low", "medium", "high", "critical")


_RANKS = {outcome: index for index, outcome in enumerate(LADDER)} | {
    DO_NOT_ENGAGE: LADDER.index("suspend"),
    INSUFFICIENT: len(LADDER),
}


def rank(outcome: str) -> int:
    """Position of an outcome on the ladder (do_not_engage as suspend, insufficient_information above all)."""
    return _RANKS[outcome]


@dataclass(frozen=True, slots=True)
class RuleSetting:
    enabled: bool = True
    floor: str | None = None  # None: the rule's own floor


@dataclass(frozen=True, slots=True)
class Methodology:
    """Everything the status rules read besides the dossier and the date."""

    bands: tuple[int, int, int] = (4, 9, 16)  # upper bounds of low, medium, high; critical above
    grave_impact_floor: int = 4
    review_interval_days: int = 365
    g2_window_days: int = 365
    g3_verify_days: int = 30
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    source: str = "default"

    def level(self, score: int) -> str:
        """The level of a score (likelihood × impact)."""
        for name, upper in zip(LEVELS, self.bands, strict=False):
            if score <= upper:
                return name
        return "critical"

    def setting(self, code: str) -> RuleSetting:
        return self.rules.get(code, RuleSetting())


# Rules whose meaning would break if turned off or given a floor.
_FIXED = {
    "V0": "it marks a dossier that cannot be scored",
    "E1": "it changes scores, not floors",
    "OVR": "it only reports",
}


def methodology_from(settings: dict[str, Any], source: str) -> Methodology:
    """A methodology from the ``methodology:`` block of a configuration file (already schema-valid)."""
    levels = settings.get("levels", {})
    bands = (levels.get("low", 4), levels.get("medium", 9), levels.get("high", 16))
    if not bands[0] < bands[1] < bands[2] < 25:
        raise ConfigError(
            f"{source}: methodology.levels must increase (low < medium < high < 25), got {', '.join(map(str, bands))}"
        )
    rules: dict[str, RuleSetting] = {}
    for code, setting in settings.get("rules", {}).items():
        if code in _FIXED and (setting.get("enabled") is False or "floor" in setting):
            raise ConfigError(f"{source}: rule {code} cannot be turned off or given a floor: {_FIXED[code]}")
        rules[code] = RuleSetting(setting.get("enabled", True), setting.get("floor"))
    return Methodology(
        bands=bands,
        grave_impact_floor=settings.get("grave_impact_floor", 4),
        review_interval_days=settings.get("review_interval_days", 365),
        g2_window_days=settings.get("g2_window_days", 365),
        g3_verify_days=settings.get("g3_verify_days", 30),
        rules=rules,
        source=source,
    )
