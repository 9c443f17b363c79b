"""The decision memo's formats: each module renders :class:`hrddp_cli.brief.Memo` and says what a reader will read.

Besides ``render(memo, options)``, each format has ``text(memo, rendered)``: the memo's text as
its reader will see it (escaping undone), which ``hrddp brief`` scans for withheld values before
anything is written.
"""

from __future__ import annotations

import sys
from typing import Any

from hrddp_cli.brief import Invalid, Request, check, prepare
from hrddp_cli.errors import UsageError
from hrddp_cli.render import Options, renderer

BINARY = ("docx", "pdf")
TEMPLATED = ("markdown", "html")


def produce(request: Request, module: Any, output: str | None, template: str | None) -> str | bytes:
    """The memo ``request`` asks for, rendered by ``module`` and scanned for leaks; nothing is written here.

    A dossier with validation errors gets its errors on standard error and no memo (exit 1).
    """
    from hrddp_cli import __version__

    name = module.__name__.rsplit(".", 1)[-1]
    _check_output(output)
    if name in BINARY and output is None:
        raise UsageError(f"a {name} memo needs -o FILE (or -o - to write it to a pipe)")
    if template is not None and name not in TEMPLATED:
        raise UsageError(f"--template applies to md and html memos, not {name}")
    try:
        memo = prepare(request, __version__())
    except Invalid as invalid:
        sys.stderr.write(str(renderer("validate", "text").render(invalid.report, Options())))
        raise
    rendered: str | bytes = module.render(memo, Options(template=template))
    check(memo, module.text(memo, rendered))
    return rendered


def _check_output(output: str | None) -> None:
    """Refuse an output a memo should not go to: a dossier's own YAML, or a suffix that names another format."""
    if output is None or output == "-":
        return
    from pathlib import PurePath

    suffix = PurePath(output).suffix.lower()
    if suffix in (".yaml", ".yml"):
        raise UsageError(f"-o {output}: a memo is not written over YAML (a dossier's files are YAML)")
    if suffix and suffix not in (".md", ".markdown", ".html", ".docx", ".pdf"):
        raise UsageError(f"-o {output}: {suffix} is not a memo's suffix; use .md, .html, .docx or .pdf")
