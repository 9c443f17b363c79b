"""The answer to the decision sought, option by option: each option set against what the rules say.

For the engagement, an option is at, below or above the recommendation; for each unit measure
apart, at, below or above that unit's own floor. The authority that decides is the one the
dossier names for that outcome and scope: a suspension criterion's ``authority`` first, then a
past decision's, else the memo says that the dossier names none. When the dossier has no
decision block, the question is whether to continue on the recommended terms and the options are
the rungs of the ladder.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrddp_cli.explain import DossierStatus
from hrddp_cli.methodology import INSUFFICIENT, LADDER, rank

DEFAULT_QUESTION = "Should support continue on the terms the rules recommend, or be adapted, suspended or ended?"


_SAID = {  # vocabulary words a reader would not write as they are stored
    "idps": "internally displaced people",
    "nhri": "national human rights institution",
    "eu_accountability_mechanism": "EU accountability mechanism",
    "eu_personnel": "EU personnel",
    "local_cso": "local civil-society organisation",
    "womens_organisation": "women's organisation",
    "lgbtiq": "LGBTIQ people",
}


def words(value: str | None) -> str:
    """A vocabulary value as a reader writes it: ``proceed_with_mitigations`` → "proceed with mitigations"."""
    if value is None:
        return "none"
    return _SAID.get(value, value.replace("_", " "))


def blocks(context: dict[str, Any] | None, status: DossierStatus, as_of: dt.date) -> list[dict[str, Any]]:
    """The section's blocks: the question, its deadline, and one entry per option."""
    block = context.get("decision") if context is not None else None
    out: list[dict[str, Any]] = []
    if isinstance(block, dict):
        out.append({"type": "paragraph", "text": str(block.get("question", DEFAULT_QUESTION))})
        if block.get("deadline"):
            out.append({"type": "fields", "rows": [["Deadline", _deadline(str(block["deadline"]), as_of)]]})
        options = [o for o in block.get("options", []) if isinstance(o, dict)]
    else:
        out.append({"type": "paragraph", "text": DEFAULT_QUESTION})
        why = "is withheld at this audience (the context is)" if context is None else "is not stated in the dossier"
        out.append({"type": "note", "text": f"The decision block {why}: the options are the rungs of the ladder."})
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


def _deadline(deadline: str, as_of: dt.date) -> str:
    try:
        day = dt.date.fromisoformat(deadline)
    except ValueError:
        return deadline
    if day < as_of:
        late = (as_of - day).days
        return f"{deadline} (passed {late} day{'s' if late != 1 else ''} before {as_of})"
    return deadline


def _option(option: dict[str, Any], context: dict[str, Any] | None, status: DossierStatus) -> list[str]:
    outcome = str(option.get("outcome", ""))
    said = ["Engagement: " + _against(outcome, status.recommendation_rung, "the recommendation")]
    hidden: dict[str, int] = {}
    for measure in status.unit_measures:
        if measure.unit is None:
            hidden[measure.rung] = hidden.get(measure.rung, 0) + 1
            continue
        rules = f", {', '.join(measure.rules)}" if measure.rules else ""
        said.append(f"{measure.unit}: " + _against(outcome, measure.rung, f"its own floor{rules}"))
    for rung, number in hidden.items():
        measures = "A unit measure" if number == 1 else f"{number} unit measures"
        said.append(f"{measures} on records withheld at this audience: " + _against(outcome, rung, "that floor"))
    return [words(outcome), " ".join(said), _authority(outcome, context)]


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


def _authority(outcome: str, context: dict[str, Any] | None) -> str:
    """Who decides ``outcome``: a criterion for the engagement, a past decision, then criteria of narrower scope."""
    if context is None:
        return "withheld"
    criteria = [c for c in context.get("suspension_criteria", []) if c.get("outcome") == outcome and c.get("authority")]
    exact = [c for c in criteria if c.get("scope", "engagement") == "engagement"]
    if exact:
        return _grouped((c["authority"], f"{c.get('id')}") for c in exact)
    decided = [d for d in context.get("decisions", []) if d.get("outcome") == outcome and d.get("authority")]
    if decided:
        return _grouped(
            (d["authority"], f"decided for {words(d.get('scope', 'engagement')).replace(':', ' ')} on {d.get('date')}")
            for d in decided
        )
    if criteria:
        return _grouped((c["authority"], f"{c.get('scope')}, {c.get('id')}") for c in criteria)
    return "the dossier names no authority for this outcome"


def _grouped(pairs: Any) -> str:
    """ "A (x; y); B (z)": each authority once, with what names it."""
    by: dict[str, list[str]] = {}
    for authority, why in pairs:
        by.setdefault(str(authority), []).append(why)
    return "; ".join(f"{authority} ({'; '.join(why)})" for authority, why in by.items())
