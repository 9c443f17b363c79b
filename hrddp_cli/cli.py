"""The ``hrddp`` command line: parse options, call the core once, render, return an exit code.

Each command imports what it needs when it runs, so that ``hrddp validate`` in a pre-commit
hook pays only for reading and validating. The options and exit codes are the stable
interface (docs/cli.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from hrddp_cli.errors import Failed, UsageError, error_boundary
from hrddp_cli.render import format_help

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


def _format(command: str) -> Any:
    return typer.Option("--format", "-f", help=f"{format_help(command)} Default: text.", metavar="FORMAT")


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
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Take this day as today (YYYY-MM-DD; default: today).", metavar="DATE")
]
Audience = Annotated[
    str,
    typer.Option("--audience", help="public, internal, confidential or strictly_confidential.", metavar="MARKING"),
]


FailOn = Annotated[
    str | None,
    typer.Option("--fail-on", help="Exit 1 when a recommendation is at or above this outcome.", metavar="OUTCOME"),
]
Strict = Annotated[bool, typer.Option("--strict", help="Warnings fail too.")]


Command = TypeVar("Command", bound=Callable[..., None])


def _guarded(command: Command) -> Command:
    """Run ``command`` inside the error boundary: exit codes 1, 2 and 3, never a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        with error_boundary(_state["debug"]):
            command(*args, **kwargs)

    return run  # type: ignore[return-value]


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
@_guarded
def validate(
    paths: Paths = None,
    format: Annotated[str, _format("validate")] = "text",
    strict: Strict = False,
    as_of: AsOf = None,
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
) -> None:
    """Check every file of every dossier: schemas, references, dates, completeness.

    Exit 1 when an error is found (or a warning, with --strict).
    """
    from hrddp_cli.config import load_settings
    from hrddp_cli.render import Options, renderer
    from hrddp_cli.source import discover
    from hrddp_cli.validate import validate_all

    module, targets = renderer("validate", format), paths or ["."]
    report = validate_all(discover(targets), load_settings(config, targets), _as_of(as_of))
    options = Options(color=_use_color(color, output), strict=strict)
    _emit(module.render(report, options), output)
    _step_summary(module, report, options)
    if report.errors or (strict and report.warnings):
        raise Failed()


@app.command()
@_guarded
def status(
    paths: Paths = None,
    format: Annotated[str, _format("status")] = "text",
    as_of: AsOf = None,
    fail_on: FailOn = None,
    audience: Audience = "internal",
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
) -> None:
    """Score risks inherent → residual and recommend, rule by rule: proceed … terminate.

    Exit 1 when a dossier cannot be scored (validation errors), or with --fail-on.
    """
    from hrddp_cli.config import load_settings
    from hrddp_cli.render import Options, renderer
    from hrddp_cli.source import discover
    from hrddp_cli.status import failing, portfolio_status

    module = renderer("status", format)
    day, threshold, seen_by = _as_of(as_of), _outcome(fail_on), _audience(audience)
    targets = paths or ["."]
    report = portfolio_status(discover(targets), load_settings(config, targets), day, seen_by)
    _emit(module.render(report, Options(color=_use_color(color, output), width=_width(output))), output)
    _fail_if(f"{d.id}: {d.recommendation} ({why})" for d, why in failing(report, threshold))


@app.command()
@_guarded
def rules(
    format: Annotated[str, _format("rules")] = "text",
    output: Output = None,
    color: Color = "auto",
) -> None:
    """List every validation code and status rule with its rationale."""
    from hrddp_cli.catalogue import all_entries
    from hrddp_cli.render import Options, renderer

    module = renderer("rules", format)
    _emit(module.render(all_entries(), Options(color=_use_color(color, output))), output)


@schema_app.command("export")
@_guarded
def schema_export(
    folder: Annotated[str, typer.Argument(help="Where to write the schemas (created if missing).", metavar="DIR")],
) -> None:
    """Write the JSON Schemas of the five dossier files and of hrddp.yaml into DIR."""
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
    """The as-of date: --as-of, else the machine's local date."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of must be a real date written YYYY-MM-DD, not '{text}'") from None


def _outcome(text: str | None) -> str | None:
    from hrddp_cli.methodology import LADDER

    if text is not None and text not in LADDER:
        raise UsageError(f"--fail-on must be one of: {', '.join(LADDER)}; not '{text}'")
    return text


def _audience(text: str) -> str:
    from hrddp_cli.markings import MARKINGS

    if text not in MARKINGS:
        raise UsageError(f"--audience must be one of: {', '.join(MARKINGS)}; not '{text}'")
    return text


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


def _emit(content: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    from hrddp_cli.atomic import write_atomic

    write_atomic(Path(output), content)


def _fail_if(reasons: Iterable[str]) -> None:
    """Exit 1 after naming each reason on standard error, when there is any."""
    listed = list(reasons)
    for reason in listed:
        print(f"hrddp: {reason}", file=sys.stderr)
    if listed:
        raise Failed()


def _step_summary(module: Any, report: Any, options: Any) -> None:
    """Append the format's job summary to ``$GITHUB_STEP_SUMMARY`` when it is set and the format has one."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and hasattr(module, "step_summary"):
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(module.step_summary(report, options))


def main() -> None:
    # Reading YAML makes millions of short-lived, acyclic objects, which the cyclic collector
    # would otherwise scan over and over (a fifth of a portfolio's run, measured): collect rarely.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    app()
