"""Readable findings, grouped by file, each with the line it is about (the default)."""

from __future__ import annotations

from itertools import groupby

from hrddp_cli.findings import counted
from hrddp_cli.render import Options
from hrddp_cli.render.style import Style
from hrddp_cli.validate import Report
from hrddp_cli.visible import plain


def render(report: Report, options: Options) -> str:
    style = Style(options.color)
    out: list[str] = []
    findings = report.sorted_findings()
    for file, group in groupby(findings, key=lambda f: f.file):
        out.append(style(plain(file), "bold"))
        for finding in group:
            where = f"{finding.line}:{finding.column}" if finding.line else "-"
            colour = "red" if finding.severity == "error" else "yellow"
            severity = style(f"{finding.severity:<7}", colour)
            out.append(f"  {where:>7}  {severity}  {style(finding.code, 'dim')}  {plain(finding.message)}")
            if finding.excerpt is not None and finding.column:
                line, caret = excerpt(finding.excerpt, finding.column)
                out.append(f"           {style('|', 'dim')} {line}")
                out.append(f"           {style('|', 'dim')} {' ' * caret}{style('^', colour)}")
        out.append("")
    out.append(_summary(report, options, style))
    return "\n".join(out) + "\n"


EXCERPT = 100  # the most of a source line shown beside a finding, in characters


def excerpt(line: str, column: int) -> tuple[str, int]:
    """A bounded, visible excerpt of ``line`` around ``column`` (1-based), and where the caret goes in it.

    A finding's output is a small multiple of the finding, never of the line: a 1 MB line shows
    at most ``EXCERPT`` characters, cut with … on either side.
    """
    start = max(column - 1 - EXCERPT // 2, 0)
    end = start + EXCERPT
    before = plain(line[start : column - 1].expandtabs(1))
    shown = (
        ("…" if start else "") + before + plain(line[column - 1 : end].expandtabs(1)) + ("…" if end < len(line) else "")
    )
    return shown, len(before) + (1 if start else 0)


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
