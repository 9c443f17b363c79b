"""The JSON Schemas: well-formed, documented for editors, and validated the same as the reference."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest

from hrddp_cli.load import load_bytes
from hrddp_cli.schema import SCHEMA_KINDS, schema
from tests.conftest import CASES, ROOT, SAMPLE

SCHEMA_DIR = ROOT / "schemas"
DOSSIER_KINDS = [k for k in SCHEMA_KINDS if k != "config"]


def _objects(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{path}/{index}")


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_valid_draft_07_with_a_stable_id(kind: str) -> None:
    document = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert document["$id"] == f"urn:hrddp:schema:1:{kind}"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_object_is_closed_and_every_property_documented(kind: str) -> None:
    for path, node in _objects(schema(kind), ""):
        if "properties" not in node:
            continue
        assert node.get("additionalProperties") is False, f"{kind}{path} accepts unknown keys"
        if kind != "config":  # hrddp.yaml has no extensions: a typo there must not pass
            assert "^x_" in node.get("patternProperties", {}), f"{kind}{path} refuses x_ extensions"
        for name, prop in node["properties"].items():
            assert prop.get("title") and prop.get("description"), f"{kind}{path}/{name} lacks a title or description"


def test_shared_definitions_are_identical_across_files() -> None:
    seen: dict[str, tuple[str, Any]] = {}
    for kind in DOSSIER_KINDS:
        for name, definition in schema(kind).get("definitions", {}).items():
            if name in seen:
                assert definition == seen[name][1], f"definition {name} differs between {seen[name][0]} and {kind}"
            else:
                seen[name] = (kind, definition)


def test_sensitive_fields_are_annotated() -> None:
    text = {kind: json.dumps(schema(kind)) for kind in DOSSIER_KINDS}
    assert text["risks"].count('"x-hrddp-sensitive": true') == 1  # evidence source
    assert text["consultations"].count('"x-hrddp-sensitive": true') == 1  # participant name
    assert text["incidents"].count('"x-hrddp-sensitive": true') == 2  # source ref, case_ref
    assert schema("incidents")["properties"]["incidents"]["items"]["x-hrddp-default-marking"] == "confidential"


def _corpus() -> Iterator[tuple[str, Any]]:
    """Documents to validate: the sample, every case file, and random mutations of the sample."""
    for path in sorted(SAMPLE.glob("*.yaml")):
        yield path.stem, load_bytes(path.read_bytes()).document.data  # type: ignore[union-attr]
    for path in sorted(CASES.rglob("*.yaml")):
        if path.stem in DOSSIER_KINDS:
            loaded = load_bytes(path.read_bytes()).document
            if loaded is not None:
                yield path.stem, loaded.data
    rng = random.Random(7)
    junk: list[Any] = [None, 7, -1, "x", "", True, 2.5, [], {}, ["y"], {"z": 1}, "2024-02-30", 10**6]
    for path in sorted(SAMPLE.glob("*.yaml")):
        data = load_bytes(path.read_bytes()).document.data  # type: ignore[union-attr]
        for _ in range(60):
            mutated = json.loads(json.dumps(data))
            _mutate(mutated, rng, junk)
            yield path.stem, mutated


def _mutate(node: Any, rng: random.Random, junk: list[Any]) -> None:
    for _ in range(rng.randint(1, 3)):
        target = node
        for _depth in range(rng.randint(1, 5)):
            children = (
                list(target.items())
                if isinstance(target, dict)
                else list(enumerate(target))
                if isinstance(target, list)
                else []
            )
            if not children:
                break
            key, child = rng.choice(children)
            if not isinstance(child, dict | list) or rng.random() < 0.3:
                choice = rng.random()
                if choice < 0.7:
                    target[key] = rng.choice(junk)
                elif isinstance(target, dict) and choice < 0.85:
                    del target[key]
                elif isinstance(target, dict):
                    target[f"unknown_{key}"] = 1
                break
            target = child


def _reference(kind: str, data: Any) -> set[tuple[tuple[Any, ...], str]]:
    validator = jsonschema.Draft7Validator(schema(kind))
    return {(tuple(e.absolute_path), str(e.validator)) for e in validator.iter_errors(data)}


def _fast(kind: str, data: Any) -> set[tuple[tuple[Any, ...], str]]:
    validator = jsonschema_rs.Draft7Validator(schema(kind), validate_formats=False)
    return {(tuple(e.instance_path), str(e.schema_path[-1])) for e in validator.iter_errors(data)}


def test_fast_validator_agrees_with_the_reference() -> None:
    compared = invalid = 0
    for kind, data in _corpus():
        reference = _reference(kind, data)
        assert _fast(kind, data) == reference, f"{kind}: validators disagree on {data!r:.300}"
        compared += 1
        invalid += bool(reference)
    assert compared > 300 and invalid > 100  # the corpus really exercises both outcomes


def test_exported_schemas_are_the_shipped_ones(tmp_path: Path, hrddp: Any) -> None:
    run = hrddp("schema", "export", str(tmp_path / "out"))
    assert run.exit_code == 0, run.stderr
    for kind in SCHEMA_KINDS:
        exported = (tmp_path / "out" / f"{kind}.schema.json").read_bytes()
        assert exported == (SCHEMA_DIR / f"{kind}.schema.json").read_bytes()
