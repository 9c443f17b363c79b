"""GitHub Actions workflow commands, worst first: annotations on the pull request's lines.

Every piece of dossier text is escaped as the runner expects (``%``, line breaks, and in
properties ``:`` and ``,``), so no text in a dossier can end a command and start another.
When ``$GITHUB_STEP_SUMMARY`` is set, :func:`step_summary` gives a Markdown table for it.
"""

from __future__ import annotations

import re

from hrddp_cli.findings import counted
from hrddp_cli.render import Options
from hrddp_cli.render._markdown import cell
from hrddp_cli.validate import Report
from hrddp_cli.visible import plain


def _escaped(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _data(text: str) -> str:
    """A message: shown as text (plain), then escaped as the runner reads it."""
    return _escaped(plain(text))


_OTHER_CONTROLS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _property(text: str) -> str:
    """A file path: escaped so that the runner decodes it back to the path (its annotation lands on the
    file); any other control character is percent-encoded, which the runner leaves as it is."""
    escaped = _escaped(text).replace(":", "%3A").replace(",", "%2C").replace("##[", "#%23[")
    return _OTHER_CONTROLS.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogateescape")), escaped
    )


def render(report: Report, options: Options) -> str:
    findings = sorted(report.findings, key=lambda f: (f.severity != "error", f.sort_key))
    lines = []
    for finding in findings:
        command = "error" if finding.severity == "error" or options.strict else "warning"
        properties = [f"file={_property(finding.file)}"]
        if finding.line:
            properties += [f"line={finding.line}", f"col={finding.column}"]
        properties.append(f"title={_property(finding.code)}")
        lines.append(f"::{command} {','.join(properties)}::{_data(finding.code + ' ' + finding.message)}")
    return "".join(line + "\n" for line in lines)


def step_summary(report: Report, options: Options) -> str:
    """A Markdown summary of the run for the job's summary page."""
    out = [
        "### hrddp validate",
        "",
        f"{counted(report.dossiers, 'dossier')}, {counted(report.files, 'file')}: "
        f"**{counted(report.errors, 'error')}**, {counted(report.warnings, 'warning')}",
        "",
    ]
    if report.findings:
        out += ["| file | line | code | message |", "|---|---|---|---|"]
        for f in sorted(report.findings, key=lambda f: (f.severity != "error", f.sort_key)):
            out.append(f"| {cell(f.file)} | {f.line or ''} | {f.code} | {cell(f.message)} |")
    return "\n".join(out) + "\n"
