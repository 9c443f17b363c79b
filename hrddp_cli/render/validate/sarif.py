"""SARIF 2.1.0, for code-scanning dashboards; every code is described as a rule."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from hrddp_cli.checks import all_checks
from hrddp_cli.findings import fingerprints
from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import pretty
from hrddp_cli.validate import Report


def render(report: Report, options: Options) -> str:
    from hrddp_cli import __version__

    checks = all_checks()
    codes = list(checks)
    rules = [
        {
            "id": code,
            "name": code,
            "shortDescription": {"text": check.summary},
            "fullDescription": {"text": check.rationale or check.summary},
            "defaultConfiguration": {"level": check.severity},
            "properties": {"source": check.citation},
        }
        for code, check in checks.items()
    ]
    results = []
    findings = report.sorted_findings()
    for finding, fingerprint in zip(findings, fingerprints(findings), strict=True):
        location: dict[str, object] = {"artifactLocation": {"uri": _uri(finding.file)}}
        if finding.line:
            location["region"] = {"startLine": finding.line, "startColumn": finding.column}
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": codes.index(finding.code),
                "level": "error" if finding.severity == "error" or options.strict else "warning",
                "message": {"text": finding.message},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {"hrddpFinding/v1": fingerprint},
                "properties": {"dossier": finding.dossier, "pointer": finding.pointer},
            }
        )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "hrddp", "version": __version__(), "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return pretty(document)


def _uri(file: str) -> str:
    path = PurePath(file)
    # A name that is not UTF-8 reaches Python as lone surrogates: quote its original bytes.
    if path.is_absolute():
        return "file://" + quote(path.as_posix(), errors="surrogateescape")
    return quote(path.as_posix(), errors="surrogateescape")
