"""The events scorer and the gold JSONL readers, on small hand-made gold/prediction pairs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.events import format_report, haversine_km, match_plover, score
from brinkwatch.evaluate.io import read_jsonl, write_jsonl

PLOVER_FIELDS = ["plover", "source", "target"]
ACLED_FIELDS = ["acled_event_type", "acled_sub_event_type", "source", "target", "location", "date", "fatalities"]


def ev(plover=None, source=(), target=(), modality=None, **kw):  # noqa: ANN001, ANN201
    e = {"plover": plover, "source": [{"text": c, "country": c, "sector": None} for c in source],
         "target": [{"text": c, "country": c, "sector": None} for c in target]}
    if modality:
        e["modality"] = modality
    e.update(kw)
    return e


def rec(rid, events, fields=PLOVER_FIELDS, corpus="toy"):  # noqa: ANN001, ANN201
    return {"id": rid, "corpus": corpus, "text": "(text)", "gold_fields": fields, "events": events}


# --- PLOVER -------------------------------------------------------------------------------------
@pytest.fixture()
def plover_case():
    gold = [
        rec("a", [ev("ACCUSE", ["USA"], ["VEN"]), ev("THREATEN", ["GUY"], ["VEN"])]),
        rec("b", [ev("ASSAULT", ["VEN"], ["GUY"])]),
        rec("c", [ev(None, ["FRA"])]),  # don't care
        rec("d", [ev("PROTEST", ["GUY"])]),  # its prediction record is missing
    ]
    pred = [
        rec("a", [ev("ACCUSE", ["USA"], [], "asserted"), ev("REJECT", ["VEN"], [], "reported")]),
        rec("b", [ev("ASSAULT", ["COL"], ["GUY"]), ev("ASSAULT", ["VEN"], ["GUY"], "threatened")]),
        rec("c", [ev("COERCE", ["FRA"])]),
        rec("zzz", [ev("AID")]),  # not in gold
    ]
    return gold, pred


def test_plover_precision_recall_f1(plover_case):
    s = score(*plover_case)
    assert s["records_without_prediction"] == 1 and s["unknown_prediction_ids"] == 1
    pl = s["corpora"]["toy"]["plover"]
    # TP: ACCUSE, ASSAULT; FP: REJECT (COERCE absorbed by the don't-care, threatened ASSAULT not factual);
    # FN: THREATEN, PROTEST.
    assert (pl["micro"]["tp"], pl["micro"]["fp"], pl["micro"]["fn"]) == (2, 1, 2)
    assert pl["micro"]["precision"] == pytest.approx(2 / 3)
    assert pl["micro"]["recall"] == pytest.approx(0.5)
    assert pl["micro"]["f1"] == pytest.approx(4 / 7)
    assert pl["per_type"]["ACCUSE"]["f1"] == 1.0 and pl["per_type"]["THREATEN"]["recall"] == 0.0
    assert "COERCE" not in pl["per_type"]
    assert pl["macro_f1"] == pytest.approx(2 / 5)  # ACCUSE, ASSAULT, PROTEST, REJECT, THREATEN
    assert pl["dont_care"] == {"gold_events": 1, "absorbed_predictions": 1}
    cells = {(c["gold"], c["pred"]): c["count"] for c in pl["confusion"]}
    assert cells == {("ACCUSE", "ACCUSE"): 1, ("ASSAULT", "ASSAULT"): 1, ("THREATEN", "REJECT"): 1,
                     ("PROTEST", "(none)"): 1}


def test_actor_country_accuracy_over_matched_events(plover_case):
    s = score(*plover_case)["corpora"]["toy"]
    # matched: ACCUSE (source USA right; target missing) and ASSAULT (source COL wrong; target GUY right)
    assert s["source_country"]["n"] == 2 and s["source_country"]["correct"] == 1
    assert s["source_country"]["coverage"] == 1.0
    assert s["source_country"]["end_to_end"] == pytest.approx(1 / 4)  # THREATEN, PROTEST unmatched
    assert s["target_country"]["correct"] == 1 and s["target_country"]["n"] == 2
    assert s["target_country"]["coverage"] == 0.5


def test_best_actor_pairing_within_a_type():
    m = match_plover([ev("ACCUSE", ["GUY"]), ev("ACCUSE", ["VEN"])], [ev("ACCUSE", ["VEN"]), ev("ACCUSE", ["GUY"])])
    assert [(g["source"][0]["country"], p["source"][0]["country"]) for g, p in m.pairs] == [("GUY", "GUY"),
                                                                                             ("VEN", "VEN")]


def test_legacy_cameo_codes_equal_iso():
    s = score([rec("a", [ev("AGREE", ["JAP"])])], [rec("a", [ev("AGREE", ["JPN"])])])
    assert s["corpora"]["toy"]["source_country"]["accuracy"] == 1.0


def test_records_without_plover_field_are_not_scored_for_it():
    s = score([rec("a", [ev("AGREE")], fields=["source"])], [rec("a", [ev("REJECT")])])
    assert "plover" not in s["corpora"]["toy"]


def test_no_events_in_gold_makes_every_factual_prediction_a_false_positive():
    s = score([rec("a", [])], [rec("a", [ev("AGREE"), ev("AID", modality="offered")])])
    assert s["corpora"]["toy"]["plover"]["micro"]["fp"] == 1


# --- ACLED ---------------------------------------------------------------------------------------
def acled(etype, sub, lat, lon, date="2026-03-04", fatalities=0, modality=None):  # noqa: ANN001, ANN201
    return ev(None, modality=modality, acled_event_type=etype, acled_sub_event_type=sub, date=date,
              fatalities=fatalities, location={"name": "x", "country": None, "admin1": None, "lat": lat, "lon": lon})


def test_acled_accuracy_location_date_fatalities():
    gold = [
        rec("1", [acled("Battles", "Armed clash", 10.0, 20.0, fatalities=3)], ACLED_FIELDS, "acled"),
        rec("2", [acled("Riots", "Mob violence", 0.0, 0.0)], ACLED_FIELDS, "acled"),
        rec("3", [acled("Protests", "Peaceful protest", 0.0, 0.0)], ACLED_FIELDS, "acled"),
    ]
    pred = [
        rec("1", [acled("Protests", "Peaceful protest", 10.0, 20.0),
                  acled("Battles", "Armed clash", 10.1, 20.1, fatalities=None),
                  acled("Battles", "Armed clash", 10.0, 20.0, fatalities=3, modality="hypothetical")]),
        rec("2", []),
        rec("3", [acled("Protests", "Protest with intervention", 0.0, 0.3, date="2026-03-03", fatalities=None)]),
    ]
    s = score(gold, pred)["corpora"]["acled"]
    assert (s["acled_event_type"]["correct"], s["acled_event_type"]["n"]) == (2, 3)
    assert s["acled_event_type"]["precision"] == pytest.approx(2 / 3)  # Protests in record 1 is not gold there
    assert s["acled_sub_event_type"]["correct"] == 1
    assert s["location_25km"]["correct"] == 1  # ~15.6 km right, ~33 km wrong, no prediction wrong
    assert s["location_25km"]["coverage"] == pytest.approx(2 / 3)
    assert s["date"]["correct"] == 1
    # record 1: no count given but gold says 3 -> wrong; record 3: no count = 0 -> right; record 2: nothing
    assert s["fatalities"]["correct"] == 1 and s["fatalities"]["positive"]["n"] == 1
    assert s["fatalities"]["positive"]["correct"] == 0
    assert "plover" not in s


def test_25_km_rule():
    assert haversine_km(0.0, 0.0, 0.2, 0.0) == pytest.approx(22.24, abs=0.05)
    gold = [rec("1", [acled("Battles", "Armed clash", 0.0, 0.0)], ACLED_FIELDS)]
    near = score(gold, [rec("1", [acled("Battles", "Armed clash", 0.2, 0.0)])])["corpora"]["toy"]
    far = score(gold, [rec("1", [acled("Battles", "Armed clash", 0.25, 0.0)])])["corpora"]["toy"]
    assert near["location_25km"]["accuracy"] == 1.0 and far["location_25km"]["accuracy"] == 0.0


def test_report_prints_tables(plover_case):
    text = format_report(score(*plover_case))
    assert "PLOVER type" in text and "micro" in text and "macro F1" in text
    assert "source country" in text and "THREATEN" in text
    header = next(line for line in text.splitlines() if "gold \\ pred" in line)
    assert header.split()[-1] == "none" and header.count("none") == 1
    assert any(line.split()[:1] == ["PROTEST"] and line.split()[-1] == "1" for line in text.splitlines())


def test_duplicate_ids_are_an_error():
    with pytest.raises(EvaluationError, match="twice"):
        score([rec("a", []), rec("a", [])], [])


# --- io -----------------------------------------------------------------------------------------
def test_jsonl_roundtrip_plain_and_gzip(tmp_path: Path):
    rows = [{"id": "x", "text": "Ünïcode – ok"}, {"id": "y", "events": []}]
    for name in ("a.jsonl", "b.jsonl.gz"):
        assert write_jsonl(iter(rows), tmp_path / name) == 2
        assert list(read_jsonl(tmp_path / name)) == rows
    with gzip.open(tmp_path / "b.jsonl.gz", "rt", encoding="utf-8") as fh:
        assert json.loads(fh.readline())["id"] == "x"


def test_malformed_line_names_the_line(tmp_path: Path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1"}\n\n{"id": 2,\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 3") as exc:
        list(read_jsonl(p))
    assert exc.value.code == "BW-V001" and exc.value.hint
    p.write_text('[1, 2]\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 1: expected a JSON object"):
        list(read_jsonl(p))


def test_missing_file_and_failed_write_leave_nothing(tmp_path: Path):
    with pytest.raises(EvaluationError, match="not found"):
        list(read_jsonl(tmp_path / "nope.jsonl"))

    def broken():  # noqa: ANN202
        yield {"id": "ok"}
        raise RuntimeError("coder crashed")

    with pytest.raises(RuntimeError):
        write_jsonl(broken(), tmp_path / "out.jsonl")
    assert list(tmp_path.iterdir()) == []
