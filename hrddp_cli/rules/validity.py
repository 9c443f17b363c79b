"""V0: a dossier with validation errors cannot be scored."""

from __future__ import annotations

from collections.abc import Iterable

from hrddp_cli.rules import Trigger, rule
from hrddp_cli.scoring import Situation


@rule("V0", floor="insufficient_information", fixed="it marks a dossier that cannot be scored", citation="status.md")
def validation_errors(situation: Situation) -> Iterable[Trigger]:
    """The dossier has validation errors: no scores, and the recommendation is insufficient_information.

    A score computed from a broken file would look trustworthy and be wrong. Applied before
    every other rule, from the result of hrddp validate.
    """
    return ()
