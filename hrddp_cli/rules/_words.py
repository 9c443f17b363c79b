"""How rule messages name incidents and the EU's response: in vocabulary and ids, never free text."""

from __future__ import annotations

from hrddp_cli.model import Incident
from hrddp_cli.scoring import Situation

_VERIFICATION = {"under_verification": "alleged (under verification)"}


_WORDS = {
    "threats_harassment": "threats and harassment",
    "looting_extortion": "looting and extortion",
    "attack_on_schools_hospitals": "attack on schools or hospitals",
    "seah": "sexual exploitation, abuse or harassment",
    "idps": "internally displaced people",
    "lgbtiq_persons": "LGBTIQ persons",
}


def words(value: str) -> str:
    """A vocabulary value in words: ``threats_harassment`` → "threats and harassment"."""
    return _WORDS.get(value, value.replace("_", " "))


def what(incident: Incident) -> str:
    """ "verified torture and ill treatment": how sure, and what."""
    how = _VERIFICATION.get(incident.verification, incident.verification)
    return f"{how} {', '.join(words(v) for v in incident.violation_types)}"


def listed(items: list[str]) -> str:
    """ "U-001", "U-001 and U-002", "U-001, U-002 and U-003"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def response_days(situation: Situation, incident: Incident) -> int | None:
    """Days from ``reported`` to the first EU response known at the as-of date (0 when it came first)."""
    responses = situation.responses_by(incident)
    if not responses or incident.reported is None:
        return None
    return max((responses[0] - incident.reported).days, 0)


def response(situation: Situation, incident: Incident) -> str:
    """ "first EU response after 3 days", or "no EU response after 41 days"."""
    days = response_days(situation, incident)
    if days is not None:
        return f"first EU response after {days} day{'' if days == 1 else 's'}"
    waited = (situation.as_of - incident.reported).days if incident.reported else 0
    return f"no EU response after {waited} day{'' if waited == 1 else 's'}"
