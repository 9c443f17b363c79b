"""Write a synthetic, fictional portfolio of dossiers for benchmarks: ``generate.py OUT_DIR --dossiers 300``.

Each dossier (``OUT_DIR/dossiers/<id>/``) holds the five files of dossier-format.md, shaped
like the project's sample dossier (modeline, ``schema_version: 1``, block sequences, ``>-``
text) and about its size: 25 risks, 25 mitigations, 15 consultations, 12 incidents and 6
units, so that ``risks.yaml`` is 20–30 kB. Every reference resolves, dates come in order and
every completeness rule is satisfied, so the portfolio validates with no finding at all.

``--errors N`` then injects N errors, at most one per dossier (a schema error hides the
cross-file checks of its dossier) and spread evenly over the portfolio, cycling through five
kinds: a likelihood of 7, an unknown enum value, an unknown key, a dangling risk reference and
a repeated key. ``OUT_DIR/injected.json`` lists each one's file (relative to OUT_DIR), line,
code and JSON Pointer, so a run can check that a validator reports each where it was put.

The output depends only on the seed and the dossier's index: a portfolio of 100 dossiers is
the first 100 of one of 300. Standard library only, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("context", "risks", "consultations", "mitigations", "incidents")
COUNTS = {"units": 6, "risks": 25, "mitigations": 25, "consultations": 15, "incidents": 12}
WIDTH = 96  # where block text wraps, as in the sample dossier

Pointer = tuple[str | int, ...]
Data = dict[str, Any]

# --- Vocabularies of the schemas -------------------------------------------------------------

INSTRUMENTS = ("csdp_civilian_mission", "csdp_military_mission", "epf_assistance_measure", "ndici_programme")
SUPPORT_TYPES = (
    "training",
    "mentoring_advisory",
    "institution_building",
    "financial_support",
    "logistical_support",
    "operational_support",
    "equipment_non_lethal",
    "equipment_lethal",
    "infrastructure",
    "surveillance_or_data_systems",
)
PHASES = ("pre_engagement", "design", "decision", "implementation", "post_delivery", "review", "exit", "evaluation")
CATEGORIES = (
    "hr_violation",
    "ihl_violation",
    "refugee_law",
    "sexual_violence",
    "seah",
    "children_armed_conflict",
    "corruption_diversion",
    "discrimination",
    "data_protection_surveillance",
    "private_security_companies",
    "conflict_sensitivity",
    "civic_space_reprisals",
    "accountability_gap",
    "eu_legitimacy",
)
GROUPS = (
    "women",
    "girls",
    "children",
    "elderly",
    "persons_with_disabilities",
    "ethnic_minorities",
    "religious_minorities",
    "indigenous_peoples",
    "lgbtiq_persons",
    "refugees",
    "asylum_seekers",
    "idps",
    "migrants",
    "detainees",
    "human_rights_defenders",
    "journalists",
    "demonstrators",
    "residents_of_affected_area",
)
MARKINGS = ("public", "internal", "internal", "confidential", "strictly_confidential")
MITIGATION_TYPES = (
    "training",
    "trainee_follow_up",
    "vetting",
    "condition",
    "sop_development",
    "accountability_support",
    "oversight_support",
    "complaints_mechanism",
    "early_warning_system",
    "civil_society_engagement",
    "end_use_control",
    "equipment_restriction",
    "unit_exclusion",
    "seah_policy",
    "data_protection_safeguard",
    "hrddp_communication",
    "gender_transformative",
    "pmsc_standards",
)
MITIGATION_STATUSES = ("planned", "in_progress", "implemented", "verified_effective", "ineffective", "lapsed")
RESPONSIBLE = ("eu", "recipient", "member_state", "implementing_partner", "civil_society", "joint")
PURPOSES = ("risk_identification", "go_no_go", "mitigation_design", "monitoring", "evaluation", "harm_feedback")
FORMATS = (
    "meeting",
    "focus_group",
    "workshop",
    "community_dialogue",
    "survey",
    "written_submission",
    "complaints_channel",
    "early_warning_report",
)
PARTICIPANT_TYPES = (
    "local_cso",
    "womens_organisation",
    "youth_organisation",
    "minority_representatives",
    "refugee_idp_representatives",
    "disability_organisation",
    "human_rights_defenders",
    "victims_association",
    "nhri",
    "media",
    "academia",
    "community_leaders",
    "un_entity",
)
VIOLATIONS = (
    "killing",
    "enforced_disappearance",
    "torture",
    "ill_treatment",
    "sexual_violence",
    "arbitrary_detention",
    "excessive_force",
    "attack_on_civilians",
    "refoulement",
    "forced_displacement",
    "looting_extortion",
    "threats_harassment",
    "discrimination",
    "unlawful_surveillance",
    "diversion_of_equipment",
)
# What the content checks require: these categories of risk are always grave (HRD107); these
# violations never have grave category none (HRD106), nor killings without a reason (HRD310).
ALWAYS_GRAVE = ("sexual_violence", "children_armed_conflict")
NEVER_NONE = ("torture", "enforced_disappearance", "sexual_violence", "killing")
GRAVITY = ("war_crime", "crime_against_humanity", "gross_hr_violation", "refoulement", "none", "undetermined")
SOURCE_TYPES = ("victim", "witness", "cso", "media", "un", "official", "whistleblower", "complaints_mechanism")
VERIFICATION = ("alleged", "under_verification", "credible", "verified", "not_substantiated")
EU_ACTIONS = (
    "political_dialogue",
    "demarche",
    "request_investigation",
    "unit_support_paused",
    "engagement_support_paused",
    "public_statement",
    "referral",
)
ACCOUNTABILITY = ("none_known", "investigation_opened", "suspects_suspended", "prosecuted", "convicted", "obstructed")
OUTCOMES = ("proceed", "proceed_with_mitigations", "adapt", "suspend", "terminate")
UNIT_KINDS = {
    "ministry": "Ministry of {place} Affairs, Directorate for {topic}",
    "border_guard": "State Border Guard, {region} Detachment",
    "police": "National Police, {region} Regional Directorate",
    "army": "{ordinal} Motorised Infantry Brigade",
    "gendarmerie": "National Gendarmerie, {region} Legion",
    "navy": "Coastal Patrol Flotilla of {settlement}",
    "military_police": "Military Police Battalion of {settlement}",
    "prison_service": "{settlement} Remand Prison",
    "intelligence": "Directorate of Security Intelligence, {region} Office",
    "oversight_body": "Inspectorate General of the Security Forces",
}

# --- The words of the fiction ------------------------------------------------------------------

SYLLABLES = ("ar", "bel", "cor", "dra", "es", "fal", "gor", "hal", "ir", "kal", "lor", "mar", "nes", "or", "pel",
             "ros", "sar", "tes", "var", "zel", "mir", "dun", "quel", "ost", "ven")  # fmt: skip
ENDINGS = ("a", "ia", "en", "or", "ovo", "ik", "ane", "eth", "um")
ORDINALS = ("3rd", "5th", "7th", "11th", "12th", "21st", "32nd")
TOPICS = ("Border and Migration Policy", "Public Order", "Defence Planning", "Internal Security", "Detention")
EU_ACTORS = (
    "Head of Mission",
    "Mission Human Rights and Gender Adviser",
    "Political Officer, EU Delegation",
    "Mission Legal Adviser",
    "Mission Rule of Law Adviser",
    "Mission Head of Logistics",
    "HRDDP focal point, CPCC",
    "Programme Manager, EU Delegation",
)
ORGANISATIONS = ("Civil Society Monitoring Network", "Women's Council", "Legal Aid Centre", "Refugee Collective",
                 "Human Rights Committee", "Association of Families of the Missing", "Press Freedom Forum")  # fmt: skip
PLACES = ("border post holding room", "checkpoint", "camp", "village", "market", "detention facility", "river bank")

CAUSES = (
    "Overcrowded holding rooms and unsupervised night shifts",
    "A culture of force-based responses and weak command oversight",
    "Political pressure to show results against irregular crossings",
    "Standing orders that single out people from the river villages",
    "The absence of written rules on the use of force and on searches",
    "Weak stock control at detachment level and informal cross-border trade",
    "A complaints system that reports to the very command it should oversee",
    "Poor pay, long deployments and little supervision of remote posts",
    "Close informal cooperation with local militias and village watches",
    "Data systems rolled out before any data protection law applies",
)
EVENTS = {  # category: (how a title names it, the event of "cause → event → impact")
    "hr_violation": ("Ill-treatment of apprehended people", "can lead to beatings and denial of water in holding"),
    "ihl_violation": (
        "Indiscriminate fire in operations",
        "can lead to indiscriminate fire on villages near armed groups",
    ),
    "refugee_law": ("Collective expulsions", "can lead to groups being returned across the border without assessment"),
    "sexual_violence": (
        "Sexual violence during searches",
        "can lead to sexual harassment, assault and coercion in searches",
    ),
    "seah": ("Sexual exploitation by personnel", "can lead to exploitation of people who depend on personnel for aid"),
    "children_armed_conflict": ("Use of children as informants", "can lead to displaced boys being used as informants"),
    "corruption_diversion": (
        "Diversion of equipment and fuel",
        "can let vehicles, fuel or radios go to militias or smugglers",
    ),
    "discrimination": (
        "Ethnic profiling in identity checks",
        "can lead to repeated checks and holding of minority residents",
    ),
    "data_protection_surveillance": (
        "Misuse of border data",
        "can let officers track defenders, journalists or activists",
    ),
    "private_security_companies": (
        "Abuse by private guards",
        "can lead private guards to use force on or extort residents",
    ),
    "conflict_sensitivity": (
        "Support read as taking sides",
        "can make supported units a party to disputes over land and trade",
    ),
    "civic_space_reprisals": (
        "Reprisals against monitors",
        "can lead to summons, surveillance and smears against monitors",
    ),
    "accountability_gap": (
        "Impunity for abuses by officers",
        "can end complaints in closure without disciplinary action",
    ),
    "eu_legitimacy": ("Harm to the EU's credibility", "can associate the EU with abuses by units it equips and trains"),
}
IMPACTS = (
    "causing injury and lasting trauma and deterring people from seeking protection",
    "exposing those affected to persecution and denying them access to remedies",
    "deepening mistrust of the State among the communities the support should serve",
    "silencing the very sources on which the due diligence policy relies",
    "strengthening non-state armed actors and discrediting the engagement",
    "confirming perceptions of impunity and weakening the effect of training",
)
CONTEXT_SENTENCES = (
    "Reporting by the {org} in {year} documented similar events at {settlement}.",
    "Mission monitors visiting the {settlement} post in {year} found no written instructions on the matter.",
    "The national human rights institution raised the issue with the Minister in {year} without a reply.",
    "UN field staff recorded {count} comparable allegations in the {region} region during {year}.",
    "Officers interviewed by the mission acknowledged the problem but attributed it to a lack of resources.",
    "Two of the units concerned receive mentoring, equipment and infrastructure support from the engagement.",
    "The risk is higher at night and at remote posts, where no supervisor or monitor is present.",
    "Women, children and minority residents are disproportionately affected, and rarely complain.",
    "Civil-society partners warn that the situation has worsened since the offensive of {year}.",
    "Mitigation relies on the recipient's cooperation, which has been uneven across the {region} region.",
)
MEASURE_SENTENCES = (
    "Every officer of the units concerned is covered before training, mentoring or access to equipment.",
    "The measure is co-delivered with local civil-society partners and reviewed every six months.",
    "Progress is monitored through quarterly field visits and the mission's complaints mechanism.",
    "The recipient committed to it in writing, and support to the units concerned depends on it.",
    "Implementation was delayed by staff rotation at the {region} detachment and resumed in {year}.",
    "Its effect is checked against complaints data and reports from the {org}.",
    "Women officers and minority-language interpreters take part in every stage of the measure.",
    "The standard operating procedure was drafted with the national human rights institution.",
)
FINDING_SENTENCES = (
    "Participants described {topic} at {settlement} and asked that support be made conditional on vetting.",
    "Most supported continued EU presence as a means of scrutiny but opposed any lethal equipment.",
    "Women said they would not use the hotline and asked for a women-only complaints channel.",
    "Several participants feared reprisals for speaking to the mission and asked for anonymity.",
    "Residents reported that patrols with the village watch stop minority traders on their own land.",
    "Representatives of displaced families said that children are held with adults at the posts.",
    "Participants confirmed faster follow-up of complaints since {year} but said cells remain overcrowded.",
    "Defenders asked who may query the border data system and whether data are shared abroad.",
)
INCIDENT_SENTENCES = (
    "A group apprehended near {settlement} was held overnight without registration or water.",
    "Officers are reported to have beaten several men with batons and kept the group in stress positions.",
    "About {count} people, including women and children, were reportedly forced back across the border.",
    "Witnesses describe members of the village watch taking part alongside uniformed officers.",
    "Forensic documentation by the national human rights institution matched the injuries to the accounts.",
    "The recipient's ministry denies the events and has not opened an investigation so far.",
    "Whether mission-provided equipment was used is being checked against the end-use records.",
    "Two of the officers identified had completed the mission's course on the use of force.",
)
TOPIC_WORDS = ("collective expulsions", "ethnic profiling", "abuses during searches", "night-time detentions")


@dataclass(frozen=True, slots=True)
class Text:
    """Free text, emitted as a ``>-`` block scalar of wrapped paragraphs."""

    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Twice:
    """A scalar whose key is written twice in its mapping: the repeated-key error (HRD002)."""

    value: Any


@dataclass(frozen=True, slots=True)
class Injected:
    """One error put into the portfolio, where a validator must report it."""

    file: str
    line: int
    code: str
    pointer: str
    what: str


# --- YAML text -----------------------------------------------------------------------------------

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9][^#\n]*")
_NOT_TEXT = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"})


def scalar(value: Any) -> str:
    """One scalar as YAML: plain when that reads back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    plain = (
        _PLAIN.fullmatch(text) and ": " not in text and not text.endswith((":", " ")) and text.lower() not in _NOT_TEXT
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


class Emitter:
    """Block-style YAML text of nested dicts and lists, noting the line of every key and item.

    The lines are what makes ``injected.json`` exact: an error's line is looked up by its
    pointer after the file is written, never guessed.
    """

    def __init__(self, schema_kind: str) -> None:
        self.lines = [f"# yaml-language-server: $schema=../../.hrddp/schemas/{schema_kind}.schema.json"]
        self.line_of: dict[Pointer, int] = {}

    def document(self, data: Data, spaced: frozenset[str] = frozenset()) -> str:
        """The file's text; the items of the lists named in ``spaced`` are separated by blank lines."""
        for key, value in data.items():
            if isinstance(value, dict | list) and value and len(self.lines) > 2:
                self.lines.append("")
            self._entry("", key, value, 0, (key,), key in spaced)
        return "\n".join(self.lines) + "\n"

    def _mapping(self, data: Data, indent: int, pointer: Pointer, lead: str | None = None) -> None:
        for n, (key, value) in enumerate(data.items()):
            prefix = lead if n == 0 and lead is not None else " " * indent
            self._entry(prefix, key, value, indent, (*pointer, key))

    def _entry(self, prefix: str, key: str, value: Any, indent: int, pointer: Pointer, spaced: bool = False) -> None:
        if isinstance(value, Twice):
            self.lines.append(f"{prefix}{key}: {scalar(value.value)}")
            prefix = " " * indent
            value = value.value
        self.line_of[pointer] = len(self.lines) + 1
        if isinstance(value, dict):
            self.lines.append(f"{prefix}{key}:")
            self._mapping(value, indent + 2, pointer)
        elif isinstance(value, list):
            self.lines.append(f"{prefix}{key}:" if value else f"{prefix}{key}: []")
            self._sequence(value, indent + 2, pointer, spaced)
        elif isinstance(value, Text):
            self.lines.append(f"{prefix}{key}: >-")
            self._text(value, indent + 2)
        else:
            self.lines.append(f"{prefix}{key}: {scalar(value)}")

    def _sequence(self, items: list[Any], indent: int, pointer: Pointer, spaced: bool) -> None:
        for i, item in enumerate(items):
            if spaced and i:
                self.lines.append("")
            self.line_of[(*pointer, i)] = len(self.lines) + 1
            if isinstance(item, dict):
                self._mapping(item, indent + 2, (*pointer, i), lead=" " * indent + "- ")
            else:
                self.lines.append(f"{' ' * indent}- {scalar(item)}")

    def _text(self, text: Text, indent: int) -> None:
        for n, paragraph in enumerate(text.paragraphs):
            if n:
                self.lines.append("")
            self.lines.extend(" " * indent + line for line in textwrap.wrap(paragraph, WIDTH - indent))


# --- One dossier -----------------------------------------------------------------------------------


class Fiction:
    """The invented setting of one dossier (country, places, organisations) and its random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.country = self.name()
        self.minority = self.name().rstrip("aeiou") + "ic"
        self.regions = [self.name() for _ in range(3)]
        self.settlements = [self.name() for _ in range(8)]
        self.orgs = [f"{rng.choice(self.settlements)} {org}" for org in rng.sample(ORGANISATIONS, 4)]

    def name(self) -> str:
        syllables = self.rng.randint(1, 2)
        word = "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)) + self.rng.choice(ENDINGS)
        return word.capitalize()

    def fill(self, template: str, year: int) -> str:
        return template.format(
            org=self.rng.choice(self.orgs),
            year=year,
            settlement=self.rng.choice(self.settlements),
            region=self.rng.choice(self.regions),
            count=self.rng.randint(5, 60),
            topic=self.rng.choice(TOPIC_WORDS),
        )

    def sentences(self, pool: tuple[str, ...], count: int, year: int) -> str:
        return " ".join(self.fill(template, year) for template in self.rng.sample(pool, count))


def some(rng: random.Random, pool: tuple[str, ...] | list[str], low: int, high: int) -> list[str]:
    """Between ``low`` and ``high`` distinct items of ``pool``, in pool order (as an analyst lists them)."""
    chosen = set(rng.sample(list(pool), rng.randint(low, high)))
    return [item for item in pool if item in chosen]


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


@dataclass(slots=True)
class Dossier:
    """One dossier as data: its id (the folder name) and its five documents by kind."""

    id: str
    documents: dict[str, Data]


def build_dossier(seed: int, index: int) -> Dossier:
    """The dossier at ``index`` of the portfolio of ``seed``: the same every time."""
    rng = random.Random(f"hrddp-bench:{seed}:{index}")
    fiction = Fiction(rng)
    code = "X" + chr(ord("A") + rng.randrange(26))
    dossier_id = f"{code.lower()}-{fiction.country.lower()}-{index + 1:04d}"
    start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 4 * 365))
    assessed = start + dt.timedelta(days=rng.randint(500, 1400))
    units = [f"U-{n:03d}" for n in range(1, COUNTS["units"] + 1)]
    risks = [f"R-{n:03d}" for n in range(1, COUNTS["risks"] + 1)]
    mitigations = [f"M-{n:03d}" for n in range(1, COUNTS["mitigations"] + 1)]
    context_data = context(fiction, dossier_id, code, start, assessed, units)
    partners = [partner["name"] for partner in context_data["recipient"]["partners"]]
    documents = {
        "context": context_data,
        "risks": {"schema_version": 1, "risks": [risk(fiction, r, units, start, assessed) for r in risks]},
        "consultations": {
            "schema_version": 1,
            "consultations": [
                consultation(fiction, n, risks, mitigations, start, assessed)
                for n in range(1, COUNTS["consultations"] + 1)
            ],
        },
        "mitigations": {
            "schema_version": 1,
            "mitigations": [
                mitigation(fiction, n, risks, start, assessed) for n in range(1, COUNTS["mitigations"] + 1)
            ],
        },
        "incidents": {
            "schema_version": 1,
            "incidents": [
                incident(fiction, n, units, partners, risks, start, assessed) for n in range(1, COUNTS["incidents"] + 1)
            ],
        },
    }
    return Dossier(dossier_id, documents)


def context(fiction: Fiction, dossier_id: str, code: str, start: dt.date, assessed: dt.date, units: list[str]) -> Data:
    rng = fiction.rng
    country = fiction.country
    interval = rng.choice((90, 180, 365))
    assessment: Data = {
        "date": assessed,
        "assessors": [f"{actor}, {country}" for actor in rng.sample(EU_ACTORS, 3)],
        "approved_by": f"Head of Mission, {country}",
        "review_interval_days": interval,
    }
    if rng.random() < 0.5:
        assessment["next_review"] = assessed + dt.timedelta(days=interval)
    data: Data = {
        "schema_version": 1,
        "id": dossier_id,
        "title": Text((f"EU support to the security forces of the Republic of {country} ({code}), fictional",)),
        "confidentiality": rng.choice(MARKINGS[:4]),
        "engagement": {
            "instrument": rng.choice(INSTRUMENTS),
            "support_types": some(rng, SUPPORT_TYPES, 2, 6),
            "phase": rng.choice(PHASES),
            "status": rng.choice(("active", "adapted", "proposed", "suspended")),
            "start": start,
            "end": start + dt.timedelta(days=rng.randint(1500, 2500)),
            "budget_eur": rng.randrange(2_000_000, 90_000_000, 100_000),
            "responsibilities": [
                {"actor": actor, "role": Text((fiction.sentences(MEASURE_SENTENCES, 1, start.year),))}
                for actor in rng.sample(EU_ACTORS, 4)
            ],
        },
        "recipient": {
            "country": code,
            "monitoring_access": rng.choice(("full", "full", "restricted")),
            "units": [unit(fiction, n, unit_id) for n, unit_id in enumerate(units)],
            "partners": [
                {
                    "name": f"{fiction.name()} Perimeter Services Ltd",
                    "type": "private_security_company",
                    "role": Text((fiction.sentences(CONTEXT_SENTENCES, 2, start.year),)),
                },
                {
                    "name": f"{rng.choice(fiction.settlements)} Village Watch",
                    "type": "militia",
                    "role": Text((fiction.sentences(CONTEXT_SENTENCES, 2, start.year),)),
                },
            ],
            "rome_statute_party": rng.random() < 0.7,
            "record": Text(tuple(fiction.sentences(CONTEXT_SENTENCES, 3, start.year - 2) for _ in range(2))),
        },
        "accountability_mechanisms": [
            {
                "name": name,
                "type": kind,
                "effectiveness": rng.choice(("effective", "partial", "ineffective", "absent", "unknown")),
                "accessible_to_population": rng.random() < 0.6,
                "whistleblower_protection": rng.random() < 0.3,
            }
            for name, kind in (
                (f"{rng.choice(fiction.regions)} District Court", "civilian_court"),
                ("Inspectorate General of the Security Forces", "inspectorate"),
                ("Office of the People's Advocate", "nhri"),
                ("EU mission complaints and feedback mechanism", "eu_accountability_mechanism"),
            )
        ],
        "leverage": {"level": rng.choice(("high", "medium", "low")), "basis": analysis(fiction, start.year)},
        "conflict_analysis": {"date": assessed - dt.timedelta(days=40), "summary": analysis(fiction, start.year)},
        "gender_analysis": {
            "date": assessed - dt.timedelta(days=20),
            "intersectional": True,
            "summary": analysis(fiction, start.year),
        },
        "hrddp_communication": {
            "communicated_to_recipient": start + dt.timedelta(days=5),
            "channel": rng.choice(("letter", "dialogue", "agreement")),
            "acknowledged": True,
        },
        "suspension_criteria": [
            {
                "id": f"S-{n:03d}",
                "trigger": Text((fiction.sentences(CONTEXT_SENTENCES, 2, start.year),)),
                "scope": rng.choice(("engagement", "component", "unit")),
                "outcome": rng.choice(("adapt", "suspend", "terminate")),
                "authority": rng.choice(("Political and Security Committee", "Civilian Operations Commander")),
            }
            for n in range(1, 4)
        ],
        "safeguards": {
            key: True for key in ("seah_policy", "complaints_mechanism", "data_protection", "end_use_monitoring")
        },
        "assessment": assessment,
        "decisions": decisions(fiction, start, assessed, units),
    }
    if rng.random() < 0.5:
        data["decision"] = {
            "question": Text((fiction.sentences(CONTEXT_SENTENCES, 2, assessed.year),)),
            "deadline": assessed + dt.timedelta(days=30),
            "options": [
                {"outcome": outcome, "summary": Text((fiction.sentences(MEASURE_SENTENCES, 2, assessed.year),))}
                for outcome in ("adapt", "suspend", "do_not_engage")
            ],
        }
    return data


def analysis(fiction: Fiction, year: int) -> Text:
    return Text(tuple(fiction.sentences(CONTEXT_SENTENCES, 3, year) for _ in range(2)))


def unit(fiction: Fiction, n: int, unit_id: str) -> Data:
    rng = fiction.rng
    kind = "ministry" if n == 0 else rng.choice(list(UNIT_KINDS)[1:])
    name = UNIT_KINDS[kind].format(
        place=rng.choice(("Internal", "Defence", "Justice")),
        topic=rng.choice(TOPICS),
        region=rng.choice(fiction.regions),
        ordinal=rng.choice(ORDINALS),
        settlement=rng.choice(fiction.settlements),
    )
    data: Data = {
        "id": unit_id,
        "name": name,
        "classification": kind,
    }
    if n > 1 and rng.random() < 0.4:
        data["parent"] = f"U-{rng.randint(1, n):03d}"
    data["location"] = rng.choice(fiction.settlements)
    return data


def decisions(fiction: Fiction, start: dt.date, assessed: dt.date, units: list[str]) -> list[Data]:
    rng = fiction.rng
    dates = sorted(day_between(rng, start - dt.timedelta(days=60), assessed) for _ in range(rng.randint(1, 3)))
    return [
        {
            "date": date,
            "outcome": rng.choice(OUTCOMES),
            "scope": rng.choice(("engagement", f"unit:{rng.choice(units)}")),
            "authority": rng.choice(("Political and Security Committee", "Civilian Operations Commander")),
            "rationale": Text((fiction.sentences(MEASURE_SENTENCES, 2, date.year),)),
        }
        for date in dates
    ]


def risk(fiction: Fiction, risk_id: str, units: list[str], start: dt.date, assessed: dt.date) -> Data:
    rng = fiction.rng
    category = rng.choice(CATEGORIES)
    label, event = EVENTS[category]
    cause = f"{rng.choice(CAUSES)} (cause) {event} (event), {rng.choice(IMPACTS)} (impact)."
    likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
    data: Data = {
        "id": risk_id,
        "title": f"{label} in the {rng.choice(fiction.regions)} region",
        "category": category,
        "description": Text((cause, fiction.sentences(CONTEXT_SENTENCES, 2, assessed.year))),
        "units": some(rng, units, 1, 3),
        "affected_groups": some(rng, GROUPS, 1, 4),
        "grave_violation": category in ("hr_violation", "ihl_violation", "refugee_law", *ALWAYS_GRAVE),
        "likelihood": likelihood,
        "impact": impact,
    }
    if rng.random() < 0.2:
        data["override"] = {
            "likelihood": max(1, likelihood - 1),
            "impact": impact,
            "justification": Text((fiction.sentences(CONTEXT_SENTENCES, 2, assessed.year),)),
        }
    data["trend"] = rng.choice(("increasing", "stable", "decreasing", "unknown"))
    dates = sorted(day_between(rng, start, assessed) for _ in range(rng.randint(1, 2)))
    data["evidence"] = [
        {
            "source": f"{rng.choice(fiction.orgs)}, report of {date:%B %Y}",
            "date": date,
            "reliability": rng.choice("ABCDEF"),
        }
        for date in dates
    ]
    data["owner"] = rng.choice(EU_ACTORS)
    data["status"] = rng.choice(("open", "open", "monitored", "closed", "materialised"))
    data["reviewed"] = assessed - dt.timedelta(days=rng.randint(0, 120))
    data["confidentiality"] = rng.choice(MARKINGS)
    return data


def mitigation(fiction: Fiction, n: int, risks: list[str], start: dt.date, assessed: dt.date) -> Data:
    """Mitigation ``M-n`` addresses risk ``R-n`` (so no high risk is left unaddressed) and maybe others."""
    rng = fiction.rng
    kind = rng.choice(MITIGATION_TYPES)
    status = rng.choice(MITIGATION_STATUSES)
    addressed = [risks[(n - 1) % len(risks)], *rng.sample(risks, rng.randint(0, 2))]
    data: Data = {
        "id": f"M-{n:03d}",
        "title": f"{kind.replace('_', ' ').capitalize()} for the {rng.choice(fiction.regions)} units",
        "type": kind,
        "description": Text(tuple(fiction.sentences(MEASURE_SENTENCES, 2, assessed.year) for _ in range(2))),
        "addresses": [
            {"risk": risk_id, "reduces": rng.choice(("likelihood", "impact", "both")), "by": rng.randint(1, 2)}
            for risk_id in dict.fromkeys(addressed)
        ],
        "responsible": rng.choice(RESPONSIBLE),
        "is_condition": rng.random() < 0.3,
        "status": status,
        "due": day_between(rng, start, assessed + dt.timedelta(days=180)),
    }
    if status in ("implemented", "verified_effective", "ineffective", "lapsed"):
        done = day_between(rng, start, assessed - dt.timedelta(days=60))
        data["implemented_on"] = done
        data["verification"] = {
            "method": rng.choice(("document_review", "field_monitoring", "third_party", "civil_society_feedback")),
            "date": day_between(rng, done, assessed),
            "evidence": Text((fiction.sentences(MEASURE_SENTENCES, 2, done.year),)),
            "by": rng.choice(EU_ACTORS),
        }
    data["confidentiality"] = rng.choice(MARKINGS)
    return data


def consultation(
    fiction: Fiction, n: int, risks: list[str], mitigations: list[str], start: dt.date, assessed: dt.date
) -> Data:
    rng = fiction.rng
    date = start + dt.timedelta(days=(n - 1) * (assessed - start).days // COUNTS["consultations"] + rng.randint(0, 20))
    participants = []
    for kind in rng.sample(PARTICIPANT_TYPES, rng.randint(1, 3)):
        count = rng.randint(1, 12)
        participant: Data = {"type": kind, "groups_represented": some(rng, GROUPS, 1, 3), "count": count}
        participant["women"] = rng.randint(0, count)
        if rng.random() < 0.4:
            participant["name"] = rng.choice(fiction.orgs)
        participants.append(participant)
    data: Data = {
        "id": f"C-{n:03d}",
        "date": date,
        "phase": rng.choice(PHASES),
        "purpose": some(rng, PURPOSES, 1, 2),
        "format": rng.choice(FORMATS),
        "participants": participants,
        "safeguards": {"informed_consent": True, "reprisal_risk_assessed": True},
        "risks_discussed": some(rng, risks, 1, 4),
        "findings": Text(tuple(fiction.sentences(FINDING_SENTENCES, 2, date.year) for _ in range(2))),
        "harm_signal": rng.random() < 0.2,
        "impact": {
            "risks": some(rng, risks, 1, 2),
            "mitigations": some(rng, mitigations, 1, 2),
            "decision_influenced": rng.random() < 0.4,
            "example": Text((fiction.sentences(MEASURE_SENTENCES, 2, date.year),)),
        },
        "confidentiality": rng.choice(MARKINGS),
    }
    return data


def incident(
    fiction: Fiction, n: int, units: list[str], partners: list[str], risks: list[str], start: dt.date, assessed: dt.date
) -> Data:
    """Incident ``I-n``: reported after it occurred, answered after it was reported."""
    rng = fiction.rng
    occurred = day_between(rng, start, assessed - dt.timedelta(days=90))
    reported = occurred + dt.timedelta(days=rng.randint(0, 30))
    precision = rng.random()
    shown: dt.date | str | int = (
        occurred if precision < 0.8 else (f"{occurred:%Y-%m}" if precision < 0.95 else occurred.year)
    )
    responses = sorted(day_between(rng, reported, reported + dt.timedelta(days=60)) for _ in range(rng.randint(1, 3)))
    perpetrators = []
    for _ in range(rng.randint(1, 2)):
        known = rng.random() < 0.8
        perpetrator: Data = {"unit": rng.choice(units) if known else rng.choice((*partners, "unidentified"))}
        if known:
            perpetrator["supported_unit"] = True  # a unit of recipient.units (HRD109)
        perpetrator["eu_trained"] = rng.choice(("yes", "no", "unknown"))
        perpetrator["eu_equipment"] = rng.choice(("yes", "no", "unknown"))
        perpetrator["involvement"] = rng.choice(("direct", "command", "failure_to_prevent", "unknown"))
        perpetrators.append(perpetrator)
    violations = some(rng, VIOLATIONS, 1, 3)
    category = rng.choice(GRAVITY)
    if category == "none" and any(v in NEVER_NONE for v in violations):
        category = "undetermined"
    groups = some(rng, GROUPS, 1, 4)
    victims = {"killed": rng.choice((0, 0, 0, 1, 2)), "injured": rng.randint(0, 12), "affected": rng.randint(1, 60)}
    return {
        "id": f"I-{n:03d}",
        "title": f"Alleged {violations[0].replace('_', ' ')} near {rng.choice(fiction.settlements)}",
        "occurred": shown,
        "reported": reported,
        "location": {
            "admin_area": f"{rng.choice(fiction.regions)} region",
            "settlement": rng.choice(fiction.settlements),
            "type": rng.choice(PLACES),
        },
        "description": Text(tuple(fiction.sentences(INCIDENT_SENTENCES, 2, occurred.year) for _ in range(2))),
        "violation_types": violations,
        "grave_violation": {
            "category": category,
            "scale": rng.choice(("isolated", "repeated", "systematic")),
        },
        "perpetrators": perpetrators,
        "victims": {**victims, "groups": groups},
        **(
            {"reprisal": rng.random() < 0.2}
            if any(g in ("human_rights_defenders", "journalists") for g in groups)
            else {}
        ),
        "sources": [
            {
                "type": rng.choice(SOURCE_TYPES),
                "reliability": rng.choice("ABCDEF"),
                "credibility": rng.randint(1, 6),
                "ref": f"CF-{occurred.year}-{rng.randint(1, 999):03d}/{k:02d}",
            }
            for k in range(1, rng.randint(2, 3))
        ],
        "verification": rng.choice(VERIFICATION),
        "linked_risks": some(rng, risks, 1, 3),
        "eu_response": [
            {
                "date": date,
                "action": rng.choice(EU_ACTIONS),
                "note": Text((fiction.sentences(MEASURE_SENTENCES, 1, date.year),)),
            }
            for date in responses
        ],
        "recipient_accountability": rng.choice(ACCOUNTABILITY),
        "status": rng.choice(("open", "closed")),
        "case_ref": f"CF-{occurred.year}-{rng.randint(1, 999):03d}",
        "confidentiality": rng.choice(("confidential", "strictly_confidential")),
    }


# --- Injected errors ---------------------------------------------------------------------------------

# Where each kind of error may go: (file kind, key of the record to change, what to write there).
ENUM_TYPOS = (
    ("risks", "trend", "rising"),
    ("mitigations", "status", "done"),
    ("incidents", "verification", "confirmed"),
)
KEY_TYPOS = (
    ("risks", "reviewed", "reviewd"),
    ("mitigations", "responsible", "responsable"),
    ("consultations", "harm_signal", "harm_signals"),
)
DANGLING = (
    ("mitigations", ("addresses", 0, "risk")),
    ("consultations", ("risks_discussed", 0)),
    ("incidents", ("linked_risks", 0)),
)
REPEATED = (("risks", "trend"), ("mitigations", "status"), ("incidents", "status"))
ERROR_KINDS = ("likelihood", "enum", "unknown_key", "dangling_reference", "repeated_key")


def inject(dossier: Dossier, kind: str, rng: random.Random) -> tuple[str, Pointer, str, str]:
    """Put one error of ``kind`` into ``dossier``: (file kind, pointer, code, description)."""
    if kind == "likelihood":
        index = rng.randrange(COUNTS["risks"])
        dossier.documents["risks"]["risks"][index]["likelihood"] = 7
        return "risks", ("risks", index, "likelihood"), "HRD010", "likelihood 7"
    if kind == "enum":
        file, key, wrong = rng.choice(ENUM_TYPOS)
        index = rng.randrange(len(dossier.documents[file][file]))
        dossier.documents[file][file][index][key] = wrong
        return file, (file, index, key), "HRD010", f"{key}: {wrong}"
    if kind == "unknown_key":
        file, key, wrong = rng.choice(KEY_TYPOS)
        index = rng.randrange(len(dossier.documents[file][file]))
        record = dossier.documents[file][file][index]
        dossier.documents[file][file][index] = {(wrong if k == key else k): v for k, v in record.items()}
        return file, (file, index, wrong), "HRD010", f"unknown key {wrong}"
    if kind == "dangling_reference":
        file, path = rng.choice(DANGLING)
        index = rng.randrange(len(dossier.documents[file][file]))
        holder = dossier.documents[file][file][index]
        for token in path[:-1]:
            holder = holder[token]
        holder[path[-1]] = "R-999"
        return file, (file, index, *path), "HRD021", "reference to R-999"
    file, key = rng.choice(REPEATED)
    index = rng.randrange(len(dossier.documents[file][file]))
    record = dossier.documents[file][file][index]
    record[key] = Twice(record[key])
    return file, (file, index, key), "HRD002", f"{key} repeated"


def error_plan(dossiers: int, errors: int) -> dict[int, str]:
    """Which dossier gets which kind of error: evenly spaced, kinds in turn."""
    return {((2 * j + 1) * dossiers) // (2 * errors): ERROR_KINDS[j % len(ERROR_KINDS)] for j in range(errors)}


# --- The portfolio ---------------------------------------------------------------------------------------

SPACED = frozenset({"risks", "consultations", "mitigations", "incidents"})


def write_dossier(out: Path, dossier: Dossier, error: tuple[str, Pointer, str, str] | None) -> Injected | None:
    """Write the five files of ``dossier``; return the injected error with its line, if any."""
    folder = out / "dossiers" / dossier.id
    folder.mkdir(parents=True)
    injected = None
    for kind in KINDS:
        emitter = Emitter(kind)
        text = emitter.document(dossier.documents[kind], SPACED)
        (folder / f"{kind}.yaml").write_text(text, encoding="utf-8", newline="\n")
        if error is not None and error[0] == kind:
            _, pointer, code, what = error
            at = "/" + "/".join(str(token) for token in pointer)
            injected = Injected(f"dossiers/{dossier.id}/{kind}.yaml", emitter.line_of[pointer], code, at, what)
    return injected


def write_portfolio(out: Path, dossiers: int, seed: int = 1, errors: int = 0) -> list[Injected]:
    """Write ``dossiers`` dossiers under ``out/dossiers`` with ``errors`` injected; return those."""
    if errors > dossiers:
        raise ValueError(f"--errors ({errors}) may not exceed --dossiers ({dossiers}): one error per dossier at most")
    if (out / "dossiers").exists():
        raise FileExistsError(f"{out / 'dossiers'} already exists: choose a new OUT_DIR or remove it")
    plan = error_plan(dossiers, errors) if errors else {}
    rng = random.Random(f"hrddp-bench-errors:{seed}")
    injected: list[Injected] = []
    for index in range(dossiers):
        dossier = build_dossier(seed, index)
        error = inject(dossier, plan[index], rng) if index in plan else None
        found = write_dossier(out, dossier, error)
        if found is not None:
            injected.append(found)
    if errors:
        listing = {"seed": seed, "dossiers": dossiers, "errors": [vars_of(error) for error in injected]}
        (out / "injected.json").write_text(json.dumps(listing, indent=2) + "\n", encoding="utf-8")
    return injected


def vars_of(error: Injected) -> dict[str, Any]:
    return {"file": error.file, "line": error.line, "code": error.code, "pointer": error.pointer, "what": error.what}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="where to write dossiers/ (and injected.json)")
    parser.add_argument("--dossiers", type=int, default=300, help="how many dossiers (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="the seed of every random choice (default 1)")
    parser.add_argument("--errors", type=int, default=0, help="how many errors to inject, one per dossier at most")
    args = parser.parse_args(argv)
    if args.dossiers < 1 or args.errors < 0:
        parser.error("--dossiers must be at least 1 and --errors at least 0")
    try:
        injected = write_portfolio(args.out_dir, args.dossiers, args.seed, args.errors)
    except (ValueError, FileExistsError) as error:
        parser.error(str(error))
    print(
        f"wrote {args.dossiers} dossiers to {args.out_dir / 'dossiers'} with {len(injected)} injected errors",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
