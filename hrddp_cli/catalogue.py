"""Everything generated from the registry of codes: ``hrddp rules`` and the schema of ``hrddp.yaml``.

``python -m hrddp_cli.catalogue`` rewrites ``schemas/config.schema.json`` from the registry (a
test fails while it is stale), so that a code added to the registry is configurable, and a code
that is not there is an error in ``hrddp.yaml``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from hrddp_cli.registry import Entry

TITLES = {"validation": "Validation codes", "status": "Status rules", "review": "Review flags"}


def all_entries() -> list[Entry]:
    """Every code: validation checks in code order, status rules in evaluation order, then review flags."""
    from hrddp_cli.checks import all_checks
    from hrddp_cli.flags import all_flags
    from hrddp_cli.rules import all_rules

    return [*all_checks().values(), *all_rules().values(), *all_flags().values()]


def entries_named(codes: list[str] | None) -> list[Entry]:
    """The entries of ``codes`` (every entry when None); an unknown code is a usage error naming the close ones."""
    entries = all_entries()
    if not codes:
        return entries
    by_code = {entry.code.lower(): entry for entry in entries}
    chosen = []
    for code in codes:
        if code.lower() not in by_code:
            import difflib

            from hrddp_cli.errors import UsageError

            close = difflib.get_close_matches(code.upper(), [e.code for e in entries], n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(close)}?" if close else "; hrddp rules lists them all"
            raise UsageError(f"no code {code}{hint}")
        chosen.append(by_code[code.lower()])
    return chosen


def as_json(entry: Entry) -> dict[str, object]:
    """One code as ``hrddp rules --format json`` lists it."""
    described: dict[str, object] = {"code": entry.code, "kind": entry.kind}
    if entry.kind == "status":
        described["floor"] = entry.floor
    else:
        described["severity"] = entry.severity
    described.update(summary=entry.summary, rationale=entry.rationale, source=entry.citation)
    return described


def config_schema(base: dict[str, Any]) -> dict[str, Any]:
    """``base`` (the shipped config schema) with its per-code sections generated from the registry."""
    from hrddp_cli.methodology import LADDER

    entries = all_entries()
    schema: dict[str, Any] = json.loads(json.dumps(base))
    floor = {"type": "string", "enum": list(LADDER)}
    severity = {"type": "string", "enum": ["error", "warning"]}
    rules = schema["properties"]["methodology"]["properties"]["rules"]
    rules["properties"] = {e.code: _setting(e, "rule", "floor", floor) for e in entries if e.kind == "status"}
    checks = schema["properties"]["checks"]
    checks["properties"] = {
        e.code: _setting(e, "check", "severity", severity) for e in entries if e.kind == "validation"
    }
    return schema


_WHAT = {
    "floor": "The recommendation this rule sets at the least when it fires.",
    "severity": "error or warning, instead of the check's own severity.",
}
_KIND_WORDS = {"rule": "status rule", "check": "validation check"}


def _setting(entry: Entry, noun: str, option: str, values: dict[str, Any]) -> dict[str, Any]:
    setting: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "title": f"{noun.capitalize()} {entry.code}",
        "description": f"Settings of {_KIND_WORDS[noun]} {entry.code}: {entry.summary}",
        "properties": {
            "enabled": {"type": "boolean", "title": "Enabled", "description": f"false turns the {noun} off."},
            option: {**values, "title": option.capitalize(), "description": _WHAT[option]},
        },
    }
    if entry.fixed:
        setting["x-hrddp-fixed"] = entry.fixed
    if entry.floors:
        setting["x-hrddp-floors"] = list(entry.floors)
    return setting


def config_schema_text() -> str:
    """The text ``schemas/config.schema.json`` must hold."""
    from hrddp_cli.schema import schema

    return json.dumps(config_schema(schema("config")), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m hrddp_cli.catalogue: regenerate what comes from the registry
    from pathlib import Path

    from hrddp_cli import schema as schemas
    from hrddp_cli.reference import fields_page
    from hrddp_cli.resources import data_dir

    target = data_dir("schemas") / "config.schema.json"
    target.write_text(config_schema_text(), encoding="utf-8")
    schemas.schema_text.cache_clear()  # the page below reads the schema just written
    schemas.schema.cache_clear()
    fields = Path(__file__).resolve().parent.parent / "docs" / "fields.md"
    fields.write_text(fields_page(), encoding="utf-8")
    print(f"wrote {target} and {fields}", file=sys.stderr)
