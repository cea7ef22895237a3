"""The fast paths of the full pipeline give exactly the results of the plain ones, and say where time went.

Texts and events here are invented for the tests.
"""

from __future__ import annotations

from datetime import date, timedelta

import brinkwatch
from brinkwatch import model
from brinkwatch.extract.pipeline import code_batch, run_pipeline
from brinkwatch.model import Actor, Article, CodedArticle, Event, IngestResult, TimeSpan
from brinkwatch.reconcile import Clusterer, mention_of
from brinkwatch.reconcile.cluster import MentionCluster
from brinkwatch.reconcile.corroborate import mentions_of

TEXTS = [
    "The Ruritanian army shelled the border town of Velgrad on Tuesday, killing 12 civilians.",
    "On 3 March, the foreign minister of Freedonia threatened to close the airspace. Protesters "
    "marched in the capital the next day.",
    "",
    "Officials said 4,000 troops were moved to the northern province last week.",
]

ACT_A = Actor(text="Ruritania", name="Ruritania", country="RRT", sector="GOV")
ACT_B = Actor(text="Freedonia", name="Freedonia", country="FRD", sector="GOV")


def _signature(doc) -> tuple:  # noqa: ANN001
    events = tuple((e.plover, e.trigger, e.trigger_start, e.modality) for e in (doc._.bw_events or []))
    return (tuple((t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc), events,
            tuple((t.start, t.end, t.value) for t in (doc._.bw_timexes or [])),
            tuple((q.start, q.end, q.value) for q in (doc._.bw_quantities or [])))


def test_run_pipeline_gives_what_nlp_pipe_gives_and_times_every_component(nlp):
    def docs():
        out = []
        for text in TEXTS:
            doc = nlp.make_doc(text)
            doc._.bw_dct = "2026-03-05"
            out.append(doc)
        return out

    timings: dict[str, float] = {}
    fast = run_pipeline(nlp, docs(), timings)
    plain = list(nlp.pipe(docs(), batch_size=2))
    assert [_signature(d) for d in fast] == [_signature(d) for d in plain]
    assert set(timings) == set(nlp.pipe_names)
    assert all(seconds >= 0 for seconds in timings.values())


def test_code_batch_reports_tokenizer_and_components_and_keeps_input_order(nlp):
    arts = [Article(id=f"a{i}", text=t or "Nothing happened.", published="2026-03-05") for i, t in enumerate(TEXTS)]
    arts.append(Article(id="fr", text="Le ministre a parlé.", language="fr"))  # stored uncoded
    timings: dict[str, float] = {}
    coded = code_batch(nlp, arts, batch_size=2, timings=timings)
    assert [c.article.id for c in coded] == [a.id for a in arts]
    assert coded[0].events and not coded[-1].events
    assert {"tokenizer", "bw_events", "parser"} <= set(timings)


def _mention(i: int, day: date, days: int = 0, plover: str = "ASSAULT", actors=(ACT_A, ACT_B)):  # noqa: ANN001
    a = Article(id=f"art{i:03d}", text=f"Invented report {i}.", source=f"outlet{i % 5}.example",
                published=(day + timedelta(days=1)).isoformat())
    sentence = ["Troops shelled the town of Velgrad.", "Artillery hit Velgrad overnight.",
                "A rocket attack struck the port."][i % 3]
    trigger = sentence.split()[1]
    e = Event(article_id=a.id, plover=plover, quad_class=4, source=[actors[0]], target=[actors[1]],
              time=TimeSpan(start=day.isoformat(), end=(day + timedelta(days=days)).isoformat(),
                            granularity="day" if not days else "month", method="expression"),
              modality="asserted", sentence=sentence, sentence_start=0, sentence_end=len(sentence),
              trigger=trigger, trigger_start=sentence.find(trigger), trigger_end=sentence.find(trigger) + len(trigger),
              confidence=0.7).finalise()
    return a, e


def test_time_hull_skip_changes_no_assignment(monkeypatch):
    start = date(2026, 1, 1)
    pairs = [_mention(i, start + timedelta(days=(i * 7) % 120), days=30 if i % 11 == 0 else 0,
                      actors=(ACT_A, ACT_B) if i % 4 else (ACT_B, ACT_A)) for i in range(90)]
    mentions = [mention_of(model.event_row(e, a)) for a, e in pairs]
    fast = Clusterer()
    fast_added = fast.add(mentions)
    calls = []
    monkeypatch.setattr(MentionCluster, "too_far", lambda self, m, opt, tolerance=None: calls.append(1) and False)
    slow = Clusterer()
    assert slow.add(mentions) == fast_added
    assert slow.scores == fast.scores
    assert calls  # the brute-force run really went through the patched check
    assert len(set(fast_added.values())) > 1  # several clusters, so skipping was possible


def test_too_far_only_when_every_member_is_out_of_reach():
    a1, e1 = _mention(1, date(2026, 1, 1))
    a2, e2 = _mention(2, date(2026, 1, 3))
    far_a, far_e = _mention(3, date(2026, 3, 1))
    near = mention_of(model.event_row(e2, a2))
    cluster = MentionCluster(id="c")
    cluster.append(mention_of(model.event_row(e1, a1)))
    opt = Clusterer().options
    assert not cluster.too_far(near, opt)
    assert cluster.too_far(mention_of(model.event_row(far_e, far_a)), opt)
    wide_a, wide_e = _mention(4, date(2026, 2, 1), days=60)
    cluster.append(mention_of(model.event_row(wide_e, wide_a)))  # a two-month member reaches March
    assert not cluster.too_far(mention_of(model.event_row(far_e, far_a)), opt)


def _store_batch(bw, pairs) -> None:  # noqa: ANN001
    results = [IngestResult(item=a.id, status="ok", article=a) for a, _ in pairs]
    coded = [CodedArticle(article=a, events=[e]) for a, e in pairs]
    bw.store.write_batch(results, coded)


def test_reconcile_reads_each_stored_event_once_and_clusters_as_a_full_reload(store_path, monkeypatch):
    start = date(2026, 2, 1)
    pairs = [_mention(i, start + timedelta(days=i % 9)) for i in range(24)]
    requested: list[int] = []
    with brinkwatch.open(store_path) as bw:
        store_cls = type(bw.store)
        real = store_cls.events_by_id
        monkeypatch.setattr(store_cls, "events_by_id", lambda self, ids: requested.append(len(ids)) or real(self, ids))
        for k in range(0, 24, 8):
            _store_batch(bw, pairs[k:k + 8])
            bw.reconcile()
        assert requested == [8, 8, 8]
        stored = bw.store.cluster_assignments()
        # the same assignment as reloading and featurising every stored event before each batch
        reload = Clusterer()
        all_mentions = mentions_of(bw.store.events())
        expected: dict[str, str] = {}
        for k in range(0, 24, 8):
            batch_articles = {a.id for a, _ in pairs[k:k + 8]}
            known = {m.event_id for m in all_mentions if m.event_id in expected}
            reload = Clusterer()
            for m in all_mentions:
                if m.event_id in known:
                    reload.seed(expected[m.event_id], m)
            expected.update(reload.add(m for m in all_mentions if m.article_id in batch_articles))
        assert stored == expected
        assert len(set(stored.values())) < len(stored)  # some reports were merged


def test_ingest_report_says_where_the_time_went(store_path, tmp_path):
    src = tmp_path / "one.txt"
    src.write_text("The Ruritanian army shelled the border town of Velgrad on Tuesday.", encoding="utf-8")
    with brinkwatch.open(store_path) as bw:
        report = bw.ingest([src])
    assert report.ok == 1
    assert {"read", "known", "code", "store", "reconcile", "code:bw_events", "code:tokenizer"} <= set(report.timings)
    components = sum(v for k, v in report.timings.items() if k.startswith("code:"))
    assert components <= report.timings["code"] + 1e-6


def test_remembered_trigger_candidates_are_the_lemma_lookup(nlp):
    from brinkwatch.extract.event_rules import Lexicon, lemma_forms, lexicon

    base = lexicon()
    lex = Lexicon(base.patterns_by_lemma, base.refine, base.anchors, base.trigger_pos)  # empty memory
    docs = [nlp(t) for t in TEXTS if t]
    for doc in docs + docs:  # the second pass answers from memory
        for tok in doc:
            plain = next((lex.patterns_by_lemma[f] for f in lemma_forms(tok) if f in lex.patterns_by_lemma), ())
            assert lex.candidates(tok) == plain
    assert lex._candidates and any(lex._candidates.values())  # some words are triggers ("shelled")
    assert lex.anchor_set("light_preps") == frozenset(base.anchors.get("light_preps", ()))
