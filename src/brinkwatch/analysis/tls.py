"""Timeline summarisation: pick the most important dates of a corpus and the sentences that say what happened.

The method follows what works in the timeline-summarisation literature (Tran et al. 2013; Martschat &
Markert 2018; Ghalandari & Ifrim 2020, "DATEWISE"), re-implemented on brinkwatch's own time tagger:

1. **Date references.** Every sentence (one per line, as news corpora and our ingest keep them) is
   searched for time expressions, resolved against its article's publication date by ``bw_time``;
   an expression that pins down one calendar day is a *reference* to that day. Only lines that hold a
   time-expression candidate go through spaCy (the rest cannot refer to a day), which keeps a corpus of
   a thousand articles to a few minutes.
2. **Date selection.** A day matters when many sentences, in many distinct articles, refer back to it
   *after* it happened (a plan or a forecast counts less), when articles are published on or just
   after it, and when the sentences that mention it are on topic (hold a keyword). The score is a
   weighted sum of those log-scaled counts (weights in :class:`DateWeights`); the top ``n_dates`` days win.
3. **Sentence selection.** For each chosen day, the candidate sentences are those that refer to it
   (the undated sentences of articles published that day only when too few do); they are ranked by
   cosine similarity to their own centroid (TF-IDF; a sentence close to what most reports of the day
   say is central), with a bonus for topic keywords, and picked greedily without near-repeats.

Public API:
  ``date_references(articles, nlp, options=None) -> list[DatedSentence]``  (runs spaCy; cache its result)
  ``select_dates(sentences, options) -> list[tuple[date, float]]``
  ``select_sentences(sentences, days, options) -> dict[date, list[str]]``
  ``summarise(sentences, options) -> list[TLSEntry]``                        (dates + sentences)
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from ..errors import UsageError

_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
#: Penn-Treebank tokens as distributed in news corpora, and what the time tagger expects instead.
_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("``", '"'), ("''", '"'), ("\\/", "/"))
_PTB_SPACE = re.compile(r" (?=[,.;:!?%)\]]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)|(?<=[(\[$]) ")
#: Words too common to tell sentences apart (a short closed list; content words decide similarity).
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as into over after before about than that this these "
    "those it its is are was were be been being has have had do does did not no he she they we you i his her their "
    "our your them him us me who whom which what when where why how there here also said says say would will can "
    "could should may might must s t".split()
)


@dataclass(slots=True, frozen=True)
class TLSArticle:
    """One input article: an id, its publication day and its text (one sentence per line is best)."""

    id: str
    published: date
    text: str


@dataclass(slots=True)
class DatedSentence:
    """One sentence with the days it refers to (resolved time expressions of day granularity)."""

    article: int  # index of the article in the input
    line: int  # line number inside the article
    text: str  # the sentence as given (not detokenised)
    published: date
    days: tuple[date, ...] = ()


@dataclass(slots=True)
class DateWeights:
    """Weights of the date score (log-scaled counts); see :func:`date_features`.

    Defaults chosen on the four Timeline17 dev topics (egypt, iraq, h1n1, haiti) from a coarse grid
    (0, 0.5, 1, 2 per weight), where a wide plateau of settings scores alike: on-topic references and
    the day's own coverage matter most, announced plans count a little. Leave-one-topic-out choice
    from the same grid loses about 0.02 date F1 against this in-sample figure."""

    past_refs: float = 0.5  # sentences referring to the day, published on or after it
    articles: float = 0.5  # distinct articles referring to the day
    keyword_refs: float = 1.0  # referring sentences holding a topic keyword
    published: float = 1.0  # articles published on the day or the day after
    future_refs: float = 0.5  # sentences referring to the day before it happened (plans)


@dataclass(slots=True)
class TLSOptions:
    """What to produce and how: timeline length, summary length per date, topic keywords."""

    n_dates: int = 10
    sentences_per_date: int = 1
    keywords: tuple[str, ...] = ()
    weights: DateWeights = field(default_factory=DateWeights)
    min_tokens: int = 6  # shorter lines (headlines, bylines) are not summary sentences
    max_tokens: int = 60
    max_similarity: float = 0.5  # a sentence this close to one already chosen is a repeat
    batch_size: int = 32

    def __post_init__(self) -> None:
        if self.n_dates < 1 or self.sentences_per_date < 1:
            raise UsageError(
                f"A timeline needs at least one date and one sentence per date (got {self.n_dates}, "
                f"{self.sentences_per_date}).",
                hint="Give n_dates >= 1 and sentences_per_date >= 1.",
            )


@dataclass(slots=True)
class TLSEntry:
    """One timeline entry: a day, its score and the sentences that summarise it."""

    date: date
    score: float
    summary: list[str]


# --- 1. date references --------------------------------------------------------------------------
def detokenise(line: str) -> str:
    """Undo Penn-Treebank tokenisation so the time tagger sees ordinary text ("Jan. 25 , 2011" -> "Jan. 25, 2011")."""
    for old, new in _PTB:
        line = line.replace(old, new)
    return _PTB_SPACE.sub("", line)


def _day_of(tx) -> date | None:  # noqa: ANN001
    """The one calendar day a time expression refers to, or None (a week, a month, 'now', a duration)."""
    span = tx.span
    if tx.type not in ("DATE", "TIME") or span is None or span.start is None or span.start != span.end:
        return None
    if tx.value.endswith("_REF") or span.granularity not in ("day", "instant", "hour", "minute", "second"):
        return None
    try:
        return date.fromisoformat(span.start[:10])
    except ValueError:
        return None


def date_references(  # noqa: ANN001
    articles: Sequence[TLSArticle], nlp, options: TLSOptions | None = None
) -> list[DatedSentence]:
    """Every non-empty line of every article, with the days its time expressions refer to.

    ``nlp`` must hold the ``bw_time`` component (``load_nlp(components=("bw_time",))``). Lines without
    any time-expression candidate are not parsed. Lines that are parsed are joined per article, so the
    tagger's reference time carries from one sentence to the next ("... on Monday. The next day ...")."""
    from ..extract.extensions import register_extensions
    from ..extract.timex_patterns import find_candidates

    if "bw_time" not in getattr(nlp, "pipe_names", ()):
        raise UsageError("The spaCy pipeline given to date_references has no 'bw_time' component.",
                         hint="Load it with brinkwatch.extract.load_nlp(components=('bw_time',)).")
    register_extensions()
    options = options or TLSOptions()
    sentences: list[DatedSentence] = []
    jobs: list[tuple[str, date, list[int], list[int]]] = []  # text, dct, line starts, sentence indices
    for ai, art in enumerate(articles):
        parts: list[str] = []
        starts: list[int] = []
        idx: list[int] = []
        offset = 0
        for li, raw in enumerate(art.text.split("\n")):
            if not raw.strip():
                continue
            sentences.append(DatedSentence(ai, li, raw.strip(), art.published))
            clean = detokenise(raw.strip())
            if not find_candidates(clean):
                continue
            parts.append(clean)
            starts.append(offset)
            idx.append(len(sentences) - 1)
            offset += len(clean) + 1
        if parts:
            jobs.append(("\n".join(parts), art.published, starts, idx))

    def docs():  # noqa: ANN202
        for text, dct, _, _ in jobs:
            doc = nlp.make_doc(text)
            doc._.bw_dct = dct.isoformat()
            yield doc

    for (_, _, starts, idx), doc in zip(jobs, nlp.pipe(docs(), batch_size=options.batch_size), strict=True):
        found: dict[int, list[date]] = defaultdict(list)
        for tx in doc._.bw_timexes or []:
            day = _day_of(tx)
            if day is not None:
                found[idx[bisect_right(starts, tx.start) - 1]].append(day)
        for si, days in found.items():
            sentences[si].days = tuple(dict.fromkeys(days))
    return sentences


# --- 2. date selection -----------------------------------------------------------------------------
_WEIGHT_NAMES = tuple(f.name for f in fields(DateWeights))


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (PTB punctuation and quote tokens drop out)."""
    return _TOKEN.findall(text.lower())


def _has_keyword(toks: Iterable[str], keywords: frozenset[str]) -> bool:
    """A sentence is on topic when a token starts with a keyword ("egypt" matches "egyptians")."""
    return any(t.startswith(k) for t in toks for k in keywords) if keywords else True


def date_features(sentences: Sequence[DatedSentence], keywords: Iterable[str] = ()) -> dict[date, dict[str, float]]:
    """Per day: the raw counts :class:`DateWeights` weighs (names match the weight fields)."""
    kw = frozenset(k.lower() for k in keywords)
    feats: dict[date, dict[str, float]] = defaultdict(lambda: dict.fromkeys(_WEIGHT_NAMES, 0.0))
    referring: dict[date, set[int]] = defaultdict(set)
    published: dict[date, set[int]] = defaultdict(set)
    for s in sentences:
        published[s.published].add(s.article)
        if not s.days:
            continue
        on_topic = _has_keyword(tokens(s.text), kw)
        for d in s.days:
            f = feats[d]
            if s.published >= d:
                f["past_refs"] += 1
                f["keyword_refs"] += on_topic
                referring[d].add(s.article)
            else:
                f["future_refs"] += 1
    for d, arts in published.items():
        for day in (d, d - timedelta(days=1)):  # a day's news is published that day and the next
            if day in feats or day in published:
                feats[day]["published"] += len(arts)
    for d, arts in referring.items():
        feats[d]["articles"] = len(arts)
    return dict(feats)


def select_dates(sentences: Sequence[DatedSentence], options: TLSOptions) -> list[tuple[date, float]]:
    """The ``options.n_dates`` highest-scoring days (best first) with their scores."""
    w = options.weights
    scored = []
    for d, f in date_features(sentences, options.keywords).items():
        score = sum(getattr(w, name) * math.log1p(value) for name, value in f.items())
        scored.append((d, score))
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored[: options.n_dates]


# --- 3. sentence selection -------------------------------------------------------------------------
def _vectors(docs: list[list[str]]) -> list[dict[str, float]]:
    """TF-IDF vectors (unit length) of tokenised sentences, IDF over the sentences given."""
    df = Counter(t for toks in docs for t in set(toks))
    n = len(docs)
    out = []
    for toks in docs:
        tf = Counter(t for t in toks if t not in STOPWORDS)
        vec = {t: c * math.log((1 + n) / (1 + df[t])) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def select_sentences(
    sentences: Sequence[DatedSentence], days: Iterable[date], options: TLSOptions
) -> dict[date, list[str]]:
    """For each day, up to ``options.sentences_per_date`` central, on-topic, non-repeating sentences."""
    wanted = set(days)
    pool: dict[date, list[DatedSentence]] = defaultdict(list)
    undated: dict[date, list[DatedSentence]] = defaultdict(list)  # fallback: that day's undated sentences
    for s in sentences:
        for d in s.days:
            if d in wanted and s.published >= d:
                pool[d].append(s)
        if not s.days and s.published in wanted:
            undated[s.published].append(s)
    for d in wanted:
        if len(pool[d]) < options.sentences_per_date:
            pool[d].extend(undated.get(d, []))
    kw = frozenset(k.lower() for k in options.keywords)
    out: dict[date, list[str]] = {}
    for d in wanted:
        cands = []
        seen: set[str] = set()
        for s in pool.get(d, []):
            toks = tokens(s.text)
            if not options.min_tokens <= len(toks) <= options.max_tokens or s.text in seen:
                continue
            seen.add(s.text)
            cands.append((s, toks))
        if not cands:
            out[d] = []
            continue
        vecs = _vectors([toks for _, toks in cands])
        centroid: Counter[str] = Counter()
        for v in vecs:
            centroid.update(v)
        norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
        centroid_vec = {t: x / norm for t, x in centroid.items()}
        ranked = sorted(
            range(len(cands)),
            key=lambda i: -(_cos(vecs[i], centroid_vec) + 0.1 * _has_keyword(cands[i][1], kw) * bool(kw)
                            + 0.1 * bool(cands[i][0].days)),
        )
        chosen: list[int] = []
        for i in ranked:
            if len(chosen) >= options.sentences_per_date:
                break
            if all(_cos(vecs[i], vecs[j]) < options.max_similarity for j in chosen):
                chosen.append(i)
        out[d] = [cands[i][0].text for i in chosen]
    return out


def summarise(sentences: Sequence[DatedSentence], options: TLSOptions) -> list[TLSEntry]:
    """The timeline: the selected days in date order, each with its summary sentences."""
    days = select_dates(sentences, options)
    summaries = select_sentences(sentences, [d for d, _ in days], options)
    return sorted((TLSEntry(d, score, summaries.get(d, [])) for d, score in days), key=lambda e: e.date)
