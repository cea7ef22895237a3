"""Event frames generated from model objects, shared by the timeline, export and web tests.

The sentences are invented for these tests (a fictional fisheries dispute); they copy no real
article. Other test modules import ``sample_frame`` / ``random_frame`` from here.
"""

from __future__ import annotations

import random

import pandas as pd

from brinkwatch import model
from brinkwatch.model import Actor, Article, Event, Place, TimeSpan


def _art(key: str, source: str | None, published: str | None, title: str) -> Article:
    text = f"{title}. Body of test article {key}."
    return Article(id=model.content_id(text), text=text, title=title, source=source,
                   url=f"https://{source}/news/{key}" if source else None, published=published)


def _gov(country: str, name: str, sector: str = "GOV") -> Actor:
    return Actor(text=name, name=name, country=country, sector=sector, kind="country")


def _ev(art: Article, plover: str, cameo: str, quad: int, src: Actor | None, tgt: Actor | None, day: str | None,
        sentence: str, trigger: str, *, modality: str = "asserted", place: Place | None = None,
        gran: str = "day", end: str | None = None, start_at: int = 0, fatalities: int | None = None) -> Event:
    pos = sentence.find(trigger)
    return Event(
        article_id=art.id, plover=plover, cameo=cameo, quad_class=quad, goldstein=-5.0 if quad > 2 else 3.0,
        source=[src] if src else [], target=[tgt] if tgt else [],
        time=TimeSpan(start=day, end=end or day, granularity=gran if day else "unknown", value=day),
        place=place, fatalities=fatalities, modality=modality, sentence=sentence,
        sentence_start=start_at, sentence_end=start_at + len(sentence), trigger=trigger,
        trigger_start=start_at + pos, trigger_end=start_at + pos + len(trigger), confidence=0.8,
    ).finalise()


CHL = _gov("CHL", "Chile")
PER = _gov("PER", "Peru")
PER_NAVY = _gov("PER", "Peru", "MIL")
ARICA = Place(text="Arica", name="Arica", country="CHL", admin1="15", lat=-18.4746, lon=-70.2979,
              geonameid=3899361, feature="city", precision="point")
PACIFIC = Place(text="the Pacific", name="Pacific Ocean", lat=-19.0, lon=-72.5, feature="sea", precision="sea")


def sample_articles_events() -> list[tuple[Article, list[Event], str | None]]:
    """(article, its events, duplicate_of) for a small invented crisis with known merges."""
    a1 = _art("a1", "harbor-times.example", "2025-03-02T09:00:00+00:00", "Chile urges Peru to recall patrol boats")
    a2 = _art("a2", "andes-wire.example", "2025-03-02T11:30:00+00:00", "Santiago presses Lima over fishing zone")
    a3 = _art("a3", "coastal-daily.example", "2025-03-02T15:00:00+00:00", "Santiago presses Lima over fishing zone (wire)")
    a4 = _art("a4", "harbor-times.example", "2025-03-05T08:00:00+00:00", "Peru rejects Chilean demand; trawler fired on")
    a5 = _art("a5", None, None, "Undated briefing note")
    return [
        (a1, [
            _ev(a1, "REQUEST", "1056", 3, CHL, PER, "2025-03-02",
                "The Chilean foreign ministry on Sunday urged Peru to recall its patrol boats.", "urged"),
            _ev(a1, "MOBILIZE", "154", 4, PER_NAVY, None, "2025-03-01",
                "Peruvian navy vessels gathered near the maritime line on Saturday, officials said.", "gathered",
                modality="reported", place=ARICA, start_at=80),
            _ev(a1, "SANCTION", "163", 3, CHL, PER, "2025-03-02",
                "Chile warned it could suspend fishing licences for Peruvian fleets.", "suspend",
                modality="threatened", start_at=170),
        ], None),
        (a2, [
            _ev(a2, "REQUEST", "1056", 3, CHL, PER, "2025-03-02",
                "Santiago asked Lima on Sunday to pull its boats back from the fishing zone.", "asked"),
        ], None),
        (a3, [
            _ev(a3, "REQUEST", "1056", 3, CHL, PER, "2025-03-02",
                "Santiago asked Lima on Sunday to pull its boats back from the fishing zone.", "asked"),
        ], a2.id),
        (a4, [
            _ev(a4, "REJECT", "120", 3, PER, CHL, "2025-03-04",
                "Peru on Tuesday rejected the Chilean demand as unacceptable <interference>.", "rejected"),
            _ev(a4, "ASSAULT", "190", 4, PER_NAVY, _gov("CHL", "Chile", "CVL"), "2025-03-04",
                "A patrol boat fired on a trawler in the Pacific, killing two crew members.", "fired on",
                place=PACIFIC, fatalities=2, start_at=900),
        ], None),
        (a5, [
            _ev(a5, "CONSULT", "040", 1, CHL, PER, None,
                "Diplomats from both countries met to discuss the dispute.", "met"),
        ], None),
    ]


def frame_of(items: list[tuple[Article, list[Event], str | None]]) -> pd.DataFrame:
    rows = [model.event_row(e, a, dup) for a, evs, dup in items for e in evs]
    return pd.DataFrame(rows, columns=list(model.EVENT_COLUMNS))


def sample_frame() -> pd.DataFrame:
    return frame_of(sample_articles_events())


def random_frame(n_articles: int = 40, seed: int = 7) -> pd.DataFrame:
    """A larger seeded-random frame: several outlets, dyads, types and days."""
    rng = random.Random(seed)
    actors = [CHL, PER, PER_NAVY, _gov("BOL", "Bolivia"), _gov("ARG", "Argentina")]
    kinds = [("REQUEST", "1056", 3), ("ACCUSE", "112", 3), ("MOBILIZE", "154", 4), ("CONSULT", "040", 1),
             ("AID", "070", 2), ("ASSAULT", "190", 4)]
    items = []
    for i in range(n_articles):
        day = f"2025-04-{rng.randint(1, 20):02d}"
        art = _art(f"r{i}", f"outlet{rng.randint(1, 6)}.example", day + "T10:00:00", f"Report {i}")
        evs = []
        for j in range(rng.randint(1, 4)):
            src, tgt = rng.sample(actors, 2)
            plover, cameo, quad = rng.choice(kinds)
            place = rng.choice([None, ARICA, PACIFIC])
            evs.append(_ev(art, plover, cameo, quad, src, tgt, day, f"Sentence {j} of report {i} ({plover}).",
                           plover.lower()[:3], modality=rng.choice(["asserted", "asserted", "reported", "threatened"]),
                           place=place, start_at=j * 100))
        items.append((art, evs, None))
    return frame_of(items)


def test_sample_frame_has_the_store_columns():
    df = sample_frame()
    assert list(df.columns) == list(model.EVENT_COLUMNS)
    assert df["event_id"].is_unique
    assert len(df) == 8


def test_random_frame_is_reproducible():
    assert random_frame(seed=3).equals(random_frame(seed=3))
