"""Real git repositories for tests: made in tmp_path with fixed authors and dates, driven by the git CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import SAMPLE, read_yaml


class GitRepo:
    """A repository at ``root``, with the sample dossier as ``dossiers/sample-dossier`` once ``seed`` ran."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: str = "2026-01-15T10:00:00+00:00", author: str = "Ana Analyst") -> str:
        env = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": "analyst@example.org",
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "analyst@example.org",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "HOME": str(self.root),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
        done = subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True)
        return done.stdout

    def commit(self, message: str, when: str = "2026-01-15T10:00:00+00:00", author: str = "Ana Analyst") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when, author=author)
        return self.git("rev-parse", "HEAD").strip()

    @property
    def dossier(self) -> Path:
        return self.root / "dossiers" / "sample-dossier"

    def seed(self, when: str = "2026-01-15T10:00:00+00:00") -> str:
        """The sample dossier, committed: the first review."""
        shutil.copytree(SAMPLE, self.dossier)
        return self.commit("Add the dossier", when)

    def edit(self, file: str, change: Any) -> None:
        """Rewrite one dossier file after ``change(data)`` edits its data in place (comments are lost)."""
        path = self.dossier / file
        data = read_yaml(path)
        change(data)
        text = yaml.dump(data, Dumper=_Plain, sort_keys=False, allow_unicode=True)
        path.write_text(text, encoding="utf-8")

    def record(self, file: str, identifier: str) -> dict[str, Any]:
        data = read_yaml(self.dossier / file)
        return next(r for r in data[file.removesuffix(".yaml")] if r["id"] == identifier)


class _Plain(yaml.SafeDumper):
    """Writes a value shared twice out twice: a dossier may hold no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
