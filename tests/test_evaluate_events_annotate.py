"""``annotate_records`` for the events task: with a stand-in coder (exact mapping), with the real
pipeline on generated records, and annotate + score on the first records of the dev gold files."""

from __future__ import annotations

import importlib
import itertools
import re

import pytest
import spacy
from spacy.language import Language

from brinkwatch.config import ExtractOptions
from brinkwatch.evaluate.events import annotate_records, score
from brinkwatch.evaluate.io import read_jsonl
from brinkwatch.extract.extensions import register_extensions
from brinkwatch.model import MODALITIES, Actor, Event, Place, TimeSpan, content_id

from conftest import GOLD_DEV
from factory import make_records

EVENT_KEYS = {"plover", "cameo", "acled_event_type", "acled_sub_event_type", "source", "target", "location",
              "date", "fatalities", "modality", "mode", "context", "confidence", "evidence"}


@Language.component("test_fixed_events")
def _fixed_events(doc):  # noqa: ANN001, ANN202
    """Stand-in event coder: one event per sentence containing 'fired' or 'threatened', in reverse order."""
    events = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ not in ("fired", "threatened"):
                continue
            fired = tok.lower_ == "fired"
            events.append(Event(
                article_id=doc._.bw_article_id, plover="ASSAULT" if fired else "THREATEN",
                modality="asserted",
                source=[Actor(text="Ruritania", country="RUR", sector="MIL")],
                time=TimeSpan(start=doc._.bw_dct, end=doc._.bw_dct, granularity="day") if fired
                else TimeSpan(start="2026-03-01", end="2026-03-31", granularity="month"),
                place=Place(text="Port Alba", lat=1.5, lon=2.5, country="RUR") if fired else None,
                fatalities=3 if fired else None, sentence=sent.text, trigger=tok.text,
                trigger_start=tok.idx, trigger_end=tok.idx + len(tok), rule="test",
            ))
            if not fired:  # "threatened to fire": a non-factual ASSAULT as well
                events.append(Event(article_id=doc._.bw_article_id, plover="ASSAULT", modality="threatened",
                                    trigger=tok.text, trigger_start=tok.idx + 1, trigger_end=tok.idx + 2))
    doc._.bw_events = list(reversed(events))
    return doc


@pytest.fixture(scope="module")
def fake_nlp():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_fixed_events")
    return nlp


def test_annotate_maps_events_and_ignores_gold(fake_nlp):
    text = "Ruritania threatened to fire. Its navy fired on a trawler near Port Alba."
    gold_junk = [{"plover": "AGREE"}]
    records = [{"id": "r1", "corpus": "toy", "text": text, "reference_date": "2026-03-05",
                "gold_fields": ["plover"], "events": gold_junk, "extra": {"k": 1}},
               {"id": "r2", "corpus": "toy", "text": "Nothing happened.", "reference_date": None,
                "gold_fields": ["plover"], "events": gold_junk}]
    out = list(annotate_records(iter(records), ExtractOptions(batch_size=1), nlp=fake_nlp))
    assert [r["id"] for r in out] == ["r1", "r2"] and out[0]["extra"] == {"k": 1}
    first = out[0]["events"]
    assert [(e["plover"], e["modality"]) for e in first] == [("THREATEN", "asserted"), ("ASSAULT", "threatened"),
                                                              ("ASSAULT", "asserted")]  # text order
    assault = first[2]
    assert assault["date"] == "2026-03-05" and first[0]["date"] is None  # a month is not a day
    assert assault["location"] == {"name": "Port Alba", "country": "RUR", "admin1": None, "lat": 1.5, "lon": 2.5}
    assert assault["source"] == [{"text": "Ruritania", "country": "RUR", "sector": "MIL"}]
    assert assault["fatalities"] == 3 and assault["evidence"]["trigger"] == "fired"
    assert set(assault) >= EVENT_KEYS
    assert out[1]["events"] == [] and records[0]["events"] is gold_junk  # input not mutated


def test_annotate_rejects_bad_records(fake_nlp):
    from brinkwatch.errors import EvaluationError

    with pytest.raises(EvaluationError, match="reference_date"):
        list(annotate_records([{"id": "x", "text": "a", "reference_date": "May 3"}], nlp=fake_nlp))
    with pytest.raises(EvaluationError, match="text"):
        list(annotate_records([{"id": "x"}], nlp=fake_nlp))


# --- with the real pipeline (whatever components are installed) ----------------------------------
def _available_components() -> list[str]:
    from brinkwatch.extract.pipeline import COMPONENTS

    names = []
    for name, module in COMPONENTS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        names.append(name)
    return names


@pytest.fixture(scope="module")
def real_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=_available_components())


def _as_events_records(n: int) -> list[dict]:
    return [{"id": r["id"], "corpus": "generated", "text": r["text"], "lang": "en",
             "reference_date": r["published"], "gold_fields": ["plover", "source", "target"], "events": []}
            for r in make_records(n, seed=7)]


@pytest.mark.slow
def test_annotate_generated_records_with_the_pipeline(real_nlp):
    records = _as_events_records(4)
    out = list(annotate_records(records, nlp=real_nlp))
    assert [r["id"] for r in out] == [r["id"] for r in records]
    for r in out:
        for e in r["events"]:
            assert set(e) >= EVENT_KEYS and e["modality"] in MODALITIES
            assert e["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"])
            assert e["evidence"]["sentence"] in r["text"]
    if "bw_events" in real_nlp.pipe_names:
        assert sum(len(r["events"]) for r in out) > 0
    assert content_id(records[0]["text"])  # ids are content hashes of the text, as in ingest


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plover_gsr.jsonl", "acled_dev.jsonl"])
def test_dev_gold_first_records_give_sane_scores(real_nlp, name):
    path = GOLD_DEV / "events" / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    if "bw_events" not in real_nlp.pipe_names:
        pytest.skip("the event coder (bw_events) is not installed yet")
    gold = list(itertools.islice(read_jsonl(path), 40))
    pred = list(annotate_records(gold, nlp=real_nlp))
    assert all(p["events"] is not g["events"] for g, p in zip(gold, pred, strict=True))
    s = score(gold, pred)
    corpus = next(iter(s["corpora"].values()))
    assert s["records"] == 40 and s["records_without_prediction"] == 0
    if "plover" in corpus:
        micro = corpus["plover"]["micro"]
        assert micro["tp"] + micro["fn"] == sum(1 for g in gold for e in g["events"] if e["plover"])
        assert 0.0 < micro["f1"] <= 1.0
    else:
        assert 0.0 < corpus["acled_event_type"]["accuracy"] <= 1.0
        assert 0.0 <= corpus["location_25km"]["accuracy"] <= 1.0
