"""Checks of dates that must come in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.findings import RECORD
from hrddp_cli.methodology import phase_at_least
from hrddp_cli.model import FuzzyDate, Where
from hrddp_cli.scoring import Situation


@check("HRD102", "error", citation="format.md: Common conventions")
def dates_out_of_order(situation: Situation) -> Iterable[Hit]:
    """Two dates of a record are in an impossible order.

    An engagement ends on or after its start; the next review falls after the assessment; an
    incident is reported on or after it occurred (compared at the coarser precision, so an
    incident of 2024-05 may be reported on 2024-05-03); an EU response comes on or after the
    incident occurred; a mitigation is verified on or after it was implemented. A date in the
    wrong order is a typo that changes what the rules compute.
    """
    dossier = situation.dossier
    context = dossier.context
    if context.start and context.end and context.end < context.start:
        yield Hit(Where("context", ("engagement", "end")), "the engagement ends before it starts (end is before start)")
    if context.assessment_date and context.next_review and context.next_review <= context.assessment_date:
        yield Hit(
            Where("context", ("assessment", "next_review")),
            "next_review must fall after the assessment date",
        )
    for incident in dossier.incidents:
        if incident.occurred and incident.reported and incident.occurred.is_after(incident.reported):
            yield Hit(incident.where.at("reported"), f"{RECORD} is reported before it occurred")
        for j, response in enumerate(incident.eu_response):
            if incident.occurred and response.date and incident.occurred.is_after(response.date):
                yield Hit(
                    incident.where.at("eu_response", j, "date"),
                    f"an EU response to {RECORD} is dated before the incident occurred",
                )
    for mitigation in dossier.mitigations:
        verification = mitigation.verification
        if (
            verification
            and verification.date
            and mitigation.implemented_on
            and verification.date < mitigation.implemented_on
        ):
            yield Hit(
                mitigation.where.at("verification", "date"),
                f"{RECORD} is verified before it was implemented (implemented_on)",
            )


def _dated(situation: Situation) -> Iterable[tuple[Where, str, dt.date | FuzzyDate]]:
    """(where, what, date) of every date that says something has already happened."""
    dossier = situation.dossier
    context = dossier.context
    if context.start and phase_at_least(context.phase, "implementation"):
        yield Where("context", ("engagement", "start")), "the engagement's start (it is under way)", context.start
    for decision in context.decisions:
        if decision.date:
            yield decision.where.at("date"), "a decision", decision.date
    for incident in dossier.incidents:
        if incident.reported:
            yield incident.where.at("reported"), f"the report of {RECORD}", incident.reported
        if incident.occurred:
            yield incident.where.at("occurred"), f"the occurrence of {RECORD}", incident.occurred
        for j, response in enumerate(incident.eu_response):
            if response.date:
                yield incident.where.at("eu_response", j, "date"), f"an EU response to {RECORD}", response.date
    for mitigation in dossier.mitigations:
        if mitigation.implemented_on:
            yield mitigation.where.at("implemented_on"), f"the implementation of {RECORD}", mitigation.implemented_on
        if mitigation.verification and mitigation.verification.date:
            where = mitigation.where.at("verification", "date")
            yield where, f"the verification of {RECORD}", mitigation.verification.date


@check("HRD311", "warning", citation="SEED §2 (assessments updated regularly)")
def dated_in_the_future(situation: Situation) -> Iterable[Hit]:
    """Something that has already happened is dated after the as-of date (today, or validate --as-of).

    An incident reported, a response given or a decision taken cannot lie in the future: the date
    is most likely a mistyped year, and every status rule ignores the record until that day.
    """
    as_of = situation.as_of
    for where, what, date in _dated(situation):
        later = date.is_after(as_of) if isinstance(date, FuzzyDate) else date > as_of
        if later:
            yield Hit(
                where,
                f"{what} is dated after {as_of.isoformat()}: check the year (status ignores it until then)",
                f"got {date}",
            )
