"""entity_around reads the entity a token belongs to from IOB tags; it must agree with doc.ents."""

from __future__ import annotations

import pytest

from brinkwatch.extract.extensions import entity_around


@pytest.fixture(scope="module")
def nlp():
    from brinkwatch.extract.pipeline import _load_base

    return _load_base(None)


def test_entity_around_agrees_with_doc_ents(nlp):
    doc = nlp("Prime Minister Benjamin Netanyahu met officials at 5 p.m. on Monday, March 3 in New York City. "
              "Reuters said 12 people died in Gaza.")
    assert doc.ents  # the test means nothing without entities
    for i in range(len(doc)):
        found = entity_around(doc, i)
        ref = [e for e in doc.ents if e.start <= i < e.end]
        if not ref:
            assert found is None
        else:
            assert (found.start, found.end, found.label_) == (ref[0].start, ref[0].end, ref[0].label_)


def test_entity_around_on_adjacent_entities():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["Paris", "London", "and", "Rome"])
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 1, 2, label="GPE"), Span(doc, 3, 4, label="LOC")]
    assert (entity_around(doc, 1).start, entity_around(doc, 1).end) == (1, 2)
    assert entity_around(doc, 2) is None
    assert entity_around(doc, 3).label_ == "LOC"
