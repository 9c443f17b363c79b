"""The Jinja2 environments of the memo's text formats: strict, escaped, and sandboxed for a user's template.

Values are data: HTML is autoescaped everywhere, Markdown goes through the ``md`` and ``cell``
filters, and a missing value is an error (``StrictUndefined``), never the word "None". Template
syntax inside dossier text is printed as it is, since Jinja2 never evaluates its values. A
user's ``--template`` runs in Jinja2's immutable sandbox with the same data (the memo as the
audience may read it) and nothing else: no file, no attribute of hrddp's objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hrddp_cli.errors import UsageError
from hrddp_cli.render import _markdown
from hrddp_cli.resources import data_dir
from hrddp_cli.visible import plain


def render(name: str, data: dict[str, Any], html: bool, template: str | None) -> str:
    """The built-in template ``name`` (or the user's file ``template``) rendered with ``data``."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    options: dict[str, Any] = {
        "autoescape": html,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if template is None:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(data_dir("templates")), **options)
    else:
        environment = ImmutableSandboxedEnvironment(**options)
    environment.filters["md"] = lambda value: _markdown.escape(str(value))
    environment.filters["cell"] = lambda value: _markdown.cell(str(value))
    if html:
        data = _pictures(data)
    try:
        chosen = environment.get_template(name) if template is None else environment.from_string(_read(template))
        return chosen.render(**data)
    except jinja2.TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        source = plain(template) if template else name
        raise UsageError(f"the template {source} cannot be rendered{where}: {plain(str(error))}") from None


def _pictures(data: dict[str, Any]) -> dict[str, Any]:
    """The data with hrddp's own drawings marked as markup; every other value stays text to escape."""
    from markupsafe import Markup

    sections = []
    for section in data["sections"]:
        blocks = [{**b, "svg": Markup(b["svg"])} if "svg" in b else b for b in section["blocks"]]
        sections.append({**section, "blocks": blocks})
    return {**data, "sections": sections}


def _read(template: str) -> str:
    try:
        return Path(template).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the template {plain(template)}: {error}") from None
