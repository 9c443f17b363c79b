"""The memo's sections, one function each, in the order of the memo: each returns its blocks.

Each reads :class:`hrddp_cli.brief.memo.Facts` through the audience's view only: a record's
projected data (``view.project``), the context as projected, and the status explained for the
audience. A withheld record appears only in the counts of the header and as "a withheld …"
where the rules name it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hrddp_cli.brief import decision as answers
from hrddp_cli.brief.decision import words
from hrddp_cli.pictures import matrix
from hrddp_cli.scoring import ENGAGEMENT

if TYPE_CHECKING:
    from hrddp_cli.brief.memo import Facts

Block = dict[str, Any]


def decision(facts: Facts) -> list[Block]:
    return answers.blocks(facts.context(), facts.status)


def recommendation(facts: Facts) -> list[Block]:
    status = facts.status
    out: list[Block] = [
        {
            "type": "fields",
            "rows": [
                ["Recommendation", words(status.recommendation)],
                ["Worst floor of any scope", words(status.worst)],
                ["Decisive rules", ", ".join(status.decisive) or "none"],
            ],
        },
    ]
    decisive = [e for e in status.rules if e.decisive]
    out.append({"type": "list", "items": [_entry_words(e) for e in decisive] or ["No rule raised the floor."]})
    if status.unit_measures:
        rows = [
            [m.unit or "a unit (withheld)", words(m.floor), ", ".join(m.rules) or "withheld"]
            for m in status.unit_measures
        ]
        out.append({"type": "paragraph", "text": "Unit measures, apart from the engagement's recommendation:"})
        out.append({"type": "table", "header": ["Unit", "Measure", "Rules"], "rows": rows})
    if status.actions:
        out.append({"type": "paragraph", "text": "Actions the rules ask for:"})
        out.append({"type": "list", "items": list(status.actions)})
    for code, message in status.warnings:
        out.append({"type": "note", "text": f"{code}: {message}"})
    return out


def recipient(facts: Facts) -> list[Block]:
    context = facts.context()
    if context is None:
        return [{"type": "note", "text": "The context is withheld at this audience."}]
    who = context.get("recipient", {})
    leverage = context.get("leverage", {})
    out: list[Block] = [
        {
            "type": "fields",
            "rows": [
                ["Country", str(who.get("country", ""))],
                ["Monitoring access", words(who.get("monitoring_access", "not stated"))],
                ["Leverage", words(leverage.get("level", "not stated"))],
                ["Willingness: HRDDP communicated", _communicated(context.get("hrddp_communication") or {})],
            ],
        }
    ]
    if who.get("record"):
        out += [{"type": "paragraph", "text": "Record: " + str(who["record"])}]
    if leverage.get("basis"):
        out += [{"type": "paragraph", "text": "Leverage: " + str(leverage["basis"])}]
    units = [
        [
            u.get("id", ""),
            u.get("name", ""),
            words(u.get("classification")),
            words(u.get("monitoring_access") or who.get("monitoring_access", "not stated")),
        ]
        for u in who.get("units", [])
    ]
    if units:
        out.append({"type": "table", "header": ["Unit", "Name", "Kind", "Monitoring access"], "rows": units})
    mechanisms = [
        [
            m.get("name", ""),
            words(m.get("type")),
            words(m.get("effectiveness")),
            _yes(m.get("accessible_to_population")),
            _yes(m.get("whistleblower_protection")),
        ]
        for m in context.get("accountability_mechanisms", [])
    ]
    if mechanisms:
        header = [
            "Accountability mechanism",
            "Kind",
            "Effectiveness",
            "Open to the population",
            "Protects whistle-blowers",
        ]
        out.append({"type": "table", "header": header, "rows": mechanisms})
    return out


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
                ", ".join(risk.credited) or "none",
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
                "text": f"{status.withheld_risks} risk(s) withheld at this audience are scored but not listed.",
            }
        )
    return out


def timeline(facts: Facts) -> list[Block]:
    report = facts.timeline
    if isinstance(report, str) or report is None:
        return [{"type": "note", "text": f"No timeline: {report or 'the dossier is not in git'}."}]
    rows = [
        [
            p.date[:10],
            p.commit[:10],
            words(p.status.recommendation),
            words(p.status.worst),
            ", ".join(f"{m.unit or 'a unit (withheld)'} {words(m.floor)}" for m in p.status.unit_measures) or "none",
        ]
        for p in report.points
    ]
    out: list[Block] = []
    if facts.timeline_svg:
        out.append({"type": "picture", "svg": facts.timeline_svg, "alt": "The recommendation at every commit."})
    out.append(
        {"type": "table", "header": ["Date", "Commit", "Recommendation", "Worst", "Unit measures"], "rows": rows}
    )
    if report.decisions:
        decided = [f"{d.date}: decided {words(d.outcome)} ({d.scope})" for d in report.decisions]
        out += [{"type": "paragraph", "text": "Decisions taken:"}, {"type": "list", "items": decided}]
    return out


def changes(facts: Facts) -> list[Block]:
    review = facts.changes
    if isinstance(review, str) or review is None:
        return [{"type": "note", "text": f"No comparison: {review or 'the dossier is not in git'}."}]
    before, after = review.before, review.after
    rows = [["Compared with", (review.base or "")[:12] or "the previous review"]]
    if before is not None and after is not None:
        rows.append(["Recommendation", f"{words(before.recommendation)} → {words(after.recommendation)}"])
        rows.append(["Worst floor", f"{words(before.worst)} → {words(after.worst)}"])
    out: list[Block] = [{"type": "fields", "rows": rows}]
    flags = [f"{f.code}: {f.message}" for f in review.flags]
    if flags:
        out += [{"type": "paragraph", "text": "For a reviewer to look at twice:"}, {"type": "list", "items": flags}]
    listed = []
    for change in review.changes:
        if change.withheld:
            listed.append(f"{change.file}: a withheld record {change.change}")
            continue
        name = f"{change.file} {change.id or ''}".strip()
        fields = ", ".join(f.pointer + (" (withheld)" if f.withheld else "") for f in change.fields)
        listed.append(f"{name} {change.change}" + (f": {fields}" if fields else ""))
    out.append({"type": "list", "items": listed or ["No record changed."]})
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
        return f"after {response.days} days" if response.days is not None else f"none after {response.waited} days"
    dates = [r.date for r in incident.eu_response if r.date is not None]
    if not dates or incident.reported is None:
        return "none" if not dates else "reported date not given"
    return f"after {max((min(dates) - incident.reported).days, 0)} days"


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
                f"{words(checked.get('method'))} {checked.get('date', '')}".strip() if checked else "not verified",
            ]
        )
    header = ["Mitigation", "Title", "Status", "Condition", "Due", "Risks", "Verified"]
    return (
        [{"type": "table", "header": header, "rows": rows}]
        if rows
        else [{"type": "note", "text": "No mitigation is shown at this audience."}]
    )


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
            ["What was heard", str(data.get("findings", ""))],
            ["What it changed", ", ".join(c for c in changed if c) or "nothing recorded"],
        ]
        if impact.get("example"):
            rows.append(["Example", str(impact["example"])])
        out.append({"type": "fields", "title": consultation.id, "rows": rows})
    groups = [[words(group), str(count)] for group, count in sorted(heard.items(), key=lambda g: (-g[1], g[0]))]
    if groups:
        out.insert(0, {"type": "table", "header": ["Group heard", "Participants speaking for it"], "rows": groups})
    return out or [{"type": "note", "text": "No consultation is shown at this audience."}]


def criteria(facts: Facts) -> list[Block]:
    context = facts.context()
    status = facts.status
    met = [e for e in status.rules if e.code == "P1t"]
    out: list[Block] = []
    if context is not None:
        rows = []
        for criterion in context.get("suspension_criteria", []):
            cid = str(criterion.get("id", ""))
            hits = [e for e in met if e.message and e.message.startswith(f"suspension criterion {cid} met")]
            state = (
                "met: " + "; ".join(e.message or "" for e in hits)
                if hits
                else "left to the assessor's judgement"
                if cid in status.to_judge
                else "not met"
            )
            rows.append(
                [
                    cid,
                    str(criterion.get("trigger", "")),
                    words(criterion.get("outcome")),
                    words(criterion.get("scope")),
                    state,
                ]
            )
        if rows:
            out.append({"type": "table", "header": ["Criterion", "Trigger", "Outcome", "Scope", "Now"], "rows": rows})
    hidden = sum(1 for e in met if e.withheld)
    if hidden:
        out.append({"type": "note", "text": f"{hidden} criterion(s) met by records withheld at this audience."})
    out.append(
        {"type": "fields", "rows": [["Next review", _next_review(facts) if context is not None else "withheld"]]}
    )
    return out


def _next_review(facts: Facts) -> str:
    context = facts.dossier.context
    if context.next_review is not None:
        return str(context.next_review)
    if context.assessment_date is None:
        return "not set (no assessment date)"
    import datetime as dt

    days = context.review_interval_days or facts.settings.methodology.review_interval_days
    return f"{context.assessment_date + dt.timedelta(days=days)} ({days} days after the assessment)"


def annex(facts: Facts) -> list[Block]:
    rows = []
    for entry in facts.status.rules:
        if entry.withheld:
            rows.append(["withheld", words(entry.floor), "", "a rule on records withheld at this audience"])
        else:
            rows.append(
                [
                    str(entry.code) + (" *" if entry.decisive else ""),
                    words(entry.floor),
                    entry.scope or ENGAGEMENT,
                    entry.message or "",
                ]
            )
    note = {"type": "note", "text": "* decisive: it sets its scope's floor."}
    return [{"type": "table", "header": ["Rule", "Floor", "Scope", "Why"], "rows": rows}, note]


def _entry_words(entry: Any) -> str:
    if entry.withheld:
        return f"A rule on records withheld at this audience sets {words(entry.floor)}."
    return f"{entry.code} ({words(entry.floor)}, {entry.scope}): {entry.message}"


def _communicated(said: dict[str, Any]) -> str:
    """When and how the policy was communicated to the recipient, and whether it acknowledged it."""
    if not said.get("communicated_to_recipient"):
        return "not communicated"
    acknowledged = "acknowledged" if said.get("acknowledged") else "not acknowledged"
    return f"{said['communicated_to_recipient']} by {words(said.get('channel', 'an unstated channel'))}, {acknowledged}"


def _named(view: Any, file: str, ids: list[Any]) -> str:
    """The ids of the records the audience may see, and how many others are withheld ("R-001, 1 withheld")."""
    from hrddp_cli.model import Ref

    shown = [str(i) for i in ids if view.shows(Ref(file, str(i)))]
    hidden = len(ids) - len(shown)
    return ", ".join(shown + ([f"{hidden} withheld"] if hidden else []))


def _yes(value: Any) -> str:
    return "yes" if value is True else "no" if value is False else "not stated"
