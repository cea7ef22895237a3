"""Event targets from syntax (issue 3, round 2) and the trigger categories added with them.

Every sentence is fictional, written for these tests; countries are real so the actor layer can
code them. Each case names the syntactic place the target comes from.
"""

from __future__ import annotations

import pytest

from brinkwatch.extract.event_rules import lexicon
from brinkwatch.model import FACTUAL_MODALITIES, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(nlp):
    def coded(text: str) -> list[Event]:
        doc = nlp.make_doc(text)
        doc._.bw_article_id = "test-article"
        doc._.bw_dct = "2031-03-04"
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return list(doc._.bw_events)

    return coded


def first(events: list[Event], plover: str) -> Event:
    found = [e for e in events if e.plover == plover and e.modality in FACTUAL_MODALITIES]
    assert found, f"no factual {plover} in {[(e.plover, e.modality) for e in events]}"
    return found[0]


def target_countries(ev: Event) -> set[str]:
    return {a.country for a in ev.target if a.country}


@pytest.mark.parametrize(("text", "plover", "country"), [
    # the agent of a nominal object: "calls by X", "an appeal from X"
    ("Norway rejected repeated calls by Kenya to reopen the embassy.", "REJECT", "KEN"),
    ("The rebels dismissed an appeal from the government of Peru to disarm.", "REJECT", "PER"),
    # the subject of the demanded clause
    ("Chile demanded that Bolivia withdraw its claim to the coast.", "REQUEST", "BOL"),
    # the target of the threatened act
    ("Ghana threatened to cut off electricity to Togo over unpaid bills.", "THREATEN", "TGO"),
    # the place of an act done to a territory, when no party is named
    ("Egypt lifted the night curfew in Libya on Sunday.", "CONCEDE", "LBY"),
])
def test_target_found_where_syntax_puts_it(run, text, plover, country):
    assert country in target_countries(first(run(text), plover))


def test_own_forces_are_not_the_target(run):
    """"withdraw its troops from X": the troops are the source's own; X is the target."""
    ev = first(run("Sweden withdrew its troops from Mali on Friday."), "RETREAT")
    assert "MLI" in target_countries(ev)
    assert "SWE" not in target_countries(ev)


def test_non_actor_object_is_not_kept_when_a_party_is_found(run):
    ev = first(run("Norway rejected repeated calls by Kenya to reopen the embassy."), "REJECT")
    assert all(a.method != "phrase" for a in ev.target), [a.text for a in ev.target]


def test_instrument_with_is_not_a_target(run):
    ev = first(run("Gunmen attacked the village with machetes."), "ASSAULT")
    assert not any("machete" in a.text for a in ev.target)


def test_agree_with_needs_a_party(run):
    """"agreed ... with strings attached" is an agreement, not a statement of agreement with someone."""
    events = run("Congress agreed to lift the embargo on Cuba, with strings attached.")
    assert "AGREE" in {e.plover for e in events if e.modality in FACTUAL_MODALITIES}


def test_order_in_the_imperative_is_a_request(run):
    ev = first(run("The president told Nicolás Maduro on the phone: no deal, just get out now."), "REQUEST")
    assert "VEN" in target_countries(ev)


def test_future_concession_is_an_agreement(run):
    """PLOVER: a concession stated in the future is an AGREE; the act itself is only future."""
    events = run("The rebels said they will release the hostages on Sunday.")
    assert "AGREE" in {e.plover for e in events if e.modality in FACTUAL_MODALITIES}
    assert not [e for e in events if e.plover in ("RETREAT", "CONCEDE") and e.modality in FACTUAL_MODALITIES]


def test_ultimatum_is_a_threat(run):
    events = run("Peru issued an ultimatum to Ecuador to halt the raids.")
    ev = first(events, "THREATEN")
    assert "ECU" in target_countries(ev)


def test_lodged_protest_is_an_accusation(run):
    ev = first(run("Serbia lodged an official protest with Albania on Monday."), "ACCUSE")
    assert ev.source and ev.source[0].country == "SRB"


def test_offer_of_passage_is_not_an_act(run):
    events = run("The United States offered safe passage to the general on the condition of his resignation.")
    assert [e.plover for e in events if e.modality in FACTUAL_MODALITIES] == ["AGREE"]


def test_new_pattern_conditions_are_known():
    lex = lexicon()
    ids = {p.id for pats in lex.patterns_by_lemma.values() for p in pats}
    assert {"tell_imperative", "complaint_n", "suspension_n", "mediation_effort_n"} <= ids
