"""Validation of dossiers: read each file, check it against its schema, then the checks.

Dossiers are validated one at a time and only their findings are kept, so memory stays flat
in the size of a portfolio. Content checks run once every file of the dossier reads and
matches its schema: on broken data they would only add noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hrddp_cli import markings, schema
from hrddp_cli.checks import all_checks
from hrddp_cli.config import Config
from hrddp_cli.findings import Finding, Pointer, Problem, format_pointer
from hrddp_cli.load import Document, load_file
from hrddp_cli.model import Dossier, build_dossier
from hrddp_cli.source import KINDS, DossierFolder

_DOSSIER_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,62}\Z")


@dataclass(slots=True)
class DossierResult:
    """What validating one dossier gave: its findings and, when it is valid, its model."""

    id: str
    location: DossierFolder
    files: list[str]  # the files read, as displayed
    findings: list[Finding]
    dossier: Dossier | None = None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


@dataclass(slots=True)
class Report:
    """The findings of a whole run, with the counts of its summary."""

    findings: list[Finding] = field(default_factory=list)
    dossiers: int = 0
    checked: list[tuple[str, str]] = field(default_factory=list)  # (dossier, file) of every file read

    @property
    def files(self) -> int:
        return len(self.checked)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def add(self, result: DossierResult) -> None:
        self.dossiers += 1
        self.checked.extend((result.id, file) for file in result.files)
        self.findings.extend(result.findings)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: f.sort_key)


def validate_all(locations: Iterable[DossierFolder], config: Config) -> Report:
    report = Report()
    for result in validate_each(locations, config):
        report.add(result)
    return report


def validate_each(locations: Iterable[DossierFolder], config: Config) -> Iterator[DossierResult]:
    for location in locations:
        yield validate_dossier(location, config)


def validate_dossier(location: DossierFolder, config: Config) -> DossierResult:
    """Every finding of one dossier, sorted by file, line, column and code."""
    checks = all_checks()
    documents: dict[str, Document] = {}
    problems: list[tuple[str, Problem]] = []
    files: list[str] = []
    for kind in KINDS:
        path = location.file(kind)
        if not path.is_file():
            problems.append(
                (
                    kind,
                    Problem(
                        "HRD003", f"{kind}.yaml is missing from the dossier; create it (it may hold an empty list)"
                    ),
                )
            )
            continue
        files.append(location.display_file(kind))
        loaded = load_file(path, max_bytes=config.limits.max_file_bytes, max_depth=config.limits.max_depth)
        problems.extend((kind, problem) for problem in loaded.problems)
        if loaded.document is not None:
            documents[kind] = loaded.document
            problems.extend((kind, problem) for problem in schema.validate(loaded.document, kind))

    context_data = documents["context"].data if "context" in documents else None
    dossier_id = _dossier_id(context_data, location)
    dossier = None
    if len(documents) == len(KINDS) and not any(p.code in ("HRD001", "HRD010") for _, p in problems):
        dossier, date_problems = build_dossier(location.name, {kind: doc.data for kind, doc in documents.items()})
        problems.extend(date_problems)
        if not date_problems:
            for code, registered in checks.items():
                if registered.run is not None:
                    for hit in registered.run(dossier):
                        revealing = f"{hit.message}, {hit.detail}" if hit.detail else None
                        problems.append(
                            (hit.where.kind, Problem(code, hit.message, hit.where.pointer, None, revealing))
                        )
        else:
            dossier = None
    context = markings.context_marking(context_data)
    findings = [
        _finding(kind, problem, checks[problem.code].severity, documents.get(kind), context, dossier_id, location)
        for kind, problem in problems
    ]
    findings.sort(key=lambda f: f.sort_key)
    valid = dossier is not None and not any(f.severity == "error" for f in findings)
    return DossierResult(dossier_id, location, files, findings, dossier if valid else None)


def _dossier_id(context_data: Any, location: DossierFolder) -> str:
    """The context's id when it is a well-formed id (free text is never printed as one), else the folder's name."""
    if isinstance(context_data, dict):
        identifier = context_data.get("id")
        if isinstance(identifier, str) and _DOSSIER_ID.match(identifier):
            return identifier
    return location.name


def _finding(
    kind: str,
    problem: Problem,
    severity: Any,
    document: Document | None,
    context: str,
    dossier_id: str,
    location: DossierFolder,
) -> Finding:
    position = problem.position
    if position is None and document is not None and problem.code != "HRD003":
        position = document.locate(problem.pointer)
    message = problem.message
    pointer = problem.pointer
    if problem.reveal and document is not None:
        at = problem.reveal_at if problem.reveal_at is not None else problem.pointer
        if _may_show(kind, document, at, context):
            message = problem.reveal
        elif problem.reveal_at is not None:
            pointer = problem.reveal_at  # the last token would name withheld content (a key)
    excerpt = None
    if document is not None and position is not None and _line_may_show(kind, document, position[0], context):
        excerpt = document.line(position[0])
    return Finding(
        code=problem.code,
        severity=severity,
        message=message,
        dossier=dossier_id,
        file=location.display_file(kind),
        line=position[0] if position else None,
        column=position[1] if position else None,
        pointer=format_pointer(pointer),
        excerpt=excerpt,
    )


def _may_show(kind: str, document: Document, pointer: Pointer, context: str) -> bool:
    """Whether content at ``pointer`` may be quoted (validation speaks to the ``internal`` audience)."""
    return markings.may_show(kind, document.data, pointer, context, audience="internal")


def _line_may_show(kind: str, document: Document, line: int, context: str) -> bool:
    """Whether a whole source line may be quoted: every key and value that may reach onto it is showable.

    A line can hold more than the finding's own node (flow style puts whole records on one
    line), so each node that could reach onto the line is judged.
    """
    return all(_may_show(kind, document, pointer, context) for pointer in document.pointers_on_line(line))
