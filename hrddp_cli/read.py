"""Reading a dossier: its five files from a source → documents, problems and the model.

Reading is apart from checking: :func:`read_dossier` loads each file, checks it against its
schema and builds the model when every file reads and matches (HRD001–HRD003, HRD010, HRD101);
validation's checks, and the locating of findings, run after it, for the commands that need
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from hrddp_cli import markings, schema
from hrddp_cli.build import build_dossier
from hrddp_cli.config import Limits
from hrddp_cli.findings import Position, Problem
from hrddp_cli.load import Document, LoadResult, load_bytes, refused, too_large
from hrddp_cli.model import Dossier
from hrddp_cli.source import KINDS, DossierSource, NotReadable, TooLarge

_DOSSIER_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,62}\Z")


@dataclass(slots=True)
class DossierRead:
    """One dossier as read: its documents, what reading found, and the model when it could be built."""

    source: DossierSource
    documents: dict[str, Document]
    problems: list[tuple[str, Problem]]  # (kind of file, problem)
    files: list[str]  # the files present, as displayed
    dossier: Dossier | None

    @property
    def id(self) -> str:
        """The context's id when it is a well-formed id (free text is never printed as one), else the folder's name."""
        context = self.documents.get("context")
        identifier = context.data.get("id") if context is not None else None
        if isinstance(identifier, str) and _DOSSIER_ID.match(identifier):
            return identifier
        return self.source.name

    @property
    def declared(self) -> tuple[str, Position] | None:
        """The context's id and where it is written, for the portfolio's check that ids are unique (HRD022)."""
        context = self.documents.get("context")
        identifier = context.data.get("id") if context is not None else None
        if context is None or not isinstance(identifier, str):
            return None
        return identifier, context.locate(("id",))

    @property
    def context_marking(self) -> str:
        context = self.documents.get("context")
        return markings.context_marking(context.data if context is not None else None)


def shared_ids(declared: list[tuple[DossierSource, tuple[str, Position] | None]]) -> dict[str, list[DossierSource]]:
    """The ids two or more dossiers of one run declare, with the dossiers that declare each (HRD022)."""
    holders: dict[str, list[DossierSource]] = {}
    for source, found in declared:
        if found is not None:
            holders.setdefault(found[0], []).append(source)
    return {identifier: sources for identifier, sources in holders.items() if len(sources) > 1}


Parsed = tuple[Document | None, list[Problem]]  # a file as read and schema-checked: the same for the same bytes


def read_dossier(source: DossierSource, limits: Limits, cache: dict[str, Parsed] | None = None) -> DossierRead:
    """Read, schema-check and (when all is well) model one dossier. Never raises for its content.

    With ``cache``, a file whose tree names its bytes (git's blob id) is parsed once for every
    read that meets the same bytes: the history of a dossier parses each version once.
    """
    documents: dict[str, Document] = {}
    problems: list[tuple[str, Problem]] = []
    files: list[str] = []
    names: list[str] | None = None
    for kind in KINDS:
        key = source.tree.key(source.path(kind)) if cache is not None else None
        if key is not None and cache is not None and key in cache:
            document, found = cache[key]
        else:
            content = source.read(kind, limits.max_file_bytes)
            if content is None:
                names = names if names is not None else _names(source)
                problems.append((kind, Problem("HRD003", _missing(kind, names))))
                continue
            document, found = _parse(kind, content, limits)
            if key is not None and cache is not None:
                cache[key] = (document, found)
        files.append(source.path(kind))
        problems.extend((kind, problem) for problem in found)
        if document is not None:
            documents[kind] = document
    if source.inside is not None:
        where = "context" if "context" in documents else next(iter(documents), "context")
        message = (
            f"this dossier lies inside the dossier in {source.inside}; move it out "
            "(a dossier's folder holds only its own files)"
        )
        problems.append((where, Problem("HRD004", message, (), (1, 1) if where in documents else None)))
    dossier = None
    if len(documents) == len(KINDS) and not any(p.code in ("HRD001", "HRD010") for _, p in problems):
        data: dict[str, Any] = {kind: document.data for kind, document in documents.items()}
        built, date_problems = build_dossier(source.name, data)
        problems.extend(date_problems)
        dossier = None if date_problems else built
    return DossierRead(source, documents, problems, files, dossier)


def _names(source: DossierSource) -> list[str]:
    entries = source.tree.entries(source.folder)
    return [] if isinstance(entries, NotReadable) else [entry.name for entry in entries]


def _missing(kind: str, names: list[str]) -> str:
    """What to do about a missing file: rename the look-alike beside it, or create it."""
    wanted = f"{kind}.yaml"
    stems = {kind, kind.rstrip("s"), f"{kind}s"}
    for name in names:
        stem, _, suffix = name.rpartition(".")
        if name != wanted and stem.lower() in stems and suffix.lower() in ("yaml", "yml"):
            return f"{wanted} is missing, but {name} is here: rename it to {wanted}"
    if kind == "context":
        return "context.yaml is missing from the dossier; create it (hrddp new writes one to start from)"
    return f"{wanted} is missing from the dossier; create it (it may hold an empty list: {kind}: [])"


def _fail_closed(document: Document) -> None:
    """A ``confidentiality`` key repeated in a record (HRD002) counts as the strictest of its values."""
    for pointer, value in document.repeated:
        if pointer and pointer[-1] == "confidentiality":
            holder: Any = document.data
            for token in pointer[:-1]:
                holder = holder[token]
            first = markings.marking_of(holder.get("confidentiality"), markings.HIGHEST)
            holder["confidentiality"] = markings.stricter(first, markings.marking_of(value, markings.HIGHEST))


def _parse(kind: str, content: bytes | NotReadable | TooLarge, limits: Limits) -> Parsed:
    loaded = _load(content, limits)
    if loaded.document is None:
        return None, loaded.problems
    _fail_closed(loaded.document)
    return loaded.document, [*loaded.problems, *schema.validate(loaded.document, kind)]


def _load(content: bytes | NotReadable | TooLarge, limits: Limits) -> LoadResult:
    if isinstance(content, NotReadable):
        return refused(f"cannot read the file: {content.reason}")
    if isinstance(content, TooLarge):
        return too_large(limits.max_file_bytes)
    return load_bytes(content, max_bytes=limits.max_file_bytes, max_depth=limits.max_depth)
