"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DEV = SHARED / "gold" / "dev"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp()


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
