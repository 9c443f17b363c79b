"""Every code a user can meet: validation checks and status rules (review flags as they come).

One list, built from the registries, for ``hrddp rules`` and the generated docs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TITLES = {"validation": "Validation codes", "status": "Status rules", "review": "Review flags"}


@dataclass(frozen=True, slots=True)
class RuleDoc:
    code: str
    kind: Literal["validation", "status", "review"]
    severity: str | None  # validation and review
    floor: str | None  # status
    summary: str
    rationale: str
    source: str

    def as_json(self) -> dict[str, object]:
        entry: dict[str, object] = {"code": self.code, "kind": self.kind}
        if self.kind == "status":
            entry["floor"] = self.floor
        else:
            entry["severity"] = self.severity
        entry.update(summary=self.summary, rationale=self.rationale, source=self.source)
        return entry


def all_rules() -> list[RuleDoc]:
    from hrddp_cli.checks import all_checks
    from hrddp_cli.rules import all_rules as all_status_rules

    validation = [
        RuleDoc(c.code, "validation", c.severity, None, c.summary, c.rationale, c.source) for c in all_checks().values()
    ]
    status = [
        RuleDoc(r.code, "status", None, r.floor, r.summary, r.rationale, r.source) for r in all_status_rules().values()
    ]
    return validation + status
