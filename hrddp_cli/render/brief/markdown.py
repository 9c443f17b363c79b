"""Markdown, for a wiki, a pull request or an e-mail (the default)."""

from __future__ import annotations

import re

from hrddp_cli.brief import Memo
from hrddp_cli.render import Options
from hrddp_cli.render.brief import _jinja

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def render(memo: Memo, options: Options) -> str:
    return _jinja.render("brief.md.j2", memo.data(), html=False, template=options.template)


def text(memo: Memo, rendered: str | bytes) -> str:
    """The Markdown with its escapes undone: what a reader of the rendered page reads."""
    shown = rendered if isinstance(rendered, str) else rendered.decode("utf-8")
    return _ESCAPE.sub(r"\1", shown).replace("\u200b", "")
