"""G-rules: grave violations by supported units, and what the recipient did about them (SEED §5)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

from hrddp_cli.model import Incident, Perpetrator
from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation, shift

UNVERIFIED = ("alleged", "under_verification")
RELIEF = ("suspects_suspended", "prosecuted", "convicted")


def _scope(perpetrator: Perpetrator) -> str:
    """A recipient unit's scope; a perpetrator named in words belongs to the engagement."""
    return f"unit:{perpetrator.unit_id}" if perpetrator.unit_id else "engagement"


_VERIFICATION_WORDS = {"under_verification": "alleged (under verification)"}


def _what(incident: Incident) -> str:
    """ "verified torture and ill treatment": how sure, and what."""
    how = _VERIFICATION_WORDS.get(incident.verification, incident.verification)
    return f"{how} {' and '.join(v.replace('_', ' ') for v in incident.violation_types)}"


def _by_supported_units(situation: Situation, credible: bool) -> Iterator[tuple[Incident, Perpetrator]]:
    """(incident, supported perpetrator) for grave incidents known at the as-of date, once per scope."""
    for incident in situation.incidents:
        if incident.grave and (incident.credible if credible else incident.verification in UNVERIFIED):
            scopes = set()
            for perpetrator in incident.perpetrators:
                if perpetrator.supported_unit and _scope(perpetrator) not in scopes:
                    scopes.add(_scope(perpetrator))
                    yield incident, perpetrator


def unrelieved_grave_incidents(situation: Situation) -> list[Incident]:
    """Incidents that meet G1 and have no G1r relief (G2 counts these)."""
    seen: dict[str, Incident] = {}
    for incident, _ in _by_supported_units(situation, credible=True):
        if incident.recipient_accountability not in RELIEF:
            seen.setdefault(incident.id, incident)
    return list(seen.values())


@rule("G1", floor="suspend", citation="SEED §5")
def grave_violation_by_supported_unit(situation: Situation) -> Iterable[Trigger]:
    """A credible or verified grave violation by a supported unit.

    Support must be suspended where security forces do not respect human rights and IHL; the
    scope is the unit named as perpetrator (the engagement when it is named in words).
    """
    for incident, perpetrator in _by_supported_units(situation, credible=True):
        if incident.recipient_accountability not in RELIEF:
            yield Trigger(
                (incident.ref,),
                f"{_what(incident)} by supported unit {perpetrator.unit}",
                _scope(perpetrator),
            )


@rule("G1r", floor="adapt", citation="SEED §3, §5")
def grave_violation_with_accountability(situation: Situation) -> Iterable[Trigger]:
    """As G1, but the recipient suspended, prosecuted or convicted the suspects: adapt instead of suspend.

    Accountability by the partner's own institutions is what the support aims to build; it
    replaces the G1 entry of that incident.
    """
    for incident, perpetrator in _by_supported_units(situation, credible=True):
        if incident.recipient_accountability in RELIEF:
            yield Trigger(
                (incident.ref,),
                f"{_what(incident)} by supported unit {perpetrator.unit}; "
                f"recipient accountability: {(incident.recipient_accountability or '').replace('_', ' ')}",
                _scope(perpetrator),
            )


@rule("G2", floor="terminate", citation="SEED §5")
def repeated_or_systematic_grave_violations(situation: Situation) -> Iterable[Trigger]:
    """Two G1 incidents without relief reported within the G2 window (365 days), or one that is systematic.

    Repeated or systematic grave violations show that risks "cannot be mitigated": the
    support should end.
    """
    incidents = sorted(unrelieved_grave_incidents(situation), key=lambda i: (i.reported or dt.date.min, i.id))
    systematic = [i for i in incidents if i.grave_scale == "systematic"]
    window = situation.methodology.g2_window_days
    close: list[Incident] = []
    for earlier, later in itertools.pairwise(incidents):
        if earlier.reported and later.reported and (later.reported - earlier.reported).days <= window:
            close += [i for i in (earlier, later) if i not in close]
    if close:
        yield Trigger(
            tuple(i.ref for i in close),
            f"{len(close)} grave violations by supported units reported within {window} days",
        )
    elif systematic:
        yield Trigger(
            tuple(i.ref for i in systematic),
            "a systematic grave violation by a supported unit",
        )


@rule("G3", floor="adapt", citation="SEED §5")
def unverified_grave_allegation(situation: Situation) -> Iterable[Trigger]:
    """An alleged or unverified grave violation by a supported unit; verify it within 30 days.

    An allegation is not a finding, but it must be followed up quickly ("robust frameworks for
    follow-up after incidents"); until then support to the unit is adapted.
    """
    days = situation.methodology.g3_verify_days
    for incident, perpetrator in _by_supported_units(situation, credible=False):
        assert incident.reported is not None  # situation.incidents are all reported
        due = shift(incident.reported, days)
        late = " (overdue)" if situation.as_of > due else ""
        yield Trigger(
            (incident.ref,),
            f"{_what(incident)} by supported unit {perpetrator.unit}, not yet verified",
            _scope(perpetrator),
            action=f"Verify incident {incident.id} by {due.isoformat()}{late}",
        )


@rule("G4", floor="adapt", citation="SEED §3 (post-training monitoring)")
def eu_trained_or_equipped_perpetrator(situation: Situation) -> Iterable[Trigger]:
    """A credible or verified incident in which EU-trained personnel or EU equipment took part.

    The EU's own contribution to the harm is in question; "unknown" does not count.
    """
    for incident in situation.incidents:
        if not incident.credible:
            continue
        trained = any(p.eu_trained == "yes" for p in incident.perpetrators)
        equipped = any(p.eu_equipment == "yes" for p in incident.perpetrators)
        if trained or equipped:
            how = " and ".join(w for w, on in (("EU-trained personnel", trained), ("EU equipment", equipped)) if on)
            yield Trigger((incident.ref,), f"{_what(incident)} involving {how}")
