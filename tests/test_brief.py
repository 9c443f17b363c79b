"""``hrddp brief``: the memo in every format, what each audience may read of it, and the leak scan.

The canary dossier marks its records in turn with every marking (and none, the default), puts a
canary in every record's title and in every sensitive field, and the text a reader gets back from
each format (Markdown unescaped, HTML unescaped, the words of the Word file and of the PDF) must
hold exactly the canaries the audience may read.
"""

from __future__ import annotations

import html
import io
import itertools
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from hrddp_cli import __version__
from hrddp_cli.markings import MARKINGS, rank
from tests.canaries import marked, write
from tests.conftest import read_yaml, unescaped
from tests.gitrepo import GitRepo

Hrddp = Any
AS_OF = "2026-11-29"
FORMATS = ("md", "html", "docx", "pdf")
GOLDEN = Path(__file__).resolve().parent / "golden"


def _canary_dossier(folder: Path, context_marking: str = "public") -> tuple[dict[str, str], list[str]]:
    """The sample marked in turn with every marking and none: (title canary → marking, sensitive canaries)."""
    data, canaries = marked(context_marking, itertools.cycle([None, *MARKINGS]))
    write(folder, data)
    titles = {text: c.marking for text, c in canaries.items() if not c.sensitive}
    return titles, [text for text, c in canaries.items() if c.sensitive]


def _read_back(path: Path, format: str) -> str:
    """What a reader of the memo reads: Markdown and HTML with escaping undone, Word's and the PDF's words."""
    data = path.read_bytes()
    if format == "md":
        return unescaped(data.decode())
    if format == "html":
        return html.unescape(data.decode())
    if format == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        words = [p.text for p in document.paragraphs]
        words += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        words += [p.text for s in document.sections for part in (s.header, s.footer) for p in part.paragraphs]
        return "\n".join(words)
    import pypdf

    return " ".join((page.extract_text() or "") for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def canary_memos(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """Every format at every audience, rendered once for the module by the real command, in-process."""
    from hrddp_cli import cli

    root = tmp_path_factory.mktemp("canaries")
    _canary_dossier(root / "canary-dossier")
    memos = {}
    cwd = os.getcwd()
    os.chdir(root)
    try:
        for format, audience in itertools.product(FORMATS, MARKINGS):
            target = root / f"memo-{audience}.{format}"
            try:
                cli.run(["brief", "canary-dossier", "--as-of", AS_OF, "--audience", audience, "-o", str(target)])
            except SystemExit as done:
                assert done.code in (0, None), f"brief -f {format} --audience {audience} exited {done.code}"
            memos[(format, audience)] = _read_back(target, format)
    finally:
        os.chdir(cwd)
    return memos


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("audience", MARKINGS)
def test_each_audience_reads_exactly_its_canaries(
    tmp_path: Path, canary_memos: dict[tuple[str, str], str], format: str, audience: str
) -> None:
    titles, sensitive = _canary_dossier(tmp_path / "again")  # the same markings as the memos'
    text = canary_memos[(format, audience)]
    for canary, marking in titles.items():
        if rank(marking) <= rank(audience):
            assert canary in text, f"{canary} ({marking}) missing from the {format} memo at {audience}"
        else:
            assert canary not in text, f"{canary} ({marking}) leaked into the {format} memo at {audience}"
            identifier = f"{canary[6]}-{canary[7:]}"
            assert not re.search(rf"\b{identifier}\b", text), f"{identifier} named in the {format} memo at {audience}"
    for secret in sensitive:
        assert secret not in text, f"sensitive {secret} in the {format} memo at {audience}"
    assert audience.replace("_", " ").upper() in text, "the marking is missing"


@pytest.mark.parametrize("format", FORMATS)
def test_a_withheld_context_leaves_only_the_id(hrddp: Hrddp, tmp_path: Path, format: str) -> None:
    folder = tmp_path / "canary-dossier"
    _canary_dossier(folder, context_marking="confidential")
    context = read_yaml(folder / "context.yaml")
    context["recipient"]["record"] = "CANARYCONTEXTRECORD of the recipient"
    write(folder, {"context": context})
    target = tmp_path / f"memo.{format}"
    run = hrddp("brief", str(folder), "--as-of", AS_OF, "--audience", "internal", "-o", str(target), cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    text = _read_back(target, format)
    assert "title withheld" in text and "sample-dossier" in text
    assert "CANARYCONTEXTRECORD" not in text and "EUBPM Ardessa" not in text


def test_the_marking_is_on_every_page_of_the_pdf(hrddp: Hrddp, sample: Path, tmp_path: Path) -> None:
    import pypdf

    target = tmp_path / "memo.pdf"
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "public", "-o", str(target), cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    pages = pypdf.PdfReader(str(target)).pages
    assert len(pages) > 1
    assert all("PUBLIC" in (page.extract_text() or "") for page in pages)
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4


def test_the_marking_is_in_the_header_and_footer_of_the_word_file(hrddp: Hrddp, sample: Path, tmp_path: Path) -> None:
    import docx

    target = tmp_path / "memo.docx"
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "confidential", "-o", str(target), cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    section = docx.Document(str(target)).sections[0]
    assert section.header.paragraphs[0].text == "CONFIDENTIAL" == section.footer.paragraphs[0].text
    headings = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Decision sought", "Recommendation", "The recipient"]


# The leak scan ---------------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_withheld_text_copied_into_a_visible_field_refuses_the_memo(hrddp: Hrddp, sample: Path, format: str) -> None:
    incidents = read_yaml(sample / "incidents.yaml")
    secret = incidents["incidents"][1]["title"]  # an incident: confidential by default
    context = read_yaml(sample / "context.yaml")
    context["recipient"]["record"] += "  Also: " + secret.upper().replace(" ", "\n  ")  # case and lines do not hide it
    write(sample, {"context": context})
    target = sample.parent / f"memo.{format}"
    target.write_bytes(b"the memo of last week")
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "internal", "-o", str(target), cwd=sample.parent)
    assert run.exit_code == 1
    assert "incidents.yaml: /title of a withheld incident" in run.stderr
    assert secret not in run.stderr and secret.upper() not in run.stderr
    assert target.read_bytes() == b"the memo of last week", "an existing memo must be left as it was"


def test_a_sensitive_name_copied_into_the_findings_is_caught(hrddp: Hrddp, sample: Path) -> None:
    consultations = read_yaml(sample / "consultations.yaml")
    first = consultations["consultations"][0]
    first["confidentiality"] = "internal"
    first["findings"] += " " + first["participants"][0]["name"]
    write(sample, {"consultations": consultations})
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "internal", cwd=sample.parent)
    assert run.exit_code == 1 and run.stdout == ""
    assert "consultations.yaml C-001 /participants/0/name (a sensitive field)" in run.stderr
    ok = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "confidential", cwd=sample.parent)
    assert ok.exit_code == 0, "an audience that may read the name gets the memo"


def test_a_dossier_with_errors_gets_no_memo(hrddp: Hrddp, sample: Path) -> None:
    risks = (sample / "risks.yaml").read_text(encoding="utf-8")
    (sample / "risks.yaml").write_text(risks.replace("likelihood: 4", "likelihood: 7", 1), encoding="utf-8")
    target = sample.parent / "memo.md"
    target.write_text("kept")
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "-o", str(target), cwd=sample.parent)
    assert run.exit_code == 1
    assert "HRD010" in run.stderr and "no memo" in run.stderr
    assert target.read_text() == "kept"


# Safe rendering --------------------------------------------------------------------------------

HOSTILE = {
    "R-001": "<script>alert(1)</script> [click](javascript:alert(1)) <!-- hidden",
    "R-004": '{{ 7 * 7 }} {% raw %} ${x} #read("/etc/passwd") *bold* = heading',
    "M-001": "| cell | break\n\n# Heading ``` code <img src=x onerror=alert(1)>",
}


@pytest.fixture
def hostile(sample: Path) -> Path:
    for kind in ("risks", "mitigations"):
        data = read_yaml(sample / f"{kind}.yaml")
        for record in data[kind]:
            if record["id"] in HOSTILE:
                record["title"] = HOSTILE[record["id"]]
        write(sample, {kind: data})
    return sample


def test_html_escapes_dossier_text(hrddp: Hrddp, hostile: Path) -> None:
    run = hrddp(
        "brief", str(hostile), "--as-of", AS_OF, "--format", "html", "--audience", "internal", cwd=hostile.parent
    )
    assert run.exit_code == 0, run.stderr
    page = run.stdout
    assert "<script>" not in page and "<img" not in page and "<!-- hidden" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "{{ 7 * 7 }}" in html.unescape(page) and ">49<" not in page
    assert re.search(r"<(link|script|iframe|img)\b", page) is None, "a memo fetches nothing"


def test_markdown_cannot_take_structure_from_dossier_text(hrddp: Hrddp, hostile: Path) -> None:
    from markdown_it import MarkdownIt

    run = hrddp("brief", str(hostile), "--as-of", AS_OF, "--audience", "internal", cwd=hostile.parent)
    assert run.exit_code == 0, run.stderr
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(run.stdout)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "fence", "code_block", "code_inline"}
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("Heading" in h for h in headings), "dossier text opened a heading"
    assert "{{ 7 \\* 7 }}" in run.stdout or "{{ 7 * 7 }}" in unescaped(run.stdout)


def test_typst_markup_in_dossier_text_is_printed_not_run(hrddp: Hrddp, hostile: Path) -> None:
    import pypdf

    target = hostile.parent / "memo.pdf"
    run = hrddp(
        "brief", str(hostile), "--as-of", AS_OF, "--audience", "internal", "-o", str(target), cwd=hostile.parent
    )
    assert run.exit_code == 0, run.stderr
    text = " ".join((p.extract_text() or "") for p in pypdf.PdfReader(str(target)).pages)
    assert '#read("/etc/passwd")' in " ".join(text.split()) and "root:" not in text


def test_a_users_template_runs_in_the_sandbox(hrddp: Hrddp, sample: Path) -> None:
    template = sample.parent / "mine.md.j2"
    template.write_text("{{ meta.marking }} | {{ meta.title }} | {{ sections | length }}\n", encoding="utf-8")
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--template", str(template), cwd=sample.parent)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("INTERNAL | EUBPM Ardessa") and run.stdout.strip().endswith("| 11")
    template.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    escaped = hrddp("brief", str(sample), "--as-of", AS_OF, "--template", str(template), cwd=sample.parent)
    assert escaped.exit_code == 2 and "cannot be rendered" in escaped.stderr
    template.write_text("{{ meta.no_such_value }}", encoding="utf-8")
    missing = hrddp("brief", str(sample), "--as-of", AS_OF, "--template", str(template), cwd=sample.parent)
    assert missing.exit_code == 2 and "no_such_value" in missing.stderr and "None" not in missing.stdout


def test_usage_errors(hrddp: Hrddp, sample: Path) -> None:
    here = sample.parent
    assert hrddp("brief", str(sample), "-f", "pdf", cwd=here).exit_code == 2  # a PDF needs -o
    template = here / "t.j2"
    template.write_text("x")
    assert (
        hrddp("brief", str(sample), "-f", "docx", "-o", "m.docx", "--template", str(template), cwd=here).exit_code == 2
    )
    assert hrddp("brief", str(here), "--as-of", AS_OF, cwd=here).exit_code == 0  # a folder holding one dossier
    shutil.copytree(sample, here / "second")
    two = hrddp("brief", str(here), cwd=here)
    assert two.exit_code == 2 and "holds 2 dossiers" in two.stderr
    assert hrddp("brief", str(sample), "--audience", "everyone", cwd=here).exit_code == 2


# Golden files and git ---------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["md", "html"])
def test_the_sample_memo_matches_its_golden_file(hrddp: Hrddp, sample: Path, format: str) -> None:
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "internal", "-f", format, cwd=sample.parent)
    assert run.exit_code == 0, run.stderr
    produced = run.stdout.replace(f"hrddp {__version__()}", "hrddp VERSION").replace(
        f"hrddp\\ {__version__()}", "hrddp VERSION"
    )
    produced = re.sub(r"hrddp 0\\\.\d+\\\.\d+", "hrddp VERSION", produced)
    golden = GOLDEN / f"sample-memo.{format}"
    if os.environ.get("HRDDP_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), (
        f"regenerate with HRDDP_UPDATE_GOLDEN=1 if intended ({golden})"
    )


def test_in_git_the_memo_names_its_commit_and_shows_changes_and_the_timeline(hrddp: Hrddp, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "portfolio")
    repo.seed("2026-09-16T09:00:00+00:00")

    def new_cycle(data: dict[str, Any]) -> None:
        data["assessment"]["date"] = "2026-11-20"

    repo.edit("context.yaml", new_cycle)
    first = repo.commit("Open the November review", "2026-11-20T09:00:00+00:00")
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=2))
    run = hrddp("brief", "dossiers/sample-dossier", "--as-of", AS_OF, "-f", "html", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    page = html.unescape(run.stdout)
    assert f"commit {first[:12]} with uncommitted changes to the dossier" in page
    assert "REV001" in page and "/likelihood" in page
    assert "<svg" in run.stdout and "History of sample-dossier" in page


def test_a_shallow_clone_leaves_the_timeline_out_and_says_why(hrddp: Hrddp, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "portfolio")
    repo.seed()
    repo.edit("risks.yaml", lambda data: data["risks"][0].update(likelihood=3))
    repo.commit("Lower R-001", "2026-02-01T10:00:00+00:00")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    run = hrddp("brief", "dossiers/sample-dossier", "--as-of", AS_OF, cwd=clone)
    assert run.exit_code == 0, run.stderr
    assert "No timeline" in unescaped(run.stdout) and "shallow" in unescaped(run.stdout)


@pytest.mark.parametrize(("format", "module", "extra"), [("docx", "docx", "docx"), ("pdf", "typst", "pdf")])
def test_a_missing_engine_says_which_extra_to_install(
    hrddp: Hrddp, sample: Path, monkeypatch: pytest.MonkeyPatch, format: str, module: str, extra: str
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, module, None)  # what an installation without the extra gives
    target = sample.parent / f"memo.{format}"
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "-o", str(target), cwd=sample.parent)
    assert run.exit_code == 2 and f"pip install 'hrddp[{extra}]'" in run.stderr
    assert not target.exists()


# What the leak scan sees through ----------------------------------------------------------------


def _copy_into_a_public_title(sample: Path, text: str) -> None:
    risks = read_yaml(sample / "risks.yaml")
    public = next(r for r in risks["risks"] if r.get("confidentiality") in (None, "internal"))
    public["title"] = text
    write(sample, {"risks": risks})


@pytest.mark.parametrize(
    "disguise",
    [
        lambda t: t.replace(" ", "\u00ad ", 3),  # soft hyphens
        lambda t: "\u200b".join(t),  # a zero-width space between every letter
        lambda t: t.replace("e", "\u0435"),  # Cyrillic look-alike letters
        lambda t: t.replace("a", "a\u0301"),  # accents added
        lambda t: t.replace(" ", "  /  "),  # punctuation and spacing
    ],
    ids=["soft-hyphens", "zero-width", "cyrillic", "accents", "punctuation"],
)
def test_a_disguised_copy_is_still_caught(hrddp: Hrddp, sample: Path, disguise: Any) -> None:
    secret = read_yaml(sample / "incidents.yaml")["incidents"][1]["title"]
    _copy_into_a_public_title(sample, disguise(secret))
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "-f", "html", "--audience", "internal", cwd=sample.parent)
    assert run.exit_code == 1, "the disguised copy reached the memo"
    assert "incidents.yaml: /title of a withheld incident" in run.stderr


def test_a_copied_part_of_a_paragraph_and_a_short_reference_are_caught(hrddp: Hrddp, sample: Path) -> None:
    incidents = read_yaml(sample / "incidents.yaml")["incidents"]
    description = " ".join(incidents[1]["description"].split())
    _copy_into_a_public_title(sample, "As reported: " + description[60:140])
    part = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "internal", cwd=sample.parent)
    assert part.exit_code == 1 and "/description of a withheld incident" in part.stderr

    reference = incidents[0]["sources"][0]["ref"]  # 14 characters, a case file's reference
    _copy_into_a_public_title(sample, f"Ill-treatment (see {reference})")
    short = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "internal", cwd=sample.parent)
    assert short.exit_code == 1 and "/sources/0/ref" in short.stderr


def test_a_withheld_id_is_withheld_however_it_is_written(hrddp: Hrddp, sample: Path) -> None:
    _copy_into_a_public_title(sample, "Linked to i-002, I\u2011002 and I_2, but not to I-0021")
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--audience", "internal", cwd=sample.parent)
    assert run.exit_code == 0, run.stderr
    text = unescaped(run.stdout)
    assert "i-002" not in text and "I\u2011002" not in text and "I_2" not in text
    assert text.count("[a withheld incident]") >= 3 and "I-0021" in text


def test_outputs_a_memo_must_not_replace(hrddp: Hrddp, sample: Path) -> None:
    here = sample.parent
    fifo = here / "pipe"
    os.mkfifo(fifo)
    link = here / "link.md"
    link.symlink_to(here / "elsewhere.md")
    for target in (str(fifo), str(link), str(sample / "context.yaml"), "memo.rtf"):
        run = hrddp("brief", str(sample), "--as-of", AS_OF, "-o", target, cwd=here)
        assert run.exit_code == 2, (target, run.stderr)
    assert fifo.exists() and link.is_symlink() and not (here / "elsewhere.md").exists()
    assert read_yaml(sample / "context.yaml")["id"] == "sample-dossier"


@pytest.mark.parametrize(
    "template",
    [
        "{% include 'other' %}",
        "{% for i in range(100000000) %}{% endfor %}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "{{ 'x' * 1000000000 }}",
        "{{ 2 ** 100000000 }}",
    ],
    ids=["include", "huge-range", "recursion", "huge-string", "huge-power"],
)
def test_a_hostile_template_is_a_usage_error(hrddp: Hrddp, sample: Path, template: str) -> None:
    path = sample.parent / "hostile.j2"
    path.write_text(template, encoding="utf-8")
    run = hrddp("brief", str(sample), "--as-of", AS_OF, "--template", str(path), cwd=sample.parent)
    assert run.exit_code == 2 and "cannot be rendered" in run.stderr


def test_an_unknown_since_revision_is_a_usage_error(hrddp: Hrddp, repo: Any) -> None:
    run = hrddp("brief", "dossiers/sample-dossier", "--since", "no-such-rev", cwd=repo.root)
    assert run.exit_code == 2 and "--since no-such-rev" in run.stderr
