"""The options the commands share, as typer annotations: one place for each flag's name, help and metavar."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from hrddp_cli.render import format_help


def format_option(command: str, default: str = "text") -> Any:
    return typer.Option(
        "--format",
        "-f",
        help=f"{format_help(command)} Default: {default}, or what -o FILE's suffix names.",
        metavar="FORMAT",
    )


Paths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Dossier folders, folders above dossiers, or files of a dossier (default: .).",
        show_default=False,
        metavar="PATH",
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
    str | None,
    typer.Option(
        "--audience",
        help="What may be shown: public, internal, confidential or strictly_confidential "
        "(default: confidential on your terminal, internal in CI and pipes).",
        metavar="MARKING",
        show_default=False,
    ),
]


FailOn = Annotated[
    str | None,
    typer.Option("--fail-on", help="Exit 1 when a recommendation is at or above this outcome.", metavar="OUTCOME"),
]
Strict = Annotated[bool, typer.Option("--strict", help="Warnings fail too.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Say which folders discovery skipped, and why.")]
Base = Annotated[
    str | None,
    typer.Option("--base", help="Compare with this revision (default: each dossier's previous review).", metavar="REV"),
]
Head = Annotated[
    str | None, typer.Option("--head", help="Compare this revision (default: the working tree).", metavar="REV")
]
ExitCode = Annotated[bool, typer.Option("--exit-code", help="Exit 1 when anything changed.")]
BriefAudience = Annotated[
    str | None,
    typer.Option(
        "--audience",
        help="Who will read it: public, internal, confidential or strictly_confidential (default: internal).",
        metavar="MARKING",
        show_default=False,
    ),
]
Since = Annotated[
    str | None,
    typer.Option("--since", help="Changes since this revision (default: the previous review).", metavar="REV"),
]
Template = Annotated[
    str | None,
    typer.Option("--template", help="Your own Jinja2 template (md and html), run in a sandbox.", metavar="FILE"),
]
DossierArgument = Annotated[str, typer.Argument(help="The dossier's folder.", metavar="DOSSIER")]
