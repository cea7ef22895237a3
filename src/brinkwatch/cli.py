"""The command line: thin wrappers over :mod:`brinkwatch.api`. Data on stdout; progress and logs on stderr.

Exit codes: 0 success; 1 an error stopped the command; 2 bad usage; 3 the batch finished but some
items failed (``brinkwatch status --failed`` lists them).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import ExtractOptions, IngestOptions
from .errors import BrinkwatchError, UsageError
from .evaluate.runner import TASK_MODULES

EXIT_ERROR = 1
EXIT_PARTIAL = 3
TASKS = tuple(TASK_MODULES)


def _cite(ev: dict[str, Any]) -> str:
    """The outlet of an evidence line; the article's title when the outlet is unknown, so it stays traceable."""
    source = ev.get("source")
    source = "unknown outlet" if not source or source != source else str(source)  # None or NaN
    title = ev.get("article_title")
    if source.startswith("unknown outlet"):
        if title and title == title:  # not NaN
            return f"“{_clip(str(title), 48)}”"
        if ev.get("article_id"):
            return f"unknown outlet, article {str(ev['article_id'])[:8]}"
    return source


def _cite_side(side: dict[str, Any], evidence: list[dict[str, Any]]) -> str:
    """The outlet of one side of a contradiction, cited like evidence lines (an unknown outlet by its
    article's title or id), so the reader can tell two unknown outlets apart."""
    titles = {ev.get("article_id"): ev.get("article_title") for ev in evidence}
    who = _cite({"source": side.get("source"), "article_id": side.get("article_id"),
                 "article_title": side.get("article_title") or titles.get(side.get("article_id"))})
    also = side.get("also") or []
    return f"{who} (and {', '.join(also)})" if also else who


def _fail(exc: BrinkwatchError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_ERROR)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BrinkwatchError as exc:
            _fail(exc)
        except KeyboardInterrupt:
            click.echo("interrupted: batches already committed are kept; rerun the same command to finish.", err=True)
            sys.exit(130)

    return wrapper


store_option = click.option(
    "--store", "store", envvar="BRINKWATCH_STORE", type=click.Path(dir_okay=False), default=None,
    help="DuckDB store file [env BRINKWATCH_STORE; default ./brinkwatch.duckdb].",
)


def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by events, timeline and export."""
    options = [
        click.option("--dyad", help="Two actors, comma-separated (country codes or names), either direction: USA,VEN."),
        click.option("--actor", help="Events with this actor on either side (code, name or text)."),
        click.option("--type", "types", multiple=True, help="PLOVER type or CAMEO code prefix (repeatable)."),
        click.option("--since", help="Events whose interval ends on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Events whose interval starts on or before this date (YYYY-MM-DD)."),
        click.option("--source", help="Only events from articles of this outlet (substring)."),
        click.option("--all-modalities", is_flag=True, help="Also threatened/demanded/negated/... events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filters(dyad: str | None, actor: str | None, types: tuple[str, ...], since: str | None,
             until: str | None, source: str | None, all_modalities: bool) -> dict[str, Any]:
    filters: dict[str, Any] = {"actor": actor, "since": since, "until": until, "source": source}
    if dyad:
        parts = [p.strip() for p in dyad.split(",") if p.strip()]
        if len(parts) != 2:
            raise UsageError(f"--dyad needs two actors separated by a comma, got {dyad!r}.", hint="Example: --dyad USA,VEN")
        filters["dyad"] = (parts[0], parts[1])
    if types:
        filters["types"] = list(types)
    if not all_modalities:
        filters["modalities"] = ["asserted", "reported"]
    return {k: v for k, v in filters.items() if v is not None}


def _open(store: str | None, read_only: bool = True, **options: Any):  # noqa: ANN202
    from .api import Brinkwatch

    return Brinkwatch(store, read_only=read_only, **options)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brinkwatch")
def main() -> None:
    """brinkwatch: crisis news -> who did what to whom, when and where, and where reports disagree."""


# --- ingest ---------------------------------------------------------------------------------
@main.command()
@click.argument("sources", nargs=-1, required=True)
@store_option
@click.option("--n-process", type=int, default=None, help="Worker processes for extraction [env BRINKWATCH_N_PROCESS].")
@click.option("--batch-size", type=int, default=32, show_default=True, help="Items per stored transaction.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback/private addresses.")
@click.option("--follow-links", is_flag=True, help="Fetch the linked page for feed entries without full text.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--verbose", "-v", is_flag=True, help="Log each committed batch on stderr.")
@handle_errors
def ingest(sources: tuple[str, ...], store: str | None, n_process: int | None, batch_size: int,
           allow_private: bool, follow_links: bool, quiet: bool, verbose: bool) -> None:
    """Read files, directories, feeds, WARCs, JSONL records or URLs; code and store their events."""
    import logging

    from tqdm import tqdm

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)

    extract = ExtractOptions()
    if n_process:
        extract.n_process = n_process
    ingest_opts = IngestOptions(allow_private=allow_private)
    ingest_opts.follow_links = True if follow_links else None  # None: only for feeds fetched from a URL
    with _open(store, read_only=False, extract=extract, ingest=ingest_opts) as bw:
        bar = tqdm(desc="ingest", unit="item", disable=True if quiet else None, file=sys.stderr)

        def progress(batch: list) -> None:  # noqa: ANN001
            bar.update(len(batch))
            bar.set_postfix(failed=sum(1 for r in batch if r.status == "failed"), refresh=False)

        report = bw.ingest(list(sources), batch_size=batch_size, progress=progress,
                           command="ingest " + " ".join(sources))
        bar.close()
        for r in report.results:
            if r.status == "failed":
                click.echo(f"failed: {r.item}: [{r.code}] {r.reason}", err=True)
        click.echo(f"{report.summary()} (run {report.run_id}, store {bw.path})", err=True)
        if report.ok:
            click.echo("next: brinkwatch timeline | brinkwatch events | brinkwatch serve", err=True)
    if report.failed:
        sys.exit(EXIT_PARTIAL)


#: The status table: what and how first, the reason (with what to do) last and unclipped.
STATUS_COLUMNS = ["item", "status", "code", "article_id", "run_id", "reason"]


@main.command()
@store_option
@click.option("--failed", "only", flag_value="failed", help="Only failed items.")
@click.option("--skipped", "only", flag_value="skipped", help="Only skipped items.")
@click.option("--ok", "only", flag_value="ok", help="Only items stored.")
@click.option("--run", "run_id", help="Only this ingest run.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@handle_errors
def status(store: str | None, only: str | None, run_id: str | None, fmt: str) -> None:
    """The status of every input item ever ingested: ok, skipped (why) or failed (code)."""
    with _open(store) as bw:
        _emit(bw.statuses(status=only, run_id=run_id), fmt, STATUS_COLUMNS, width=70)


# --- queries --------------------------------------------------------------------------------
TABLE_COLUMNS = ["date_start", "plover", "cameo", "source_name", "source_country", "target_name", "target_country",
                 "modality", "article_source", "trigger"]


def _plain(column: str, value: Any) -> Any:
    """A cell as JSON would want it: NaN/NaT -> null, timestamps -> ISO text, JSON list cells -> lists."""
    from .analysis.frames import JSON_COLUMNS, clean, parse_json_list

    value = clean(value)
    return parse_json_list(value) if column in JSON_COLUMNS and value is not None else value


def _emit(df, fmt: str, table_columns: list[str] | None = None, width: int = 40) -> None:  # noqa: ANN001
    """Print a frame. JSON is an array of plain records (ISO times, real lists, unescaped '/'), not
    pandas' epoch milliseconds and JSON-in-a-string; the table leaves missing cells blank, not NaN/None."""
    if fmt == "json":
        rows = [{c: _plain(c, v) for c, v in zip(df.columns, row)} for row in df.itertuples(index=False, name=None)]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    else:
        if df.empty:
            click.echo("(no rows)", err=True)
            return
        view = df[[c for c in (table_columns or df.columns) if c in df.columns]]
        click.echo(_table(view, width))


def _table(view, width: int = 40) -> str:  # noqa: ANN001
    """Left-aligned text columns (pandas right-aligns text), blank for missing cells, cells clipped to
    ``width`` except the last column, which is printed whole (status puts its reason there)."""
    from .analysis.frames import clean

    cols = [str(c) for c in view.columns]
    last = len(cols) - 1
    rows = [["" if (v := clean(x)) is None else (" ".join(str(v).split()) if i == last else _clip(v, width))
             for i, x in enumerate(row)] for row in view.itertuples(index=False, name=None)]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


@main.command()
@store_option
@filter_options
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@handle_errors
def events(store: str | None, limit: int | None, fmt: str, **kw: Any) -> None:
    """Coded event mentions (factual ones unless --all-modalities)."""
    with _open(store) as bw:
        _emit(bw.events(limit=limit, **_filters(**kw)), fmt, TABLE_COLUMNS)


@main.command()
@store_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--evidence/--no-evidence", default=True, help="Show the sentences behind each entry.")
@handle_errors
def timeline(store: str | None, fmt: str, evidence: bool, **kw: Any) -> None:
    """Events by date, reports of the same event merged, with sources and evidence."""
    from dataclasses import asdict

    filters = _filters(**kw)
    factual = "modalities" in filters
    filters.pop("modalities", None)
    with _open(store) as bw:
        entries = bw.timeline(factual_only=factual, **filters)
    if fmt == "json":
        click.echo(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1, default=str))
        return
    if not entries:
        click.echo("(no events; run brinkwatch ingest first)", err=True)
    for e in entries:
        when = e.date_start if e.date_start == e.date_end else f"{e.date_start}..{e.date_end}"
        click.echo(f"{when or 'undated':<22} {e.summary}  [{e.n_sources} source(s), {e.n_articles} article(s)]")
        if evidence:
            for ev in e.evidence[:3]:
                mod = "" if ev.get("modality") == "asserted" else f" ({ev.get('modality')})"
                click.echo(f"{'':<24}- {_cite(ev)}{mod}: {_clip(ev.get('sentence', ''))}")
        for x in e.contradictions:
            click.echo(f"{'':<24}! {x['kind']}: {x['note']}: {_cite_side(x['a'], e.evidence)} says "
                       f"{_clip(x['a']['value'], 60)}; {_cite_side(x['b'], e.evidence)} says {_clip(x['b']['value'], 60)}")


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


@main.command()
@click.argument("items", nargs=-1, required=True)
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (needed for html).")
@handle_errors
def compare(items: tuple[str, ...], store: str | None, fmt: str, output: str | None) -> None:
    """Compare two or more articles (files, URLs, or ids of stored articles): shared events, what only one
    has, and where they contradict each other."""
    from .reconcile import render

    if fmt == "html" and not output:
        raise UsageError("--format html writes a file.", hint="Add -o report.html.")
    with _open(store) as bw:
        report = bw.compare(list(items))
    text = {"text": render.to_text, "json": render.to_json, "html": render.to_html}[fmt](report)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@main.command()
@store_option
@filter_options
@click.option("--format", "fmt", required=True,
              type=click.Choice(["parquet", "csv", "jsonl", "gdelt", "acled", "timelinejs", "geojson"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@handle_errors
def export(store: str | None, fmt: str, output: str, **kw: Any) -> None:
    """Write events as Parquet, CSV, PLOVER JSONL, GDELT 2.0 TSV, ACLED-style CSV, TimelineJS JSON or GeoJSON."""
    from .export import write_export

    filters = _filters(**kw)
    with _open(store) as bw:
        events = bw.events(**filters)
        timeline = None
        if fmt in ("gdelt", "acled", "timelinejs"):  # merged events: the same clusters `brinkwatch timeline` shows
            merged = {k: v for k, v in filters.items() if k != "modalities"}
            timeline = bw.timeline(factual_only="modalities" in filters, **merged)
        result = write_export(events, fmt, output, timeline=timeline, articles=bw.articles())
    click.echo(result.summary(), err=True)
    if not len(events):
        click.echo("no events matched: loosen the filters (brinkwatch events shows what is stored) or ingest first.",
                   err=True)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@handle_errors
def serve(store: str | None, host: str, port: int) -> None:
    """Serve the timeline in a browser (store opened read-only; works offline)."""
    from .config import store_path
    from .web import serve as run

    path = store_path(store)
    if not Path(path).exists():
        from .errors import StoreNotFound

        raise StoreNotFound(f"No store at {path}.", hint="Run brinkwatch ingest first, or pass --store.")
    click.echo(f"serving {path} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    run(path, host=host, port=port)


# --- evaluation -----------------------------------------------------------------------------
@main.command()
@click.argument("task", type=click.Choice(TASKS))
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--n-process", type=int, default=None)
@handle_errors
def annotate(task: str, input_path: str, output: str, n_process: int | None) -> None:
    """Write the system's predictions for a gold file of TASK (gold annotations in the input are ignored)."""
    from .evaluate.runner import annotate_file

    options = ExtractOptions()
    if n_process:
        options.n_process = n_process
    n = annotate_file(task, Path(input_path), Path(output), options)
    click.echo(f"annotated {n} records -> {output}", err=True)


@main.command()
@click.argument("task", type=click.Choice(TASKS))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@handle_errors
def evaluate(task: str, gold: str, pred: str, as_json: bool) -> None:
    """Score predictions against gold with the task's standard metrics."""
    from .evaluate.runner import evaluate_files

    scores, report = evaluate_files(task, Path(gold), Path(pred))
    click.echo(json.dumps(scores, indent=1, default=str) if as_json else report)


if __name__ == "__main__":  # pragma: no cover
    main()
