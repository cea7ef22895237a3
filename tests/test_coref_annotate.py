"""The mention-level coreference model and `annotate coref` on hand-written (fictional) topics."""

from __future__ import annotations

import json
import re

import pytest

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.coref import annotate_records, score
from brinkwatch.reconcile.coref import CorefOptions, cluster_topic, stem

from conftest import GOLD_DEV

STORIES = {
    "q1": "A strong earthquake struck the town of Valdoria on Monday. The quake destroyed the old bridge, "
          "the mayor said.",
    "q2": "The earthquake that struck Valdoria on Monday left the bridge in ruins. Rescue teams said the quake "
          "was the strongest in decades.",
    "q3": "Residents of Valdoria slept outside after the earthquake. Officials said the quake damaged the bridge.",
    "r1": "Singer Mara Quint checked into a rehab clinic in Harlow on Friday. She said she needed rest.",
    "r2": "Mara Quint has checked into rehab in Harlow, her publicist told reporters on Friday.",
    "r3": "Pop star Mara Quint checked into a Harlow clinic on Friday, her publicist confirmed.",
}

#: (document, mention text, kind, type); the n-th occurrence is picked by the suffix "#n"
MENTIONS = [
    ("q1", "earthquake", "event", "ACT"), ("q1", "struck", "event", "ACT"), ("q1", "Valdoria", "entity", "LOC"),
    ("q1", "quake", "event", "ACT"), ("q1", "said", "event", "ACT"), ("q1", "mayor", "entity", "HUM"),
    ("q2", "earthquake", "event", "ACT"), ("q2", "Valdoria", "entity", "LOC"), ("q2", "quake", "event", "ACT"),
    ("q2", "said", "event", "ACT"), ("q2", "Rescue teams", "entity", "HUM"),
    ("q3", "earthquake", "event", "ACT"), ("q3", "quake", "event", "ACT"), ("q3", "Valdoria", "entity", "LOC"),
    ("r1", "Mara Quint", "entity", "HUM"), ("r1", "checked into", "event", "ACT"), ("r1", "She", "entity", "HUM"),
    ("r1", "said", "event", "ACT"),
    ("r2", "Mara Quint", "entity", "HUM"), ("r2", "checked into", "event", "ACT"), ("r2", "told", "event", "ACT"),
    ("r3", "Mara Quint", "entity", "HUM"), ("r3", "checked into", "event", "ACT"),
]


def make_topic(gold_cluster: str = "G") -> dict:
    docs = []
    for doc_id, text in STORIES.items():
        mentions = []
        for i, (d, surface, kind, mtype) in enumerate(MENTIONS):
            if d != doc_id:
                continue
            match = re.search(rf"\b{re.escape(surface)}\b", text)
            assert match, surface
            mentions.append({"id": f"{doc_id}:m{i}", "start": match.start(), "end": match.end(), "text": surface,
                             "kind": kind, "type": mtype, "cluster": f"{gold_cluster}{i}"})
        docs.append({"doc_id": doc_id, "text": text, "mentions": mentions})
    return {"id": "toy:1", "topic": "1", "documents": docs}


@pytest.fixture(scope="module")
def base_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=())


@pytest.fixture(scope="module")
def chains(base_nlp) -> dict[str, str]:
    topic = make_topic()
    return cluster_topic(topic["documents"], base_nlp, CorefOptions())


def cid(chains: dict[str, str], doc: str, surface: str) -> str:
    i = next(i for i, (d, s, _, _) in enumerate(MENTIONS) if d == doc and s == surface)
    return chains[f"{doc}:m{i}"]


def test_same_event_across_documents_by_lemma_and_synonym(chains) -> None:  # noqa: ANN001
    quake = cid(chains, "q1", "earthquake")
    assert cid(chains, "q2", "earthquake") == quake
    assert cid(chains, "q3", "quake") == quake  # quake / earthquake
    assert cid(chains, "r2", "checked into") == cid(chains, "r1", "checked into") == cid(chains, "r3", "checked into")
    assert cid(chains, "r1", "checked into") != quake


def test_stories_are_kept_apart_and_saying_needs_agreement(chains) -> None:  # noqa: ANN001
    # the two "said" of the earthquake story have different speakers: two reporting events
    assert cid(chains, "q1", "said") != cid(chains, "q2", "said")
    # a reporting verb of the rehab story never joins one of the earthquake story
    assert cid(chains, "r1", "said") not in {cid(chains, "q1", "said"), cid(chains, "q2", "said")}


def test_entities_by_name_and_pronoun(chains) -> None:  # noqa: ANN001
    quint = cid(chains, "r1", "Mara Quint")
    assert cid(chains, "r2", "Mara Quint") == quint == cid(chains, "r3", "Mara Quint")
    assert cid(chains, "r1", "She") == quint
    assert cid(chains, "q1", "Valdoria") == cid(chains, "q2", "Valdoria")
    assert cid(chains, "q1", "mayor") != cid(chains, "q2", "Rescue teams")
    # events and entities never share a chain
    assert not {cid(chains, "q1", "Valdoria")} & {cid(chains, "q1", "earthquake"), cid(chains, "q1", "quake")}


def test_annotate_keeps_every_mention_and_ignores_gold(base_nlp) -> None:  # noqa: ANN001
    one = list(annotate_records([make_topic("A")], base_nlp))
    other = list(annotate_records([make_topic("B")], base_nlp))
    assert one == other  # the gold chain ids cannot change the answer
    src = make_topic()
    for d_in, d_out in zip(src["documents"], one[0]["documents"], strict=True):
        assert d_in["text"] == d_out["text"] and d_in["doc_id"] == d_out["doc_id"]
        assert len(d_in["mentions"]) == len(d_out["mentions"])
        for m_in, m_out in zip(d_in["mentions"], d_out["mentions"], strict=True):
            assert {k: v for k, v in m_in.items() if k != "cluster"} == {k: v for k, v in m_out.items()
                                                                         if k != "cluster"}
            assert m_out["cluster"] and m_out["cluster"].startswith("toy:1/")
    scores = score([make_topic()], one)
    assert scores["missing_mentions"] == 0


def test_stem_meets_verbs_and_nominalisations() -> None:
    assert stem("attacked") == stem("attacks") == stem("attacking") == stem("attack")
    assert stem("agreement") == stem("agree")
    assert stem("nominee") == stem("nomination")
    assert stem("war") == "war"


def test_acronym_takes_the_head_of_its_expansion(base_nlp) -> None:  # noqa: ANN001
    text_a = "He was arrested for driving under the influence on Friday."
    text_b = "The DUI arrest came after a crash."
    docs = [
        {"doc_id": "a", "text": text_a, "mentions": [
            {"id": "a:0", "start": text_a.index("driving"), "end": text_a.index(" on Friday"), "kind": "event",
             "type": "ACT"}]},
        {"doc_id": "b", "text": text_b, "mentions": [
            {"id": "b:0", "start": text_b.index("DUI"), "end": text_b.index("DUI") + 3, "kind": "event",
             "type": "ACT"}]},
    ]
    chains = cluster_topic(docs, base_nlp, CorefOptions(doc_threshold=-1.0))  # one story
    assert chains["a:0"] == chains["b:0"]


def test_bad_input_is_a_clear_error(base_nlp) -> None:  # noqa: ANN001
    with pytest.raises(EvaluationError, match="documents"):
        list(annotate_records([{"id": "x"}], base_nlp))
    bad = {"id": "x", "documents": [{"doc_id": "d", "text": "Something happened.",
                                     "mentions": [{"id": "d:0", "start": "one", "end": 3, "kind": "event"}]}]}
    with pytest.raises(EvaluationError, match="integer start/end"):
        list(annotate_records([bad], base_nlp))
    with pytest.raises(EvaluationError, match="text"):
        cluster_topic([{"doc_id": "d", "mentions": []}], base_nlp)


ECB_DEV = GOLD_DEV / "coref" / "ecbplus_dev.jsonl"


@pytest.mark.skipif(not ECB_DEV.is_file(), reason="ECB+ dev data not present")
def test_one_real_topic_end_to_end(base_nlp) -> None:  # noqa: ANN001
    with ECB_DEV.open(encoding="utf-8") as fh:
        gold = json.loads(fh.readline())
    pred = list(annotate_records([gold], base_nlp))
    scores = score([gold], pred)
    assert scores["missing_mentions"] == 0
    # a sanity floor far below the measured figure: the model works on real text
    assert scores["event"]["cross_doc"]["conll_f1"] > 0.6


def _doc(doc_id: str, text: str, spans: list[tuple[str, str, str]]) -> dict:
    """A document whose mentions are the first occurrences of the given (surface, kind, type)."""
    mentions = []
    for i, (surface, kind, mtype) in enumerate(spans):
        start = text.index(surface)
        mentions.append({"id": f"{doc_id}:{i}", "start": start, "end": start + len(surface), "kind": kind,
                         "type": mtype})
    return {"doc_id": doc_id, "text": text, "mentions": mentions}


def test_a_name_groups_across_stories_and_a_description_does_not(base_nlp) -> None:  # noqa: ANN001
    docs = [
        _doc("a", "Orvane Motors recalled its sedans in Kelby. The carmaker blamed the brakes.",
             [("Orvane Motors", "entity", "HUM"), ("carmaker", "entity", "HUM")]),
        _doc("b", "Orvane Motors opened a factory in Tarsk. The carmaker hired workers.",
             [("Orvane Motors", "entity", "HUM"), ("carmaker", "entity", "HUM")]),
    ]
    split = CorefOptions(doc_threshold=2.0, doc_attach=2.0, doc_rounds=0)  # every document its own story
    chains = cluster_topic(docs, base_nlp, split)
    assert chains["a:0"] == chains["b:0"]  # one company in both stories
    assert chains["a:1"] != chains["b:1"]  # "the carmaker" of two stories is not known to be one
    per_story = cluster_topic(docs, base_nlp, CorefOptions(doc_threshold=2.0, doc_attach=2.0, doc_rounds=0,
                                                           names_topic_wide=False))
    assert per_story["a:0"] != per_story["b:0"]


def test_apposition_and_copula_tie_a_description_to_a_name(base_nlp) -> None:  # noqa: ANN001
    text = "Dara Volkin, the goalkeeper, signed a contract. The captain is Rufus Penn."
    docs = [_doc("a", text, [("Dara Volkin", "entity", "HUM"), ("goalkeeper", "entity", "HUM"),
                             ("captain", "entity", "HUM"), ("Rufus Penn", "entity", "HUM")])]
    chains = cluster_topic(docs, base_nlp, CorefOptions())
    assert chains["a:0"] == chains["a:1"]
    assert chains["a:2"] == chains["a:3"]
    assert chains["a:0"] != chains["a:2"]
    off = cluster_topic(docs, base_nlp, CorefOptions(apposition=False))
    assert off["a:0"] != off["a:1"]


def test_reassign_moves_a_document_to_the_story_it_resembles_most() -> None:
    import numpy as np

    from brinkwatch.reconcile.coref import _reassign

    # documents 0-2 are alike, 3-4 are alike; document 2 was put with 3 and 4 by an early merge
    sim = np.array([[1, .8, .7, 0, 0], [.8, 1, .7, 0, 0], [.7, .7, 1, .1, .1], [0, 0, .1, 1, .9],
                    [0, 0, .1, .9, 1]], dtype=float)
    groups = _reassign([[0, 1], [2, 3, 4]], sim, rounds=3)
    assert sorted(map(sorted, groups)) == [[0, 1, 2], [3, 4]]
    assert _reassign([[0, 1], [2, 3, 4]], sim, rounds=0) == [[0, 1], [2, 3, 4]]
