"""The leak scan: before a memo is written, no withheld text may stand in it, wherever it came from.

The memo is built from the redacted view, so a withheld value can reach it only by having been
copied into a visible field (a source's name pasted into a public description, an incident's
paragraph quoted in a risk). Every withheld free-text value (titles, ``text`` fields, sensitive
fields, extension keys) of :data:`MINIMUM` characters or more is looked for in the memo's text
as the reader will see it (escaping undone, white space and case folded). A hit names the field
that leaked, never the value. The scan is linear in the memo: needles are indexed by their
first :data:`MINIMUM` characters and the memo is read once, window by window.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

from hrddp_cli import markings
from hrddp_cli.findings import Pointer, format_pointer
from hrddp_cli.model import Dossier
from hrddp_cli.view import NOUNS, DossierView, without_ids

MINIMUM = 12  # letters and digits: shorter free text (a place, a unit's short name) recurs by design
SENSITIVE_MINIMUM = 6  # a name or a case reference is short, and never to be copied
PART = 40  # a withheld paragraph is also looked for by its parts of this many letters and digits

# Letters that look like Latin ones, folded to them (the common Cyrillic and Greek look-alikes).
_LOOK_ALIKES = str.maketrans("аеорсхуіјѕԁһӏвкмнтгαβεικνορτυχ", "aeopcxyijsdhlbkmhtrabeiknoptux")


class Needle(NamedTuple):
    field: str  # where the value is, said without it
    text: str  # normalised


def normalised(text: str) -> str:
    """Text as compared: its letters and digits only, accents, case and look-alike letters folded.

    Invisible characters, punctuation and white space are not part of what a reader reads as the
    words, so ``CF-2025-031/01``, ``cf 2025 031 01`` and a title with a soft hyphen inside all
    compare equal to their plain form.
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold().translate(_LOOK_ALIKES)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def withheld_texts(dossier: Dossier, audience: str) -> list[Needle]:
    """Every free-text value of ``dossier`` that ``audience`` may not read, long enough to look for, and its parts."""
    view = DossierView(dossier, audience)
    found: list[tuple[str, str, bool]] = []  # (field, text, sensitive)
    context = dossier.context
    context_shown = markings.visible(context.marking, audience)
    for pointer, text in _strings(context.data, ()):
        if markings.free_text("context", pointer) and not (context_shown and view.field_visible("context", pointer)):
            where = "the context is withheld" if not context_shown else "a sensitive field"
            found.append(
                (
                    f"context.yaml {_named('context', pointer, 0)} ({where})",
                    text,
                    markings.is_sensitive("context", pointer),
                )
            )
    for record in dossier.records():
        kind, base = record.where.kind, record.where.pointer
        shown = view.shows(record.ref)
        for pointer, text in _strings(record.data, base):
            if not markings.free_text(kind, pointer):
                continue
            inner = _named(kind, pointer, len(base))
            if not shown:
                noun = NOUNS[record.ref.file][0]
                found.append(
                    (f"{record.ref.file}: {inner} of a withheld {noun}", text, markings.is_sensitive(kind, pointer))
                )
            elif not view.field_visible(kind, pointer):
                found.append((f"{record.ref.file} {record.id} {inner} (a sensitive field)", text, True))
    return list(_looked_for(found, view.withheld_ids()))


def _looked_for(found: list[tuple[str, str, bool]], hidden: set[str]) -> Iterator[Needle]:
    """Each value as the memo could show it (withheld ids replaced, as the memo does), and its overlapping parts."""
    for field, text, sensitive in found:
        folded = normalised(without_ids(text, hidden))
        if len(folded) < (SENSITIVE_MINIMUM if sensitive else MINIMUM):
            continue
        yield Needle(field, folded)
        for end in range(PART, len(folded) - PART // 2, PART // 2):
            yield Needle(f"part of {field}", folded[end - PART : end])


def leaked(rendered: str, needles: list[Needle]) -> list[str]:
    """The fields whose withheld text stands in ``rendered`` (the memo's text), each named once, in order."""
    by_start: dict[str, list[Needle]] = {}
    for needle in needles:
        by_start.setdefault(needle.text[:SENSITIVE_MINIMUM], []).append(needle)
    if not by_start:
        return []
    text = normalised(rendered)
    hits: dict[str, None] = {}
    for at in range(len(text) - SENSITIVE_MINIMUM + 1):
        for needle in by_start.get(text[at : at + SENSITIVE_MINIMUM], ()):
            if text.startswith(needle.text, at):
                hits[needle.field.removeprefix("part of ")] = None
    return list(hits)


def _named(kind: str, pointer: Pointer, start: int) -> str:
    """The pointer from ``start`` on, cut before the first key the schema does not name (a key can be text too)."""
    for end in range(start + 1, len(pointer) + 1):
        if not markings.described(kind, pointer[:end]):
            return format_pointer(pointer[start : end - 1]) + "/…"
    return format_pointer(pointer[start:])


def _strings(value: Any, pointer: Pointer) -> Iterator[tuple[Pointer, str]]:
    """Every text value inside ``value``, with its pointer (keys of one's own included: they are data too)."""
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and key.startswith("x_"):
                yield (*pointer, key), key
            yield from _strings(item, (*pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*pointer, index))
