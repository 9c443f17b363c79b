"""A GitLab Code Quality report: findings shown in merge requests.

Each entry has a fingerprint that stays the same while the finding does (see
:func:`hrddp_cli.findings.fingerprints`).
"""

from __future__ import annotations

from hrddp_cli.findings import fingerprints
from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import pretty
from hrddp_cli.validate import Report


def render(report: Report, options: Options) -> str:
    entries = []
    findings = report.sorted_findings()
    for finding, fingerprint in zip(findings, fingerprints(findings), strict=True):
        severity = "major" if finding.severity == "error" or options.strict else "minor"
        entries.append(
            {
                "description": f"{finding.code}: {finding.message}",
                "check_name": finding.code,
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {"path": finding.file, "lines": {"begin": finding.line or 1}},
            }
        )
    return pretty(entries)
