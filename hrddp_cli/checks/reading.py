"""Codes reported while reading a dossier: by the loader, the schemas and the model builder.

These functions hold only the documentation of their code; the finding itself comes from
``load.py``, ``schema.py`` or ``build.py``, where the file is read, or from validation of the
whole run (``validate.py``: HRD004, HRD022, HRD099). None can be turned off.
"""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.scoring import Situation

_FIXED = "it is reported while reading, and nothing can be checked past it"


@check("HRD001", "error", citation="format.md: What YAML a dossier may use", reading=True, fixed=_FIXED)
def unreadable(situation: Situation) -> Iterable[Hit]:
    """The file cannot be read as plain YAML of the dossier format.

    Syntax errors, bytes that are not UTF-8, a file over the size limit or nesting deeper than
    the depth limit, anchors, aliases, merge keys, explicit tags, directives other than
    %YAML 1.2, a second document, control or bidirectional characters, a key that is not text,
    a number that is not finite, an empty file, or a top level that is not a mapping. A dossier
    is read by people in diffs: each of these either hides what a value is or can make a tiny
    file expand without bound.
    """
    return ()


@check("HRD002", "error", citation="format.md: What YAML a dossier may use", reading=True, fixed=_FIXED)
def repeated_key(situation: Situation) -> Iterable[Hit]:
    """A key is repeated in one mapping.

    Most YAML readers silently keep the last value, so an edit can be lost without anyone
    seeing it in review. Reported at the second occurrence.
    """
    return ()


@check("HRD003", "error", citation="format.md: Layout", reading=True, fixed=_FIXED)
def missing_file(situation: Situation) -> Iterable[Hit]:
    """A required file of the dossier is missing.

    Every dossier holds context.yaml, risks.yaml, consultations.yaml, mitigations.yaml and
    incidents.yaml; a register with nothing in it holds an empty list, so that "nothing
    recorded" is a statement, not an omission.
    """
    return ()


@check("HRD010", "error", citation="format.md: Layout", reading=True, fixed=_FIXED)
def schema_violation(situation: Situation) -> Iterable[Hit]:
    """The file does not match its JSON Schema.

    One finding per violation, located at the offending value (or at the mapping that lacks a
    required key): a wrong type, a word outside a vocabulary, a number out of range, a missing
    required field, or an unknown key (keys of your own must start with x_).
    """
    return ()


@check("HRD101", "error", citation="format.md: Common conventions", reading=True, fixed=_FIXED)
def impossible_date(situation: Situation) -> Iterable[Hit]:
    """A date has the form YYYY-MM-DD but is not in the calendar (2024-02-30).

    Every rule that compares dates would silently misread it.
    """
    return ()


@check("HRD004", "error", citation="format.md: Dossier discovery", reading=True, fixed=_FIXED)
def dossier_inside_a_dossier(situation: Situation) -> Iterable[Hit]:
    """A dossier lies inside another dossier's folder.

    Discovery always descends, so that a file added to a folder above cannot hide the dossiers
    below it; a dossier's folder holds its own five files only. Move the inner dossier out.
    """
    return ()


@check("HRD022", "error", citation="format.md: Dossier discovery", reading=True, fixed=_FIXED)
def shared_dossier_id(situation: Situation) -> Iterable[Hit]:
    """Two dossiers of one portfolio declare the same id (each is located at its id).

    Every report, review and memo names a dossier by its id: two with one id would be mixed up.
    """
    return ()


@check("HRD099", "warning", citation="format.md: Findings", reading=True, fixed=_FIXED)
def more_findings(situation: Situation) -> Iterable[Hit]:
    """And N more findings in this file: findings past 200 in one file are cut and counted.

    Reported with the severity of the worst finding it stands for, in every format, so that a
    broken or hostile file cannot flood a CI log; the summary still counts them all.
    """
    return ()
