"""Where dossier files come from: a :class:`Tree` of files, and the dossiers found in it.

A tree is read-only and answers three questions: what is at a path, what a folder holds, and
what bytes a regular file holds. :class:`WorkTree` answers them from the working tree; a git
revision answers them from the object database (``git.py``), behind the same interface, so that
discovery, configuration lookup and loading run unchanged on either. Nothing else in hrddp
opens a dossier file.

Paths are strings as the user would type them (``dossiers/arc-police/risks.yaml``): the PATH
argument joined with what lies below it. That is how findings name files, and it is the same
string in the working tree and in any revision, which is what a review compares.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Protocol

from hrddp_cli.errors import UsageError

KINDS = ("context", "risks", "consultations", "mitigations", "incidents")
FILE_NAMES = tuple(f"{kind}.yaml" for kind in KINDS)
CONFIG_NAME = "hrddp.yaml"

EntryKind = Literal["file", "folder", "symlink", "other", "absent"]


class Entry(NamedTuple):
    """One name in a folder, and what it is (links are never followed to find out)."""

    name: str
    kind: EntryKind


class NotReadable(NamedTuple):
    """A path that holds something other than readable bytes: ``reason`` says what, in words."""

    reason: str


class TooLarge(NamedTuple):
    """A regular file larger than the caller's limit: it is not read at all."""

    size: int


Content = bytes | NotReadable | TooLarge | None  # None: nothing at that path


class Tree(Protocol):
    """A read-only tree of files: the working tree, or a git revision."""

    @property
    def label(self) -> str:
        """``worktree``, or the commit id of a revision."""
        ...

    def kind(self, path: str) -> EntryKind: ...

    def entries(self, folder: str) -> list[Entry] | NotReadable:
        """The names in ``folder``, sorted."""
        ...

    def read(self, path: str, limit: int) -> Content:
        """The bytes of the regular file at ``path``, or :class:`TooLarge` when it holds more than ``limit``."""
        ...

    def key(self, path: str) -> str | None:
        """A name for exactly the bytes at ``path`` (git's blob id), or None where there is none.

        Two reads with the same key give the same bytes: what is made of them may be reused.
        """
        ...

    def folder_name(self, folder: str) -> str:
        """The folder's own name, also for ``.`` and ``..`` (the name a dossier's id is compared with)."""
        ...

    def parents(self, path: str) -> Iterator[str]:
        """``path``'s folder and every folder above it inside the tree, nearest first."""
        ...


class WorkTree:
    """The files on disk, as the user sees them."""

    label = "worktree"

    def kind(self, path: str) -> EntryKind:
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            return "absent"
        return _kind_of(mode)

    def entries(self, folder: str) -> list[Entry] | NotReadable:
        try:
            with os.scandir(folder) as found:
                listed = [Entry(entry.name, _kind_of(entry.stat(follow_symlinks=False).st_mode)) for entry in found]
        except OSError as error:
            return NotReadable(_reason(error))
        return sorted(listed)

    def read(self, path: str, limit: int) -> Content:
        # O_NOFOLLOW: a symbolic link is refused, not followed (it could point anywhere, /dev/zero
        # included); O_NONBLOCK: opening a FIFO does not wait for a writer. What was opened is
        # then checked with fstat, so a file swapped for something else after the name was
        # looked at is still judged by what it is.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            handle = os.open(path, flags)
        except FileNotFoundError:
            return None
        except OSError as error:
            if self.kind(path) == "symlink":
                return NotReadable("a symbolic link; hrddp reads regular files only")
            return NotReadable(_reason(error))
        try:
            found = os.fstat(handle)
            if not stat.S_ISREG(found.st_mode):
                return NotReadable(f"{_WORDS[_kind_of(found.st_mode)]}, not a regular file")
            if found.st_size > limit:
                return TooLarge(found.st_size)
            chunks = []
            wanted = limit + 1
            while wanted > 0:
                chunk = os.read(handle, min(wanted, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                wanted -= len(chunk)
            content = b"".join(chunks)  # a file that grew while it was read is still bounded
            return TooLarge(len(content)) if len(content) > limit else content
        except OSError as error:
            return NotReadable(_reason(error))
        finally:
            os.close(handle)

    def key(self, path: str) -> str | None:
        return None  # a file on disk may change between two reads

    def folder_name(self, folder: str) -> str:
        return os.path.basename(os.path.abspath(folder)) or folder

    def parents(self, path: str) -> Iterator[str]:
        folder = os.path.abspath(path if self.kind(path) == "folder" else os.path.dirname(path) or ".")
        while True:
            yield folder
            above = os.path.dirname(folder)
            if above == folder:
                return
            folder = above


_WORDS = {"file": "a file", "folder": "a folder", "symlink": "a symbolic link", "other": "a special file"}


def _kind_of(mode: int) -> EntryKind:
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return "other"


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


@dataclass(frozen=True, slots=True)
class DossierSource:
    """One dossier in a tree: where it is, how the user writes its path, and its files."""

    tree: Tree
    folder: str  # as the user would type it (normalised)
    inside: str | None = None  # the folder of the dossier this one lies inside (HRD004)

    @property
    def display(self) -> str:
        return self.folder

    @property
    def name(self) -> str:
        """The folder's own name (for ``.``, the name of the folder the user is in)."""
        return self.tree.folder_name(self.folder)

    def path(self, kind: str) -> str:
        """The path of one of the dossier's files as the user would type it."""
        return os.path.normpath(os.path.join(self.folder, f"{kind}.yaml"))

    def read(self, kind: str, limit: int) -> Content:
        return self.tree.read(self.path(kind), limit)


def holds_dossier_file(tree: Tree, folder: str) -> bool:
    """Whether ``folder`` holds any of the five names, as a file or anything else (then it is a dossier).

    A folder named risks.yaml makes a dossier too, whose risks.yaml is then not a regular file.
    """
    entries = tree.entries(folder)
    if isinstance(entries, NotReadable):
        return False
    return any(entry.name in FILE_NAMES for entry in entries)


@dataclass(slots=True)
class Found:
    """What discovery found under the paths: dossiers, folders it could not read, and what it skipped."""

    dossiers: list[DossierSource] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, why)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (folder, why), for --verbose

    def __iter__(self) -> Iterator[DossierSource]:
        return iter(self.dossiers)


def discover(paths: list[str], tree: Tree | None = None, required: bool = True) -> Found:
    """Every dossier under ``paths``, in order, each once. No dossier at all is a usage error.

    Not ``required`` (the base of a review, where the dossiers may not exist yet), a path that
    is not there holds no dossier, and finding none is no error.

    Discovery always descends, into dossiers too: a dossier inside another's folder is found
    (and is an error, HRD004), so that no file a pull request adds can hide the dossiers below.
    It skips hidden folders and virtual environments that hold no dossier file, and never
    follows a symbolic link.
    """
    tree = tree or WorkTree()
    found = Found()
    seen: set[str] = set()
    for argument in paths:
        try:
            listed = list(_discover_one(tree, argument, found))
        except UsageError:
            if required:
                raise
            continue  # nothing there, in this tree
        for dossier in listed:
            key = os.path.abspath(dossier.folder)
            if key not in seen:
                seen.add(key)
                found.dossiers.append(dossier)
    if required and not found.dossiers and not found.unreadable:
        named = ", ".join(paths)
        raise UsageError(
            f"no dossier found in {named}: a dossier is a folder holding context.yaml "
            "(and risks.yaml, consultations.yaml, mitigations.yaml, incidents.yaml)"
        )
    return found


def _discover_one(tree: Tree, argument: str, found: Found) -> Iterator[DossierSource]:
    kind = tree.kind(os.path.normpath(argument))  # "dossiers/" would follow a link named dossiers
    if kind == "absent":
        raise UsageError(f"{argument}: no such file or folder")
    linked = _linked_part(tree, argument)
    if linked is not None:
        raise UsageError(f"{linked} is a symbolic link; hrddp follows no links: give the folder it points to")
    if kind != "folder":
        folder = os.path.dirname(argument) or "."
        if not holds_dossier_file(tree, folder):
            raise UsageError(f"{argument} is not in a dossier (its folder holds no context.yaml)")
        yield DossierSource(tree, os.path.normpath(folder))
        return
    root = os.path.normpath(argument)
    inside = root if holds_dossier_file(tree, root) else None
    if inside:
        yield DossierSource(tree, root)
    walked = list(_walk(tree, root, "", inside, found))
    yield from walked
    if inside is None and not walked:
        above = _dossier_above(tree, root)
        if above is not None:  # run from inside a dossier, as git finds its repository
            yield DossierSource(tree, above)


def _linked_part(tree: Tree, argument: str) -> str | None:
    """The first part of a relative ``argument`` that is a symbolic link (``dossiers`` of ``dossiers/x/``), if any.

    A relative path's every part is checked, since a pull request can make any of them a link;
    an absolute path's last part only (the system's own folders above it may be links).
    """
    normal = os.path.normpath(argument)
    if os.path.isabs(normal):
        return normal if tree.kind(normal) == "symlink" else None
    parts = [part for part in normal.split(os.sep) if part not in ("", ".")]
    for end in range(1, len(parts) + 1):
        prefix = os.path.join(*parts[:end])
        if parts[end - 1] != ".." and tree.kind(prefix) == "symlink":
            return prefix
    return None


def _walk(tree: Tree, root: str, relative: str, inside: str | None, found: Found) -> Iterator[DossierSource]:
    here = os.path.join(root, relative) if relative else root
    entries = tree.entries(here)
    if isinstance(entries, NotReadable):
        found.unreadable.append((here, entries.reason))  # never silently: it may hold dossiers
        return
    for entry in entries:
        if entry.kind != "folder":
            continue
        child = os.path.join(relative, entry.name) if relative else entry.name
        folder = os.path.normpath(os.path.join(root, child))
        dossier = holds_dossier_file(tree, folder)
        if entry.name.startswith(".") and not dossier:
            found.skipped.append((folder, "a hidden folder"))
            continue
        if not dossier and _virtual_environment(tree, folder):
            found.skipped.append((folder, "a virtual environment"))
            continue
        if dossier:
            yield DossierSource(tree, folder, inside)
        yield from _walk(tree, root, child, folder if dossier else inside, found)


def _virtual_environment(tree: Tree, folder: str) -> bool:
    """A Python virtual environment: pyvenv.cfg beside its bin (or Scripts) and lib (or Lib) folders.

    An empty pyvenv.cfg alone does not make one, so that a file a pull request adds cannot hide
    the dossiers below it.
    """
    entries = tree.entries(folder)
    if isinstance(entries, NotReadable):
        return False
    names = {entry.name: entry.kind for entry in entries}

    def has(*choices: str) -> bool:
        return any(names.get(name) == "folder" for name in choices)

    return names.get("pyvenv.cfg") == "file" and has("bin", "Scripts") and has("lib", "Lib")


def _dossier_above(tree: Tree, folder: str) -> str | None:
    """The dossier that ``folder`` lies inside, as a path relative to it (``..``), if any."""
    path = folder
    for _ in range(64):
        above = os.path.normpath(os.path.join(path, ".."))
        if os.path.abspath(above) == os.path.abspath(path):
            return None
        if holds_dossier_file(tree, above):
            return above
        path = above
    return None


def find_config(tree: Tree, start: str) -> str | None:
    """The nearest ``hrddp.yaml`` in ``start``'s folder or above it, as a path."""
    for folder in tree.parents(start):
        candidate = os.path.join(folder, CONFIG_NAME)
        if tree.kind(candidate) == "file":
            return candidate
    return None
