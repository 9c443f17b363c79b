"""``hrddp add``: one new record appended to a dossier file, edited in place with every comment kept.

This is where ruamel.yaml's round-trip mode earns its place (reading stays on the fast reader):
the file is loaded with its comments, quotes and blank lines, the record is appended, and the
file is written back atomically; a diff shows only the new record. The record has its required
fields and nothing guessed: each value the analyst must write is left empty (``null``) with a
comment saying what to write, so that ``hrddp validate`` asks for each until it is filled.

The id is the next one above every id the file has ever had in git history (ids are never
reused: a closed record's id still means that record), or above those in the file outside git.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from hrddp_cli.atomic import write_atomic
from hrddp_cli.config import Limits
from hrddp_cli.errors import HrddpError, UsageError
from hrddp_cli.load import load_bytes
from hrddp_cli.schema import deref, schema
from hrddp_cli.source import discover
from hrddp_cli.visible import plain

KINDS = {"risk": ("risks", "R"), "mitigation": ("mitigations", "M"), "consultation": ("consultations", "C"),
         "incident": ("incidents", "I")}  # fmt: skip
# Indentation styles tried, most common first: the one that writes the file back unchanged is kept.
_STYLES = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 4, 0), (4, 2, 0))


class Added(NamedTuple):
    id: str
    file: str
    line: int
    relaid: bool  # the file's layout could not be kept exactly (another indentation)


class Unreadable(HrddpError):
    """The file does not read as YAML: it is left untouched (exit 1)."""

    exit_code = 1


def add(kind: str, dossier: str, title: str | None, identifier: str | None, limits: Limits) -> Added:
    """Append a new ``kind`` record to the dossier at ``dossier``; where it went."""
    if kind not in KINDS:
        raise UsageError(f"hrddp add takes risk, mitigation, consultation or incident, not {plain(kind)}")
    plural, letter = KINDS[kind]
    if title is not None and kind == "consultation":
        raise UsageError("a consultation has no title: what was heard goes in its findings (leave out --title)")
    found = discover([dossier]).dossiers
    if len(found) != 1:
        raise UsageError(f"{plain(dossier)} holds {len(found)} dossiers: add takes one dossier folder")
    path = Path(found[0].path(plural))
    text = _read(path, plural, limits)
    record_id = identifier or _next_id(path, letter, text)
    if identifier is not None and not re.fullmatch(rf"{letter}-\d{{3,}}", identifier):
        raise UsageError(f"--id {plain(identifier)}: a {kind} id is {letter}- and at least three digits ({letter}-012)")
    if re.search(rf"(?m)^\s*-?\s*id:\s*['\"]?{re.escape(record_id)}['\"]?\s*$", text):
        raise UsageError(f"{plain(str(path))} already has {record_id}: ids are never reused")
    written, relaid = _appended(text, plural, _record(plural, record_id, title))
    write_atomic(path, written)
    line = next(n for n, row in enumerate(written.splitlines(), 1) if re.search(rf"\bid: {record_id}\b", row))
    return Added(record_id, str(path), line, relaid)


def _read(path: Path, plural: str, limits: Limits) -> str:
    """The file's text, when it reads cleanly with hrddp's own reader (so nothing is written over a broken file)."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{plain(str(path))} does not exist: hrddp new makes a dossier's files") from None
    loaded = load_bytes(content, max_bytes=limits.max_file_bytes, max_depth=limits.max_depth)
    if loaded.document is None or loaded.problems:
        problem = loaded.problems[0] if loaded.problems else None
        where = f":{problem.position[0]}:{problem.position[1]}" if problem and problem.position else ""
        said = problem.message if problem else "it does not read"
        raise Unreadable(f"{plain(str(path))}{where}: {said}; fix it first (nothing was written)")
    if not isinstance(loaded.document.data, dict) or not isinstance(loaded.document.data.get(plural), list):
        raise Unreadable(f"{plain(str(path))} holds no {plural} list; write '{plural}: []' first (nothing was written)")
    return content.decode("utf-8")


def _next_id(path: Path, letter: str, text: str) -> str:
    """One above every ``letter``-number the file holds now or held at any commit."""
    seen = [int(n) for n in re.findall(rf"\b{letter}-(\d+)\b", text)]
    for version in _history(path):
        seen += [int(n) for n in re.findall(rf"\b{letter}-(\d+)\b", version)]
    return f"{letter}-{max(seen, default=0) + 1:03d}"


def _history(path: Path) -> list[str]:
    """Every committed version of the file (none outside git, or where git cannot be asked)."""
    try:
        from hrddp_cli.git import Repository

        repository = Repository.open(os.path.dirname(str(path)) or ".")
        inside = repository.repo_path(os.path.basename(path))
        head = repository.head()
    except UsageError:
        return []
    if inside is None or head is None:
        return []
    versions = []
    for commit, names in repository.log([inside], head, follow=True):
        tree = repository.tree(commit.sha)
        content = tree.read(repository.user_path(names[0] if names else inside), 16 << 20)
        if isinstance(content, bytes):
            versions.append(content.decode("utf-8", "replace"))
    return versions


def _record(plural: str, record_id: str, title: str | None) -> Any:
    """The new record: its id, the title if given, every other required field empty with what to write."""
    from ruamel.yaml.comments import CommentedMap

    items = deref(schema(plural), schema(plural)["properties"][plural]["items"])
    record = CommentedMap()
    record["id"] = record_id
    for key in items.get("required", []):
        if key == "id":
            continue
        record[key] = title if key == "title" and title else None
        if record[key] is None:
            record.yaml_add_eol_comment(_guidance(plural, items["properties"][key]), key)
    return record


def _guidance(plural: str, node: dict[str, Any]) -> str:
    """What to write in a field: its title, and its choices when it has a few."""
    node = deref(schema(plural), node)
    said = str(node.get("title") or "write this")
    item = deref(schema(plural), node.get("items", {}))
    choices = node.get("enum") or item.get("enum")
    if item.get("properties"):
        said += ": a list of {" + ", ".join(item.get("required") or list(item["properties"])[:3]) + "}"
    elif node.get("properties"):
        said += ": {" + ", ".join(node.get("required") or list(node["properties"])[:3]) + "}"
    elif str(node.get("pattern", "")).startswith("^\\d{4}") or node.get("format") == "date":
        said += ": YYYY-MM-DD"
    elif choices and len(choices) <= 20:
        said += ": " + ", ".join(str(c) for c in choices)
    elif node.get("type") == "boolean":
        said += ": true or false"
    elif node.get("type") == "integer" and "minimum" in node:
        said += f": {node['minimum']} to {node.get('maximum', '…')}"
    return "# " + said


def _appended(text: str, plural: str, record: Any) -> tuple[str, bool]:
    """The file with ``record`` appended to its list, laid out as the file already is where that can be kept."""
    from ruamel.yaml import YAML

    chosen = None
    for mapping, sequence, offset in _STYLES:
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        data = yaml.load(text)
        out = io.StringIO()
        yaml.dump(data, out)
        if out.getvalue() == text:
            chosen = yaml
            break
    relaid = chosen is None
    if chosen is None:
        chosen = YAML()
        chosen.preserve_quotes, chosen.width = True, 4096
        chosen.indent(mapping=2, sequence=4, offset=2)
    data = chosen.load(text)
    records = data[plural]
    records.fa.set_block_style()  # `risks: []` becomes a block list
    records.append(record)
    out = io.StringIO()
    chosen.dump(data, out)
    return out.getvalue(), relaid
