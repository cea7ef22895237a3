"""The in-memory index of stored fingerprints used to link near-duplicate articles.

Loaded once per Store (one query), then grown as batches commit. Similarity is the one of
:mod:`brinkwatch.ingest.dedup` (share of equal MinHash values); the index only keeps the
signatures in one NumPy matrix so that each newcomer costs one vectorised comparison
instead of rebuilding the matrix per article.

A newcomer is linked to the *earliest stored* article whose similarity reaches
``dedup.NEAR_DUPLICATE_THRESHOLD``, followed to the root of its chain, so that every copy
of a story points at the same original.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..ingest import dedup


class DuplicateIndex:
    def __init__(self) -> None:
        self._ids: list[str] = []
        self._roots: dict[str, str | None] = {}  # id -> duplicate_of (already a root)
        self._mat = np.zeros((0, dedup.NUM_PERM), dtype=np.uint64)
        self._n = 0
        self._added: list[str] = []  # every id added, in order (for restore)

    def __len__(self) -> int:
        return self._n

    def add(self, article_id: str, signature: Sequence[int] | None, duplicate_of: str | None) -> None:
        """Add one article (in storage order). Articles without a usable signature only record their root."""
        self._roots[article_id] = duplicate_of
        self._added.append(article_id)
        if signature is None or len(signature) != dedup.NUM_PERM:
            return
        if self._n == len(self._mat):
            grown = np.zeros((max(64, 2 * len(self._mat)), dedup.NUM_PERM), dtype=np.uint64)
            grown[: self._n] = self._mat[: self._n]
            self._mat = grown
        self._mat[self._n] = np.asarray(signature, dtype=np.uint64)
        self._ids.append(article_id)
        self._n += 1

    def root(self, article_id: str) -> str:
        """The original of ``article_id``'s chain (itself when it is no copy)."""
        seen = set()
        current = article_id
        while (parent := self._roots.get(current)) and parent not in seen:
            seen.add(current)
            current = parent
        return current

    def match(self, signature: Sequence[int] | None) -> tuple[str | None, float]:
        """(root id, similarity) of the earliest article at or above the threshold, else (None, best similarity)."""
        if signature is None or len(signature) != dedup.NUM_PERM or self._n == 0:
            return None, 0.0
        sims = (self._mat[: self._n] == np.asarray(signature, dtype=np.uint64)).mean(axis=1)
        hits = np.flatnonzero(sims >= dedup.NEAR_DUPLICATE_THRESHOLD)
        if hits.size == 0:
            return None, float(sims.max())
        first = int(hits[0])
        return self.root(self._ids[first]), float(sims[first])

    def savepoint(self) -> tuple[int, int]:
        """A mark to come back to if the transaction that grows the index rolls back."""
        return self._n, len(self._added)

    def restore(self, mark: tuple[int, int]) -> None:
        """Forget every article added since ``mark`` (their transaction did not commit)."""
        n, added = mark
        for article_id in self._added[added:]:
            self._roots.pop(article_id, None)
        del self._added[added:]
        del self._ids[n:]
        self._n = n
