"""The memo's sections on the four registers: risks, incidents, mitigations and consultations.

Each reads the records through the audience's view (``view.shown``, ``view.project``); a record
another one names is named only when the audience may see it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hrddp_cli.brief.decision import words
from hrddp_cli.brief.sections import Block, count, days
from hrddp_cli.pictures import matrix

if TYPE_CHECKING:
    from hrddp_cli.brief.memo import Facts


def risks(facts: Facts) -> list[Block]:
    status = facts.status
    shown = {r.id: r for r in facts.view.shown(facts.dossier.risks)}
    rows = []
    for risk in status.risks:
        title = str((facts.view.project(shown[risk.id]) or {}).get("title", "")) if risk.id in shown else ""
        rows.append(
            [
                risk.id,
                title,
                f"{risk.inherent.score} {risk.inherent.level}",
                f"{risk.residual.score} {risk.residual.level}",
                words(risk.status),
                _credited(risk),
            ]
        )
    methodology = facts.settings.methodology
    out: list[Block] = [
        {
            "type": "matrix",
            "cells": matrix.cells(status.risks, methodology),
            "svg": matrix.svg(status.risks, methodology),
            "alt": "Risk matrix: each risk from its inherent cell (open circle) to its residual one (dot).",
        }
    ]
    header = ["Risk", "Title", "Inherent", "Residual", "Status", "Credited mitigations"]
    out.append({"type": "table", "header": header, "rows": rows})
    if status.withheld_risks:
        out.append(
            {
                "type": "note",
                "text": f"{count(status.withheld_risks, 'risk')} withheld at this audience: scored, not listed.",
            }
        )
    return out


def incidents(facts: Facts) -> list[Block]:
    view = facts.view
    responses = {r.incident: r for r in facts.status.responses}
    rows = []
    for incident in view.shown(facts.dossier.incidents):
        data = view.project(incident) or {}
        acts = "; ".join(f"{r.get('date')} {words(r.get('action'))}" for r in data.get("eu_response", []))
        units = dict.fromkeys(str(p.get("unit")) for p in data.get("perpetrators", []))
        rows.append(
            [
                incident.id,
                str(data.get("occurred", "")),
                str(data.get("title", "")),
                ", ".join(words(v) for v in data.get("violation_types", [])),
                words(data.get("verification")),
                ", ".join(units),
                _first_response(incident, responses.get(incident.id)),
                acts or "none",
            ]
        )
    header = ["Incident", "Occurred", "Title", "Violations", "Verification", "By", "First EU response", "EU responses"]
    if not rows:
        return [{"type": "note", "text": "No incident is shown at this audience."}]
    return [{"type": "table", "header": header, "rows": rows}]


def _first_response(incident: Any, response: Any) -> str:
    """Days from the report to the EU's first response (the rules' count for a grave incident)."""
    if response is not None:
        return f"after {days(response.days)}" if response.days is not None else f"none after {days(response.waited)}"
    dates = [r.date for r in incident.eu_response if r.date is not None]
    if not dates or incident.reported is None:
        return "none" if not dates else "reported date not given"
    return f"after {days(max((min(dates) - incident.reported).days, 0))}"


def mitigations(facts: Facts) -> list[Block]:
    view = facts.view
    rows = []
    for mitigation in view.shown(facts.dossier.mitigations):
        data = view.project(mitigation) or {}
        checked = data.get("verification") or {}
        rows.append(
            [
                mitigation.id,
                str(data.get("title", "")),
                words(data.get("status")),
                "yes" if data.get("is_condition") else "no",
                str(data.get("due", "")),
                _named(view, "risks.yaml", [a.get("risk") for a in data.get("addresses", [])]),
                _checked(checked),
            ]
        )
    header = ["Mitigation", "Title", "Status", "Condition", "Due", "Risks", "Verification (method, date)"]
    return (
        [{"type": "table", "header": header, "rows": rows}]
        if rows
        else [{"type": "note", "text": "No mitigation is shown at this audience."}]
    )


def _checked(verification: dict[str, Any]) -> str:
    if not verification:
        return "no verification recorded"
    return f"{words(verification.get('method'))} {verification.get('date', '')}".strip()


def consultations(facts: Facts) -> list[Block]:
    view = facts.view
    out: list[Block] = []
    heard: dict[str, int] = {}
    for consultation in view.shown(facts.dossier.consultations):
        data = view.project(consultation) or {}
        for participant in data.get("participants", []):
            for group in participant.get("groups_represented", []):
                heard[group] = heard.get(group, 0) + int(participant.get("count", 0) or 0)
        impact = data.get("impact") or {}
        changed = [
            f"risks {_named(view, 'risks.yaml', impact['risks'])}" if impact.get("risks") else "",
            f"mitigations {_named(view, 'mitigations.yaml', impact['mitigations'])}"
            if impact.get("mitigations")
            else "",
            "the decision" if impact.get("decision_influenced") else "",
        ]
        rows = [
            ["Date", str(data.get("date", ""))],
            ["Format", words(data.get("format"))],
            ["Who took part", _participants(data.get("participants", []))],
            ["What was heard", str(data.get("findings", ""))],
            ["What it changed", ", ".join(c for c in changed if c) or "nothing recorded"],
        ]
        if impact.get("example"):
            rows.append(["Example", str(impact["example"])])
        purpose = ", ".join(words(p) for p in data.get("purpose", []))
        out.append(
            {"type": "fields", "title": f"{consultation.id}" + (f": {purpose}" if purpose else ""), "rows": rows}
        )
    groups = [[words(group), str(count)] for group, count in sorted(heard.items(), key=lambda g: (-g[1], g[0]))]
    if groups:
        out.insert(0, {"type": "table", "header": ["Group heard", "Participants speaking for it"], "rows": groups})
    return out or [{"type": "note", "text": "No consultation is shown at this audience."}]


def _named(view: Any, file: str, ids: list[Any]) -> str:
    """The ids of the records the audience may see, and how many others are withheld ("R-001, 1 withheld")."""
    from hrddp_cli.model import Ref

    shown = [str(i) for i in ids if view.shows(Ref(file, str(i)))]
    hidden = len(ids) - len(shown)
    return ", ".join(shown + ([f"{hidden} withheld"] if hidden else []))


def _participants(participants: list[Any]) -> str:
    """ "6 local civil-society organisation (4 women); 3 women's organisation": who, how many, of them women."""
    said = []
    for participant in participants:
        count, women = participant.get("count"), participant.get("women")
        who = words(participant.get("type"))
        number = f"{count} " if count is not None else ""
        of_them = f" ({women} women)" if women is not None else ""
        said.append(f"{number}{who}{of_them}")
    return "; ".join(said) or "not recorded"


def _credited(risk: Any) -> str:
    shown = list(risk.credited) + ([f"{risk.credited_withheld} withheld"] if risk.credited_withheld else [])
    return ", ".join(shown) or "none"
