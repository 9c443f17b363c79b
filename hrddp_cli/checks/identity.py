"""Checks of identity: ids are unique, and the dossier is named as its folder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hrddp_cli.checks import Hit, check
from hrddp_cli.model import Dossier, Where
from hrddp_cli.scoring import Situation


def _ids(dossier: Dossier) -> Iterator[tuple[str, Where]]:
    context = dossier.context
    for unit in context.units:
        yield unit.id, unit.where.at("id")
    for criterion in context.suspension_criteria:
        yield criterion.id, criterion.where.at("id")
    for register in (dossier.risks, dossier.mitigations, dossier.consultations, dossier.incidents):
        for record in register:
            yield record.id, record.where.at("id")


@check(
    "HRD020",
    "error",
    citation="format.md: Common conventions",
    fixed="ids are how records are referenced",
)
def repeated_id(situation: Situation) -> Iterable[Hit]:
    """An id is used by two records of the same dossier.

    Ids are how records are referenced, diffed and reported: a repeated id makes every one of
    those ambiguous. Ids are never reused, not even for a closed or removed record. Reported
    at the second record.
    """
    first: dict[str, Where] = {}
    for record_id, where in _ids(situation.dossier):
        if record_id in first:
            earlier = first[record_id]
            yield Hit(
                where, f"this id is already used in {earlier.file}; give this record a new id", f"got {record_id}"
            )
        else:
            first[record_id] = where


@check("HRD201", "warning", citation="format.md: context.yaml")
def id_differs_from_folder(situation: Situation) -> Iterable[Hit]:
    """The dossier's id is not the name of its folder.

    The folder name is how people find a dossier and the id is how every report names it; when
    they differ, one of them is out of date. Rename the folder or change the id.
    """
    dossier = situation.dossier
    if dossier.context.id != dossier.folder:
        yield Hit(
            Where("context", ("id",)),
            f"id {dossier.context.id} differs from the folder name {dossier.folder}; make them the same",
        )
