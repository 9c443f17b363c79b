"""What one invocation needs besides its options: today, the audience, colour, and where output goes.

The environment is input too, and read here only: the terminal, ``CI``, ``NO_COLOR`` and
``$GITHUB_STEP_SUMMARY``. Nothing here imports typer; ``cli.py`` calls these with the values of
its options.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from hrddp_cli.errors import UsageError
from hrddp_cli.render import Renderer, formats, renderer

# The format an output file's suffix asks for when --format is not given, per command.
_SUFFIXES = {
    ".json": "json",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".svg": "svg",
}


def as_of(text: str | None) -> dt.date:
    """The as-of date: --as-of, else the machine's local date."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of must be a real date written YYYY-MM-DD, not '{text}'") from None


def outcome(text: str | None) -> str | None:
    from hrddp_cli.methodology import LADDER

    if text is not None and text not in LADDER:
        raise UsageError(f"--fail-on must be one of: {', '.join(LADDER)}; not '{text}'")
    return text


def on_own_screen(output: str | None) -> bool:
    """Whether the output goes to the analyst's own terminal: not CI (``CI`` unset, empty, 0 or
    false), not piped, not written to a file (a file is shared more easily than a screen)."""
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false")
    return not in_ci and _to_stdout(output) and sys.stdout.isatty()


def audience(text: str | None, analyst: str, ci: str, output: str | None = None) -> str:
    """``--audience`` when given; else the analyst's default on their own screen, the CI default elsewhere."""
    from hrddp_cli.markings import MARKINGS

    if text is None:
        return analyst if on_own_screen(output) else ci
    if text not in MARKINGS:
        raise UsageError(f"--audience must be one of: {', '.join(MARKINGS)}; not '{text}'")
    return text


def audience_for(given: str | None, output: str | None, settings: Any) -> str:
    """--audience, else the settings' default for where the command runs (a terminal, or CI and files)."""
    return audience(given, settings.analyst_audience, settings.ci_audience, output)


def brief_audience(given: str | None, output: str | None, settings: Any) -> str:
    """--audience, else internal: a memo travels, so the settings may lower that default, never raise it."""
    from hrddp_cli.markings import rank

    if given is not None:
        return audience_for(given, output, settings)
    return min("internal", audience_for(None, output, settings), key=rank)


def said_settings(file: str | None) -> None:
    """Name the settings file in use on standard error: a pull request may add one, and the log should show it."""
    if file:
        from hrddp_cli.visible import plain

        print(f"hrddp: settings from {plain(file)}", file=sys.stderr)


def chosen_format(command: str, name: str | None, output: str | None, default: str = "text") -> Renderer:
    """The renderer of ``--format``, else the one ``-o FILE``'s suffix names, else ``default``."""
    if name is None and output and output != "-":
        suffix = _SUFFIXES.get(Path(output).suffix.lower())
        if suffix in formats(command):
            name = suffix
    return renderer(command, name or default)


def width(output: str | None) -> int | None:
    """The terminal's width when writing to one; None (a fixed width) otherwise."""
    if _to_stdout(output) and sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def use_color(choice: str, output: str | None) -> bool:
    if choice not in ("auto", "always", "never"):
        raise UsageError(f"--color must be auto, always or never, not '{choice}'")
    if choice == "always":
        return True
    if choice == "never" or not _to_stdout(output) or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(content: str | bytes, output: str | None) -> None:
    """Write the output to standard output, or atomically to ``output`` (``-`` is standard output)."""
    if _to_stdout(output):
        try:
            if isinstance(content, bytes):
                sys.stdout.buffer.write(content)
            else:
                sys.stdout.write(content)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise UsageError(f"cannot write to standard output: {error.strerror or error}") from None
        return
    from hrddp_cli.atomic import write_atomic

    assert output is not None
    write_atomic(Path(output), content)


def check_output(output: str | None) -> None:
    """Refuse an output name that names nothing, before any work is done."""
    if output is not None and not output.strip():
        raise UsageError("-o/--output needs a file name (or - for standard output)")


def step_summary(module: Any, report: Any, options: Any) -> None:
    """Append the format's job summary to ``$GITHUB_STEP_SUMMARY`` when it is set and the format has one.

    A summary file that cannot be written is the environment's problem, not the dossiers': a
    warning, and the exit code stays what the findings make it.
    """
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file or not hasattr(module, "step_summary"):
        return
    try:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(module.step_summary(report, options))
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        print(f"hrddp: warning: cannot write the job summary to $GITHUB_STEP_SUMMARY: {reason}", file=sys.stderr)


def _to_stdout(output: str | None) -> bool:
    return output is None or output == "-"
