"""The event coder (bw_events) and modality, on fictional sentences written for these tests."""

from __future__ import annotations

import pytest

from brinkwatch.model import FACTUAL_MODALITIES, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder():
    """The pipeline with bw_events alone: these tests pin the event coder, not the components
    before it (actors, time, places, quantities have their own tests); without them the coder
    falls back to phrase actors and the publication date, which is what is asserted here."""
    from brinkwatch.extract.pipeline import load_nlp

    nlp = load_nlp(components=["bw_events"])

    def run(text: str, dct: str | None = "2031-03-04") -> list[Event]:
        doc = nlp.make_doc(text)
        doc._.bw_article_id = "test-article"
        doc._.bw_dct = dct
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return list(doc._.bw_events)

    return run


def one(events: list[Event], plover: str) -> Event:
    found = [e for e in events if e.plover == plover]
    assert found, f"no {plover} in {[(e.plover, e.modality, e.rule) for e in events]}"
    return found[0]


def factual(events: list[Event]) -> list[str]:
    return [e.plover for e in events if e.modality in FACTUAL_MODALITIES]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The Republic of Norland urged Prime Minister Vask to resign.", "REQUEST"),
        ("Ostravia demanded the release of the detained sailors.", "REQUEST"),
        ("The council rejected the proposal for a new border commission.", "REJECT"),
        ("General Harro threatened the rebels with a military offensive.", "THREATEN"),
        ("Ostravian artillery shelled the village of Kettle Bay on Sunday.", "ASSAULT"),
        ("Norland mobilized its reserve troops along the northern frontier.", "MOBILIZE"),
        ("The union of Eastland imposed sanctions on Ostravia.", "SANCTION"),
        ("Police arrested the opposition leader in the capital.", "COERCE"),
        ("Foreign Minister Alvo met with his Ostravian counterpart in Geneva.", "CONSULT"),
        ("The two governments signed a trade agreement on Friday.", "SUPPORT"),
        ("Norland agreed to reopen the border crossing.", "AGREE"),
        ("Ostravia accused Norland of violating the truce.", "ACCUSE"),
        ("Thousands of students protested outside the ministry of education.", "PROTEST"),
        ("The rebels released twelve hostages on Tuesday.", "RETREAT"),
        ("Eastland donated medical supplies to the flooded provinces.", "AID"),
        ("The president praised the mediators for their patience.", "SUPPORT"),
        ("The two navies will cooperate closely, the ministers said.", "AGREE"),
        ("The government lifted the curfew in the southern districts.", "CONCEDE"),
        ("Norland shared intelligence with Eastland on smuggling networks.", "COOPERATE"),
    ],
)
def test_one_type_per_sentence(coder, text, plover):
    events = coder(text)
    assert plover in factual(events)
    ev = one(events, plover)
    assert ev.cameo and ev.quad_class in (1, 2, 3, 4) and ev.goldstein is not None
    assert ev.sentence == text and text[ev.trigger_start:ev.trigger_end] == ev.trigger
    assert ev.rule.startswith(("pattern:", "derived:"))
    assert ev.article_id == "test-article"


def test_request_codes_source_target_and_demanded_act(coder):
    events = coder("The Republic of Norland urged Prime Minister Vask to step down.")
    req = one(events, "REQUEST")
    assert req.modality == "asserted"
    assert req.cameo in ("0241", "1041")
    assert "Norland" in " ".join(a.text for a in req.source)
    assert "Vask" in " ".join(a.text for a in req.target)
    assert "urge" in req.rule


def test_threat_versus_act(coder):
    events = coder("General Harro threatened air strikes on the rebel camps.")
    threat = one(events, "THREATEN")
    assert threat.modality == "asserted"
    assault = [e for e in events if e.plover == "ASSAULT"]
    assert assault and all(e.modality == "threatened" for e in assault)
    assert factual(events) == ["THREATEN"]
    done = coder("Norland's air force carried out air strikes on the rebel camps.")
    strike = one(done, "ASSAULT")
    assert strike.modality == "asserted"
    assert (strike.acled_event_type, strike.acled_sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_offer_is_not_aid(coder):
    events = coder("Eastland offered safe passage to the stranded fishermen.")
    assert "AID" not in factual(events)
    assert one(events, "AGREE").modality == "asserted"


def test_negation(coder):
    events = coder("The army did not attack the town.")
    assert one(events, "ASSAULT").modality == "negated"
    assert factual(events) == []
    refused = coder("The president refused to meet the envoy.")
    assert one(refused, "REJECT").modality == "asserted"
    assert one(refused, "CONSULT").modality == "negated"


def test_conditional_and_future(coder):
    events = coder("If Ostravia fires on the ships, Norland could impose sanctions.")
    assert {e.modality for e in events if e.plover in ("ASSAULT", "SANCTION")} == {"hypothetical"}
    assert factual(events) == []
    future = coder("Norland will deploy two brigades to the border next month.")
    mob = one(future, "MOBILIZE")
    assert mob.modality == "future"
    assert one(future, "THREATEN").modality == "asserted"  # PLOVER: a future conflictual act is a threat


def test_reported_speech_keeps_the_speaker(coder):
    events = coder("Rebel fighters attacked a convoy near Dorran, a police spokesman said.")
    ev = one(events, "ASSAULT")
    assert ev.modality == "reported"
    assert ev.attributed_to and "spokesman" in ev.attributed_to
    acc = coder("According to local officials, soldiers detained three journalists.")
    ev2 = one(acc, "COERCE")
    assert ev2.modality == "reported" and "officials" in (ev2.attributed_to or "")


def test_passive_voice(coder):
    events = coder("The convoy was attacked by militia fighters near the river.")
    ev = one(events, "ASSAULT")
    assert "militia" in " ".join(a.text for a in ev.source)
    assert "convoy" in " ".join(a.text for a in ev.target)


def test_several_events_in_one_sentence(coder):
    events = coder("Police arrested dozens of protesters after they blocked the main highway.")
    kinds = factual(events)
    assert "COERCE" in kinds and "PROTEST" in kinds
    assert events == sorted(events, key=lambda e: e.trigger_start)


def test_no_event_in_background(coder):
    assert coder("The capital is a quiet city of parks and old bridges.") == []
    assert coder("Relations between the two countries have a long and complicated history.") == []


def test_time_is_anchored_on_the_publication_date(coder):
    ev = one(coder("Ostravia expelled two Norlandic diplomats."), "SANCTION")
    assert "2031-03-04" in (ev.time.start, ev.time.end)  # from extract.time.event_time or the fallback
    assert ev.finalise().id and len(ev.id) == 16


def test_time_fallback_without_the_time_helper():
    import spacy

    from brinkwatch.extract.events import _event_time, _Helpers
    from brinkwatch.extract.extensions import register_extensions

    register_extensions()
    doc = spacy.blank("en")("Ostravia expelled two diplomats.")
    doc._.bw_dct = "2031-03-04"
    span = _event_time(doc, doc[:], doc[1], _Helpers())
    assert (span.start, span.end, span.method, span.granularity) == ("2031-03-04", "2031-03-04", "publication", "day")
    doc._.bw_dct = None
    assert _event_time(doc, doc[:], doc[1], _Helpers()).method == "none"


def test_acled_types_from_trigger_and_context(coder):
    clash = one(coder("Government troops clashed with rebels near Kettle Bay."), "ASSAULT")
    assert (clash.acled_event_type, clash.acled_sub_event_type) == ("Battles", "Armed clash")
    protest = one(coder("Hundreds of farmers protested peacefully in front of the parliament."), "PROTEST")
    assert (protest.acled_event_type, protest.acled_sub_event_type) == ("Protests", "Peaceful protest")
    dispersed = coder("Police fired tear gas to disperse students who protested in the square.")
    assert ("Protests", "Protest with intervention") in {
        (e.acled_event_type, e.acled_sub_event_type) for e in dispersed if e.plover == "PROTEST"
    }
    consult = one(coder("The foreign ministers met in Geneva."), "CONSULT")
    assert consult.acled_event_type is None
