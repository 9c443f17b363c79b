"""What changed in ``hrddp.yaml`` between the base and the head, and the base's settings (REV009).

The review scores both sides under the head's settings; the base's are read only to say what
the head would be under them. A base whose settings this version cannot read (an older
methodology, a broken file) is said, not fatal: it is the head that must be valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hrddp_cli.config import Settings, display_path, read_settings
from hrddp_cli.diff import FieldChange, diff_values
from hrddp_cli.errors import ConfigError
from hrddp_cli.load import load_bytes
from hrddp_cli.source import CONFIG_NAME, Tree, find_config


@dataclass(slots=True)
class SettingsDelta:
    file: str  # the settings file as the user would write it (the head's, else the base's)
    changes: list[FieldChange] = field(default_factory=list)
    base_settings: Settings | None = None  # None: unreadable, or --config serves both sides
    unreadable: str | None = None  # why the base's settings cannot be read


def settings_delta(base_tree: Tree, head_tree: Tree, paths: list[str], config: str | None) -> SettingsDelta:
    """The changes to hrddp.yaml between the trees, and the base's settings when they count."""
    start = paths[0] if paths else "."
    base_file, head_file = find_config(base_tree, start), find_config(head_tree, start)
    either = head_file or base_file
    shown = display_path(either) if either is not None else CONFIG_NAME
    changes = diff_values(_data(base_tree, base_file), _data(head_tree, head_file))
    if not changes:
        return SettingsDelta(shown)
    if config is not None and not _same_file(config, head_file):
        return SettingsDelta(shown, changes, None, f"both sides are scored under {config}, given with --config")
    if base_file is None:
        return SettingsDelta(shown, changes, Settings())
    try:
        return SettingsDelta(shown, changes, read_settings(base_tree, display_path(base_file)))
    except ConfigError as error:
        return SettingsDelta(shown, changes, None, str(error).splitlines()[0])


def _same_file(config: str, found: str | None) -> bool:
    """Whether ``--config`` names the hrddp.yaml the head would use anyway (as the CI recipes may write it)."""
    import os

    return found is not None and os.path.realpath(config) == os.path.realpath(found)


def _data(tree: Tree, path: str | None) -> object:
    """The settings file's data, as written (nothing when absent; what was read when it is broken)."""
    if path is None:
        return {}
    content = tree.read(path, 1 << 20)
    if not isinstance(content, bytes):
        return {}
    document = load_bytes(content).document
    return document.data if document is not None else {"unreadable": True}
