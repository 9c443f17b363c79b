"""Every code with its summary and rationale, for reading in a terminal (the default)."""

from __future__ import annotations

import textwrap

from hrddp_cli.catalogue import TITLES
from hrddp_cli.registry import Entry
from hrddp_cli.render import Options
from hrddp_cli.render.style import Style


def render(rules: list[Entry], options: Options) -> str:
    style = Style(options.color)
    out = []
    kind = None
    for rule in rules:
        if rule.kind != kind:
            kind = rule.kind
            out.append(style(TITLES[kind], "bold"))
            out.append("")
        level = rule.severity if rule.kind != "status" else f"floor {rule.floor or '-'}"
        out.append(f"{style(rule.code, 'bold')}  {style(str(level), 'dim')}  {rule.summary}")
        if rule.rationale:
            out += textwrap.wrap(rule.rationale, width=88, initial_indent="    ", subsequent_indent="    ")
        out.append(f"    {style('source: ' + rule.citation, 'dim')}")
        out.append("")
    return "\n".join(out)
