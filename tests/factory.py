"""Generated test articles (seeded), so tests do not depend on hand-copied blobs.

The sentences are fictional and built from templates: each names real countries and invented
officials doing things the event coder should recognise.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [("Venezuela", "Venezuelan", "Caracas"), ("Guyana", "Guyanese", "Georgetown"),
             ("Colombia", "Colombian", "Bogotá"), ("Brazil", "Brazilian", "Brasília"),
             ("the United States", "U.S.", "Washington")]
OUTLETS = ["Harbor Ledger", "Northwind Wire", "Cape Courier", "Meridian Post", "Delta Daily"]
TEMPLATES = [
    "{d1} troops were deployed to the border with {c2} on {day}, the defence ministry said.",
    "The {d1} foreign minister accused {c2} of violating the ceasefire on {day}.",
    "{c1} imposed new sanctions on {c2} on {day}.",
    "Protesters rallied outside the {d2} embassy in {cap1} on {day}.",
    "{c1} and {c2} agreed to hold talks on {day}.",
    "A {d1} patrol boat fired on a fishing vessel on {day}, killing {n} people.",
    "{c1} threatened to close its airspace to {d2} airlines.",
    "The {d2} government rejected the proposal on {day}.",
]
FILLER = [
    "Analysts said the dispute has deep historical roots.",
    "Markets in the region were calm.",
    "The situation remains fluid, according to observers.",
    "Shipping companies are watching developments closely.",
]


def article_text(rng: random.Random, when: date, n_sentences: int = 6) -> str:
    parts = []
    for _ in range(n_sentences):
        (c1, d1, cap1), (c2, d2, _cap2) = rng.sample(COUNTRIES, 2)
        if rng.random() < 0.3:
            parts.append(rng.choice(FILLER))
            continue
        day = (when - timedelta(days=rng.randint(0, 5))).strftime("%A")
        tpl = rng.choice(TEMPLATES)
        parts.append(tpl.format(c1=c1, d1=d1, cap1=cap1, c2=c2, d2=d2, day=day, n=rng.randint(2, 12)))
    text = " ".join(parts)
    return text[0].upper() + text[1:]


def make_records(n: int, seed: int = 1, start: date = date(2026, 3, 2)) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        when = start + timedelta(days=rng.randint(0, 20))
        outlet = rng.choice(OUTLETS)
        text = article_text(rng, when, rng.randint(4, 8)) + f" (Report {seed}-{i}.)"
        records.append({"id": f"gen-{seed}-{i}", "title": f"Border tensions, report {i}", "text": text,
                        "published": when.isoformat(), "source": outlet,
                        "url": f"https://{outlet.lower().replace(' ', '')}.example/{i}"})
    return records


def write_corpus(folder: Path, n: int = 12, seed: int = 1) -> Path:
    """A folder of plain-text articles with datelines, one JSONL file and one bad file."""
    folder.mkdir(parents=True, exist_ok=True)
    records = make_records(n, seed)
    half = n // 2
    for r in records[:half]:
        d = date.fromisoformat(r["published"])
        (folder / f"{r['id']}.txt").write_text(
            f"{r['title']}\n\nGeorgetown – {d.strftime('%B')} {d.day}, {d.year} – {r['text']}\n", encoding="utf-8")
    with (folder / "more.jsonl").open("w", encoding="utf-8") as fh:
        for r in records[half:]:
            fh.write(json.dumps(r) + "\n")
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 8)  # binary junk named like text
    return folder
