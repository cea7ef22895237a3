"""Throughput of the full path (ingest -> extract -> store) against a bare spaCy pass, side by side.

Runs on real articles from ../shared/gold/dev/timelines (Timeline17): the same N texts go
(a) through a bare ``nlp.pipe`` of the base spaCy model and (b) through ``brinkwatch ingest`` of a
JSONL file into a fresh store. Each phase runs in its own subprocess, so each peak RSS is its
own; the phases alternate over ``--rounds`` so machine noise hits both alike. Absolute times vary
between machines; the ratio is the figure to compare. The full path also reports where its time
went, measured in the same run (``IngestReport.timings``): read (ingest: decode, language, dates,
MinHash), code (per pipeline component: spaCy's own and brinkwatch's bw_*), store, reconcile.

    python benchmarks/throughput.py --n 300 --rounds 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev" / "timelines"


def load_articles(folder: Path, n: int) -> list[dict]:
    """N articles spread over the topic files (round robin), as brinkwatch JSONL records."""
    per_topic = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        per_topic.append([r for r in rows if r.get("kind") == "article"])
    out: list[dict] = []
    i = 0
    while len(out) < n and any(i < len(t) for t in per_topic):
        for topic in per_topic:
            if i < len(topic) and len(out) < n:
                r = topic[i]
                out.append({"id": r["id"], "title": None, "text": r["text"], "published": r["date"],
                            "source": r["id"].split(":")[1], "url": None})
        i += 1
    return out


def phase_bare(jsonl: Path) -> dict:
    from brinkwatch.extract.pipeline import _load_base

    texts = [json.loads(line)["text"] for line in jsonl.open(encoding="utf-8")]
    nlp = _load_base(None)
    t0, c0 = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - c0, "articles": len(texts)}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes when
    n_process > 1). Unlike wall-clock time, this barely moves when other work shares the machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def phase_full(jsonl: Path, n_process: int) -> dict:
    import brinkwatch
    from brinkwatch.config import ExtractOptions

    with tempfile.TemporaryDirectory() as tmp:
        bw = brinkwatch.open(Path(tmp) / "bench.duckdb", extract=ExtractOptions(n_process=n_process))
        from brinkwatch.extract.pipeline import Coder

        bw._coder = Coder(bw.extract_options)  # noqa: SLF001 - load the model before timing
        if n_process <= 1:
            bw._coder._nlp = __import__("brinkwatch.extract", fromlist=["load_nlp"]).load_nlp(bw.extract_options)
        t0, c0 = time.perf_counter(), _cpu()
        report = bw.ingest([str(jsonl)])
        seconds, cpu_seconds = time.perf_counter() - t0, _cpu() - c0
        events = bw.store.event_count()
        bw.close()
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "articles": report.ok, "events": events, "timings": getattr(report, "timings", {})}


def breakdown(full: list[dict], bare_seconds: float) -> list[str]:
    """Lines of the per-phase / per-component table: median seconds over rounds, share of the full
    path, and the cost relative to the bare nlp.pipe (how many 'bare runs' each part costs)."""
    keys = list(dict.fromkeys(k for run in full for k in run.get("timings", {})))
    total = statistics.median(x["seconds"] for x in full)
    lines = [f"{'part':<24}{'seconds':>9}{'% full':>8}{'x bare':>8}"]
    spacy = ours = 0.0
    for key in keys:
        sec = statistics.median(run.get("timings", {}).get(key, 0.0) for run in full)
        if key.startswith("code:"):
            name = key[5:]
            if name.startswith("bw_"):
                ours += sec
            elif name not in ("collect",):
                spacy += sec
            label = "  " + name
        else:
            label = key
        lines.append(f"{label:<24}{sec:9.2f}{sec / total * 100:7.1f}%{sec / bare_seconds:8.2f}")
    lines.append(f"{'spaCy components':<24}{spacy:9.2f}{spacy / total * 100:7.1f}%{spacy / bare_seconds:8.2f}")
    lines.append(f"{'brinkwatch bw_*':<24}{ours:9.2f}{ours / total * 100:7.1f}%{ours / bare_seconds:8.2f}")
    return lines


def run_phase(name: str, jsonl: Path, n_process: int) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--jsonl", str(jsonl), "--n-process", str(n_process)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--phase", choices=["bare", "full"], help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.phase:
        result = phase_bare(args.jsonl) if args.phase == "bare" else phase_full(args.jsonl, args.n_process)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return

    if not args.gold.exists():
        sys.exit(f"no corpus at {args.gold}: pass --gold DIR with Timeline17 *.jsonl.gz files")
    articles = load_articles(args.gold, args.n)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps(a) + "\n")
        chars = sum(len(a["text"]) for a in articles)
        print(f"{len(articles)} articles, {chars / len(articles):.0f} chars each on average; "
              f"{args.rounds} round(s), n_process={args.n_process}")
        bare, full = [], []
        for r in range(args.rounds):
            bare.append(run_phase("bare", jsonl, 1))
            full.append(run_phase("full", jsonl, args.n_process))
            ratio = full[-1]["seconds"] / bare[-1]["seconds"]
            cpu_ratio = full[-1]["cpu_seconds"] / bare[-1]["cpu_seconds"]
            print(f"round {r + 1}: bare nlp.pipe {bare[-1]['seconds']:.1f}s, full path {full[-1]['seconds']:.1f}s, "
                  f"ratio {ratio:.2f} (CPU time ratio {cpu_ratio:.2f})")
    b = statistics.median(x["seconds"] for x in bare)
    f = statistics.median(x["seconds"] for x in full)
    n = len(articles)
    print(f"bare nlp.pipe : {n / b:7.1f} articles/s   peak RSS {max(x['peak_rss_mb'] for x in bare):7.0f} MB")
    print(f"full path     : {n / f:7.1f} articles/s   peak RSS {max(x['peak_rss_mb'] for x in full):7.0f} MB   "
          f"({full[-1]['events']} event mentions stored)")
    print(f"ratio full/bare (median of rounds): {f / b:.2f} wall-clock, "
          f"{statistics.median(x['cpu_seconds'] for x in full) / statistics.median(x['cpu_seconds'] for x in bare):.2f}"
          " CPU time (the steadier figure when other work shares the machine)")
    print("where the full path's time went (median of rounds):")
    for line in breakdown(full, b):
        print("  " + line)


if __name__ == "__main__":
    main()
