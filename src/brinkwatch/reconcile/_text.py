"""Text similarity of evidence sentences, without a model: content words, crudely stemmed, compared by cosine.

Reconcile runs on stored rows (no spaCy), so the normalisation here is a small suffix stripper
over lower-cased word tokens minus function words and time words ("last", "week", "Tuesday"
say *when*, not *what*, and two reports of different events in one week share them).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]", re.UNICODE)

#: Function words, reporting verbs and time words: they say nothing about which event it is.
STOPWORDS: frozenset[str] = frozenset("""
a an the and or but nor so yet of to in on at by for with from into onto over under about after before
during since until than then as if that this these those there here it its it's he she they them him her
his hers their theirs we us our you your i me my mine who whom whose which what when where why how not no
be is are was were been being am has have had having do does did done will would shall should can could
may might must also just only very more most much many some any all each every both either neither other
another such own same too out up down off again further once said says say saying told tell according
reported reportedly reports report sources source official officials people one two three new
last next past this week weeks month months year years day days today yesterday tomorrow tonight ago
monday tuesday wednesday thursday friday saturday sunday weekend morning evening night afternoon
january february march april may june july august september october november december late early
end beginning mid earlier later recently now while though although however because whether
""".split())

#: Nouns that name an event; a definite "the <noun>" elsewhere in an article refers back to it.
EVENT_NOUNS: frozenset[str] = frozenset("""
call conversation talk talks meeting summit visit negotiation negotiations exchange ultimatum
strike airstrike attack raid bombing shelling shooting assault clash clashes ambush explosion blast
closure blockade embargo sanction sanctions deployment mobilisation mobilization buildup build-up
march protest rally demonstration riot strike election vote referendum ceasefire truce deal agreement
accord treaty offer proposal demand request warning threat statement announcement speech interview
arrest detention expulsion seizure kidnapping abduction evacuation invasion incursion operation
""".split())

_CALL_WORDS = frozenset({"phone", "telephone", "phoned", "telephoned", "phonecall"})

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


@functools.lru_cache(maxsize=1 << 16)  # a pure function of the word, asked for every word of every mention
def stem(word: str) -> str:
    """A crude English stem: enough to make 'flights'/'flight' and 'closed'/'closure' closer."""
    w = word.lower().strip(".'’-")
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 4 and w.endswith(suf):
            w = w[: -len(suf)]
            if suf in ("ies", "ied"):
                w += "y"
            break
    return w


def words(text: str) -> list[str]:
    return [m.group(0).lower().strip(".'’-") for m in _WORD.finditer(text or "")]


def content_terms(text: str) -> Counter[str]:
    """Stemmed content words of a text with their counts."""
    return Counter(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine of two term-count vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    common = a.keys() & b.keys()  # most pairs share few terms or none
    if not common:
        return 0.0
    dot = sum(a[k] * b[k] for k in common)
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def event_nouns(text: str) -> set[str]:
    """The event nouns a sentence uses ("call", "strike", "closure"), singularised."""
    found = set()
    for w in words(text):
        if w in EVENT_NOUNS:
            found.add(w[:-1] if w.endswith("s") and w[:-1] in EVENT_NOUNS else w)
        elif w in _CALL_WORDS:  # "told him on the phone", "phoned": a call
            found.add("call")
    return found


def definite_reference(text: str, noun: str) -> bool:
    """True when ``text`` refers back to an event by ``the/that/this <noun>`` ("The call, which occurred ...")."""
    return re.search(rf"\b(?:the|that|this)\s+(?:\w+\s+)?{re.escape(noun)}s?\b", text or "", re.IGNORECASE) is not None


_CUT = re.compile(r"\s*(?:[—–(\[;]|\s-\s|,\s)")
_QUOTES = "\"'“”‘’«»"


def _present(value: object) -> bool:
    """Not None, NaN or blank (frames hold NaN for a missing actor field)."""
    return value is not None and value == value and bool(str(value).strip())


def short_actor_text(text: object, max_words: int = 6) -> str:
    """An actor's surface text fit for a one-line summary: up to a dash, bracket or comma, without
    stray quotes, at most ``max_words`` words ("Operation Southern Spear”—a counter-narcotics
    effort" -> "Operation Southern Spear")."""
    if not _present(text):
        return ""
    s = _CUT.split(" ".join(str(text).split()), maxsplit=1)[0].strip(_QUOTES + " ")
    parts = s.split()
    return " ".join(parts[:max_words]) + ("…" if len(parts) > max_words else "")


def actor_label(name: object, country: object, sector: object, text: object = None) -> str | None:
    """'United States (GOV)': the canonical name (else country code, else short surface text) with the sector."""
    base = next((str(v) for v in (name, country) if _present(v)), None) or short_actor_text(text)
    if not base:
        return None
    return f"{base} ({sector})" if _present(sector) else base
