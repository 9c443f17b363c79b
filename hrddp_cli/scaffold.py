"""``hrddp init`` and ``hrddp new``: a portfolio and a dossier that are valid, and explained, from the start.

The files come from ``templates/init/`` and ``templates/new/`` (Jinja2, only hrddp's own values
filled in). Nothing is overwritten: every target is checked before the first is written, and
each is written atomically, so a refusal leaves the folder as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from hrddp_cli.atomic import write_atomic
from hrddp_cli.errors import UsageError
from hrddp_cli.resources import data_dir
from hrddp_cli.schema import export
from hrddp_cli.source import CONFIG_NAME, KINDS, WorkTree, find_config
from hrddp_cli.visible import plain

SCHEMAS = Path(".hrddp") / "schemas"
PORTFOLIO = {  # what init writes: target in the portfolio ← template in templates/init
    CONFIG_NAME: "hrddp.yaml",
    "README.md": "README.md",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/dossiers.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,62}\Z")


def init(root: Path, version: str) -> list[Path]:
    """A new portfolio in ``root`` (made when missing): settings, dossiers/, hooks, CI, schemas. The paths made."""
    if root.exists() and not root.is_dir():
        raise UsageError(f"{plain(str(root))} exists and is not a folder")
    targets = [root / name for name in PORTFOLIO] + [root / "dossiers", root / SCHEMAS]
    present = [path for path in targets if path.exists() or path.is_symlink()]
    if present:
        named = ", ".join(plain(str(path)) for path in present)
        raise UsageError(f"{named} already exist{'s' if len(present) == 1 else ''}; hrddp init overwrites nothing")
    made: list[Path] = []
    for name, template in PORTFOLIO.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, _render(f"init/{template}", version=version))
        made.append(target)
    (root / "dossiers").mkdir()
    made.append(root / "dossiers")
    made += export(root / SCHEMAS)
    return made


def new(identifier: str, folder: str | None, today: dt.date) -> list[Path]:
    """A new dossier ``identifier`` in ``folder`` (default: the portfolio's dossiers/). The paths made."""
    if not _ID.match(identifier):
        raise UsageError(
            f"{plain(identifier)} is not a dossier id: 2 to 63 lowercase letters, digits and hyphens, "
            "starting with a letter or digit (arc-police)"
        )
    parent = Path(folder) if folder is not None else _dossiers_folder()
    target = parent / identifier
    if target.exists() or target.is_symlink():
        raise UsageError(f"{plain(str(target))} already exists; hrddp new overwrites nothing")
    root = _portfolio_root(parent)
    schemas = os.path.relpath(root / SCHEMAS, os.path.abspath(target))
    target.mkdir(parents=True)
    made = []
    for kind in KINDS:
        path = target / f"{kind}.yaml"
        text = _render(f"new/{kind}.yaml", id=identifier, today=today.isoformat(), schemas=schemas.replace(os.sep, "/"),
                       folder=str(target).replace(os.sep, "/"))  # fmt: skip
        write_atomic(path, text)
        made.append(path)
    return made


def schemas_missing(dossier: Path) -> bool:
    """Whether the schemas the new dossier's modelines point to are not there yet (a portfolio without init)."""
    return not (_portfolio_root(dossier.parent) / SCHEMAS).is_dir()


def _dossiers_folder() -> Path:
    """The portfolio's dossiers/ (beside the nearest hrddp.yaml), else ./dossiers when it exists, else here."""
    found = find_config(WorkTree(), ".")
    if found is not None:
        return Path(os.path.relpath(os.path.dirname(found) or ".")) / "dossiers"
    return Path("dossiers") if Path("dossiers").is_dir() else Path(".")


def _portfolio_root(folder: Path) -> Path:
    found = find_config(WorkTree(), str(folder) if folder.exists() else ".")
    return (Path(os.path.dirname(found) or ".") if found is not None else Path(".")).resolve()


def _render(name: str, **values: str) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_dir("templates")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown of hrddp's own, filled with hrddp's own values
    )
    return environment.get_template(name).render(**values)
