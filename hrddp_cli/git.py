"""The one door to git: revisions read straight from the object database, and the history of paths.

GitPython is imported here only, when a command first needs a repository, so that ``validate``,
``status`` and ``brief`` run where git is not installed. A revision a user gives is checked
before git sees it and is passed after ``--end-of-options``; paths are passed after ``--``. What
a user can fix (not a repository, git missing, a revision that is unknown or lies beyond a
shallow clone, a repository owned by another user) is a :class:`UsageError` saying how.

:class:`GitTree` is a revision behind the :class:`~hrddp_cli.source.Tree` interface: paths are
written as the user writes them, relative to the folder hrddp runs in, so discovery, loading
and findings run on a revision unchanged and name files as they do in the working tree.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from hrddp_cli.errors import UsageError
from hrddp_cli.source import Content, Entry, EntryKind, NotReadable, TooLarge
from hrddp_cli.visible import plain

_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?\Z")
_LINK, _SUBMODULE = 0o120000, 0o160000
_WORDS = {"folder": "a folder", "symlink": "a symbolic link", "other": "a submodule"}


class Commit(NamedTuple):
    """One commit of a history: its id, author's name and committer date (ISO 8601, in its own offset)."""

    sha: str
    author: str
    date: str

    @property
    def day(self) -> dt.date:
        """The committer's day, as written in the commit's own time zone."""
        return dt.date.fromisoformat(self.date[:10])


class NotARepository(UsageError):
    """The folder is not inside a git repository."""


class Repository:
    """The git repository holding the working folder."""

    def __init__(self, repo: Any, root: str, prefix: str) -> None:
        self._repo = repo
        self.root = root  # the working tree's folder, absolute
        self.prefix = prefix  # the working folder relative to root ("" at the root)

    @classmethod
    def open(cls, start: str = ".") -> Repository:
        """The repository of ``start``, or a usage error that says what to do."""
        git = _git_module()
        try:
            repo = git.Repo(start, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepository(
                f"{plain(os.path.abspath(start))} is not in a git repository; review and history read "
                "the dossiers' history from git (run them inside a clone)"
            ) from None
        if repo.bare or repo.working_tree_dir is None:
            raise UsageError("this is a bare git repository; run hrddp in a clone with a working tree")
        found = cls(repo, os.path.realpath(repo.working_tree_dir), "")
        found._git("rev-parse", "--git-dir")  # fails early, and clearly, on a repository of another user
        here = os.path.relpath(os.path.realpath(start), found.root)
        found.prefix = "" if here == "." else here.replace(os.sep, "/")
        return found

    @property
    def shallow(self) -> bool:
        return self._git("rev-parse", "--is-shallow-repository").strip() == "true"

    def resolve(self, revision: str, option: str) -> str:
        """The commit id ``revision`` names (given with ``option``), refusing what could act on git."""
        if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
            raise UsageError(f"{option} {plain(revision)!s}: not a revision (a branch, tag or commit id)")
        try:
            found = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        except UsageError:
            found = ""
        if not _SHA.match(found.strip()):
            raise UsageError(self._unknown(revision, option))
        return found.strip()

    def head(self) -> str | None:
        """The commit HEAD names, or None in a repository with no commit yet."""
        try:
            return self.resolve("HEAD", "HEAD")
        except UsageError:
            return None

    def tree(self, sha: str) -> GitTree:
        return GitTree(self, sha)

    def log(self, paths: list[str], start: str, follow: bool = False) -> list[tuple[Commit, list[str]]]:
        """The first-parent commits from ``start`` that touched ``paths`` (repository paths), newest first.

        Each comes with the paths it names: with ``follow`` (one file), the file's path at that
        commit, across renames.
        """
        if not _SHA.match(start):
            raise ValueError("log starts from a resolved commit id")
        options = ["--first-parent", "--no-color", "--format=%x00%H%x1f%an%x1f%cI", "--name-only"]
        if follow:
            options.append("--follow")
        text = self._git("log", *options, start, "--", *paths)
        found = []
        for block in text.split("\0")[1:]:
            head, _, names = block.partition("\n")
            sha, author, date = head.split("\x1f")
            found.append((Commit(sha, author, date), [n for n in names.split("\n") if n]))
        return found

    def repo_path(self, path: str) -> str | None:
        """``path`` (as the user writes it) inside the repository, or None when it lies outside."""
        if os.path.isabs(path):
            joined = os.path.relpath(os.path.realpath(path), self.root)
        else:
            joined = os.path.normpath(os.path.join(self.prefix, path))
        joined = joined.replace(os.sep, "/")
        if joined == ".":
            return ""
        return None if joined == ".." or joined.startswith("../") else joined

    def require_inside(self, paths: list[str]) -> None:
        """A usage error for a path outside this repository: it would be compared with nothing, or with a stranger."""
        for path in paths:
            if self.repo_path(path) is None:
                raise UsageError(
                    f"{plain(path)} is outside the git repository of the current folder ({plain(self.root)}); "
                    "run hrddp from inside the repository that holds the dossiers"
                )

    def user_path(self, repo_path: str) -> str:
        """A repository path as the user would write it from the working folder."""
        return os.path.relpath(os.path.join(self.root, repo_path), os.path.join(self.root, self.prefix))

    def is_dirty(self, paths: list[str]) -> bool:
        """Whether the working tree differs from HEAD below ``paths`` (untracked files included)."""
        return bool(self._git("status", "--porcelain", "--untracked-files=all", "--", *paths).strip())

    def object(self, sha: str) -> Any:
        return self._repo.commit(sha)

    def _git(self, *arguments: str) -> str:
        git = _git_module()
        try:
            command = getattr(self._repo.git, arguments[0].replace("-", "_"))
            return str(command(*arguments[1:], strip_newline_in_stdout=False))
        except git.GitCommandNotFound:
            raise UsageError(_NO_GIT) from None
        except git.GitCommandError as error:
            said = str(error.stderr or "")
            if "dubious ownership" in said:
                raise UsageError(
                    f"git refuses the repository at {plain(self.root)}: it belongs to another user. If you "
                    f"trust it: git config --global --add safe.directory {plain(self.root)}"
                ) from None
            raise UsageError(f"git {arguments[0]} failed: {plain(_first_line(said))}") from None

    def _unknown(self, revision: str, option: str) -> str:
        shown = plain(revision)
        if self.shallow:
            return (
                f"{option} {shown}: no such commit in this clone, which is shallow; fetch the history "
                "it needs (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
            )
        return (
            f"{option} {shown}: no branch, tag or commit of that name here; if it is a branch of "
            f"the remote, fetch it first (git fetch origin {shown.removeprefix('origin/')})"
        )


class GitTree:
    """The files of one commit, read from the object database (no checkout, no temporary folder)."""

    def __init__(self, repository: Repository, sha: str) -> None:
        self.repository = repository
        self.label = sha
        self._root = repository.object(sha).tree
        self._found: dict[str, Any] = {}

    def _object(self, path: str) -> Any:
        inside = self.repository.repo_path(path)
        if inside is None:
            return None
        if inside not in self._found:
            try:
                self._found[inside] = self._root / inside if inside else self._root
            except (KeyError, AttributeError, TypeError):  # absent, or below a file or a submodule
                self._found[inside] = None
        return self._found[inside]

    def kind(self, path: str) -> EntryKind:
        found = self._object(path)
        return "absent" if found is None else _kind_of(found)

    def entries(self, folder: str) -> list[Entry] | NotReadable:
        found = self._object(folder)
        if found is None:
            return NotReadable("no such folder")
        if _kind_of(found) != "folder":
            return NotReadable("not a folder")
        # A submodule has no name of its own in GitPython (it raises): its path's last part is it.
        return sorted(Entry(os.path.basename(item.path), _kind_of(item)) for item in found)

    def read(self, path: str, limit: int) -> Content:
        found = self._object(path)
        if found is None:
            return None
        kind = _kind_of(found)
        if kind == "symlink":
            return NotReadable("a symbolic link; hrddp reads regular files only")
        if kind != "file":
            return NotReadable(f"{_WORDS[kind]}, not a regular file")
        if found.size > limit:
            return TooLarge(found.size)
        return bytes(found.data_stream.read())

    def key(self, path: str) -> str | None:
        found = self._object(path)
        return found.hexsha if found is not None and _kind_of(found) == "file" else None

    def folder_name(self, folder: str) -> str:
        inside = self.repository.repo_path(folder)
        return os.path.basename(inside or self.repository.root) if inside is not None else folder

    def parents(self, path: str) -> Iterator[str]:
        inside = self.repository.repo_path(path)
        if inside is None:
            return
        folder = inside if self.kind(path) == "folder" else os.path.dirname(inside)
        while True:
            yield self.repository.user_path(folder)
            if not folder:
                return
            folder = os.path.dirname(folder)


def _kind_of(item: Any) -> EntryKind:
    if item.type == "tree":
        return "folder"
    if item.type == "blob":
        return "symlink" if item.mode == _LINK else "file"
    return "other"  # a submodule (mode 160000): a commit of another repository


_NO_GIT = "git is not installed (or not on PATH); review and history need it: install git, then run again"


def _git_module() -> Any:
    """GitPython, imported on first use; its absence, or git's, is a usage error."""
    try:
        import git
    except ImportError:
        raise UsageError(_NO_GIT) from None
    return git


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ") if lines else "no reason given"
