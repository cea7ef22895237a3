"""The evaluation gate: annotate every dev gold file, score it, compare with floors that only go up.

    python -m brinkwatch.evaluate.gate --gold ../shared/gold/dev --floors evaluation/floors.json
    python -m brinkwatch.evaluate.gate --gold ../shared/gold/dev --markdown     # the README table
    python -m brinkwatch.evaluate.gate --gold ../shared/gold/dev --readme README.md # rewrite its table
    python -m brinkwatch.evaluate.gate --gold ../shared/gold/dev --raise-floors # after a real improvement

``floors.json`` lists ``{"task", "file", "metric", "floor", "label"}`` items; ``metric`` is a dotted
path into the task's score dict. A metric fails when it falls more than ``--margin`` (noise) below
its floor. ``--raise-floors`` moves each floor up to (measured - margin), never down.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..config import ExtractOptions
from .runner import annotate_file, evaluate_files


def _get(scores: dict[str, Any], dotted: str) -> float | None:
    cur: Any = scores
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return float(cur) if isinstance(cur, (int, float)) else None


def run_gate(gold: Path, floors: list[dict[str, Any]], options: ExtractOptions | None = None,
             work: Path | None = None) -> list[dict[str, Any]]:
    """Measure every metric named in ``floors``; returns the rows with ``value`` filled."""
    results: dict[tuple[str, str], dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = work or Path(tmp)
        for item in floors:
            key = (item["task"], item["file"])
            if key in results:
                continue
            gold_file = gold / item["file"]
            if not gold_file.exists():
                results[key] = {}
                continue
            pred = out_dir / (gold_file.name.replace(".jsonl", "").replace(".gz", "") + f".{item['task']}.pred.jsonl")
            t0 = time.perf_counter()
            annotate_file(item["task"], gold_file, pred, options)
            scores, _ = evaluate_files(item["task"], gold_file, pred)
            print(f"  {item['task']:<10} {item['file']:<36} scored in {time.perf_counter() - t0:5.1f}s", file=sys.stderr)
            results[key] = scores
    rows = []
    for item in floors:
        rows.append({**item, "value": _get(results[(item["task"], item["file"])], item["metric"])})
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| task | gold file | metric | brinkwatch | CI floor |", "|---|---|---|---:|---:|"]
    for r in rows:
        v = "n/a" if r["value"] is None else f"{r['value']:.3f}"
        lines.append(f"| {r['task']} | {r['file']} | {r.get('label') or r['metric']} | {v} | {r['floor']:.3f} |")
    return "\n".join(lines)


BEGIN, END = "<!-- evaluation-table:begin -->", "<!-- evaluation-table:end -->"


def write_readme_table(readme: Path, table: str) -> None:
    """Replace what lies between the README's evaluation-table markers with ``table``."""
    text = readme.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{readme} has no {BEGIN} ... {END} markers; add them where the table belongs.")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{BEGIN}\n{table}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--floors", type=Path, default=Path("evaluation/floors.json"))
    ap.add_argument("--margin", type=float, default=0.005)
    ap.add_argument("--markdown", action="store_true", help="print the README table")
    ap.add_argument("--raise-floors", action="store_true", help="raise floors to measured - margin (never lower)")
    ap.add_argument("--readme", type=Path, help="rewrite the table between the evaluation-table markers of this file")
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args(argv)

    floors = json.loads(args.floors.read_text(encoding="utf-8"))
    rows = run_gate(args.gold, floors, ExtractOptions(n_process=args.n_process))
    failed = []
    for r in rows:
        status = "ok"
        if r["value"] is None:
            status = "MISSING"
            failed.append(r)
        elif r["value"] < r["floor"] - args.margin:
            status = "BELOW FLOOR"
            failed.append(r)
        v = "n/a" if r["value"] is None else f"{r['value']:.3f}"
        print(f"{r['task']:<10} {r['file']:<34} {r['metric']:<34} {v:>7}  floor {r['floor']:.3f}  {status}")
    if args.raise_floors:  # before the table, so that it shows the floors CI will hold the code to
        for item, r in zip(floors, rows, strict=True):
            if r["value"] is not None:
                item["floor"] = round(max(item["floor"], r["value"] - args.margin), 3)
                r["floor"] = item["floor"]
        args.floors.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
        print(f"floors written to {args.floors}", file=sys.stderr)
    if args.markdown:
        print()
        print(markdown(rows))
    if args.readme:
        write_readme_table(args.readme, markdown(rows))
        print(f"evaluation table written to {args.readme}", file=sys.stderr)
    if failed:
        print(f"evaluation gate: {len(failed)} metric(s) below floor or missing", file=sys.stderr)
        return 1
    print(f"evaluation gate: all {len(rows)} metrics at or above their floors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
