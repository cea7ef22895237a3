"""Actor knowledge: shipped data, dated roles, user files and bad user files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brinkwatch.errors import KnowledgeFileError
from brinkwatch.knowledge.actors import ActorKnowledge, load_knowledge, parse_knowledge


def test_shipped_knowledge_covers_countries_orgs_people_sectors() -> None:
    kb = load_knowledge()
    assert len(kb.countries) >= 249
    assert len(kb.people) >= 150
    assert kb.countries["VEN"].demonyms[:2] == ["Venezuelan", "Venezuelans"]
    assert kb.countries["VEN"].metonyms["Miraflores"] == "GOV"
    assert "Caracas" in kb.countries["VEN"].metonyms
    assert kb.countries["ROU"].cameo == "ROM"
    assert kb.organisations["NATO"].country == "IGO"
    assert kb.organisations["AMNESTY"].country == "NGO"
    assert kb.sectors["troop"] == "MIL" and kb.sectors["rebel"] == "REB"
    assert load_knowledge() is kb  # cached: loaded once per process


def test_role_valid_at_date_and_latest_role_when_undated() -> None:
    kb = load_knowledge()
    rubio = kb.people["marco-rubio"]
    assert rubio.role_at("2020-06-01")[0].sector == "LEG"
    assert rubio.role_at("2025-06-01")[0].title == "Secretary of State"
    assert rubio.role_at(None)[0].title == "Secretary of State"
    trump = kb.people["donald-trump"]
    role, current = trump.role_at("2023-03-01")  # between terms: a former president
    assert role.title == "President of the United States" and current is False


def _write(tmp_path: Path, data: object, name: str = "mine.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return str(path)


def test_user_file_adds_people_countries_and_sectors(tmp_path: Path) -> None:
    path = _write(tmp_path, {
        "countries": [{"code": "FRD", "name": "Freedonia", "demonyms": ["Freedonian", "Freedonians"],
                       "metonyms": [{"text": "Fredville", "sector": "GOV"}]},
                      {"code": "VEN", "names": ["Tierra de Gracia"]}],
        "people": [{"id": "rufus-firefly", "name": "Rufus Firefly", "names": ["Firefly"],
                    "roles": [{"title": "Leader of Freedonia", "country": "FRD", "sector": "GOV",
                               "start": "1933-11-17", "end": None}]}],
        "sectors": {"coastguardsman": "MIL"},
    })
    kb = load_knowledge([path])
    assert kb.countries["FRD"].demonyms == ["Freedonian", "Freedonians"]
    assert "Tierra de Gracia" in kb.countries["VEN"].names and kb.countries["VEN"].name == "Venezuela"
    assert kb.people["rufus-firefly"].role_at("1934-01-01")[0].country == "FRD"
    assert kb.sectors["coastguardsman"] == "MIL"
    assert "marco-rubio" in kb.people  # shipped knowledge is kept


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n "people": [\n  {"id": "x", "name": "X",}\n ]\n}\n', encoding="utf-8")
    with pytest.raises(KnowledgeFileError) as err:
        load_knowledge([str(path)])
    assert "line 3" in str(err.value) and err.value.code == "BW-K001"


def test_bad_field_names_the_field_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, {"people": [
        {"id": "ok-person", "name": "Ok Person", "roles": []},
        {"id": "bad-person", "name": "Bad Person", "roles": [{"country": "FRD", "start": "last spring"}]},
    ]})
    with pytest.raises(KnowledgeFileError) as err:
        load_knowledge([path])
    text = str(err.value)
    assert "people[1 ('bad-person')].roles[0].start" in text and "last spring" in text
    assert "(line " in text


@pytest.mark.parametrize("data, needle", [
    ({"countries": [{"code": "fr", "name": "x"}]}, "code"),
    ({"countries": [{"code": "ZZZ"}]}, "name"),
    ({"organisations": [{"id": "X", "name": "X", "country": 5}]}, "country"),
    ({"sectors": {"medic": "health"}}, "sectors"),
    ({"peoples": []}, "none of the keys"),
    ([], "top level"),
])
def test_bad_entries_are_rejected(data: object, needle: str) -> None:
    with pytest.raises(KnowledgeFileError) as err:
        parse_knowledge(json.dumps(data), "user.json", ActorKnowledge())
    assert needle in str(err.value) and "user.json" in str(err.value)


def test_missing_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeFileError, match="does not exist"):
        load_knowledge([str(tmp_path / "nope.json")])


def test_place_only_file_is_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path, {"places": [{"name": "Somewhere", "lat": 1.0, "lon": 2.0}]})
    assert load_knowledge([path]).countries["VEN"].name == "Venezuela"
