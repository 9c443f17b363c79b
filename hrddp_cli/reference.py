"""docs/fields.md: every field of every file, generated from the schemas' titles and descriptions.

The schemas are the one source of what a field is; this page is how a person reads them. A test
fails while the page is stale (``python -m hrddp_cli.catalogue`` rewrites it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hrddp_cli.schema import deref, schema

FILES = ("context", "risks", "consultations", "mitigations", "incidents", "config")
_TYPES = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true/false"}


def fields_page() -> str:
    out = [
        "# Fields",
        "",
        "Generated from the JSON Schemas by `python -m hrddp_cli.catalogue`; do not edit by hand.",
        "The conventions every file follows are in [format.md](format.md). *required* marks what",
        "must be written; everything else may be left out (a missing boolean is false, a missing",
        "list empty). Keys starting with `x_` are free for local extensions everywhere.",
        "",
    ]
    for kind in FILES:
        root = schema(kind)
        name = "hrddp.yaml" if kind == "config" else f"{kind}.yaml"
        out += [f"## {name}", "", _cell(str(root.get("description", ""))), ""]
        out += ["| field | type | values | what it is |", "|---|---|---|---|"]
        for path, node, required in _walk(root, root, "", frozenset(root.get("required", []))):
            if kind == "config" and path.count(".") > 2:  # the per-code settings: one row says them
                continue
            what = _cell(f"{node.get('title', '')}: {node.get('description', '')}".strip(": "))
            mark = " *(required)*" if required else ""
            out.append(f"| `{path}`{mark} | {_type(root, node)} | {_values(root, node)} | {what} |")
        out.append("")
    return "\n".join(out)


def _walk(root: dict[str, Any], node: Any, prefix: str, required: frozenset[str]) -> Iterator[tuple[str, Any, bool]]:
    node = deref(root, node)
    for key, child in node.get("properties", {}).items():
        child = deref(root, child)
        path = f"{prefix}{key}"
        yield path, child, key in required
        if child.get("type") == "object":
            yield from _walk(root, child, f"{path}.", frozenset(child.get("required", [])))
        elif child.get("type") == "array":
            items = deref(root, child.get("items", {}))
            if items.get("type") == "object":
                yield from _walk(root, items, f"{path}[].", frozenset(items.get("required", [])))


def _type(root: dict[str, Any], node: dict[str, Any]) -> str:
    kind = node.get("type")
    if kind == "array":
        items = deref(root, node.get("items", {}))
        inner = "records" if items.get("type") == "object" else _TYPES.get(items.get("type", ""), "values")
        return f"list of {inner}"
    if kind == "object":
        return "mapping"
    if "anyOf" in node or "oneOf" in node:
        return "text or number"
    return _TYPES.get(str(kind), "value")


def _values(root: dict[str, Any], node: dict[str, Any]) -> str:
    source = deref(root, node.get("items", {})) if node.get("type") == "array" else node
    if "enum" in source:
        return ", ".join(f"`{value}`" for value in source["enum"])
    if "minimum" in source or "maximum" in source:
        return f"{source.get('minimum', '…')}–{source.get('maximum', '…')}"
    if "pattern" in source:
        return f"`{_cell(source['pattern'])}`"
    return ""


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())
