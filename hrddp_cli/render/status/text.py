"""Scores and recommendations for people in a terminal (the default).

One dossier: the recommendation and why, the rules that fired, the actions, the risks inherent
→ residual and a 5×5 matrix of residual risk with the risk ids in their cells. Several: one row
per dossier, worst first. Dossier text is always passed to rich as plain text, never as markup.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hrddp_cli.methodology import Methodology
from hrddp_cli.render import Options
from hrddp_cli.render.status._rows import level_counts, matrix_cells, records_text, risk_notes
from hrddp_cli.status import DossierStatus, StatusReport

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
    header = (
        f"as of {report.as_of.isoformat()} · methodology {report.methodology.version} "
        f"({report.methodology.defined_in}) · audience {report.audience}"
    )
    if len(report.dossiers) == 1:
        _dossier(console, report.dossiers[0], header, report.methodology)
    else:
        _portfolio(console, report, header)
    # rich pads table cells to the full width; trailing spaces only make diffs noisy.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _outcome(outcome: str) -> Text:
    return Text(outcome, style=_OUTCOME_STYLE.get(outcome, ""))


def _portfolio(console: Console, report: StatusReport, header: str) -> None:
    table = Table(title=f"{len(report.dossiers)} dossiers, worst first", caption=header, box=None, pad_edge=False)
    numbers = ("crit", "high", "med", "low", "withheld")
    for column in ("dossier", "recommendation", *numbers, "decisive", "path"):
        table.add_column(column, justify="right" if column in numbers else "left")
    for status in report.dossiers:
        counts = level_counts(status)
        table.add_row(
            status.id,
            _outcome(status.recommendation),
            str(counts["critical"]),
            str(counts["high"]),
            str(counts["medium"]),
            str(counts["low"]),
            str(status.withheld),
            ", ".join(status.decisive),
            status.path,
        )
    console.print(table)


def _dossier(console: Console, status: DossierStatus, header: str, methodology: Methodology) -> None:
    print_ = console.print
    title = Text(f"{status.id}", style="bold")
    title.append(f"  (in {status.path})", style="dim")
    print_(title)
    print_(Text(header, style="dim"))
    print_()
    line = Text("Recommendation: ")
    line.append_text(_outcome(status.recommendation))
    if status.decisive:
        line.append(f"   decisive: {', '.join(status.decisive)}")
    print_(line)
    if len(status.by_scope) > 1 or status.by_scope.get("engagement") != status.recommendation:
        scopes = " · ".join(f"{scope} {outcome}" for scope, outcome in status.by_scope.items())
        print_(Text(f"  by scope: {scopes}"))
    print_()

    if status.rules:
        print_(Text("Rules that fired (* decisive: sets the recommendation)", style="bold"))
        rules = Table.grid(padding=(0, 2), pad_edge=True)
        rules.add_column(no_wrap=True)
        rules.add_column(no_wrap=True)
        rules.add_column(no_wrap=True)
        rules.add_column(overflow="fold", ratio=1)
        for fired in status.rules:
            records = records_text(fired)
            code = Text(fired.code + (" *" if fired.decisive else ""), style="bold" if fired.decisive else "")
            rules.add_row(code, fired.floor or "—", fired.scope or "—", Text(f"{records}: {fired.message}"))
        print_(rules)
        print_()
    if status.actions:
        print_(Text("Actions", style="bold"))
        for action in status.actions:
            print_(Text(f"  - {action}"))
        print_()
    if status.later:
        ids = ", ".join(str(r.id) for r in status.later)
        print_(Text(f"Not counted: {ids} (dated after the as-of date)", style="yellow"))
        print_()
    if status.risks:
        _risks(console, status, methodology)


def _risks(console: Console, status: DossierStatus, methodology: Methodology) -> None:
    print_ = console.print
    table = Table(title="Risks, inherent → residual", title_justify="left", box=None, pad_edge=False)
    for column in ("risk", "title", "inherent", "residual", "status"):
        table.add_column(column, overflow="fold")
    for risk in status.risks:
        if risk.withheld or risk.inherent is None or risk.residual is None:
            table.add_row(risk.id, Text("withheld at this audience", style="dim"), "", "", "")
            continue
        inherent = Text(f"{risk.inherent.likelihood}×{risk.inherent.impact}={risk.inherent.score} ")
        inherent.append(risk.inherent.level, style=_LEVEL_STYLE[risk.inherent.level])
        residual = Text(f"{risk.residual.likelihood}×{risk.residual.impact}={risk.residual.score} ")
        residual.append(risk.residual.level, style=_LEVEL_STYLE[risk.residual.level])
        notes = risk_notes(risk)
        if notes:
            residual.append(f" ({'; '.join(notes)})", style="dim")
        table.add_row(risk.id, risk.title or "", inherent, residual, risk.status or "")
    print_(table)
    print_()

    matrix = Table(
        title="Residual risk matrix (open risks)", title_justify="left", show_lines=True, pad_edge=True, expand=False
    )
    matrix.add_column("likelihood ↓ / impact →", justify="center")
    for impact in range(1, 6):
        matrix.add_column(str(impact), justify="center", min_width=9)
    cells = matrix_cells(status)
    level = methodology.level
    for likelihood in range(5, 0, -1):
        row: list[str | Text] = [str(likelihood)]
        for impact in range(1, 6):
            row.append(Text("\n".join(cells[(likelihood, impact)]), style=_LEVEL_STYLE[level(likelihood * impact)]))
        matrix.add_row(*row)
    print_(matrix)
    if status.withheld:
        print_(Text(f"{status.withheld} risk(s) withheld at this audience", style="dim"))
