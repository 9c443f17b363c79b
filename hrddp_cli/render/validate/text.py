"""Readable findings, grouped by file, each with the line it is about (the default)."""

from __future__ import annotations

from itertools import groupby

from hrddp_cli.findings import counted
from hrddp_cli.render import Options
from hrddp_cli.render.style import Style
from hrddp_cli.validate import Report


def render(report: Report, options: Options) -> str:
    style = Style(options.color)
    out: list[str] = []
    findings = report.sorted_findings()
    for file, group in groupby(findings, key=lambda f: f.file):
        out.append(style(file, "bold"))
        for finding in group:
            where = f"{finding.line}:{finding.column}" if finding.line else "-"
            colour = "red" if finding.severity == "error" else "yellow"
            severity = style(f"{finding.severity:<7}", colour)
            out.append(f"  {where:>7}  {severity}  {style(finding.code, 'dim')}  {finding.message}")
            if finding.excerpt is not None and finding.column:
                line = finding.excerpt.expandtabs(1)
                out.append(f"           {style('|', 'dim')} {line}")
                out.append(f"           {style('|', 'dim')} {' ' * (finding.column - 1)}{style('^', colour)}")
        out.append("")
    out.append(_summary(report, options, style))
    return "\n".join(out) + "\n"


def _summary(report: Report, options: Options, style: Style) -> str:
    dossiers = counted(report.dossiers, "dossier")
    files = counted(report.files, "file")
    errors = counted(report.errors, "error")
    warnings = counted(report.warnings, "warning")
    failed = report.errors or (options.strict and report.warnings)
    seen = f" (audience {report.audience})"
    if not report.findings:
        return style(f"{dossiers}, {files}: valid, no errors or warnings", "green") + seen
    verdict = style("invalid" if failed else "valid", "red" if failed else "green")
    strict = " (--strict: warnings fail)" if options.strict and report.warnings else ""
    return f"{dossiers}, {files}: {verdict}, {errors}, {warnings}{strict}{seen}"
