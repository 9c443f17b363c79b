"""Checks of values that are well-formed but cannot be right."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.model import UNIT_ID, Where
from hrddp_cli.scoring import Situation

# ISO 3166-1 alpha-2 officially assigned codes.
_ISO_3166_CODES = """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC
    EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK
    HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB
    LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU
    RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN
    TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"""
_ISO_3166 = frozenset(_ISO_3166_CODES.split())


@check("HRD103", "error", citation="dossier-format.md: consultations.yaml (participants)")
def more_women_than_participants(situation: Situation) -> Iterable[Hit]:
    """A consultation counts more women than participants.

    The share of women heard is reported to decision makers (SEED §2); a count that cannot be
    right makes it meaningless.
    """
    dossier = situation.dossier
    for consultation in dossier.consultations:
        for j, participant in enumerate(consultation.participants):
            if (
                participant.headcount is not None
                and participant.women is not None
                and participant.women > participant.headcount
            ):
                yield Hit(
                    consultation.where.at("participants", j, "women"),
                    f"consultation {consultation.id}: women outnumber the participants counted (women > count)",
                )


@check("HRD104", "warning", citation="dossier-format.md: Required fields (recipient.country)")
def unknown_country(situation: Situation) -> Iterable[Hit]:
    """The recipient country code is neither an ISO 3166-1 country nor in the private-use range XA–XZ.

    A code outside both is most likely a typo (UK for GB, say); XA–XZ are free for fictional
    or private use.
    """
    dossier = situation.dossier
    country = dossier.context.country
    if country not in _ISO_3166 and not ("XA" <= country <= "XZ"):
        yield Hit(
            Where("context", ("recipient", "country")),
            "recipient.country is not an ISO 3166-1 country code (nor XA–XZ for private use)",
            f"got {country}",
        )


_LOOKS_LIKE_UNIT = re.compile(r"[Uu]\s*[-_ ]?\s*[0-9]+\Z")


@check("HRD105", "warning", citation="dossier-format.md: incidents.yaml (perpetrators)")
def perpetrator_unit_miswritten(situation: Situation) -> Iterable[Hit]:
    """A perpetrator's unit looks like a unit id but is not written as one (U003, u-3).

    A perpetrator's unit is either a unit id (U-003), which ties the incident to that unit's
    support (G-rules scope it to the unit), or an actor's name. A miswritten id is read as a
    name: the incident silently moves from the unit to the engagement.
    """
    dossier = situation.dossier
    for incident in dossier.incidents:
        for j, perpetrator in enumerate(incident.perpetrators):
            if _LOOKS_LIKE_UNIT.match(perpetrator.unit) and not UNIT_ID.match(perpetrator.unit):
                yield Hit(
                    incident.where.at("perpetrators", j, "unit"),
                    f"incident {incident.id}: a perpetrator's unit looks like a unit id but is not one; "
                    "write it as U- and three digits (U-003), or as a name",
                )
