"""Read and write the gold JSONL schemas (plain or gzip), shared by every evaluation task.

Gold corpora are JSON Lines, sometimes gzip-compressed (``.jsonl.gz``). Readers stream, so a
large corpus is never held in memory twice; a broken line stops with an error that names the
file and the line, because a silently skipped gold record would change every score.
Writers go through a temporary file and rename, so an interrupted ``annotate`` never leaves a
half-written prediction file that a later ``evaluate`` would score as if it were complete.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import EvaluationError

#: ``-`` as a path means standard input (reading) or standard output (writing).
STDIO = "-"


def _is_gzip(path: Path) -> bool:
    if path.suffix == ".gz":
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def _open_text(path: Path) -> IO[str]:
    if _is_gzip(path):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open("r", encoding="utf-8")


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Yield each JSON object of a JSONL file (``.gz`` or gzip content is decompressed).

    Blank lines are skipped. A line that is not a JSON object raises
    :class:`~brinkwatch.errors.EvaluationError` naming the file and the 1-based line number.
    """
    if str(path) == STDIO:
        yield from _read_lines(sys.stdin, "<stdin>")
        return
    p = Path(path)
    if not p.is_file():
        raise EvaluationError(
            f"Gold/prediction file not found: {p}.",
            hint="Check the path; gold corpora live in ../shared/gold/dev/<task>/.",
        )
    try:
        with _open_text(p) as fh:
            yield from _read_lines(fh, str(p))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise EvaluationError(
            f"Cannot read {p}: {exc}.",
            hint="The file must be UTF-8 JSON Lines, optionally gzip-compressed; re-create it if it is truncated.",
        ) from exc


def _read_lines(fh: IO[str], name: str) -> Iterator[dict[str, Any]]:
    for lineno, line in enumerate(fh, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(
                f"{name}, line {lineno}: not valid JSON ({exc.msg} at column {exc.colno}).",
                hint="Each line must be one complete JSON object; fix or remove that line.",
            ) from exc
        if not isinstance(obj, dict):
            raise EvaluationError(
                f"{name}, line {lineno}: expected a JSON object, found {type(obj).__name__}.",
                hint="Each line must be one record object like {\"id\": ..., \"text\": ...}.",
            )
        yield obj


def write_jsonl(records: Iterable[dict[str, Any]], path: str | os.PathLike[str]) -> int:
    """Write records as JSONL (gzip when the name ends in ``.gz``); returns how many were written.

    The file appears only when every record was written (temporary file + rename).
    """
    if str(path) == STDIO:
        return _write_lines(records, sys.stdout)
    p = Path(path)
    if p.is_dir():
        raise EvaluationError(f"Output path {p} is a directory.", hint="Give a file name such as pred.jsonl.")
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            if p.suffix == ".gz":
                with gzip.GzipFile(fileobj=raw, mode="wb", filename="") as gz, io.TextIOWrapper(
                    gz, encoding="utf-8"
                ) as fh:
                    n = _write_lines(records, fh)
            else:
                with io.TextIOWrapper(raw, encoding="utf-8") as fh:
                    n = _write_lines(records, fh)
        os.replace(tmp, p)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write_lines(records: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for rec in records:
        try:
            line = json.dumps(rec, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise EvaluationError(
                f"Record {n + 1} ({rec.get('id') if isinstance(rec, dict) else rec!r}) is not JSON-serialisable: {exc}.",
                hint="Records must hold only JSON types (str, numbers, lists, dicts, null).",
            ) from exc
        fh.write(line + "\n")
        n += 1
    fh.flush()
    return n
