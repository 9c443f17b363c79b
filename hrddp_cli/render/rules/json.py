"""Every code as JSON: ``{"version": 1, "rules": [...]}`` (cli.md, hrddp rules)."""

from __future__ import annotations

import json

from hrddp_cli.catalogue import RuleDoc
from hrddp_cli.render import Options


def render(rules: list[RuleDoc], options: Options) -> str:
    return json.dumps({"version": 1, "rules": [r.as_json() for r in rules]}, indent=2, ensure_ascii=False) + "\n"
