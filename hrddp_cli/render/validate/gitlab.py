"""A GitLab Code Quality report: findings shown in merge requests.

Each entry has a fingerprint that stays the same while the finding does (it hashes the code,
file, pointer and message, not the line, so editing lines above does not make it "new").
"""

from __future__ import annotations

import hashlib
import json

from hrddp_cli.render import Options
from hrddp_cli.validate import Report


def render(report: Report, options: Options) -> str:
    entries = []
    for finding in report.sorted_findings():
        identity = "\0".join((finding.code, finding.file, finding.pointer, finding.message))
        severity = "major" if finding.severity == "error" or options.strict else "minor"
        entries.append(
            {
                "description": f"{finding.code}: {finding.message}",
                "check_name": finding.code,
                "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                "severity": severity,
                "location": {"path": finding.file, "lines": {"begin": finding.line or 1}},
            }
        )
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
