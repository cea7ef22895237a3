"""Near-duplicate detection: MinHash over word 5-shingles (datasketch).

Syndicated copies and lightly edited re-posts share most of their shingles; their
estimated Jaccard similarity is far above that of two articles on the same story.
The signature is computed per article at ingest (pure); the store compares it with
the signatures already stored and links the newcomer to the earliest near-duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 5
#: Estimated Jaccard similarity at or above which two articles are near-duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def fingerprint(text: str) -> list[int]:
    """MinHash signature of the text (NUM_PERM unsigned 32-bit ints)."""
    m = MinHash(num_perm=NUM_PERM, seed=7)
    shingles = _shingles(text)
    if shingles:
        m.update_batch(list(shingles))
    return [int(v) for v in m.hashvalues]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))


def best_match(sig: Sequence[int], candidates: dict[str, Sequence[int]]) -> tuple[str | None, float]:
    """The id among ``candidates`` most similar to ``sig`` and its similarity, vectorised."""
    if not candidates or not sig:
        return None, 0.0
    ids = list(candidates)
    sigs = [candidates[i] for i in ids]
    ok = [k for k, s in enumerate(sigs) if s is not None and len(s) == len(sig)]
    if not ok:
        return None, 0.0
    mat = np.asarray([sigs[k] for k in ok], dtype=np.uint64)
    sims = (mat == np.asarray(sig, dtype=np.uint64)).mean(axis=1)
    best = int(np.argmax(sims))
    return ids[ok[best]], float(sims[best])
