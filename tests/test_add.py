"""``hrddp add``: one record appended in place, every comment kept, and an id never used before."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import read_yaml

Hrddp = Any


def test_a_record_is_appended_and_nothing_else_changes(hrddp: Hrddp, sample: Path) -> None:
    before = (sample / "risks.yaml").read_text(encoding="utf-8")
    run = hrddp("add", "risk", str(sample), "--title", "Surveillance of journalists", cwd=sample.parent)
    assert run.exit_code == 0, run.stderr
    after = (sample / "risks.yaml").read_text(encoding="utf-8")
    assert after.startswith(before), "everything the analyst wrote is kept, byte for byte"
    added = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("+ ")]
    assert added[0] == "+   - id: R-012" and "+     title: Surveillance of journalists" in added
    line = after.splitlines().index("  - id: R-012") + 1
    assert run.stdout.strip() == f"added R-012 at {sample}/risks.yaml:{line}"


def test_the_new_record_asks_for_what_it_needs_and_guesses_nothing(hrddp: Hrddp, sample: Path) -> None:
    assert hrddp("add", "incident", str(sample), cwd=sample.parent).exit_code == 0
    record = read_yaml(sample / "incidents.yaml")["incidents"][-1]
    assert record["id"] == "I-005"
    assert all(value is None for key, value in record.items() if key != "id"), record
    text = (sample / "incidents.yaml").read_text(encoding="utf-8")
    assert "verification: # " in text and "alleged" in text.split("verification: # ")[-1].splitlines()[0]
    run = hrddp("validate", str(sample), "-f", "json", cwd=sample.parent)
    pointers = {f["pointer"] for f in json.loads(run.stdout)["findings"]}
    assert "/incidents/4/title" in pointers and "/incidents/4/verification" in pointers


def test_the_next_id_is_above_every_id_in_git_history(hrddp: Hrddp, repo: Any) -> None:
    assert hrddp("add", "mitigation", "dossiers/sample-dossier", cwd=repo.root).exit_code == 0
    added = read_yaml(repo.dossier / "mitigations.yaml")["mitigations"][-1]["id"]
    repo.commit("Add a mitigation")
    repo.edit("mitigations.yaml", lambda data: data["mitigations"].pop())
    repo.commit("Remove it again (it should have been closed)")
    run = hrddp("add", "mitigation", "dossiers/sample-dossier", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    again = read_yaml(repo.dossier / "mitigations.yaml")["mitigations"][-1]["id"]
    assert int(again[2:]) == int(added[2:]) + 1, (added, again)


def test_an_empty_list_becomes_a_block_list(hrddp: Hrddp, tmp_path: Path) -> None:
    assert hrddp("new", "fresh", "--in", "d", cwd=tmp_path).exit_code == 0
    run = hrddp("add", "consultation", "d/fresh", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    text = (tmp_path / "d" / "fresh" / "consultations.yaml").read_text(encoding="utf-8")
    assert "consultations:\n  - id: C-001\n" in text and text.startswith("# yaml-language-server:")


@pytest.mark.parametrize("broken", ["risks:\n  - id: R-001\n   title: [\n", "risks: []\nrisks: []\n"])
def test_a_broken_file_is_left_untouched(hrddp: Hrddp, sample: Path, broken: str) -> None:
    (sample / "risks.yaml").write_text("schema_version: 1\n" + broken, encoding="utf-8")
    run = hrddp("add", "risk", str(sample), cwd=sample.parent)
    assert run.exit_code == 1 and "nothing was written" in run.stderr
    assert (sample / "risks.yaml").read_text(encoding="utf-8") == "schema_version: 1\n" + broken


def test_a_given_id_must_be_new_and_well_formed(hrddp: Hrddp, sample: Path) -> None:
    assert hrddp("add", "risk", str(sample), "--id", "R-001", cwd=sample.parent).exit_code == 2
    assert hrddp("add", "risk", str(sample), "--id", "R1", cwd=sample.parent).exit_code == 2
    assert hrddp("add", "rsk", str(sample), cwd=sample.parent).exit_code == 2
    assert hrddp("add", "risk", str(sample), "--id", "R-100", cwd=sample.parent).exit_code == 0


def test_a_consultation_takes_no_title_and_nested_fields_say_their_shape(hrddp: Hrddp, sample: Path) -> None:
    refused = hrddp("add", "consultation", str(sample), "--title", "A focus group", cwd=sample.parent)
    assert refused.exit_code == 2 and "has no title" in refused.stderr
    assert hrddp("add", "mitigation", str(sample), cwd=sample.parent).exit_code == 0
    text = (sample / "mitigations.yaml").read_text(encoding="utf-8")
    assert "addresses: # Risks addressed: a list of {risk" in text


def test_a_list_written_where_mappings_belong_says_which_keys_to_write(hrddp: Hrddp, sample: Path) -> None:
    text = (sample / "mitigations.yaml").read_text(encoding="utf-8")
    (sample / "mitigations.yaml").write_text(text.replace("      - risk: R-001\n        reduces: likelihood\n",
                                                          "      - R-001\n", 1), encoding="utf-8")  # fmt: skip
    run = hrddp("validate", str(sample), cwd=sample.parent)
    assert run.exit_code == 1
    assert "item 1 of addresses must be a mapping (key: value lines) with risk:" in run.stdout
