"""What the time step (``bw_time``) costs, side by side with the pass it rides on.

The same news texts (TempEval-3 TimeBank/AQUAINT articles from ../shared/gold/dev/timex, each with
its publication date) go, in one process and alternating over ``--rounds`` so machine noise hits
both alike:

  (a) through a bare ``nlp.pipe`` of the base spaCy model, and through the same pipe with
      ``bw_time`` added: the ratio (b)/(a) is what the time step adds to the spaCy pass;
  (b) through the full brinkwatch pipeline, with every component's own time measured: the share
      ``bw_time / (everything else)`` is what the time step adds to the full path per article.

Absolute times vary between machines; the ratios are the figures to compare (the budget is +15%).

    python benchmarks/time_step.py --n 120 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev" / "timex" / "tbaq.jsonl"


def load_texts(path: Path, n: int) -> list[tuple[str, str | None]]:
    """The first ``n`` (text, publication date) pairs of a timex JSONL file."""
    if not path.exists():
        sys.exit(f"no corpus at {path}: pass --gold FILE (records with 'text' and 'dct')")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append((r["text"], r.get("dct")))
            if len(out) >= n:
                break
    return out


def run(nlp, texts: list[tuple[str, str | None]]) -> float:  # noqa: ANN001
    """Seconds for one ``nlp.pipe`` over the texts, publication dates set as ingest sets them."""
    def docs():  # noqa: ANN202
        for text, dct in texts:
            doc = nlp.make_doc(text)
            doc._.bw_article_id = ""
            doc._.bw_dct = dct
            yield doc

    t0 = time.perf_counter()
    for _ in nlp.pipe(docs(), batch_size=32):
        pass
    return time.perf_counter() - t0


class Timed:
    """Wraps a pipeline component and adds up the time spent in it."""

    def __init__(self, name: str, component, totals: dict[str, float]) -> None:  # noqa: ANN001
        self.name, self.component, self.totals = name, component, totals

    def __call__(self, doc):  # noqa: ANN001, ANN204
        t0 = time.perf_counter()
        out = self.component(doc)
        self.totals[self.name] += time.perf_counter() - t0
        return out


def timed_full(texts: list[tuple[str, str | None]]) -> tuple[float, dict[str, float]]:
    """Seconds for the full pipeline and the seconds spent in each component."""
    from brinkwatch.extract.pipeline import load_nlp

    nlp = load_nlp()
    totals: dict[str, float] = defaultdict(float)
    # brinkwatch's components work doc by doc (no batched .pipe), so wrapping them changes nothing;
    # spaCy's own batched components are left alone and their time is the remainder
    nlp._components = [(name, Timed(name, comp, totals) if name.startswith("bw_") and not hasattr(comp, "pipe")
                        else comp) for name, comp in nlp._components]
    total = run(nlp, texts)
    totals["spaCy (tok2vec, tagger, parser, ner ...)"] = total - sum(totals.values())
    return total, dict(totals)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from brinkwatch.extract.pipeline import load_nlp

    texts = load_texts(args.gold, args.n)
    words = sum(len(t.split()) for t, _ in texts)
    bare = load_nlp(components=[])
    with_time = load_nlp(components=["bw_time"])
    run(bare, texts[:5])
    run(with_time, texts[:5])  # warm both
    t_bare, t_time = [], []
    for _ in range(args.rounds):
        t_bare.append(run(bare, texts))
        t_time.append(run(with_time, texts))
    b, w = statistics.median(t_bare), statistics.median(t_time)
    print(f"{len(texts)} articles, {words} words, median of {args.rounds} rounds")
    print(f"bare nlp.pipe            {b:7.2f} s  ({1000 * b / len(texts):6.1f} ms/article)")
    print(f"nlp.pipe + bw_time       {w:7.2f} s  ({1000 * w / len(texts):6.1f} ms/article)")
    print(f"ratio (with/bare)        {w / b:7.3f}   time step adds {100 * (w - b) / b:5.1f}% to the spaCy pass")

    total, per = timed_full(texts)
    t_bw = per.get("bw_time", 0.0)
    rest = total - t_bw
    print(f"full pipeline            {total:7.2f} s  ({1000 * total / len(texts):6.1f} ms/article)")
    for name, secs in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<22}{secs:7.2f} s")
    print(f"ratio (full/full-without-time) {total / rest:7.3f}   time step adds {100 * t_bw / rest:5.1f}% "
          f"to the full path (budget 15%)")


if __name__ == "__main__":
    main()
