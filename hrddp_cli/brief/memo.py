"""The memo as data: sections of blocks, built only from what the audience may see.

Every value placed here comes from :class:`hrddp_cli.view.DossierView` (a record's projected
data, sensitive fields gone) or from the status explained for the audience; nothing else of the
dossier is read. The renderers lay these blocks out (``render/brief/<format>.py``); a user's
template gets the same data and nothing more. Blocks are plain dicts, so that they go as they
are to Jinja2, to Word and, as JSON, to the PDF engine:

- ``{"type": "paragraph", "text"}`` and ``{"type": "note", "text"}`` (a remark, set apart);
- ``{"type": "fields", "rows": [[label, value]]}``;
- ``{"type": "table", "header": [...], "rows": [[...]]}``;
- ``{"type": "list", "items": [...]}``;
- ``{"type": "matrix", "cells": rows of cells, "svg"}`` and ``{"type": "picture", "svg", "alt"}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hrddp_cli import markings
from hrddp_cli.brief import registers, sections
from hrddp_cli.brief.leaks import Needle, withheld_texts
from hrddp_cli.config import Settings
from hrddp_cli.explain import DossierStatus
from hrddp_cli.model import Dossier
from hrddp_cli.view import DossierView, counted_records, without_ids

SECTIONS = (  # (key, title, the function that makes its blocks), in the memo's order
    ("decision", "Decision sought", sections.decision),
    ("recommendation", "Recommendation", sections.recommendation),
    ("recipient", "The recipient", sections.recipient),
    ("risks", "Risks", registers.risks),
    ("timeline", "Status over time", sections.timeline),
    ("changes", "Changes since the last review", sections.changes),
    ("incidents", "Incidents and the EU's response", registers.incidents),
    ("mitigations", "Mitigations and conditions", registers.mitigations),
    ("consultations", "Consultations and what they changed", registers.consultations),
    ("criteria", "Suspension criteria and the next review", sections.criteria),
    ("annex", "Annex: every rule that fired", sections.annex),
)


@dataclass(slots=True)
class Provenance:
    """Where the memo comes from: the commit, whether the dossier had uncommitted edits, and why not known."""

    commit: str | None = None
    dirty: bool | None = None
    note: str | None = None  # e.g. "not in a git repository"


@dataclass(slots=True)
class Facts:
    """What a memo is made of: the dossier, its status for the audience, and what git adds."""

    dossier: Dossier
    status: DossierStatus
    settings: Settings
    as_of: dt.date
    audience: str
    provenance: Provenance = field(default_factory=Provenance)
    changes: Any = None  # the DossierReview since the last review, or a str saying why there is none
    timeline: Any = None  # the HistoryReport with its picture, or a str saying why there is none
    timeline_svg: str | None = None
    since: str | None = None  # the revision given with --since
    view: DossierView = field(init=False)  # what the audience may see, decided once for every section

    def __post_init__(self) -> None:
        self.view = DossierView(self.dossier, self.audience)

    def context(self) -> dict[str, Any] | None:
        """The context's data as the audience may see it; None when the context is withheld."""
        context = self.dossier.context
        if not markings.visible(context.marking, self.audience):
            return None
        shown = markings.projected("context", (), context.data, self.audience)
        return shown if isinstance(shown, dict) else {}


@dataclass(slots=True)
class Memo:
    meta: dict[str, Any]
    sections: list[dict[str, Any]]
    needles: list[Needle]  # the withheld text the leak scan looks for; never rendered

    def data(self) -> dict[str, Any]:
        """What templates and engines are given: the metadata and the sections, nothing withheld."""
        return {"meta": self.meta, "sections": self.sections}


def build(facts: Facts, version: str) -> Memo:
    """The memo of ``facts``, for their audience."""
    built = []
    for key, title, make in SECTIONS:
        blocks = make(facts)
        built.append({"key": key, "title": title, "blocks": blocks})
    hidden = facts.view.withheld_ids()
    meta = _without_ids(_meta(facts, version), hidden)
    return Memo(meta, _without_ids(built, hidden), withheld_texts(facts.dossier, facts.audience))


def _without_ids(value: Any, hidden: set[str]) -> Any:
    """``value`` with withheld ids in text replaced (the pictures are drawn from the view already)."""
    if isinstance(value, dict):
        return {key: item if key == "svg" else _without_ids(item, hidden) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_ids(item, hidden) for item in value]
    return without_ids(value, hidden)


def _meta(facts: Facts, version: str) -> dict[str, Any]:
    context = facts.context()
    withheld = facts.view.withheld_counts()
    counts = [counted_records(file, number) for file, number in sorted(withheld.items())]
    provenance = facts.provenance
    methodology = facts.settings.methodology
    return {
        "dossier": facts.dossier.id,
        "title": context.get("title", "") if context is not None else "title withheld",
        "audience": facts.audience,
        "marking": facts.audience.replace("_", " ").upper(),
        "as_of": facts.as_of.isoformat(),
        "methodology": f"version {methodology.version} ({methodology.defined_in})",
        "hrddp": version,
        "commit": provenance.commit,
        "dirty": provenance.dirty,
        "source": _source(provenance),
        "withheld": withheld,
        "withheld_text": (", ".join(counts) + " withheld at this audience") if counts else "nothing withheld",
        "recommendation": facts.status.recommendation,
    }


def _source(provenance: Provenance) -> str:
    if provenance.commit is None:
        return provenance.note or "not in git"
    edits = " with uncommitted changes to the dossier" if provenance.dirty else ""
    return f"commit {provenance.commit[:12]}{edits}"
