"""Markdown that dossier text cannot break out of: every piece of data is escaped before it is placed.

Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of them),
which leaves no way to open a heading, list, table, link, image, code span, HTML tag or comment,
or an autolink. Control characters go, line starts lose their indentation (four spaces would
open a code block) and a zero-width space follows ``@`` and ``#``, which GitHub would otherwise
turn into mentions and references despite the backslash.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def escape(text: str) -> str:
    """``text`` as inert Markdown inline content (it may span lines)."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    text = _PUNCTUATION.sub(r"\\\1", text).replace("\\@", "\\@\u200b").replace("\\#", "\\#\u200b")
    return "\n".join(line.strip(" ") for line in text.split("\n"))


def cell(text: str) -> str:
    """``text`` as the content of one table cell: inert, and on one line."""
    return " ".join(escape(text).split())
