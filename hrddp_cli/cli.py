"""The ``hrddp`` command line: parse options, call the core once, render, return an exit code.

Each command imports what it needs when it runs, so that ``hrddp validate`` in a pre-commit
hook pays only for reading and validating. The options and exit codes are the stable
interface (docs/cli.md).
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from hrddp_cli import session
from hrddp_cli.errors import EXIT_USAGE, Failed, error_boundary
from hrddp_cli.options import (
    AsOf,
    Audience,
    Base,
    BriefAudience,
    Color,
    ConfigOption,
    DossierArgument,
    ExitCode,
    FailOn,
    Head,
    Output,
    Paths,
    Since,
    Strict,
    Template,
    Verbose,
    format_option,
)
from hrddp_cli.visible import plain

_CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="hrddp",
    help="Human rights due diligence dossiers: start, validate, score, review and brief.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=_CONTEXT,
)
schema_app = typer.Typer(help="The JSON Schemas of the dossier files.", no_args_is_help=True, context_settings=_CONTEXT)
app.add_typer(schema_app, name="schema")

_state = {"debug": False}


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
    """Human rights due diligence dossiers: start, validate, score, review and brief."""
    _state["debug"] = _state["debug"] or debug


@app.command()
@_guarded
def validate(
    paths: Paths = None,
    format: Annotated[str | None, format_option("validate")] = None,
    strict: Strict = False,
    as_of: AsOf = None,
    audience: Audience = None,
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
    verbose: Verbose = False,
) -> None:
    """Check every file of every dossier: schemas, references, dates, completeness.

    Exit 1 when an error is found (or a warning, with --strict).
    """
    from hrddp_cli.render import Options
    from hrddp_cli.validate import validate_all

    module = session.chosen_format("validate", format, output)
    found, settings, seen_by = _prepare(paths, config, audience, output, verbose)
    report = validate_all(found, settings, session.as_of(as_of), seen_by)
    options = Options(color=session.use_color(color, output), strict=strict)
    session.emit(module.render(report, options), output)
    session.step_summary(module, report, options)
    _fail_if(["findings"] if report.errors or (strict and report.warnings) else [], quiet=True)


@app.command()
@_guarded
def status(
    paths: Paths = None,
    format: Annotated[str | None, format_option("status")] = None,
    as_of: AsOf = None,
    fail_on: FailOn = None,
    audience: Audience = None,
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
    verbose: Verbose = False,
) -> None:
    """Score risks inherent → residual and recommend, unit by unit: proceed … terminate.

    Exit 1 when a dossier cannot be scored (validation errors), or with --fail-on.
    """
    from hrddp_cli.render import Options
    from hrddp_cli.status import failing, portfolio_status

    module, threshold = session.chosen_format("status", format, output), session.outcome(fail_on)
    found, settings, seen_by = _prepare(paths, config, audience, output, verbose)
    report = portfolio_status(found, settings, session.as_of(as_of), seen_by)
    session.emit(module.render(report, Options(session.use_color(color, output), width=session.width(output))), output)
    _fail_if(f"{plain(d.id)}: {d.recommendation} ({why})" for d, why in failing(report, threshold))


@app.command()
@_guarded
def review(
    paths: Paths = None,
    base: Base = None,
    head: Head = None,
    format: Annotated[str | None, format_option("review")] = None,
    exit_code: ExitCode = False,
    as_of: AsOf = None,
    audience: Audience = None,
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
) -> None:
    """What changed since the last review, record by record, and whether it changes the recommendation."""
    from hrddp_cli.render import Options
    from hrddp_cli.review import Request
    from hrddp_cli.review import review as compare

    session.check_output(output)
    module = session.chosen_format("review", format, output)
    chooser = functools.partial(session.audience_for, audience, output)
    report = compare(Request(paths or ["."], base, head, session.as_of(as_of), chooser, config))
    session.said_settings(report.settings_file)
    session.emit(module.render(report, Options(session.use_color(color, output))), output)
    _fail_if(["changes"] if exit_code and report.changed else [], quiet=True)


@app.command()
@_guarded
def history(
    dossier: DossierArgument,
    format: Annotated[str | None, format_option("history")] = None,
    audience: Audience = None,
    output: Output = None,
    color: Color = "auto",
    config: ConfigOption = None,
) -> None:
    """The recommendation, unit measures and residual levels at every commit that touched DOSSIER."""
    from hrddp_cli.history import history as timeline
    from hrddp_cli.render import Options

    session.check_output(output)
    module = session.chosen_format("history", format, output)
    report = timeline(dossier, config, functools.partial(session.audience_for, audience, output))
    session.said_settings(report.settings_file)
    session.emit(module.render(report, Options(session.use_color(color, output))), output)


@app.command()
@_guarded
def brief(
    dossier: DossierArgument,
    format: Annotated[str | None, format_option("brief", default="md")] = None,
    audience: BriefAudience = None,
    since: Since = None,
    template: Template = None,
    as_of: AsOf = None,
    output: Output = None,
    config: ConfigOption = None,
) -> None:
    """A decision memo for one audience: the decision sought, the recommendation and why, what changed.

    Records above the audience are withheld; a memo that would show withheld text is refused (exit 1).
    """
    from hrddp_cli.brief import Request
    from hrddp_cli.render.brief import produce

    session.check_output(output)
    module = session.chosen_format("brief", format, output, default="markdown")
    chooser = functools.partial(session.brief_audience, audience, output)
    memo = produce(Request(dossier, session.as_of(as_of), chooser, since, config), module, output, template)
    session.emit(memo, output)


@app.command()
@_guarded
def rules(
    codes: Annotated[list[str] | None, typer.Argument(help="Codes to show (default: all).", metavar="CODE")] = None,
    format: Annotated[str | None, format_option("rules")] = None,
    output: Output = None,
    color: Color = "auto",
) -> None:
    """List every validation code, status rule and review flag with its rationale (or only CODE)."""
    from hrddp_cli.catalogue import entries_named
    from hrddp_cli.render import Options

    session.check_output(output)
    module = session.chosen_format("rules", format, output)
    session.emit(module.render(entries_named(codes), Options(color=session.use_color(color, output))), output)


@app.command()
@_guarded
def init(
    folder: Annotated[str, typer.Argument(help="Where to start the portfolio (default: here).", metavar="DIR")] = ".",
) -> None:
    """Start a portfolio: hrddp.yaml, dossiers/, a pre-commit hook, CI for GitHub and GitLab, the schemas.

    Overwrites nothing: if any of its files exists, nothing is written (exit 2).
    """
    from hrddp_cli import __version__
    from hrddp_cli.scaffold import init as start

    for path in start(Path(folder), __version__()):
        print(f"created {plain(str(path))}")
    print("next: hrddp new ID (in this folder), then hrddp validate", file=sys.stderr)


@app.command()
@_guarded
def new(
    identifier: Annotated[str, typer.Argument(help="The dossier's id (arc-police).", metavar="ID")],
    folder: Annotated[
        str | None, typer.Option("--in", help="The folder to make it in (default: the portfolio's dossiers/).")
    ] = None,
) -> None:
    """Start a dossier: its five files, valid from the start, with editor modelines and guidance."""
    from hrddp_cli.scaffold import new as start
    from hrddp_cli.scaffold import schemas_missing

    made = start(identifier, folder, session.as_of(None))
    for path in made:
        print(f"created {plain(str(path))}")
    if schemas_missing(made[0].parent):
        print("hrddp: for editors, export the schemas: hrddp schema export .hrddp/schemas", file=sys.stderr)


@app.command()
@_guarded
def add(
    kind: Annotated[str, typer.Argument(help="risk, mitigation, consultation or incident.", metavar="KIND")],
    dossier: DossierArgument,
    title: Annotated[str | None, typer.Option("--title", help="The new record's title.", metavar="TEXT")] = None,
    identifier: Annotated[str | None, typer.Option("--id", help="Its id (default: the next free one).")] = None,
    config: ConfigOption = None,
) -> None:
    """Append a record with the next free id and its required fields to fill in; comments are kept."""
    from hrddp_cli.add import add as append
    from hrddp_cli.config import load_settings

    settings = load_settings(config, [dossier])
    added = append(kind, dossier, title, identifier, settings.limits)
    print(f"added {added.id} at {plain(added.file)}:{added.line}")
    if added.relaid:
        print("hrddp: the file's indentation could not be kept exactly; check its diff", file=sys.stderr)
    print("hrddp: fill in the fields left empty; hrddp validate lists them", file=sys.stderr)


@schema_app.command("export")
@_guarded
def schema_export(
    folder: Annotated[str, typer.Argument(help="Where to write the schemas (created if missing).", metavar="DIR")],
) -> None:
    """Write the JSON Schemas of the five dossier files and of hrddp.yaml into DIR."""
    from hrddp_cli.schema import export

    for path in export(Path(folder)):
        print(f"wrote {path}", file=sys.stderr)


def _prepare(
    paths: list[str] | None, config: str | None, audience: str | None, output: str | None, verbose: bool
) -> tuple[Any, Any, str]:
    """The dossiers of the run, its settings, and the audience it prints for (--audience, else the default).

    The settings file and what discovery skipped are said on standard error: a pull request may
    add either, and the log should show it.
    """
    from hrddp_cli.config import load_settings
    from hrddp_cli.source import discover

    session.check_output(output)
    targets = paths or ["."]
    settings = load_settings(config, targets)
    found = discover(targets)
    session.said_settings(settings.file)
    for folder, why in found.skipped:
        if verbose or why == "a virtual environment":
            print(f"hrddp: skipped {plain(folder)} ({why})", file=sys.stderr)
    return found, settings, session.audience(audience, settings.analyst_audience, settings.ci_audience, output)


def _fail_if(reasons: Iterable[str], quiet: bool = False) -> None:
    """Exit 1 when there is a reason to, naming each on standard error (unless the output already says it)."""
    listed = list(reasons)
    for reason in listed if not quiet else []:
        print(f"hrddp: {reason}", file=sys.stderr)
    if listed:
        raise Failed()


def main() -> None:
    # Reading YAML makes millions of short-lived, acyclic objects, which the cyclic collector
    # would otherwise scan over and over (a fifth of a portfolio's run, measured): collect rarely.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    run(sys.argv[1:])


def run(arguments: list[str]) -> None:
    """Run hrddp with these arguments, as the ``hrddp`` command does (exits with the exit code)."""
    options = arguments[: arguments.index("--")] if "--" in arguments else arguments  # after --, paths
    if "--debug" in options:  # accepted anywhere before --, not only before the command
        arguments = list(arguments)
        arguments.remove("--debug")
        _state["debug"] = True
    _run(arguments)


def _run(arguments: list[str]) -> None:
    """Run the app; a usage error reads as every other error does, with where to look for help."""
    # typer may bring click or a copy of its own: take the exceptions from where typer's come from.
    clicks = sys.modules[typer.BadParameter.__module__]
    exits = tuple(found for found in (getattr(clicks, "Exit", None), typer.Exit) if found is not None)
    aborts = tuple(found for found in (getattr(clicks, "Abort", None), typer.Abort) if found is not None)
    try:
        app(args=arguments, prog_name="hrddp", standalone_mode=False)
    except clicks.UsageError as error:
        if type(error).__name__ == "NoArgsIsHelpError" and error.ctx is not None:
            print(error.ctx.get_help())
            raise SystemExit(0) from None
        command = error.ctx.command_path if error.ctx else "hrddp"
        print(f"hrddp: error: {error.format_message()} (see: {command} -h)", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    except clicks.ClickException as error:
        print(f"hrddp: error: {error.format_message()}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None
    except exits as done:
        raise SystemExit(getattr(done, "exit_code", 0)) from None
    except aborts:
        print("hrddp: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
