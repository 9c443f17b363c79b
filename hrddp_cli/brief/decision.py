"""The answer to the decision sought, option by option: each option set against what the rules say.

For the engagement, an option is at, below or above the recommendation; for each unit measure
apart, at, below or above that unit's own floor. The authority that decides is the one the
dossier names for that outcome and scope: a suspension criterion's ``authority`` first, then a
past decision's, else the memo says that the dossier names none. When the dossier has no
decision block, the question is whether to continue on the recommended terms and the options are
the rungs of the ladder.
"""

from __future__ import annotations

from typing import Any

from hrddp_cli.explain import DossierStatus
from hrddp_cli.methodology import INSUFFICIENT, LADDER, rank

DEFAULT_QUESTION = "Should support continue on the terms the rules recommend, or be adapted, suspended or ended?"


def words(outcome: str | None) -> str:
    return (outcome or "none").replace("_", " ")


def blocks(context: dict[str, Any] | None, status: DossierStatus) -> list[dict[str, Any]]:
    """The section's blocks: the question, its deadline, and one entry per option."""
    block = (context or {}).get("decision") if context is not None else None
    out: list[dict[str, Any]] = []
    if context is None:
        out.append({"type": "note", "text": "The decision block is withheld at this audience (the context is)."})
    if isinstance(block, dict):
        out.append({"type": "paragraph", "text": str(block.get("question", DEFAULT_QUESTION))})
        if block.get("deadline"):
            out.append({"type": "fields", "rows": [["Deadline", str(block["deadline"])]]})
        options = [o for o in block.get("options", []) if isinstance(o, dict)]
    else:
        out.append({"type": "paragraph", "text": DEFAULT_QUESTION})
        out.append({"type": "note", "text": "The dossier states no decision block: the options are the ladder's."})
        options = [{"outcome": outcome} for outcome in LADDER]
    rows = [_option(option, context, status) for option in options]
    out.append({"type": "table", "header": ["Option", "What the rules say", "Who decides"], "rows": rows})
    for option in options:
        said = [
            f"{label}: {option[key]}"
            for key, label in (("summary", "Option"), ("pros", "For"), ("cons", "Against"))
            if option.get(key)
        ]
        if said:
            out.append({"type": "fields", "rows": [[words(option.get("outcome")), "\n".join(said)]]})
    return out


def _option(option: dict[str, Any], context: dict[str, Any] | None, status: DossierStatus) -> list[str]:
    outcome = str(option.get("outcome", ""))
    said = ["Engagement: " + _against(outcome, status.recommendation_rung, "the recommendation")]
    hidden: dict[str, int] = {}
    for measure in status.unit_measures:
        if measure.unit is None:
            hidden[measure.rung] = hidden.get(measure.rung, 0) + 1
            continue
        rules = f" ({', '.join(measure.rules)})" if measure.rules else ""
        said.append(f"{measure.unit}: " + _against(outcome, measure.rung, f"its own floor{rules}"))
    for rung, number in hidden.items():
        units = "a unit" if number == 1 else f"{number} units"
        said.append(f"{units} (withheld): " + _against(outcome, rung, "their own floor"))
    scopes = ["engagement"] + [f"unit:{m.unit}" for m in status.unit_measures if m.unit]
    return [words(outcome), " ".join(said), _authority(outcome, scopes, context)]


def _against(outcome: str, floor: str, what: str) -> str:
    if floor == INSUFFICIENT:
        return f"cannot be judged: {what} is insufficient information."
    if outcome not in LADDER:
        return f"not on the ladder; {what} is {words(floor)}."
    if rank(outcome) == rank(floor):
        return f"at {what} ({words(floor)})."
    if rank(outcome) < rank(floor):
        return f"below {what} ({words(floor)}): the rules ask for more."
    return f"above {what} ({words(floor)}): more than the rules ask, to be justified."


def _authority(outcome: str, scopes: list[str], context: dict[str, Any] | None) -> str:
    """Who decides ``outcome``: the dossier's criteria first, then its past decisions."""
    if context is None:
        return "withheld"
    found: list[str] = []
    for criterion in context.get("suspension_criteria", []):
        if criterion.get("outcome") == outcome and criterion.get("authority"):
            scope = criterion.get("scope", "engagement")
            found.append(f"{criterion['authority']} ({scope}, {criterion.get('id')})")
    if not found:
        for decision in context.get("decisions", []):
            if decision.get("outcome") == outcome and decision.get("authority") and decision.get("scope") in scopes:
                found.append(f"{decision['authority']} (as decided on {decision.get('date')})")
    return "; ".join(dict.fromkeys(found)) or "the dossier names no authority for this outcome"
