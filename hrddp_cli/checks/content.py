"""Checks of values that are well-formed but cannot be right."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hrddp_cli.checks import Hit, check
from hrddp_cli.findings import RECORD
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


@check("HRD103", "error", citation="format.md: consultations.yaml")
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
                    f"{RECORD}: women outnumber the participants counted (women > count)",
                )


@check("HRD104", "warning", citation="format.md: context.yaml")
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


# The consistency checks exist so that no label can talk a dossier down: a portfolio's settings
# (which a pull request may edit) cannot turn them off or make them warnings.
_NO_LABEL = "it stops a label from talking a dossier down"
_LOOKS_LIKE_UNIT = re.compile(r"[Uu]\s*[-_ ]?\s*[0-9]+\Z")
_CORE_CRIMES_NEVER_NONE = ("torture", "enforced_disappearance", "sexual_violence")
_ALWAYS_GRAVE = ("sexual_violence", "children_armed_conflict")


@check("HRD106", "error", citation="format.md: Consistency that the content checks enforce", fixed=_NO_LABEL)
def core_crime_filed_as_not_grave(situation: Situation) -> Iterable[Hit]:
    """Torture, enforced disappearance or sexual violence filed with grave_violation.category none.

    These are grave violations by definition; filing one as "none" would take the incident out
    of every G-rule. Choose the category (or undetermined, while it is not yet known).
    """
    for incident in situation.dossier.incidents:
        crimes = [v for v in incident.violation_types if v in _CORE_CRIMES_NEVER_NONE]
        if crimes and incident.grave_category == "none":
            yield Hit(
                incident.where.at("grave_violation", "category"),
                f"{RECORD}: {crimes[0].replace('_', ' ')} cannot have category none; "
                "choose the category, or undetermined",
            )


@check("HRD107", "error", citation="format.md: Consistency that the content checks enforce", fixed=_NO_LABEL)
def grave_risk_filed_as_not_grave(situation: Situation) -> Iterable[Hit]:
    """A risk of sexual violence or of children in armed conflict with grave_violation false.

    Both are grave violations by their category; a risk of them is judged as a grave risk
    (verified credit on its likelihood only).
    """
    for risk in situation.dossier.risks:
        if risk.category in _ALWAYS_GRAVE and not risk.grave_violation:
            yield Hit(
                risk.where.at("grave_violation"),
                f"{RECORD}: a {risk.category.replace('_', ' ')} risk is a grave-violation risk; "
                "set grave_violation: true",
            )


@check("HRD108", "error", citation="format.md: incidents.yaml", fixed=_NO_LABEL)
def unknown_perpetrator(situation: Situation) -> Iterable[Hit]:
    """A perpetrator's unit is neither a recipient unit, a partner's name, eu_personnel nor unidentified.

    A perpetrator written as free text would escape every rule: a miswritten unit id (U003)
    would move the incident from the unit to nobody. Write a unit id from recipient.units, a
    name from recipient.partners, eu_personnel or unidentified.
    """
    for incident in situation.dossier.incidents:
        for j, perpetrator in enumerate(incident.perpetrators):
            if perpetrator.kind != "unknown":
                continue
            if UNIT_ID.match(perpetrator.unit):
                hint = "; it is written as a unit id, but no unit of recipient.units has it"
            elif _LOOKS_LIKE_UNIT.match(perpetrator.unit):
                hint = "; it looks like a unit id: write it as in recipient.units (U-003)"
            else:
                hint = ""
            yield Hit(
                incident.where.at("perpetrators", j, "unit"),
                f"{RECORD}: a perpetrator must be a unit of recipient.units, a partner's name, "
                f"eu_personnel or unidentified{hint}",
            )  # the value is not quoted: written as free text, it may be a person's name


@check("HRD109", "error", citation="format.md: incidents.yaml", fixed=_NO_LABEL)
def supported_unit_disagrees(situation: Situation) -> Iterable[Hit]:
    """A perpetrator's supported_unit disagrees with recipient.units.

    supported_unit is true exactly when the perpetrator is one of the recipient's units; marking a
    listed unit false (or a partner true) would talk the incident out of, or into, the G-rules.
    Leave it out and it is derived.
    """
    for incident in situation.dossier.incidents:
        for j, perpetrator in enumerate(incident.perpetrators):
            written = perpetrator.written_supported
            if written is not None and perpetrator.kind != "unknown" and written != perpetrator.supported:
                what = "is one of recipient.units" if perpetrator.supported else "is not one of recipient.units"
                yield Hit(
                    incident.where.at("perpetrators", j, "supported_unit"),
                    f"{RECORD}: supported_unit is {str(written).lower()} but the perpetrator {what}; "
                    f"set it to {str(perpetrator.supported).lower()}, or leave it out",
                )
