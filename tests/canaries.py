"""The sample dossier marked and tagged for the confidentiality tests: one helper for every format's canaries.

:func:`marked` gives the sample with a marking per record (drawn in turn; None leaves the
record's default) and a canary in every record's title (a consultation's findings) and in every
sensitive field, and says what each canary's effective marking is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from hrddp_cli.markings import rank
from tests.conftest import SAMPLE, read_yaml

KINDS = ("risks", "mitigations", "consultations", "incidents")
SENSITIVE = {  # kind → (list of mappings inside a record, the sensitive key of each)
    "risks": ("evidence", "source"),
    "consultations": ("participants", "name"),
    "incidents": ("sources", "ref"),
}


class Canary(NamedTuple):
    record: str
    marking: str  # the record's effective marking
    sensitive: bool


def sample() -> dict[str, Any]:
    return {kind: read_yaml(SAMPLE / f"{kind}.yaml") for kind in ("context", *KINDS)}


def marked(
    context_marking: str | None, drawn: Iterable[str | None], tag: str = ""
) -> tuple[dict[str, Any], dict[str, Canary]]:
    """(the sample's files as data, canary text → what it stands in): ``CANARYR001{tag}``, ``CANARYR001S{tag}0``."""
    data = sample()
    data["context"].pop("confidentiality", None)
    if context_marking is not None:
        data["context"]["confidentiality"] = context_marking
    context = context_marking or "internal"
    canaries: dict[str, Canary] = {}
    markings = iter(drawn)
    for kind in KINDS:
        for record in data[kind][kind]:
            own = next(markings)
            record.pop("confidentiality", None)
            if own is not None:
                record["confidentiality"] = own
            default = max(context, "confidential", key=rank) if kind == "incidents" else context
            effective = own or default
            stem = f"CANARY{record['id'].replace('-', '')}"
            record["findings" if kind == "consultations" else "title"] = f"{stem}{tag}"
            canaries[f"{stem}{tag}"] = Canary(record["id"], effective, False)
            if kind in SENSITIVE:
                key, field = SENSITIVE[kind]
                for index, item in enumerate(record.get(key, [])):
                    item[field] = f"{stem}S{tag}{index}"
                    canaries[item[field]] = Canary(record["id"], effective, True)
    return data, canaries


def write(folder: Path, data: dict[str, Any]) -> None:
    """The files of ``data`` written into ``folder`` (made when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, document in data.items():
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")


def records() -> int:
    """How many records the sample has (the number of markings :func:`marked` draws)."""
    data = sample()
    return sum(len(data[kind][kind]) for kind in KINDS)
