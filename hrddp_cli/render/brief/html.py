"""One self-contained HTML page (inline style and pictures, nothing fetched), printable on A4."""

from __future__ import annotations

import html

from hrddp_cli.brief import Memo
from hrddp_cli.render import Options
from hrddp_cli.render.brief import _jinja


def render(memo: Memo, options: Options) -> str:
    return _jinja.render("brief.html.j2", memo.data(), html=True, template=options.template)


def text(memo: Memo, rendered: str | bytes) -> str:
    """The page with its character references undone (markup kept: a value may stand in an attribute too)."""
    shown = rendered if isinstance(rendered, str) else rendered.decode("utf-8")
    return html.unescape(shown)
