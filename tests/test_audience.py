"""The hard guarantee, as a property: for any markings and any audience, nothing withheld is printed.

The sample dossier is given random markings (on the context and on every record), a canary
string in every record's title (a consultation's findings) and in every sensitive field, and a schema error inside every
record (so that validation has something to say, and a line to quote, in each). Every format of
``validate`` and ``status`` must then leave out each canary the audience may not see, and show
the ones it may (so that the test can fail).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrddp_cli.config import Settings
from hrddp_cli.markings import MARKINGS, rank
from hrddp_cli.render import Options, formats, renderer
from hrddp_cli.source import discover
from hrddp_cli.status import portfolio_status
from hrddp_cli.validate import validate_all
from tests.canaries import KINDS, marked, records
from tests.conftest import unescaped

AS_OF = dt.date(2026, 11, 29)
markings = st.sampled_from([None, *MARKINGS])
RECORDS = records()


def _dossier(
    context_marking: str | None, own: list[str | None]
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """(files, canary → effective marking of its record, canary → marking for a sensitive one)."""
    data, canaries = marked(context_marking, own, "TITLE")
    titles = {text: c.marking for text, c in canaries.items() if not c.sensitive}
    sensitive = {text: c.marking for text, c in canaries.items() if c.sensitive}
    return data, titles, sensitive


def _write(folder: Path, data: dict[str, Any], broken: bool) -> None:
    folder.mkdir()
    for kind, document in data.items():
        if broken and kind in KINDS:
            document = yaml.safe_load(yaml.safe_dump(document))
            for record in document[kind]:
                # an enum error inside every record, quoting the canary
                record["status" if kind != "consultations" else "format"] = record.get("title", record.get("findings"))
        (folder / f"{kind}.yaml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def _outputs(folder: Path, audience: str) -> dict[str, str]:
    rendered: dict[str, str] = {}
    sources = discover([str(folder)])
    report = validate_all(sources, Settings(), AS_OF, audience)
    for name in formats("validate"):
        module = renderer("validate", name)
        out = module.render(report, Options())
        rendered[f"validate {name}"] = out if isinstance(out, str) else out.decode()
        if hasattr(module, "step_summary"):
            rendered[f"validate {name} summary"] = module.step_summary(report, Options())
    status = portfolio_status(sources, Settings(), AS_OF, audience)
    for name in formats("status"):
        out = renderer("status", name).render(status, Options())
        rendered[f"status {name}"] = out if isinstance(out, str) else out.decode()
    return rendered


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markings, st.lists(markings, min_size=RECORDS, max_size=RECORDS), st.sampled_from(MARKINGS), st.booleans())
def test_no_withheld_string_in_any_output(
    context_marking: str | None, own: list[str | None], audience: str, broken: bool
) -> None:
    data, records, sensitive = _dossier(context_marking, own)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "sample-dossier"
        _write(folder, data, broken)
        outputs = _outputs(folder, audience)
    sees_sensitive = rank(audience) >= rank("confidential")
    for name, text in outputs.items():
        text = unescaped(text)
        for canary, marking in records.items():
            if rank(marking) > rank(audience):
                assert canary not in text, f"{canary} ({marking}) printed by {name} at audience {audience}"
                record_id = _id_of(canary)
                if name.startswith("status"):  # a withheld record is withheld whole, its id too
                    assert not re.search(rf"\b{record_id}\b", text), f"{record_id} named by {name} at {audience}"
        for canary, marking in sensitive.items():
            if rank(marking) > rank(audience) or not sees_sensitive:
                assert canary not in text, f"sensitive {canary} printed by {name} at audience {audience}"
    # Control: what the audience may see is shown, so that the assertions above can fail.
    if broken:
        shown = [c for c, m in records.items() if rank(m) <= rank(audience)]
        assert not shown or any(c in outputs["validate text"] for c in shown), "no visible canary in validate text"
    else:
        risks = [c for c, m in records.items() if rank(m) <= rank(audience) and c.startswith("CANARYR")]
        assert not risks or all(c in outputs["status text"] for c in risks), "a visible risk's title is missing"
        assert "Recommendation:" in outputs["status text"]


def _id_of(canary: str) -> str:
    """CANARYR001TITLE → R-001."""
    code = canary.removeprefix("CANARY").removesuffix("TITLE")
    return f"{code[0]}-{code[1:]}"
