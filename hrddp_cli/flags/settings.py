"""Flags on the settings: hrddp.yaml changed (REV009)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from hrddp_cli.flags import Comparison, Raised, flag


@flag("REV009", citation="status.md (Settings in hrddp.yaml)")
def settings_changed(comparison: Comparison) -> Iterable[Raised]:
    """hrddp.yaml changed: the methodology, check settings or audience defaults (each change listed).

    Both states are scored under the head's settings, so that the review shows what the data
    changed; what the settings changed is said here, with the head's recommendation under the
    base's settings.
    """
    if not comparison.settings:
        return
    listed = "; ".join(f"{c.pointer or '/'}: {_shown(c.base)} → {_shown(c.head)}" for c in comparison.settings)
    if comparison.under_base_settings is not None:
        status = comparison.under_base_settings
        after = f"; under the base's settings the head would be {status.recommendation} (worst {status.worst})"
    elif comparison.head is None:
        after = ""  # the dossier is gone: there is no head to score under other settings
    elif comparison.base_settings_unreadable and comparison.base_settings_unreadable.startswith("both sides"):
        after = f"; {comparison.base_settings_unreadable}"
    else:
        after = f"; the base's settings cannot be read by this version ({comparison.base_settings_unreadable})"
    yield Raised(comparison.settings_file, None, f"{comparison.settings_file} changed: {listed}{after}")


def _shown(value: object) -> str:
    return "absent" if value is None else json.dumps(value, ensure_ascii=False)
