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
from hrddp_cli.scoring import ENGAGEMENT

if TYPE_CHECKING:
    from hrddp_cli.brief.memo import Facts

Block = dict[str, Any]


def decision(facts: Facts) -> list[Block]:
    return answers.blocks(facts.context(), facts.status, facts.as_of)


def recommendation(facts: Facts) -> list[Block]:
    status = facts.status
    out: list[Block] = [
        {
            "type": "fields",
            "rows": [
                ["Recommendation", words(status.recommendation)],
                ["Worst floor of any scope", words(status.worst)],
                ["Decisive rules", _decisive(status)],
            ],
        },
    ]
    decisive = [e for e in status.rules if e.decisive]
    said = [_entry_words(e) for e in decisive if not e.withheld] + _withheld_entries(decisive)
    out.append({"type": "list", "items": said or ["No rule raised the floor."]})
    if status.unit_measures:
        rows = [
            [m.unit or "a unit (on withheld records)", words(m.floor), ", ".join(m.rules) or "withheld"]
            for m in status.unit_measures
        ]
        out.append(
            {
                "type": "paragraph",
                "text": (
                    "Unit measures, apart from the engagement's recommendation. The methodology acts on the unit "
                    "first: a measure on a unit is a decision of its own, and the engagement follows its units only "
                    "as far as rule U1 says (units under measures raise it: one suspended unit to proceed with "
                    "mitigations, half of them to adapt, all of them to the lowest of theirs)."
                ),
            }
        )
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
    for key, label in (("conflict_analysis", "Conflict analysis"), ("gender_analysis", "Gender analysis")):
        analysis = context.get(key) or {}
        if analysis.get("summary"):
            dated = f" ({analysis['date']})" if analysis.get("date") else ""
            out.append({"type": "paragraph", "text": f"{label}{dated}: {analysis['summary']}"})
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


def timeline(facts: Facts) -> list[Block]:
    report = facts.timeline
    out: list[Block] = []
    if isinstance(report, str) or report is None:
        out.append({"type": "note", "text": f"No timeline: {report or 'the dossier is not in git'}."})
    elif report.points:
        if facts.timeline_svg:
            out.append({"type": "picture", "svg": facts.timeline_svg, "alt": "The recommendation at every commit."})
        rows = [
            [p.date[:10], p.commit[:10], words(p.status.recommendation), words(p.status.worst), _units(p.status)]
            for p in report.points
        ]
        header = ["Date", "Commit", "Recommendation", "Worst", "Unit measures"]
        out.append({"type": "table", "header": header, "rows": rows})
        out.append(
            {
                "type": "note",
                "text": (
                    "Each version is scored as of the day it was committed, under today's settings: the status as it "
                    "stood then, which may differ from the comparison below, where both sides are scored today."
                ),
            }
        )
    decided = (facts.context() or {}).get("decisions", [])
    if decided:
        rows = [
            [
                str(d.get("date", "")),
                words(d.get("outcome")),
                str(d.get("scope", "engagement")).replace(":", " "),
                str(d.get("authority", "")),
                str(d.get("rationale", "")),
            ]
            for d in sorted(decided, key=lambda d: str(d.get("date", "")))
        ]
        header = ["Decided", "Outcome", "Scope", "Authority", "Rationale"]
        out += [{"type": "paragraph", "text": "Decisions taken:"}, {"type": "table", "header": header, "rows": rows}]
    return out


def _units(status: Any) -> str:
    listed = [f"{m.unit or 'a unit (on withheld records)'} {words(m.floor)}" for m in status.unit_measures]
    return ", ".join(listed) or "none"


def changes(facts: Facts) -> list[Block]:
    review = facts.changes
    if isinstance(review, str) or review is None:
        return [{"type": "note", "text": f"No comparison: {review or 'the dossier is not in git'}."}]
    before, after = review.before, review.after
    how = "given with --since" if facts.since else "the previous review"
    rows = [["Compared with", f"commit {(review.base or '')[:12]} ({how})"]]
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
            listed.append(f"{change.file}: a record withheld at this audience, {change.change}")
            continue
        name = f"{change.file} {change.id or ''}".strip()
        fields = ", ".join(f.pointer + (" (withheld)" if f.withheld else "") for f in change.fields)
        listed.append(f"{name} {change.change}" + (f": {fields}" if fields else ""))
    out.append({"type": "list", "items": listed or ["No record changed."]})
    return out


def criteria(facts: Facts) -> list[Block]:
    context = facts.context()
    out: list[Block] = []
    if context is None:
        return [{"type": "note", "text": "The suspension criteria are withheld at this audience (the context is)."}]
    met = _met(facts)
    rows = []
    for criterion in context.get("suspension_criteria", []):
        cid = str(criterion.get("id", ""))
        if cid in met:
            state = "met by " + ", ".join(met[cid])
        elif cid in facts.status.to_judge:
            state = "left to the assessor's judgement (no machine-checkable condition)"
        else:
            state = "not met"
        trigger = str(criterion.get("trigger", ""))
        rows.append([cid, trigger, words(criterion.get("outcome")), words(criterion.get("scope")), state])
    if rows:
        out.append({"type": "table", "header": ["Criterion", "Trigger", "Outcome", "Scope", "Now"], "rows": rows})
    out.append({"type": "fields", "rows": [["Next review", _next_review(facts)]]})
    return out


def _met(facts: Facts) -> dict[str, list[str]]:
    """Each criterion met (rule P1t), with what meets it as the audience may read it."""
    from hrddp_cli.rules.policy import criteria_met
    from hrddp_cli.scoring import Situation

    met: dict[str, list[str]] = {}
    for criterion, incident, _ in criteria_met(Situation(facts.dossier, facts.settings.methodology, facts.as_of)):
        said = f"incident {incident.id}" if facts.view.shows(incident.ref) else "an incident withheld at this audience"
        if said not in met.setdefault(criterion.id, []):
            met[criterion.id].append(said)
    return met


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
        if not entry.withheld:
            code = str(entry.code) + (" *" if entry.decisive else "")
            floor = words(entry.floor) if entry.floor else "no floor"
            rows.append([code, floor, (entry.scope or ENGAGEMENT).replace(":", " "), entry.message or ""])
    out: list[Block] = [{"type": "table", "header": ["Rule", "Floor", "Scope", "Why"], "rows": rows}]
    hidden = _withheld_entries(list(facts.status.rules))
    if hidden:
        out.append({"type": "list", "items": hidden})
    out.append({"type": "note", "text": "* decisive: it sets its scope's floor."})
    return out


def _decisive(status: Any) -> str:
    codes = ", ".join(status.decisive)
    hidden = sum(1 for e in status.rules if e.decisive and e.withheld)
    more = f"{hidden} on records withheld at this audience" if hidden else ""
    return ", ".join(part for part in (codes, more) if part) or "none"


def _withheld_entries(entries: list[Any]) -> list[str]:
    """The withheld rule entries as one line per floor: "3 rules on records withheld at this audience set suspend"."""
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.withheld:
            counts[words(entry.floor)] = counts.get(words(entry.floor), 0) + 1
    said = []
    for floor, n in counts.items():
        rules, verb = ("A rule", "sets") if n == 1 else (f"{n} rules", "set")
        said.append(f"{rules} on records withheld at this audience {verb} {floor}.")
    return said


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


def days(number: int) -> str:
    return count(number, "day")


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _yes(value: Any) -> str:
    return "yes" if value is True else "no" if value is False else "not stated"
