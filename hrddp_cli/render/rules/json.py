"""Every code as JSON: ``{"version": 1, "rules": [...]}`` (cli.md, hrddp rules)."""

from __future__ import annotations

from hrddp_cli.catalogue import as_json
from hrddp_cli.registry import Entry
from hrddp_cli.render import Options
from hrddp_cli.render.jsontext import pretty


def render(rules: list[Entry], options: Options) -> str:
    return pretty({"version": 1, "rules": [as_json(r) for r in rules]})
