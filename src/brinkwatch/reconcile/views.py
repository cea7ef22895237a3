"""Clusters as plain JSON-ready dicts, for the web layer and other consumers that should not import dataclasses."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..model import Cluster


def cluster_dicts(clusters: list[Cluster]) -> list[dict[str, Any]]:
    """One dict per cluster (every model.Cluster field; contradictions as {kind, note, a, b})."""
    return [asdict(c) for c in clusters]
