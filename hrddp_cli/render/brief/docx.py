"""A Word document (python-docx), with headings, tables and the marking in every page's header and footer.

Memos are edited and cleared in Word, so this is a real document: styles for headings, lists
and tables, A4 pages, and the risk matrix as a coloured table (Word cannot show the SVG
picture; the timeline's table stands in for its picture). Text goes in as text: python-docx
escapes it, and characters XML cannot hold are dropped first.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from typing import Any

from hrddp_cli.brief import Memo
from hrddp_cli.errors import UsageError
from hrddp_cli.render import Options

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_MARK = (0xB0, 0x00, 0x20)


def render(memo: Memo, options: Options) -> bytes:
    docx = _engine()
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    page.top_margin, page.bottom_margin = Mm(22), Mm(20)
    meta = memo.meta
    for part in (page.header, page.footer):
        run = part.paragraphs[0].add_run(meta["marking"])
        run.bold, run.font.size, run.font.color.rgb = True, Pt(9), RGBColor(*_MARK)
        part.paragraphs[0].alignment = 1  # centred
    _properties(document.core_properties, meta)
    document.add_heading(_clean(meta["title"]), level=0)
    _fields(document, [
        ["Dossier", meta["dossier"]],
        ["Audience", f"{meta['audience']} ({meta['withheld_text']})"],
        ["As of", f"{meta['as_of']}; methodology {meta['methodology']}; hrddp {meta['hrddp']}"],
        ["Rendered from", meta["source"]],
    ])  # fmt: skip
    for section in memo.data()["sections"]:
        document.add_heading(_clean(section["title"]), level=1)
        for block in section["blocks"]:
            _block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text(memo: Memo, rendered: str | bytes) -> str:
    """Every piece of text the document holds (body, headers, footers, properties), paragraph by paragraph."""
    data = rendered if isinstance(rendered, bytes) else rendered.encode()
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8", "replace")
                parts.append(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>|</w:tc>", "\n", xml))))
    return "\n".join(parts)


def _properties(properties: Any, meta: dict[str, Any]) -> None:
    """The file's own properties say what it is, not what made the empty template it started from."""
    import datetime as dt

    day = dt.datetime.fromisoformat(meta["as_of"]).replace(tzinfo=dt.UTC)
    properties.title = _clean(meta["title"])
    properties.subject = f"{meta['marking']}: decision memo"
    properties.author = properties.last_modified_by = f"hrddp {meta['hrddp']}"
    properties.comments = f"Rendered from {meta['source']}, as of {meta['as_of']}, for the {meta['audience']} audience"
    properties.keywords = meta["marking"]
    properties.category = "decision memo"
    properties.created = properties.modified = day
    properties.revision = 1


def _block(document: Any, block: dict[str, Any]) -> None:
    kind = block["type"]
    if kind == "paragraph":
        document.add_paragraph(_clean(block["text"]))
    elif kind == "note":
        document.add_paragraph().add_run(_clean(block["text"])).italic = True
    elif kind == "fields":
        if block.get("title"):
            document.add_heading(_clean(block["title"]), level=2)
        _fields(document, block["rows"])
    elif kind == "list":
        for item in block["items"]:
            document.add_paragraph(_clean(item), style="List Bullet")
    elif kind == "table":
        _table(document, block["header"], block["rows"])
    elif kind == "matrix":
        _matrix(document, block["cells"])
        note = "Bold: where a risk stands now (residual); in brackets: where it stood before mitigation (inherent)."
        document.add_paragraph().add_run(note).italic = True


def _fields(document: Any, rows: list[list[str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(_clean(label)).bold = True
        cells[1].text = _clean(value)


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(_clean(title)).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=False):
            cell.text = _clean(value)
    document.add_paragraph()


def _matrix(document: Any, grid: list[list[dict[str, Any]]]) -> None:
    table = document.add_table(rows=6, cols=6)
    table.style = "Table Grid"
    table.cell(0, 0).text = "impact ↓ likelihood →"
    for column in range(1, 6):
        table.cell(0, column).paragraphs[0].add_run(str(column)).bold = True
    for row, cells in enumerate(grid, start=1):
        table.cell(row, 0).paragraphs[0].add_run(str(cells[0]["impact"])).bold = True
        for column, cell in enumerate(cells, start=1):
            target = table.cell(row, column)
            _shade(target, cell["colour"].lstrip("#"))
            paragraph = target.paragraphs[0]
            paragraph.add_run(cell["level"] + " ")
            for identifier in cell["residual"]:
                paragraph.add_run(_clean(identifier) + " ").bold = True
            for identifier in cell["inherent"]:
                paragraph.add_run(f"({_clean(identifier)}) ")


def _shade(cell: Any, fill: str) -> None:
    """A cell's background: python-docx has no call for it, so the ``w:shd`` element, in schema order."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row: Any) -> None:
    """The header row repeats at the top of every page a table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _clean(value: Any) -> str:
    return _NOT_XML.sub("", str(value))


def _engine() -> Any:
    try:
        import docx
    except ImportError:
        raise UsageError("the docx format needs python-docx: pip install 'hrddp[docx]' (or 'hrddp[all]')") from None
    return docx
