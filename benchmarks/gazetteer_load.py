"""What loading the place gazetteer adds to a CLI call, side by side with a bare spaCy load.

Each measurement runs in a fresh subprocess (as a CLI call would), alternating over
``--rounds`` so machine noise hits both alike:

* ``spacy``      — ``spacy.load`` of the base model brinkwatch uses;
* ``gazetteer``  — :func:`brinkwatch.knowledge.places.load_gazetteer` from the on-disk cache
  (the state of every call after the first on a machine);
* ``cold``       — once, the gazetteer built from its sources into an empty cache directory
  (the first call on a machine).

The web server and batch workers load the gazetteer once per process (``functools.cache``
plus the pipe's lazy resolver), so this cost is paid per process, not per article.

    python benchmarks/gazetteer_load.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

_SPACY = """
import time, json
t = time.perf_counter()
from brinkwatch.extract.pipeline import _load_base
_load_base(None)
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

_GAZ = """
import time, json
t = time.perf_counter()
from brinkwatch.knowledge.places import load_gazetteer
g = load_gazetteer()
print(json.dumps({"seconds": time.perf_counter() - t, "entries": len(g)}))
"""


def _run(code: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold (cache-building) load")
    args = parser.parse_args()
    _run(_GAZ)  # make sure the cache exists before the warm rounds
    spacy_s, gaz_s, entries = [], [], 0
    for _ in range(args.rounds):
        spacy_s.append(_run(_SPACY)["seconds"])
        res = _run(_GAZ)
        gaz_s.append(res["seconds"])
        entries = res["entries"]
    print(f"{'load':<28}{'median s':>10}{'min s':>10}")
    print(f"{'spaCy base model':<28}{statistics.median(spacy_s):>10.2f}{min(spacy_s):>10.2f}")
    print(f"{'gazetteer (cached)':<28}{statistics.median(gaz_s):>10.2f}{min(gaz_s):>10.2f}   {entries} entries")
    if not args.no_cold:
        with tempfile.TemporaryDirectory() as cache:
            cold = _run(_GAZ, {"XDG_CACHE_HOME": cache})["seconds"]
        print(f"{'gazetteer (cold, builds)':<28}{cold:>10.2f}{cold:>10.2f}")


if __name__ == "__main__":
    main()
