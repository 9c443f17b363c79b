"""Where dossiers come from: folders found under the paths the user names.

A dossier is a folder holding ``context.yaml`` or any of the five file names. Discovery walks
down in sorted order, skips hidden folders and virtual environments, never follows symbolic
links and does not descend into a dossier (dossier-format.md, "Dossier discovery").
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hrddp_cli.errors import UsageError

KINDS = ("context", "risks", "consultations", "mitigations", "incidents")
FILE_NAMES = tuple(f"{kind}.yaml" for kind in KINDS)
_NOT_DOSSIERS = frozenset({"node_modules", "__pycache__", "site-packages"})


@dataclass(frozen=True, slots=True)
class DossierFolder:
    """A dossier on disk: where it is, and how the user would write its path."""

    folder: Path
    display: str

    @property
    def name(self) -> str:
        return self.folder.name

    def file(self, kind: str) -> Path:
        return self.folder / f"{kind}.yaml"

    def display_file(self, kind: str) -> str:
        """The path of one of the dossier's files as the user would type it."""
        return os.path.normpath(os.path.join(self.display, f"{kind}.yaml"))


def is_dossier(folder: Path) -> bool:
    return any((folder / name).is_file() for name in FILE_NAMES)


def discover(paths: list[str]) -> list[DossierFolder]:
    """Every dossier under ``paths``, in order, each once. No dossier at all is a usage error."""
    found: list[DossierFolder] = []
    seen: set[Path] = set()
    for argument in paths:
        for dossier in _discover_one(argument):
            key = dossier.folder.resolve()
            if key not in seen:
                seen.add(key)
                found.append(dossier)
    if not found:
        named = ", ".join(paths)
        raise UsageError(
            f"no dossier found in {named}: a dossier is a folder holding context.yaml "
            "(and risks.yaml, consultations.yaml, mitigations.yaml, incidents.yaml)"
        )
    return found


def _discover_one(argument: str) -> Iterator[DossierFolder]:
    path = Path(argument)
    if not path.exists():
        raise UsageError(f"{argument}: no such file or folder")
    if path.is_file():
        folder = path.parent
        if not is_dossier(folder):
            raise UsageError(f"{argument} is not in a dossier (its folder holds no context.yaml)")
        yield DossierFolder(folder, os.path.normpath(os.path.dirname(argument) or "."))
        return
    if is_dossier(path):
        yield DossierFolder(path, os.path.normpath(argument))
        return
    for relative in _walk(path, Path()):
        yield DossierFolder(path / relative, os.path.normpath(os.path.join(argument, relative)))


def _walk(root: Path, relative: Path) -> Iterator[Path]:
    try:
        with os.scandir(root / relative) as entries:
            folders = sorted(
                entry.name
                for entry in entries
                if entry.is_dir(follow_symlinks=False)
                and not entry.name.startswith(".")
                and entry.name not in _NOT_DOSSIERS
            )
    except OSError:
        return  # an unreadable folder holds no dossier we can read
    for name in folders:
        child = relative / name
        folder = root / child
        if (folder / "pyvenv.cfg").exists():
            continue  # a virtual environment
        if is_dossier(folder):
            yield child
        else:
            yield from _walk(root, child)
