"""Seeded generator of coded articles for the store tests (no NLP pipeline involved).

The texts are fictional sentences built from templates; every value is drawn from a seeded
random generator, so a failing test is reproducible.
"""

from __future__ import annotations

import random

from brinkwatch.ingest import dedup
from brinkwatch.model import (
    Actor, Article, CodedArticle, Event, IngestResult, Place, Quantity, TimeExpression, TimeSpan, content_id,
)

COUNTRIES = [("USA", "United States"), ("VEN", "Venezuela"), ("COL", "Colombia"), ("BRA", "Brazil"),
             ("RUS", "Russian Federation")]
TYPES = [("ASSAULT", "190"), ("THREATEN", "138"), ("REQUEST", "1041"), ("MOBILIZE", "152"), ("CONSULT", "040")]
OUTLETS = ["harbor-gazette.example", "valley-courier.example", "northern-ledger.example"]
SECTORS = ["GOV", "MIL", "COP", None]
VERBS = ["warned", "urged", "met", "struck", "moved troops toward"]


def make_text(rng: random.Random, n_sentences: int = 6) -> str:
    """A fictional article of template sentences."""
    out = []
    for _ in range(n_sentences):
        a, b = rng.sample(COUNTRIES, 2)
        out.append(
            f"Officials of {a[1]} {rng.choice(VERBS)} {b[1]} near the {rng.choice(['river', 'coast', 'border'])} "
            f"on day {rng.randint(1, 28)}, said a spokesperson numbered {rng.randint(1, 10_000)}."
        )
    return " ".join(out)


def make_coded(rng: random.Random, *, text: str | None = None, n_events: int = 3, published: str | None = None,
               source: str | None = None) -> CodedArticle:
    """One coded article with ``n_events`` events, each with actors, a date, a place and a quantity."""
    text = text or make_text(rng)
    day = published or f"2025-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
    art = Article(id=content_id(text), text=text, title=f"Report {rng.randint(1, 999)}",
                  source=source or rng.choice(OUTLETS), url=f"https://example.org/{rng.randint(1, 10**9)}",
                  published=day, date_method="metadata", language="en", origin=f"gen#{rng.randint(1, 10**6)}",
                  fingerprint=dedup.fingerprint(text), meta={"seed": rng.random()})
    coded = CodedArticle(article=art)
    for k in range(n_events):
        (sc, sn), (tc, tn) = rng.sample(COUNTRIES, 2)
        plover, cameo = rng.choice(TYPES)
        start = 40 * k
        src = Actor(text=f"officials of {sn}", start=start, end=start + 10, name=sn, country=sc,
                    sector=rng.choice(SECTORS), kind="country")
        tgt = Actor(text=tn, start=start + 20, end=start + 30, name=tn, country=tc, kind="country")
        d = f"2025-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
        place = Place(text="the coast", name=rng.choice(["Port Alba", "Cabo Norte"]), country=tc,
                      lat=rng.uniform(-10, 20), lon=rng.uniform(-80, -60), geonameid=rng.randint(1, 10**7),
                      precision="point")
        qty = Quantity(text=f"{k + 2} vessels", value=float(k + 2), unit="vessel", kind="vessels")
        coded.events.append(Event(
            article_id=art.id, plover=plover, cameo=cameo, mode=None, context=["military"], quad_class=4,
            goldstein=-5.0, source=[src], target=[tgt], time=TimeSpan(start=d, end=d, granularity="day", value=d),
            place=place, quantities=[qty], fatalities=rng.choice([None, 0, 3]),
            modality=rng.choice(["asserted", "reported", "threatened"]), sentence=f"Sentence {k}.",
            sentence_start=start, sentence_end=start + 39, trigger="warned", trigger_start=start + 12,
            trigger_end=start + 18, rule="generated", confidence=0.7,
        ).finalise())
        coded.actors += [src, tgt]
        coded.places.append(place)
        coded.quantities.append(qty)
        coded.timexes.append(TimeExpression(start=start + 31, end=start + 38, text=f"day {k}", type="DATE", value=d,
                                            span=TimeSpan(start=d, end=d, granularity="day", value=d)))
    return coded


def make_batch(seed: int, n_articles: int, n_events: int = 3) -> tuple[list[IngestResult], list[CodedArticle]]:
    """A batch as the ingest command writes it: results (ok + one failed item) and the coded articles."""
    rng = random.Random(seed)
    coded = [make_coded(rng, n_events=n_events) for _ in range(n_articles)]
    results = [IngestResult(item=c.article.origin, status="ok", article=c.article) for c in coded]
    results.append(IngestResult(item=f"broken-{seed}.html", status="failed", reason="no main text", code="BW-I007"))
    return results, coded


def test_generator_is_deterministic() -> None:
    a = make_batch(5, 3)[1]
    b = make_batch(5, 3)[1]
    assert [c.article.id for c in a] == [c.article.id for c in b]
    assert [e.id for c in a for e in c.events] == [e.id for c in b for e in c.events]
    assert len({c.article.id for c in a}) == 3
