"""Where the web app gets its frames: a store file (read-only) or frames handed in by a caller.

The app never holds the DuckDB file open between requests: a read-only opener would block
``brinkwatch ingest`` (DuckDB allows one writer or many readers of a file, not both), so the
store is opened per request and the frame cached until the file changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pandas as pd

from ..errors import StoreNotFound
from ..model import EVENT_COLUMNS


class FrameProvider(Protocol):
    """Anything that can hand the web app the event table (columns model.EVENT_COLUMNS)."""

    def events(self) -> pd.DataFrame: ...

    def describe(self) -> str: ...


class FramesProvider:
    """Frames given directly (tests, notebooks): a DataFrame or a callable returning one."""

    def __init__(self, events: pd.DataFrame | Callable[[], pd.DataFrame]) -> None:
        self._events = events

    def events(self) -> pd.DataFrame:
        return self._events() if callable(self._events) else self._events

    def describe(self) -> str:
        return "frames"


class StoreProvider:
    """Reads ``Store(path, read_only=True).events()``; re-reads only when the file has changed."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._frame: pd.DataFrame | None = None

    def _stamp(self) -> tuple[object, ...]:
        if not self.path.exists():
            raise StoreNotFound(
                f"No brinkwatch store at {self.path}.",
                hint="Run `brinkwatch ingest SOURCES` first, or give the right path with --store.",
            )
        parts: list[object] = []
        for p in (self.path, Path(str(self.path) + ".wal")):
            try:
                st = p.stat()
                parts += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                parts += [None, None]
        return tuple(parts)

    def events(self) -> pd.DataFrame:
        with self._lock:
            key = self._stamp()
            if self._frame is None or key != self._key:
                from ..store import Store  # StoreLocked / StoreCorrupt propagate as brinkwatch errors

                with Store(self.path, read_only=True) as store:
                    frame = store.events()
                self._frame = frame.loc[:, [c for c in EVENT_COLUMNS if c in frame.columns]]
                self._key = key
            return self._frame

    def describe(self) -> str:
        return f"store {self.path}"
