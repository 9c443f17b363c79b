"""The findings as JSON, the shape cli.md fixes for scripts (version 1)."""

from __future__ import annotations

from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import dumps
from hrddp_cli.validate import Report


def render(report: Report, options: Options) -> str:
    document = {
        "version": 1,
        "audience": report.audience,
        "findings": [finding.as_json() for finding in report.sorted_findings()],
        "summary": {
            "dossiers": report.dossiers,
            "files": report.files,
            "errors": report.errors,
            "warnings": report.warnings,
        },
    }
    return dumps(document, depth=2)  # one finding per line
