"""The ``hrddp`` command line: parse options, call the core, pick a renderer, return an exit code.

Each command imports what it needs when it runs, so that ``hrddp validate`` in a pre-commit
hook pays only for reading and validating (cli.md is the contract for every option here).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from hrddp_cli.errors import Failed, UsageError, error_boundary

app = typer.Typer(
    name="hrddp",
    help="Human rights due diligence dossiers: validate, score, review and brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
schema_app = typer.Typer(help="The JSON Schemas of the dossier files.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")

_state = {"debug": False}

Paths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Dossier folders, folders above dossiers, or files of a dossier (default: .).", show_default=False
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", help="Write the output to FILE (atomically) instead of standard output.", metavar="FILE"
    ),
]
Color = Annotated[
    str, typer.Option("--color", help="Colour: auto, always or never (NO_COLOR is honoured).", metavar="WHEN")
]
ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="Use this settings file instead of the nearest hrddp.yaml.", metavar="FILE"),
]


def _version(value: bool) -> None:
    if value:
        from hrddp_cli import __version__

        print(f"hrddp {__version__()}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback when hrddp fails unexpectedly.")] = False,
) -> None:
    """Human rights due diligence dossiers: validate, score, review and brief."""
    _state["debug"] = debug


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, github, gitlab, sarif or junit.", metavar="FORMAT")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
) -> None:
    """Check every file of every dossier: schemas, references, dates, completeness.

    Exit 1 when an error is found (or a warning, with --strict).
    """
    with error_boundary(_state["debug"]):
        from hrddp_cli.config import load_config
        from hrddp_cli.render import Options, renderer
        from hrddp_cli.source import discover
        from hrddp_cli.validate import validate_all

        module = renderer("validate", format)
        targets = paths or ["."]
        settings = load_config(config, targets)
        report = validate_all(discover(targets), settings)
        options = Options(color=_use_color(color, output), strict=strict)
        _emit(module.render(report, options), output)
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file and hasattr(module, "step_summary"):
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(module.step_summary(report, options))
        if report.errors or (strict and report.warnings):
            raise Failed()


@app.command()
def status(
    paths: Paths = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.", metavar="FORMAT")] = "text",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Score as of this day (YYYY-MM-DD; default: today).", metavar="DATE"),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Exit 1 when a recommendation is at or above this outcome.", metavar="OUTCOME"),
    ] = None,
    audience: Annotated[
        str,
        typer.Option("--audience", help="public, internal, confidential or strictly_confidential.", metavar="MARKING"),
    ] = "internal",
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
) -> None:
    """Score risks inherent → residual and recommend, rule by rule: proceed … terminate.

    Exit 1 when a dossier cannot be scored (validation errors), or with --fail-on.
    """
    with error_boundary(_state["debug"]):
        from hrddp_cli.config import load_config
        from hrddp_cli.markings import MARKINGS
        from hrddp_cli.methodology import INSUFFICIENT, LADDER, methodology_from, rank
        from hrddp_cli.render import Options, renderer
        from hrddp_cli.source import discover
        from hrddp_cli.status import StatusReport, assess, insufficient, order_worst_first
        from hrddp_cli.validate import validate_each

        module = renderer("status", format)
        day = _as_of(as_of)
        if fail_on is not None and fail_on not in LADDER:
            raise UsageError(f"--fail-on must be one of: {', '.join(LADDER)}; not '{fail_on}'")
        if audience not in MARKINGS:
            raise UsageError(f"--audience must be one of: {', '.join(MARKINGS)}; not '{audience}'")
        targets = paths or ["."]
        settings = load_config(config, targets)
        source = str(settings.source) if settings.source else "default"
        methodology = methodology_from(settings.methodology, source)
        statuses = []
        for result in validate_each(discover(targets), settings):
            if result.dossier is None:
                error_files = sorted({f.file for f in result.findings if f.severity == "error"})
                relative = [os.path.relpath(file, result.location.display) for file in error_files]
                statuses.append(insufficient(result.id, result.location.display, relative, result.errors))
            else:
                statuses.append(
                    assess(result.dossier, methodology, day, path=result.location.display, audience=audience)
                )
        report = StatusReport(day, methodology, audience, order_worst_first(statuses))
        _emit(module.render(report, Options(color=_use_color(color, output), width=_width(output))), output)
        threshold = rank(fail_on) if fail_on else None
        failing = [
            s
            for s in report.dossiers
            if s.recommendation == INSUFFICIENT or (threshold is not None and rank(s.recommendation) >= threshold)
        ]
        for s in failing:
            why = "cannot be scored" if s.recommendation == INSUFFICIENT else f"at or above --fail-on {fail_on}"
            print(f"hrddp: {s.id}: {s.recommendation} ({why})", file=sys.stderr)
        if failing:
            raise Failed()


@app.command()
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.", metavar="FORMAT")] = "text",
    output: Output = None,
    color: Color = "auto",
) -> None:
    """List every validation code and status rule with its rationale."""
    with error_boundary(_state["debug"]):
        from hrddp_cli.catalogue import all_rules
        from hrddp_cli.render import Options, renderer

        module = renderer("rules", format)
        _emit(module.render(all_rules(), Options(color=_use_color(color, output))), output)


@schema_app.command("export")
def schema_export(
    folder: Annotated[str, typer.Argument(help="Where to write the schemas (created if missing).", metavar="DIR")],
) -> None:
    """Write the JSON Schemas of the five dossier files and of hrddp.yaml into DIR."""
    with error_boundary(_state["debug"]):
        from hrddp_cli.atomic import write_atomic
        from hrddp_cli.schema import SCHEMA_KINDS, schema_text

        target = Path(folder)
        if target.exists() and not target.is_dir():
            raise UsageError(f"{folder} exists and is not a folder")
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot create {folder}: {error.strerror}") from None
        for kind in SCHEMA_KINDS:
            path = target / f"{kind}.schema.json"
            write_atomic(path, schema_text(kind))
            print(f"wrote {path}", file=sys.stderr)


def _as_of(text: str | None) -> dt.date:
    """The as-of date: --as-of, else the machine's local date (status-rules.md, "The clock")."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of must be a real date written YYYY-MM-DD, not '{text}'") from None


def _width(output: str | None) -> int | None:
    """The terminal's width when writing to one; None (a fixed width) otherwise."""
    if output is None and sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def _use_color(choice: str, output: str | None) -> bool:
    if choice not in ("auto", "always", "never"):
        raise UsageError(f"--color must be auto, always or never, not '{choice}'")
    if choice == "always":
        return True
    if choice == "never" or output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from hrddp_cli.atomic import write_atomic

    write_atomic(Path(output), text)


def main() -> None:
    # Reading YAML makes millions of short-lived, acyclic objects, which the cyclic collector
    # would otherwise scan over and over (a fifth of a portfolio's run, measured): collect rarely.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    app()
