"""The loader: YAML 1.2 semantics, positions, and that no input can crash it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrddp_cli.config import Limits
from hrddp_cli.load import load_bytes, load_text
from hrddp_cli.read import read_dossier
from hrddp_cli.source import DossierSource, TooLarge, WorkTree
from tests.conftest import DATA

SPEC_EXAMPLES = sorted((DATA / "yaml-1.2-spec-examples").iterdir())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: NO", "NO"),
        ("a: yes", "yes"),
        ("a: off", "off"),
        ("a: true", True),
        ("a: False", False),
        ("a: ~", None),
        ("a:", None),
        ("a: null", None),
        ("a: 010", 10),
        ("a: 0o17", 15),
        ("a: 0x1F", 31),
        ("a: -3", -3),
        ("a: 1.5", 1.5),
        ("a: .5", 0.5),
        ("a: 1e3", 1000.0),
        ("a: 1:20", "1:20"),
        ("a: 2024-02-30", "2024-02-30"),
        ("a: 2024-01-02", "2024-01-02"),
        ("a: 2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z"),
        ("a: '2024'", "2024"),
        ("a: 2024", 2024),
        ('a: "true"', "true"),
        ("a: .inf_not", ".inf_not"),
        ("a: +12", 12),
    ],
)
def test_yaml_1_2_core_schema(text: str, value: object) -> None:
    result = load_text(text + "\n")
    assert result.problems == []
    assert result.document is not None
    assert result.document.data == {"a": value}
    assert type(result.document.data["a"]) is type(value)


def test_positions_of_keys_and_values() -> None:
    text = "schema_version: 1\nrisks:\n  - id: R-001\n    units: [U-001, U-002]\n    é: ñb\n"
    document = load_text(text).document
    assert document is not None
    assert document.locate(("risks", 0, "units", 1)) == (4, 20)
    assert document.locate(("risks", 0, "units"), key=True) == (4, 5)
    assert document.locate(("risks", 0)) == (3, 5)
    assert document.locate(("risks", 0, "é")) == (5, 8)  # columns count code points
    assert document.locate(("risks", 0, "missing")) == (3, 5)  # nearest existing node
    assert document.locate(("risks", 7, "id")) == (3, 3)
    assert document.line(4) == "    units: [U-001, U-002]"


def test_bom_is_tolerated_and_columns_count_after_it() -> None:
    result = load_bytes("\ufeffa: x\n".encode())
    assert result.problems == [] and result.document is not None
    assert result.document.locate(("a",)) == (1, 4)


def test_crlf_line_breaks() -> None:
    result = load_bytes(b"a: 1\r\nb:\r\n  - x\r\n")
    assert result.document is not None and result.document.data == {"a": 1, "b": ["x"]}
    assert result.document.locate(("b", 0)) == (3, 5)


def test_repeated_key_keeps_the_first_value_and_reads_on() -> None:
    result = load_text("a: 1\nb: [1]\na: {x: 1}\nc: 2\n")
    assert [(p.code, p.position) for p in result.problems] == [("HRD002", (3, 1))]
    assert result.document is not None and result.document.data == {"a": 1, "b": [1], "c": 2}


def test_alias_bomb_costs_nothing() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    result = load_text("\n".join(lines) + "\n")
    assert result.document is None
    assert [p.code for p in result.problems] == ["HRD001"]


def test_deep_nesting_is_refused_at_the_limit() -> None:
    assert load_text("a: " + "[" * 63 + "]" * 63 + "\n").problems == []
    refused = load_text("a: " + "[" * 64 + "]" * 64 + "\n")
    assert refused.problems[0].code == "HRD001" and "deeper than 64" in refused.problems[0].message
    very_deep = load_text("a: " + "[" * 100_000 + "\n")
    assert very_deep.problems[0].code == "HRD001"
    assert load_text("a: " + "[" * 20 + "]" * 20 + "\n", max_depth=10).problems[0].code == "HRD001"


def test_size_limit_is_checked_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 5000 + b"\n")
    assert WorkTree().read(str(path), 1000) == TooLarge(5004)  # not read at all
    result = load_bytes(path.read_bytes(), max_bytes=1000)
    assert result.document is None
    assert "larger than the limit of 1,000 bytes" in result.problems[0].message
    assert load_bytes(path.read_bytes(), max_bytes=10_000).problems == []


def test_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    dossier.mkdir()
    (dossier / "risks.yaml").mkdir()  # a folder where a file belongs
    read = read_dossier(DossierSource(WorkTree(), str(dossier)), Limits())
    found = {(kind, problem.code) for kind, problem in read.problems}
    assert ("risks", "HRD001") in found and ("context", "HRD003") in found


def test_syntax_error_hints() -> None:
    tab = load_text("a:\n\t- b\n").problems[0]
    assert tab.position == (2, 1) and "tabs" in tab.message
    colon = load_text("a: b: c\n").problems[0]
    assert colon.position == (1, 5) and "needs quotes" in colon.message


def test_invalid_utf8_is_located() -> None:
    problem = load_bytes(b"a: ok\nb: caf\xe9\n").problems[0]
    assert problem.position == (2, 7) and "UTF-8" in problem.message


@pytest.mark.parametrize("path", SPEC_EXAMPLES, ids=[p.name for p in SPEC_EXAMPLES])
def test_yaml_spec_examples_load_or_are_refused_with_a_location(path: Path) -> None:
    raw = path.read_bytes()
    result = load_bytes(raw)
    lines = _lines(raw)
    assert (result.document is None) == any(p.code == "HRD001" for p in result.problems)
    for problem in result.problems:
        assert problem.code in ("HRD001", "HRD002")
        assert problem.position is not None and 1 <= problem.position[0] <= lines


def _lines(raw: bytes) -> int:
    """Lines as YAML counts them (CR, LF, CRLF, NEL and the Unicode separators break lines)."""
    text = raw.decode("utf-8", "replace")
    return len(re.findall("\r\n|[\n\r\x85\u2028\u2029]", text)) + 1


def _check_never_raises(raw: bytes) -> None:
    result = load_bytes(raw)
    lines = _lines(raw)
    assert result.document is not None or result.problems
    for problem in result.problems:
        assert problem.position is not None
        line, column = problem.position
        assert 1 <= line <= lines and column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_loader_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    _check_never_raises(raw)


_YAMLISH = st.text(alphabet=st.sampled_from(list("ab1 :-[]{},'\"&*!#|>%@`?\n\t\\.~\u202e\x00é")), max_size=200)


@settings(max_examples=400, deadline=None)
@given(_YAMLISH)
def test_loader_never_raises_on_yaml_like_text(text: str) -> None:
    _check_never_raises(text.encode("utf-8"))
