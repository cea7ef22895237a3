"""Reconcile: clustering mentions across articles, corroboration and contradictions, on invented rows."""

from __future__ import annotations

import pandas as pd

from brinkwatch import model
from brinkwatch.model import Actor, Article, Event, Place, Quantity, TimeSpan
from brinkwatch.reconcile import Clusterer, cluster_events, mention_of, similarity
from brinkwatch.reconcile import numbers
from brinkwatch.reconcile.corroborate import article_context

USA = Actor(text="Washington", name="United States", country="USA", sector="GOV")
VEN = Actor(text="Caracas", name="Venezuela", country="VEN", sector="GOV")
GUY = Actor(text="Georgetown", name="Guyana", country="GUY", sector="GOV")


def art(key: str, source: str | None, published: str, text: str = "") -> Article:
    text = text or f"Invented report {key}."
    return Article(id=model.content_id(text + key), text=text, title=key, source=source, published=published)


def ev(a: Article, plover: str, quad: int, sentence: str, trigger: str, *, src=USA, tgt=VEN, start=None, end=None,
       gran="day", modality="asserted", quantities=(), place=None, method="expression") -> Event:
    pos = max(0, sentence.find(trigger))
    return Event(article_id=a.id, plover=plover, quad_class=quad, source=[src] if src else [],
                 target=[tgt] if tgt else [],
                 time=TimeSpan(start=start, end=end or start, granularity=gran if start else "unknown", method=method),
                 modality=modality, sentence=sentence, sentence_start=0, sentence_end=len(sentence), trigger=trigger,
                 trigger_start=pos, trigger_end=pos + len(trigger), quantities=list(quantities), place=place,
                 confidence=0.7).finalise()


def frame(items: list[tuple[Article, list[Event], str | None]]) -> pd.DataFrame:
    rows = [model.event_row(e, a, dup) for a, evs, dup in items for e in evs]
    return pd.DataFrame(rows, columns=list(model.EVENT_COLUMNS))


CALL_A = "The two presidents spoke in a tense phone call on Tuesday, and Washington urged Caracas to hold elections."
CALL_B = "In a phone call on 3 March, the US president urged his Venezuelan counterpart to step down."


def test_two_outlets_one_call_is_one_cluster_with_two_sources_and_a_copy_counts_once():
    a, b = art("a", "harbor.example", "2026-03-04"), art("b", "delta.example", "2026-03-05")
    copy = art("c", "mirror.example", "2026-03-05")
    df = frame([(a, [ev(a, "REQUEST", 1, CALL_A, "urged", start="2026-03-03")], None),
                (b, [ev(b, "REQUEST", 3, CALL_B, "urged", start="2026-03-03")], None),
                (copy, [ev(copy, "REQUEST", 3, CALL_B, "urged", start="2026-03-03")], b.id)])
    (c,) = cluster_events(df)
    assert len(c.event_ids) == 3 and c.n_articles == 2
    assert c.sources == ["delta.example", "harbor.example"] and c.n_sources == 2
    assert c.first_report == "2026-03-04" and c.last_report == "2026-03-05"
    assert 0.5 < c.confidence <= 1


def test_threat_never_joins_an_act_and_cooperation_never_joins_conflict():
    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-03-04")
    act = mention_of(model.event_row(ev(a, "ASSAULT", 4, "Troops shelled the border post.", "shelled",
                                        start="2026-03-03"), a))
    threat = mention_of(model.event_row(ev(b, "ASSAULT", 4, "Troops threatened to shell the border post.", "shell",
                                           start="2026-03-03", modality="threatened"), b))
    coop = mention_of(model.event_row(ev(b, "AID", 2, "Troops shelled out aid at the border post.", "aid",
                                         start="2026-03-03"), b))
    assert similarity(act, threat) == 0.0
    assert similarity(act, coop) == 0.0


def test_far_apart_dates_and_different_actors_with_different_words_stay_apart():
    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-04-30")
    s1 = "Venezuela imposed sanctions on Guyanese shipping firms."
    s2 = "The United States imposed new export bans on Venezuelan oil."
    df = frame([(a, [ev(a, "SANCTION", 4, s1, "imposed", src=VEN, tgt=GUY, start="2026-03-03")], None),
                (b, [ev(b, "SANCTION", 4, s2, "imposed", start="2026-03-03")], None)])
    assert len(cluster_events(df)) == 2
    later = frame([(a, [ev(a, "REQUEST", 1, CALL_A, "urged", start="2026-03-03")], None),
                   (b, [ev(b, "REQUEST", 1, CALL_A, "urged", start="2026-04-29")], None)])
    assert len(cluster_events(later)) == 2


def test_incremental_clustering_keeps_old_assignments_and_adds_new_ones():
    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-03-05")
    ma = mention_of(model.event_row(ev(a, "REQUEST", 1, CALL_A, "urged", start="2026-03-03"), a))
    mb = mention_of(model.event_row(ev(b, "REQUEST", 1, CALL_B, "urged", start="2026-03-03"), b))
    first = Clusterer()
    assert first.add([ma]) == {ma.event_id: ma.event_id}
    second = Clusterer()
    second.seed("stored-cluster", ma)
    assert second.add([mb, ma]) == {mb.event_id: "stored-cluster"}


def test_date_contradiction_from_a_sentence_that_refers_back_to_the_call():
    a, b = art("a", "x.example", "2026-03-10"), art("b", "y.example", "2026-03-10")
    later = "The call, which took place on March 6, lasted an hour."
    ctx_text = CALL_A + " " + later
    df = frame([(a, [ev(a, "REQUEST", 1, CALL_A, "urged", start="2026-03-03", gran="day")], None),
                (b, [ev(b, "REQUEST", 1, CALL_B, "urged", start="2026-03-03")], None)])
    contexts = {a.id: article_context(a.id, ctx_text, [
        {"start": ctx_text.index("March 6"), "text": "March 6", "value": "2026-03-06", "span_start": "2026-03-06",
         "span_end": "2026-03-06", "span_granularity": "day"}])}
    (c,) = cluster_events(df, contexts=contexts)
    dates = [x for x in c.contradictions if x.kind == "date"]
    assert len(dates) == 1
    sides = {dates[0].a.source: dates[0].a, dates[0].b.source: dates[0].b}
    assert sides["x.example"].sentence == later and "2026-03-06" in sides["x.example"].value
    assert sides["y.example"].value.startswith("2026-03-03")
    assert not [x for x in cluster_events(df)[0].contradictions if x.kind == "date"]  # without context: agree


def test_numbers_beyond_rounding_contradict_and_rounded_ones_do_not():
    def q(text, value, kind="troops", change="=", unit="troops"):
        return Quantity(text=text, value=value, kind=kind, change=change, unit=unit)

    a, b, c = art("a", "x.example", "2026-03-02"), art("b", "y.example", "2026-03-02"), art("c", "z.example", "2026-03-02")
    s = "Venezuela sent troops to Bolivar state."
    df = frame([(a, [ev(a, "MOBILIZE", 4, s, "sent", src=VEN, tgt=None, start="2026-03-01",
                        quantities=[q("4,500 troops", 4500)])], None),
                (b, [ev(b, "MOBILIZE", 4, s, "sent", src=VEN, tgt=None, start="2026-03-01",
                        quantities=[q("about 5,000 troops", 5000, change="~")])], None),
                (c, [ev(c, "MOBILIZE", 4, s, "sent", src=VEN, tgt=None, start="2026-03-01",
                        quantities=[q("4,000 troops", 4000)])], None)])
    (cl,) = cluster_events(df)
    nums = {frozenset((x.a.source, x.b.source)) for x in cl.contradictions if x.kind == "number"}
    assert frozenset({"x.example", "z.example"}) in nums  # 4,500 vs 4,000
    assert frozenset({"x.example", "y.example"}) not in nums  # 4,500 is "about 5,000"
    assert numbers.conflict({"value": 70.0, "unit": "percentage", "kind": "percent", "change": "down"},
                            {"value": 0.0, "kind": "other", "change": "="})
    assert numbers.comparable({"value": 70.0, "unit": "percentage", "kind": "percent", "change": "down"},
                              {"value": 0.0, "kind": "other", "change": "="})
    assert numbers.value_range({"value": 70.0, "change": ">"}) == (70.0, 80.0)
    assert not numbers.conflict({"value": 70.0, "change": ">"}, {"value": 75.0, "change": "="})


def test_actor_place_and_asked_contradictions_and_single_source_details():
    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-03-04")
    near = Place(text="Boa Vista", name="Boa Vista", country="BRA", lat=2.82, lon=-60.67, precision="point")
    far = Place(text="Caracas", name="Caracas", country="VEN", lat=10.49, lon=-66.88, precision="point")
    sa = "In the phone call on Tuesday, Guyana demanded the withdrawal of the warships and the release of fishermen."
    sb = "In the phone call on Tuesday, Guyana demanded recognition of the court ruling over the oil block."
    df = frame([(a, [ev(a, "REQUEST", 3, sa, "demanded", src=GUY, start="2026-03-03", place=near)], None),
                (b, [ev(b, "REQUEST", 3, sb, "demanded", src=GUY, tgt=USA, start="2026-03-03", place=far)], None)])
    (c,) = cluster_events(df)
    kinds = {x.kind for x in c.contradictions}
    assert {"actor", "place", "content"} <= kinds
    content = next(x for x in c.contradictions if x.kind == "content")
    assert "withdrawal" in (content.a.value + content.b.value) and "asked" in content.note


def test_timeline_entries_carry_contradictions_and_counts():
    from brinkwatch.analysis.timeline import build_timeline

    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-03-05")
    q = Quantity(text="3 dead", value=3, kind="dead", unit="people")
    s = "A patrol boat fired on the trawler, killing crew members."
    df = frame([(a, [ev(a, "ASSAULT", 4, s, "fired", src=VEN, tgt=GUY, start="2026-03-05", quantities=[q])], None),
                (b, [ev(b, "ASSAULT", 4, s, "fired", src=VEN, tgt=GUY, start="2026-03-05",
                        quantities=[Quantity(text="at least 4", value=4, kind="dead", change=">")])], None)])
    (entry,) = build_timeline(df)
    assert entry.n_sources == 2 and entry.cluster_id
    assert [x["kind"] for x in entry.contradictions] == ["number"]


def test_entry_date_prefers_a_stated_date_over_the_publication_date():
    from brinkwatch.analysis.timeline import build_timeline

    a = art("a", "x.example", "2026-03-06")
    s1 = "Last week Washington urged Caracas to hold elections in a phone call."
    s2 = "Washington urged Caracas to hold elections, officials insisted."
    df = frame([(a, [ev(a, "REQUEST", 3, s1, "urged", start="2026-02-23", end="2026-03-01", gran="week"),
                     ev(a, "REQUEST", 3, s2, "urged", start="2026-03-06", method="publication")], None)])
    (entry,) = build_timeline(df)
    assert (entry.date_start, entry.date_end) == ("2026-02-23", "2026-03-01")


def test_outlets_making_the_same_claim_share_one_contradiction():
    """Five outlets naming one target against four naming another is one disagreement with the
    outlets on each side, not twenty pairs; dates differing only in wording are one claim."""
    from brinkwatch.model import Claim, Contradiction
    from brinkwatch.reconcile.contradict import group_same_claims

    def c(kind, va, sa, vb, sb):
        return Contradiction(kind, Claim(va, sa, sa.lower()), Claim(vb, sb, sb.lower()), f"different {kind}")

    grouped = group_same_claims([
        c("actor", "target: GUY", "Atlantic", "target: ISR", "Meridian"),
        c("actor", "target: ISR", "Chronicle", "target: GUY", "Tide"),  # same two claims, sides swapped
        c("actor", "target: GUY", "Herald", "target: ISR", "Meridian"),
        c("date", "2026-02-01..2026-02-28 (February)", "Chronicle", "2026-03-05 (Thursday)", "Atlantic"),
        c("date", "2026-02-01..2026-02-28 (February)", "Chronicle", "2026-03-05 (March 5)", "Meridian"),
        c("date", "2026-02-01..2026-02-28 (February)", "Chronicle", "2026-03-05..2026-03-08 (late last week)", "Review"),
    ])
    assert len(grouped) == 3
    actor = grouped[0]
    assert (actor.a.source, sorted(actor.a.also)) == ("Atlantic", ["Herald", "Tide"])
    assert (actor.b.source, actor.b.also) == ("Meridian", ["Chronicle"])
    assert grouped[1].b.also == ["Meridian"] and grouped[2].b.also == []


def test_different_acts_on_dates_that_do_not_overlap_are_never_one_event():
    from brinkwatch.reconcile.cluster import ClusterOptions, _ruled_out

    class M:  # the fields _ruled_out reads
        def __init__(self, plover, quad, start, end):
            from datetime import date as d
            self.plover, self.quad_class = plover, quad
            self.start, self.end = d.fromisoformat(start), d.fromisoformat(end)
            self.explicit_date, self.tolerance = True, 2

    detention = M("COERCE", 4, "2026-02-01", "2026-02-28")
    shooting = M("ASSAULT", 4, "2026-03-05", "2026-03-05")
    shooting_late = M("ASSAULT", 4, "2026-03-05", "2026-03-08")
    assert _ruled_out(detention, shooting, ClusterOptions())
    assert not _ruled_out(shooting, shooting_late, ClusterOptions())  # same act, dates overlap
    assert not _ruled_out(M("ASSAULT", 4, "2026-03-04", "2026-03-04"), shooting, ClusterOptions())  # same act a day off


def test_summary_actor_text_is_cut_to_the_actor():
    from brinkwatch.reconcile._text import actor_label, short_actor_text

    assert short_actor_text("Operation Southern Spear”—a counter-narcotics effort") == "Operation Southern Spear"
    assert short_actor_text("the boat, which was carrying fish") == "the boat"
    assert short_actor_text(float("nan")) == "" and actor_label(None, float("nan"), None, None) is None
    assert actor_label("United States", "USA", "GOV") == "United States (GOV)"
    assert actor_label(float("nan"), None, float("nan"), "armed civilian collectives") == "armed civilian collectives"


def test_a_phone_conversation_is_a_call_and_what_was_said_follows_the_colon():
    from brinkwatch.reconcile._text import event_nouns

    assert "call" in event_nouns("President Rivas just told the general on the phone: get out now.")
    assert "call" in event_nouns("The two leaders phoned on Tuesday.")


def test_one_pass_pair_judgement_equals_veto_and_similarity():
    """The clusterer asks one question per pair (_judge); its answer must be exactly the veto
    (_ruled_out) and the similarity the two separate functions give, over a grid of pairs."""
    import itertools

    from brinkwatch.reconcile.cluster import ClusterOptions, _judge, _ruled_out

    a, b = art("a", "harbor.example", "2026-03-04"), art("b", "delta.example", "2026-03-05")
    kinds = [("REQUEST", 1), ("ASSAULT", 4), ("AID", 2), ("THREATEN", 3)]
    dates = [None, "2026-03-03", "2026-03-05", "2026-02-01"]
    methods = ["expression", "publication"]
    opt = ClusterOptions()
    mentions = [mention_of(model.event_row(ev(x, plover, quad, sentence, "urged", start=start, method=method,
                                               modality=modality), x))
                for x, sentence in ((a, CALL_A), (b, CALL_B))
                for (plover, quad), start, method, modality in itertools.product(kinds, dates, methods,
                                                                                 ("asserted", "threatened"))]
    outcomes = set()
    for m, x in itertools.product(mentions, repeat=2):
        expected = None if _ruled_out(m, x, opt) else similarity(m, x, opt)
        assert _judge(m, x, opt) == expected
        outcomes.add("veto" if expected is None else ("zero" if expected == 0 else "score"))
    assert outcomes == {"veto", "zero", "score"}  # the grid reaches every kind of answer
