"""Validation: read each dossier, run the checks, and locate every problem as a finding.

Dossiers are validated one at a time and only their findings are kept, so memory stays flat
in the size of a portfolio. Content checks run once every file of the dossier reads and
matches its schema: on broken data they would only add noise.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hrddp_cli import markings
from hrddp_cli.checks import all_checks
from hrddp_cli.config import Settings
from hrddp_cli.findings import RECORD, Finding, Pointer, Position, Problem, Severity, format_pointer
from hrddp_cli.load import Document
from hrddp_cli.model import Dossier
from hrddp_cli.progress import tracked
from hrddp_cli.read import DossierRead, read_dossier, shared_ids
from hrddp_cli.scoring import Situation
from hrddp_cli.source import DossierSource, Found
from hrddp_cli.visible import plain


@dataclass(slots=True)
class DossierResult:
    """What validating one dossier gave: its findings and, when it is valid, its model."""

    id: str
    source: DossierSource
    files: list[str]  # the files read, as displayed
    findings: list[Finding]
    dossier: Dossier | None = None
    declared: tuple[str, Position] | None = None  # the context's id and where, for HRD022
    cut: Counter[str] = field(default_factory=Counter)  # findings past the cap, by severity

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error" and f.code != CUT) + self.cut["error"]


@dataclass(slots=True)
class Report:
    """The findings of a whole run, with the counts of its summary."""

    audience: str = "internal"
    findings: list[Finding] = field(default_factory=list)
    dossiers: int = 0
    checked: list[tuple[str, str]] = field(default_factory=list)  # (dossier, file) of every file read
    cut: Counter[str] = field(default_factory=Counter)  # findings past the cap, counted, by severity

    @property
    def files(self) -> int:
        return len(self.checked)

    @property
    def errors(self) -> int:
        return self._count("error")

    @property
    def warnings(self) -> int:
        return self._count("warning")

    def _count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity and f.code != CUT) + self.cut[severity]

    def add(self, result: DossierResult) -> None:
        self.dossiers += 1
        self.checked.extend((result.id, file) for file in result.files)
        self.findings.extend(result.findings)
        self.cut.update(result.cut)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: f.sort_key)


def validate_all(found: Found, settings: Settings, as_of: dt.date, audience: str = "internal") -> Report:
    """Every dossier validated, then what only the whole run shows: shared ids, folders it could not read."""
    report = Report(audience)
    declared: list[tuple[DossierSource, tuple[str, Position] | None]] = []
    results = validate_each(found.dossiers, settings, as_of, audience)
    for result in tracked(results, len(found.dossiers), "validating dossiers"):
        report.add(result)
        declared.append((result.source, result.declared))
    positions = {source.folder: found[1] for source, found in declared if found is not None}
    for identifier, holders in shared_ids(declared).items():
        for source in holders:
            others = ", ".join(plain(other.folder) for other in holders if other is not source)
            message = f"another dossier of this run ({others}) has the same id; give each dossier its own"
            line, column = positions[source.folder]
            report.findings.append(
                Finding("HRD022", "error", message, identifier, source.path("context"), line, column, "/id")
            )
    for folder, why in found.unreadable:
        message = f"cannot read the folder: {why}; dossiers inside it are not checked"
        report.findings.append(Finding("HRD001", "error", message, os.path.basename(folder), folder, None, None, ""))
    return report


def validate_each(
    sources: Iterable[DossierSource], settings: Settings, as_of: dt.date, audience: str = "internal"
) -> Iterator[DossierResult]:
    for source in sources:
        yield validate_dossier(read_dossier(source, settings.limits), settings, as_of, audience)


PER_FILE = 200  # findings shown per file; past it, one HRD099 counts the rest
CUT = "HRD099"


def check_problems(
    read: DossierRead, settings: Settings, as_of: dt.date, errors_only: bool = False
) -> list[tuple[str, Problem, Severity]]:
    """Every problem of a read dossier with its severity: reading's, then the checks' (when it could be modelled).

    ``errors_only`` runs only the checks whose severity is error here (what ``status`` needs to
    know whether a dossier can be scored); reading's own problems are always all there.
    """
    checks = all_checks()
    problems = [(kind, problem) for kind, problem in read.problems]
    if read.dossier is not None:
        situation = Situation(read.dossier, settings.methodology, as_of)
        for code, entry in checks.items():
            setting = settings.check(code)
            if entry.run is None or not setting.enabled:
                continue
            if errors_only and (setting.severity or entry.severity) != "error":
                continue
            for hit in entry.run(situation):
                revealing = f"{hit.message}, {hit.detail}" if hit.detail else None
                problems.append((hit.where.kind, Problem(code, hit.message, hit.where.pointer, None, revealing)))
    return [
        (kind, problem, settings.check(problem.code).severity or checks[problem.code].severity or "error")  # type: ignore[misc]
        for kind, problem in problems
    ]


def validate_dossier(
    read: DossierRead, settings: Settings, as_of: dt.date, audience: str = "internal"
) -> DossierResult:
    """Every finding of one dossier, sorted by file, line, column and code, at most ``PER_FILE`` a file.

    Problems are located and sorted first, and cut to the cap; only the findings shown are then
    worded for the audience and given their source line, so that a file with a hundred thousand
    problems costs what its two hundred shown findings cost.
    """
    located = sorted(
        (_located(read, kind, problem, severity) for kind, problem, severity in check_problems(read, settings, as_of)),
        key=lambda item: (read.source.path(item[0]), *(item[3] or (0, 0)), item[1].code),
    )
    valid = read.dossier is not None and not any(severity == "error" for _, _, severity, _ in located)
    words = _Wording(read, audience)
    shown: list[Finding] = []
    cut: Counter[str] = Counter()
    for kind, group in itertools.groupby(located, key=lambda item: item[0]):
        mine = list(group)
        shown += [
            words.finding(kind, problem, severity, position) for _, problem, severity, position in mine[:PER_FILE]
        ]
        rest = mine[PER_FILE:]
        if rest:
            cut.update(severity for _, _, severity, _ in rest)
            shown.append(_more(read, kind, rest))
    dossier = read.dossier if valid else None
    return DossierResult(read.id, read.source, read.files, shown, dossier, read.declared, cut)


Located = tuple[str, Problem, Severity, Position | None]


def _located(read: DossierRead, kind: str, problem: Problem, severity: Severity) -> Located:
    document = read.documents.get(kind)
    position = problem.position
    if position is None and document is not None and problem.code != "HRD003":
        position = document.locate(problem.pointer)
    return kind, problem, severity, position


def _more(read: DossierRead, kind: str, rest: list[Located]) -> Finding:
    """HRD099: the findings past the cap, counted, with the severity of the worst of them."""
    worst: Severity = "error" if any(severity == "error" for _, _, severity, _ in rest) else "warning"
    position = rest[0][3]
    message = f"and {len(rest)} more findings in this file (the first {PER_FILE} are shown); fix these and run again"
    line, column = position if position else (None, None)
    return Finding(CUT, worst, message, read.id, read.source.path(kind), line, column, "")


class _Wording:
    """Words the findings of one dossier for one audience; what each source line may show is judged once."""

    def __init__(self, read: DossierRead, audience: str) -> None:
        self.read = read
        self.audience = audience
        self.context = read.context_marking
        self.lines: dict[tuple[str, int], bool] = {}

    def finding(self, kind: str, problem: Problem, severity: Severity, position: Position | None) -> Finding:
        document = self.read.documents.get(kind)
        message, pointer = problem.message, problem.pointer
        if problem.reveal and document is not None:
            at = problem.reveal_at if problem.reveal_at is not None else problem.pointer
            if markings.may_show(kind, document.data, at, self.context, self.audience):
                message = problem.reveal
            elif problem.reveal_at is not None:
                pointer = problem.reveal_at  # the last token would name withheld content (a key)
        if RECORD in message:
            message = message.replace(
                RECORD, _record_name(kind, document, problem.pointer, self.context, self.audience)
            )
        excerpt = None
        if document is not None and position is not None and self._line_may_show(kind, document, position[0]):
            excerpt = document.line(position[0])
        line, column = position if position else (None, None)
        return Finding(
            problem.code, severity, message, self.read.id, self.read.source.path(kind), line, column,
            format_pointer(pointer), excerpt,
        )  # fmt: skip

    def _line_may_show(self, kind: str, document: Document, line: int) -> bool:
        """Whether a whole source line may be quoted: every key and value that may reach onto it is showable.

        A line can hold more than the finding's own node (flow style puts whole records on one
        line), so each node that could reach onto the line is judged, once per line.
        """
        if (kind, line) not in self.lines:
            data, context, audience = document.data, self.context, self.audience
            self.lines[kind, line] = all(
                markings.may_show(kind, data, pointer, context, audience) for pointer in document.pointers_on_line(line)
            )
        return self.lines[kind, line]


_NOUNS = {
    "risks": "risk",
    "mitigations": "mitigation",
    "consultations": "consultation",
    "incidents": "incident",
    "units": "unit",
    "suspension_criteria": "suspension criterion",
}


def _record_name(kind: str, document: Document | None, pointer: Pointer, context: str, audience: str) -> str:
    """ "incident I-001", or "an incident withheld at this audience": the record a message is about."""
    held = 3 if kind == "context" and pointer[:2] == ("recipient", "units") else 2
    at = pointer[:held]
    data = document.data if document is not None else None
    record: Any = data
    for token in at:
        record = record[token] if isinstance(record, dict | list) and _has(record, token) else None  # type: ignore[index]
    noun = _NOUNS.get(str(at[-2]) if len(at) >= 2 else "", "entry")
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return f"this {noun}"
    if not markings.visible(markings.marking_at(kind, data, at, context), audience):
        return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun} withheld at this audience"
    return f"{noun} {plain(record['id'])}"


def _has(container: Any, token: Any) -> bool:
    if isinstance(container, dict):
        return token in container
    return isinstance(token, int) and 0 <= token < len(container)
