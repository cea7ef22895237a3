"""The evaluation gate's bookkeeping: floors, failures and the README table (no models needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brinkwatch.evaluate import gate

FLOORS = [{"task": "timex", "file": "timex/x.jsonl", "metric": "value.f1", "floor": 0.5, "label": "value F1"}]


@pytest.fixture
def fake_run(monkeypatch):
    values = {"v": 0.7}

    def run(gold, floors, options=None, work=None):
        return [{**f, "value": values["v"]} for f in floors]

    monkeypatch.setattr(gate, "run_gate", run)
    return values


def test_floor_raised_never_lowered_and_failure_exit(tmp_path: Path, fake_run):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps(FLOORS))
    assert gate.main(["--gold", str(tmp_path), "--floors", str(floors), "--raise-floors"]) == 0
    assert json.loads(floors.read_text())[0]["floor"] == pytest.approx(0.695)
    fake_run["v"] = 0.3
    assert gate.main(["--gold", str(tmp_path), "--floors", str(floors), "--raise-floors"]) == 1
    assert json.loads(floors.read_text())[0]["floor"] == pytest.approx(0.695)


def test_readme_table_rewritten_between_markers(tmp_path: Path, fake_run):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps(FLOORS))
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{gate.BEGIN}\nold table\n{gate.END}\noutro\n")
    assert gate.main(["--gold", str(tmp_path), "--floors", str(floors), "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert "old table" not in text and "| timex | timex/x.jsonl | value F1 | 0.700 | 0.500 |" in text
    assert text.startswith("intro\n") and text.endswith("outro\n")
    readme.write_text("no markers")
    with pytest.raises(SystemExit):
        gate.main(["--gold", str(tmp_path), "--floors", str(floors), "--readme", str(readme)])


def test_readme_table_shows_the_raised_floors(tmp_path: Path, fake_run):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps(FLOORS))
    readme = tmp_path / "README.md"
    readme.write_text(f"{gate.BEGIN}\n{gate.END}\n")
    assert gate.main(["--gold", str(tmp_path), "--floors", str(floors), "--raise-floors", "--readme", str(readme)]) == 0
    assert "| 0.700 | 0.695 |" in readme.read_text()
