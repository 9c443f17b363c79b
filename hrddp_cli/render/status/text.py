"""Scores and recommendations for people in a terminal (the default).

One dossier: the engagement's recommendation and the unit measures, the rules that fired
(decisive first, with a legend), the EU's response times, the actions, the risks inherent →
residual and a 5×5 matrix of residual risk. Several: one row per dossier, worst first. Dossier
text is always passed to rich as plain text, never as markup, and control characters are dropped.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hrddp_cli.explain import DossierStatus
from hrddp_cli.methodology import Methodology
from hrddp_cli.render import Options
from hrddp_cli.render.status._rows import (
    LEGEND,
    WITHHELD_ENTRY,
    later_text,
    level_counts,
    matrix_cells,
    measures_text,
    records_text,
    response_text,
    risk_notes,
    withheld_lines,
)
from hrddp_cli.status import StatusReport
from hrddp_cli.visible import plain

DEFAULT_WIDTH = 100  # fixed when not writing to a terminal, so the same input gives the same bytes
_LEVEL_STYLE = {"low": "green", "medium": "yellow", "high": "red", "critical": "bold white on red"}
_OUTCOME_STYLE = {
    "proceed": "bold green",
    "proceed_with_mitigations": "bold green",
    "adapt": "bold yellow",
    "suspend": "bold red",
    "terminate": "bold white on red",
    "do_not_engage": "bold white on red",
    "insufficient_information": "bold magenta",
}


def render(report: StatusReport, options: Options) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width or DEFAULT_WIDTH,
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    methodology = report.methodology
    header = (
        f"as of {report.as_of.isoformat()} · methodology {methodology.version} ({plain(methodology.defined_in)}) "
        f"· audience {report.audience}"
    )
    if len(report.dossiers) == 1:
        _dossier(console, report.dossiers[0], header, methodology)
    else:
        _portfolio(console, report, header)
    # rich pads table cells to the full width; trailing spaces only make diffs noisy.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _outcome(outcome: str) -> Text:
    return Text(outcome, style=_OUTCOME_STYLE.get(outcome, ""))


def _portfolio(console: Console, report: StatusReport, header: str) -> None:
    table = Table(title=f"{len(report.dossiers)} dossiers, worst first", caption=header, box=None, pad_edge=False)
    table.add_column("dossier", no_wrap=True)
    table.add_column("recommendation", no_wrap=True)
    table.add_column("unit measures", no_wrap=True)
    table.add_column("open risks\nc/h/m/l", justify="right", no_wrap=True)
    table.add_column("withheld\nrisks", justify="right", no_wrap=True)
    table.add_column("decisive", overflow="fold", min_width=8)
    table.add_column("path", overflow="fold", min_width=12)
    for status in report.dossiers:
        counts = level_counts(status)
        table.add_row(
            plain(status.id),
            _outcome(status.recommendation),
            measures_text(status, "\n") or "—",
            "/".join(str(counts[level]) for level in ("critical", "high", "medium", "low")),
            str(status.withheld_risks),
            ", ".join(status.decisive),
            plain(status.path),
        )
    console.print(table)
    console.print(Text("open risks by residual level: critical/high/medium/low", style="dim"))


def _dossier(console: Console, status: DossierStatus, header: str, methodology: Methodology) -> None:
    print_ = console.print
    title = Text(plain(status.id), style="bold")
    title.append(f"  (in {plain(status.path)})", style="dim")
    print_(title)
    print_(Text(header, style="dim"))
    for code, message in status.warnings:
        print_(Text(f"warning {code}: {message}", style="yellow"))
    if status.later:
        print_(Text(later_text(status), style="yellow"))
    print_()
    line = Text("Recommendation: ")
    line.append_text(_outcome(status.recommendation))
    line.append(" (engagement)")
    if status.decisive:
        line.append(f"   decisive: {', '.join(status.decisive)}")
    print_(line)
    if status.unit_measures:
        print_(Text(f"Unit measures:  {measures_text(status)}"))
    if status.worst != status.recommendation:
        print_(Text(f"Worst floor:    {status.worst} (any scope)"))
    print_()
    if status.rules:
        _rules(console, status)
    if status.responses:
        print_(Text("EU response to grave incidents", style="bold"))
        for response in status.responses:
            print_(Text(f"  {response.incident}  {response_text(response.days, response.waited)}"))
        print_()
    if status.actions:
        print_(Text("Actions", style="bold"))
        for action in status.actions:
            print_(Text(f"  - {action}"))
        print_()
    if status.to_judge:
        print_(Text(f"Suspension criteria left to the assessor's judgement: {', '.join(status.to_judge)}"))
        print_()
    if status.risks:
        _risks(console, status, methodology)
    for note in withheld_lines(status):
        print_(Text(note, style="dim"))


def _rules(console: Console, status: DossierStatus) -> None:
    console.print(Text("Rules that fired", style="bold"))
    rules = Table(box=None, padding=(0, 2), pad_edge=True, show_edge=False)
    rules.add_column("rule", no_wrap=True)
    rules.add_column("floor", no_wrap=True)
    rules.add_column("scope", no_wrap=True)
    rules.add_column("records: why", overflow="fold", ratio=1)
    for entry in status.rules:
        mark = " *" if entry.decisive else ""
        if entry.withheld:
            rules.add_row(Text("—" + mark), entry.floor or "—", "", Text(WITHHELD_ENTRY, style="dim"))
            continue
        code = Text((entry.code or "") + mark, style="bold" if entry.decisive else "")
        why = f"{records_text(entry)}: {entry.message}" if entry.records or entry.withheld_records else entry.message
        rules.add_row(code, entry.floor or "—", entry.scope or "—", Text(plain(why or "")))
    console.print(rules)
    console.print(Text(LEGEND, style="dim"))
    console.print()


def _risks(console: Console, status: DossierStatus, methodology: Methodology) -> None:
    table = Table(title="Risks, inherent → residual", title_justify="left", box=None, pad_edge=False)
    for column in ("risk", "title", "inherent", "residual", "status"):
        table.add_column(column, overflow="fold")
    for risk in status.risks:
        inherent = Text(f"{risk.inherent} ")
        inherent.append(risk.inherent.level, style=_LEVEL_STYLE[risk.inherent.level])
        residual = Text(f"{risk.residual} ")
        residual.append(risk.residual.level, style=_LEVEL_STYLE[risk.residual.level])
        notes = risk_notes(risk)
        if notes:
            residual.append(f" ({'; '.join(notes)})", style="dim")
        table.add_row(risk.id, Text(plain(risk.title)), inherent, residual, risk.status)
    console.print(table)
    console.print()
    matrix = Table(
        title="Residual risk matrix (open risks)", title_justify="left", show_lines=True, pad_edge=True, expand=False
    )
    matrix.add_column("likelihood ↓ / impact →", justify="center")
    for impact in range(1, 6):
        matrix.add_column(str(impact), justify="center", min_width=9)
    cells = matrix_cells(status)
    for likelihood in range(5, 0, -1):
        row: list[str | Text] = [str(likelihood)]
        for impact in range(1, 6):
            style = _LEVEL_STYLE[methodology.level(likelihood * impact)]
            row.append(Text("\n".join(cells[(likelihood, impact)]), style=style))
        matrix.add_row(*row)
    console.print(matrix)
