"""A PDF (Typst, from pip: no system library, no network), A4, with the marking on every page.

The memo goes to the engine as JSON data read by ``templates/brief.typ``, never as Typst
source: dossier text is placed as values, so markup, ``#read`` or ``#import`` in it is printed,
not run. The engine's root is an empty temporary folder (nothing to read), system fonts are
ignored (the same output on every machine), and the timestamp is fixed (the same bytes each time).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from typing import Any

from hrddp_cli.brief import Memo
from hrddp_cli.errors import UsageError
from hrddp_cli.render import Options
from hrddp_cli.resources import data_dir


def render(memo: Memo, options: Options) -> bytes:
    typst = _engine()
    template = (data_dir("templates") / "brief.typ").read_bytes()
    with tempfile.TemporaryDirectory(prefix="hrddp-pdf-") as root:
        try:
            produced = typst.compile(
                template, root=root, ignore_system_fonts=True, sys_inputs={"data": _data(memo)}, timestamp=0
            )
        except RuntimeError as error:  # typst.TypstError
            message = getattr(error, "message", str(error))
            raise UsageError(f"the PDF engine could not lay out the memo: {message}") from None
    return produced if isinstance(produced, bytes) else b"".join(produced)


def text(memo: Memo, rendered: str | bytes) -> str:
    """The text the engine was given to typeset: every value of the memo's data."""
    return "\n".join(_strings(memo.data()))


def _data(memo: Memo) -> str:
    return json.dumps(memo.data(), ensure_ascii=False)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None:
        yield str(value)


def _engine() -> Any:
    try:
        import typst
    except ImportError:
        raise UsageError("the pdf format needs the typst package: pip install 'hrddp[pdf]' (or 'hrddp[all]')") from None
    return typst
