"""Mention-level coreference across the documents of one topic (the ECB+ setting: gold mentions given).

Why it is built this way: news documents about one topic tell one of a few similar stories (two
earthquakes, two rehab check-ins). So documents are first clustered by what they name (TF-IDF over
content lemmas shared by at least two documents, names counted more, average-link agglomerative
clustering, then a few k-means-like rounds that move each document to the story it resembles most,
which undoes an early wrong merge). Entities are clustered first: a description ("the facility") by
type and head within its story, a name by its head across the whole topic (the company of both
stories is one company), with apposition and copula ("X, the actress"; "the captain is Y") joining
the two groups, and a pronoun joining the nearest preceding mention of its type in its document, a
name when there is one. Then event mentions are clustered inside a story. An event is mostly
recognised by its predicate: two event mentions whose heads share a lemma, a derivational stem
("attack/attacked", "acquire/acquisition") or a listed synonym ("quake/earthquake") corefer unless
their arguments (times and places of the sentence, participants governed by the predicate, compared
by word and by entity chain, so "she" agrees with "Lohan") say otherwise; verbs of saying need
agreeing arguments. No gold chain id is ever read; the mention's given ``kind`` and ``type`` (part of
a given mention in ECB+) are used.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import EvaluationError


@dataclass(frozen=True)
class CorefOptions:
    """Thresholds of the two clustering stages (tuned on ECB+ train topics, not on dev)."""

    doc_threshold: float = 0.1  # average cosine similarity above which document groups merge
    name_weight: float = 2.0  # weight of a proper-noun / number lemma in document vectors
    doc_min_df: int = 2  # document frequency a word needs to enter document vectors
    doc_attach: float = 0.03  # a lone document joins its closest story above this mean similarity
    doc_rounds: int = 3  # rounds of moving each document to the story it is most similar to (0 = off)
    event_threshold: float = 0.5  # average pair score above which event groups merge
    synonym_score: float = 0.8  # predicate similarity of two words of one EVENT_SYNONYMS set
    argument_weight: float = 0.3  # scale of the argument agreement / disagreement terms
    syntactic_args: bool = True  # participants must be syntactic dependents of the event head
    reporting_penalty: float = 0.6  # "said" and "said" are one event only with agreeing arguments
    pronoun_prefers_names: bool = True  # a pronoun's antecedent is the closest name when there is one
    pronoun_window: int = 200  # tokens (between sentence starts) a pronoun looks back for its antecedent
    names_topic_wide: bool = True  # a name groups across the stories of a topic, a description within one
    apposition: bool = True  # an apposition or copula joins the groups of the two mentions
    chain_args: bool = True  # event arguments also agree when their mentions share an entity chain


@dataclass
class Mention:
    """One given mention with what the clustering looks at."""

    id: str
    doc: int
    kind: str
    type: str
    sent: int
    start: int
    text: str
    head: str  # normalised head lemma
    key: str  # head lemma + verb particle ("check_out")
    particle: str
    stem: str  # derivational stem of the head
    pos: str
    is_name: bool
    name: str  # lower-cased proper-name string ("" when not a name)
    pronoun: bool
    args: dict[str, set[str]] = field(default_factory=dict)  # same-sentence argument heads by type
    arg_ids: dict[str, set[str]] = field(default_factory=dict)  # the argument mentions' ids by type
    arg_chains: dict[str, set[int]] = field(default_factory=dict)  # their entity chains, once known
    story: int = 0  # the document cluster of the mention's document
    same: set[str] = field(default_factory=set)  # ids of mentions the syntax says it is ("X, the actress")


def cluster_topic(documents: Sequence[dict[str, Any]], nlp, options: CorefOptions | None = None,  # noqa: ANN001
                  *, prefix: str = "") -> dict[str, str]:
    """Chain id (``prefix`` + number) for every mention id of one topic's documents."""
    options = options or CorefOptions()
    texts = []
    for d in documents:
        if not isinstance(d.get("text"), str):
            raise EvaluationError(f"Document {d.get('doc_id')!r} has no 'text' string.",
                                  hint="Each coref document needs 'doc_id', 'text' and 'mentions'.")
        texts.append(d["text"])
    docs = list(nlp.pipe(texts, batch_size=16))
    mentions = [m for i, (d, doc) in enumerate(zip(documents, docs, strict=True))
                for m in _mentions(i, d, doc, options)]
    resolve_acronyms(mentions)
    doc_groups = cluster_documents(docs, options)
    story = {d: gi for gi, group in enumerate(doc_groups) for d in group}
    for m in mentions:
        m.story = story[m.doc]
    # entities first: an event's participants, place and time are then compared by entity chain
    chains = cluster_entities([m for m in mentions if m.kind != "event"], options)
    entity_chain = {m.id: n for n, chain in enumerate(chains) for m in chain}
    events = [m for m in mentions if m.kind == "event"]
    for m in events:
        m.arg_chains = {t: {entity_chain[i] for i in ids if i in entity_chain} for t, ids in m.arg_ids.items()}
    for gi in range(len(doc_groups)):
        chains += cluster_events([m for m in events if m.story == gi], options)
    out: dict[str, str] = {}
    for n, chain in enumerate(chains):
        for m in chain:
            out[m.id] = f"{prefix}{'ev' if m.kind == 'event' else 'en'}{n}"
    return out


# --- mentions ------------------------------------------------------------------------------------

_SUFFIXES = ("ees", "ee", "ations", "ation", "itions", "ition", "ments", "ment", "ings", "ing", "ances", "ance",
             "ences", "ence", "als", "al", "ers", "er", "ors", "or", "ions", "ion", "ed", "es", "s", "e", "y")


#: verbs whose object carries the meaning in a multi-word event mention
LIGHT_VERBS = frozenset("open catch take make give have hold launch carry conduct stage pay".split())


def stem(lemma: str) -> str:
    """A crude derivational stem so that inflections and many nominalisations meet: attack/attacked/
    attacking -> attack, agree/agreement -> agre, nominee/nomination -> nomin. Suffixes are stripped
    while at least four letters remain; pairs it misses (explode/explosion) are in EVENT_SYNONYMS."""
    w = lemma.lower()
    changed = True
    while changed:  # "agreement" -> "agree" -> "agre", like "agree" -> "agre"
        changed = False
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                w, changed = w[: -len(suf)], True
                break
    return w


def _span(doc, start: int, end: int):  # noqa: ANN001, ANN202
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        raise EvaluationError(f"Mention [{start}, {end}) does not cover any token of its document.",
                              hint="Mention offsets must be character offsets into the document text.")
    return span


#: particles that change what a phrasal verb means ("check out" is not "check in")
_DIRECTIONAL = frozenset("out off up down away back over".split())
_FUNCTION_POS = frozenset({"ADP", "AUX", "DET", "PART", "CCONJ", "SCONJ", "PUNCT"})
_DEMONSTRATIVES = frozenset("this that these those it".split())


def _governed(root) -> set[int]:  # noqa: ANN001
    """Token indices of a predicate's syntactic arguments: its dependents and the objects of its
    prepositions ("arrested [Smith] in [Paris]", "the death [of] [Smith]")."""
    out = set()
    for c in root.children:
        out.add(c.i)
        if c.dep_ in ("prep", "agent", "poss"):
            out.update(g.i for g in c.children)
    if root.dep_ in ("acl", "relcl", "amod") and root.head is not root:
        out.add(root.head.i)  # "the man arrested" / "the arrested man"
    return out


def _mentions(index: int, d: dict[str, Any], doc, options: CorefOptions) -> Iterable[Mention]:  # noqa: ANN001
    out = []
    roots: dict[str, Any] = {}
    for m in d.get("mentions") or []:
        try:
            start, end = int(m["start"]), int(m["end"])
        except (KeyError, TypeError, ValueError) as exc:
            raise EvaluationError(f"Mention {m.get('id')!r} of {d.get('doc_id')!r} has no integer start/end.",
                                  hint="Each mention needs 'id', 'start', 'end' and 'kind'.") from exc
        span = _span(doc, start, end)
        root = span.root
        names = [t for t in span if t.pos_ == "PROPN"]
        is_name = (bool(names) and root.pos_ in ("PROPN", "NUM")) or (root.ent_type_ != "" and root.pos_ == "PROPN")
        while root.pos_ in _FUNCTION_POS:
            # "on suspicion", "the arrest of": the content word under a function word is the head
            inner = [c for c in root.children if span.start <= c.i < span.end and c.pos_ not in _FUNCTION_POS]
            if not inner:
                break
            root = inner[0]
        if root.lemma_.lower() in LIGHT_VERBS:
            # "opened fire", "caught fire", "took control": the object names the event
            obj = next((c for c in root.children if c.dep_ in ("dobj", "attr") and c.i < span.end), None)
            root = obj if obj is not None else root
        roots[str(m["id"])] = root
        lemma = root.lemma_.lower() if root.pos_ != "PROPN" else root.text.lower()
        particle = next((c.lemma_.lower() for c in root.children if c.dep_ == "prt"
                         or c.lower_ in _DIRECTIONAL and span.start <= c.i < span.end), "")
        out.append(Mention(
            id=str(m["id"]), doc=index, kind=m.get("kind") or "entity", type=m.get("type") or "",
            sent=span.sent.start,
            start=start, text=span.text, head=lemma, key=f"{lemma}_{particle}" if particle else lemma,
            particle=particle, stem=stem(lemma), pos=root.pos_, is_name=is_name,
            name=" ".join(t.text.lower() for t in names) if is_name else "",
            pronoun=root.pos_ == "PRON" or root.lower_ in _DEMONSTRATIVES,
        ))
    by_sent: dict[int, list[Mention]] = defaultdict(list)
    for m in out:
        by_sent[m.sent].append(m)
    if options.apposition:
        _identity_links(out, roots)
    for m in out:
        if m.kind != "event":
            continue
        governed = _governed(roots[m.id])
        for other in by_sent[m.sent]:
            if other.kind != "entity":
                continue
            # times and places usually attach to the clause, participants to the predicate itself
            if options.syntactic_args and other.type in ("HUM", "NON") and roots[other.id].i not in governed:
                continue
            m.arg_ids.setdefault(other.type, set()).add(other.id)  # a pronoun argument counts by its chain
            if not other.pronoun:
                m.args.setdefault(other.type, set()).add(other.name or other.head)
    return out


def _identity_links(mentions: Sequence[Mention], roots: dict[str, Any]) -> None:
    """Record the entity mentions the syntax equates: an apposition ("Lohan, the actress") and a
    copula ("the suspect is a 35-year-old man"). These are what tie a description to a name."""
    by_token = {roots[m.id].i: m for m in mentions if m.kind == "entity" and not m.pronoun}
    for m in mentions:
        if m.kind != "entity" or m.pronoun:
            continue
        root = roots[m.id]
        other = None
        if root.dep_ == "appos":
            other = by_token.get(root.head.i)
        elif root.dep_ == "attr" and root.head.lemma_ == "be":
            subj = next((c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            other = by_token.get(subj.i) if subj is not None else None
        if other is not None and other is not m and other.type == m.type:
            m.same.add(other.id)
            other.same.add(m.id)


_ARTICLES = frozenset("the a an".split())


def resolve_acronyms(mentions: Sequence[Mention]) -> None:
    """An all-capital mention ("DUI", "IR") takes the head of a longer mention of the same topic whose
    word initials spell it ("driving under the influence", "injured reserve"), so both cluster alike."""
    expansions: dict[str, Mention] = {}
    for m in mentions:
        words = [w for w in re.findall(r"[A-Za-z]+", m.text)]
        if len(words) < 2:
            continue
        for initials in ("".join(w[0] for w in words),
                         "".join(w[0] for w in words if w.lower() not in _ARTICLES)):
            expansions.setdefault(initials.lower(), m)
    for m in mentions:
        t = m.text.strip()
        if 2 <= len(t) <= 6 and t.isalpha() and t.isupper():
            full = expansions.get(t.lower())
            if full is not None and full.kind == m.kind:
                m.head, m.key, m.stem, m.particle = full.head, full.key, full.stem, full.particle


# --- documents -----------------------------------------------------------------------------------

_CONTENT = {"NOUN", "PROPN", "VERB", "NUM", "ADJ"}


def _doc_vector(doc, options: CorefOptions) -> Counter[str]:  # noqa: ANN001
    """Content lemmas; names, numbers and named entities count ``name_weight`` times (they are what
    tells two similar stories apart)."""
    vec: Counter[str] = Counter()
    for t in doc:
        if t.pos_ in _CONTENT and not t.is_stop and t.is_alpha or t.pos_ == "NUM" or t.like_num:
            named = t.pos_ in ("PROPN", "NUM") or t.like_num or t.ent_type_ in _NAMED
            vec[t.lemma_.lower()] += options.name_weight if named else 1.0
    return vec


_NAMED = frozenset("PERSON ORG GPE LOC FAC DATE TIME NORP EVENT CARDINAL".split())


def _agglomerate(sim, threshold: float) -> list[list[int]]:  # noqa: ANN001
    """Average-link agglomerative clustering over a symmetric similarity matrix: merge the two groups
    of highest mean pairwise similarity while that mean exceeds ``threshold``."""
    import numpy as np

    n = sim.shape[0]
    total = sim.astype(float).copy()
    np.fill_diagonal(total, 0.0)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    while alive.sum() > 1:
        avg = total / np.outer(size, size)
        avg[~alive, :] = -np.inf
        avg[:, ~alive] = -np.inf
        np.fill_diagonal(avg, -np.inf)
        a, b = divmod(int(np.argmax(avg)), n)
        if avg[a, b] <= threshold:
            break
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        total[a, a] = 0.0
        size[a] += size[b]
        alive[b] = False
        members[a].extend(members[b])
        members[b] = []
    return [members[i] for i in range(n) if alive[i]]


def cluster_documents(docs: Sequence[Any], options: CorefOptions) -> list[list[int]]:
    """Groups of document indices that tell the same story (TF-IDF cosine, average link)."""
    vectors = [_doc_vector(doc, options) for doc in docs]
    df: Counter[str] = Counter(w for v in vectors for w in v)
    n = len(docs)
    tfidf = []
    for v in vectors:
        # a word of one document only cannot make two documents alike; it would only dilute the norm
        w = {k: (1 + math.log(c)) * math.log((1 + n) / (1 + df[k])) for k, c in v.items()
             if df[k] >= options.doc_min_df}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        tfidf.append({k: x / norm for k, x in w.items()})

    import numpy as np

    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a, b = tfidf[i], tfidf[j]
            if len(a) > len(b):
                a, b = b, a
            sim[i, j] = sim[j, i] = sum(x * b.get(k, 0.0) for k, x in a.items())
    groups = _agglomerate(sim, options.doc_threshold)
    # a short document left alone joins the story it is closest to when that is clearly one story
    big = [g for g in groups if len(g) > 1]
    out = list(big)
    for g in groups:
        if len(g) > 1:
            continue
        scores = [float(sim[g[0], h].mean()) for h in big]
        best = max(range(len(big)), key=scores.__getitem__, default=None)
        if best is not None and scores[best] > options.doc_attach:
            out[best] = out[best] + g
        else:
            out.append(g)
    return _reassign(out, sim, options.doc_rounds)


def _reassign(groups: list[list[int]], sim, rounds: int) -> list[list[int]]:  # noqa: ANN001
    """Move each document to the story it is on average most similar to (itself left out), a few
    rounds as in k-means: greedy merging fixes a document's story early, from its first partner, and
    a report that mentions the other story's names on the way can end up with the wrong one."""
    label = {d: gi for gi, g in enumerate(groups) for d in g}
    for _ in range(rounds):
        moved = False
        for d in sorted(label):
            here = label[d]
            scores = {}
            for gi in set(label.values()):
                others = [e for e in label if label[e] == gi and e != d]
                if others:
                    scores[gi] = float(sim[d, others].mean())
            if not scores or here not in scores:
                continue
            best = max(scores, key=scores.__getitem__)
            if best != here and scores[best] > scores[here]:
                label[d], moved = best, True
        if not moved:
            break
    out: dict[int, list[int]] = defaultdict(list)
    for d, gi in sorted(label.items()):
        out[gi].append(d)
    return list(out.values())


# --- events and entities -------------------------------------------------------------------------

#: Sets of event words that name the same kind of happening in news English (verbs, their
#: nominalisations and common near-synonyms). A word maps to every set it is listed in; a match
#: through a set scores below an identical predicate. General vocabulary, not corpus-specific.
EVENT_SYNONYMS: tuple[str, ...] = (
    "earthquake quake temblor tremor seism",
    "fire blaze inferno flame burn",
    "die death dead decease perish pass fatal fatality demise",
    "die death dead kill killing fatal fatality",
    "kill killing murder homicide slay slaying assassinate assassination execute massacre",
    "shoot shooting shot gunfire gunshot rampage fire gun",
    "hit strike struck",
    "attack assault strike raid ambush offensive",
    "bomb bombing blast explosion explode detonate",
    "injure injury wound hurt",
    "arrest detain detention apprehend capture nab custody",
    "charge accuse indict indictment allege",
    "convict conviction sentence sentencing jail imprison imprisonment",
    "find discover discovery uncover locate",
    "release issue unveil launch introduce debut",
    "place put",
    "announce announcement reveal disclose declare",
    "acquire acquisition buy purchase takeover merger",
    "deal agreement accord pact treaty contract",
    "talk talks negotiation negotiate discussion",
    "hire appoint appointment name tap pick choose select",
    "dismiss sack oust fire",
    "resign resignation quit leave depart departure step",
    "win victory triumph beat defeat lose loss",  # one game, told from either side
    "rob robbery heist burglary theft steal loot",
    "escape flee breakout abscond run",
    "enter admit admission check",
    "rehab rehabilitation treatment",
    "crash collision collide wreck accident",
    "foil thwart prevent avert stop",
    "erupt eruption",
    "damage cut sever break",
    "damage destroy devastate wreck ruin",
    "fix repair restore plug patch",
    "record mark milestone",
    "suicide hang",
    "flood flooding inundate",
    "protest demonstration rally march",
    "riot clash unrest violence",
    "elect election vote",
    "nominate nomination",
    "sign signing",
    "meet meeting summit",
    "visit trip tour",
    "outage disruption downtime",
    "storm hurricane cyclone typhoon",
    "sink capsize",
    "hijack hijacking seize seizure",
    "kidnap kidnapping abduct abduction",
    "evacuate evacuation",
    "spill leak",
)

#: Verbs of saying / reporting: two of them are the same event only if their speakers agree.
REPORTING = frozenset("say tell report add state note claim confirm according quote comment "
                      "describe explain insist write reveal announce".split())

#: argument types whose disagreement separates two events, and how much
ARG_WEIGHTS = {"TIM": 0.4, "LOC": 0.3, "HUM": 0.25, "NON": 0.15}


def _synonym_index() -> dict[str, frozenset[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for i, line in enumerate(EVENT_SYNONYMS):
        for w in line.split():
            index[w].add(i)
            index[stem(w)].add(i)
    return {k: frozenset(v) for k, v in index.items()}


_SYN = _synonym_index()


def _sets(m: Mention) -> frozenset[int]:
    return _SYN.get(m.head, frozenset()) | _SYN.get(m.stem, frozenset())


def _lexical(a: Mention, b: Mention, options: CorefOptions) -> float:
    if a.key == b.key:
        return 1.0
    if a.stem == b.stem and a.particle == b.particle:
        return 0.9
    if _sets(a) & _sets(b):
        return options.synonym_score
    return 0.0


def _words(values: set[str]) -> set[str]:
    return {w for v in values for w in re.findall(r"[a-z0-9]+", v) if w not in _ARG_STOP}


_ARG_STOP = frozenset("the a an of in on at to and this that his her its their s".split())


def _argument_score(a: Mention, b: Mention, chain_args: bool = True) -> float:
    """Positive when the two events share an argument, negative when both name one of a type and none agree."""
    total = 0.0
    for t, w in ARG_WEIGHTS.items():
        x, y = a.args.get(t, set()), b.args.get(t, set())
        if not (x or a.arg_chains.get(t)) or not (y or b.arg_chains.get(t)):
            continue
        if _words(x) & _words(y) or (chain_args and a.arg_chains.get(t, set()) & b.arg_chains.get(t, set())):
            total += w
        elif t in CONTRADICTING:
            total -= w
    return total


#: argument types whose disagreement is evidence of two events (a non-human participant, e.g. an
#: instrument, often varies between reports of one event; the agent or victim does not)
CONTRADICTING = frozenset({"TIM", "LOC", "HUM"})


def event_similarity(a: Mention, b: Mention, options: CorefOptions) -> float:
    """How likely two event mentions are one event: predicate identity, then arguments."""
    lex = _lexical(a, b, options)
    if lex == 0.0:
        return 0.0
    if a.head in REPORTING or b.head in REPORTING:
        lex -= options.reporting_penalty
    return lex + options.argument_weight * _argument_score(a, b, options.chain_args)


def cluster_events(mentions: Sequence[Mention], options: CorefOptions) -> list[list[Mention]]:
    """Event mentions grouped by average-link clustering over :func:`event_similarity`."""
    import numpy as np

    # an event referred to by a pronoun ("it", "this") is the closest preceding event of its document
    pronouns = {m.id: _antecedent(m, mentions) for m in mentions if m.pronoun}
    full = [m for m in mentions if m.id not in pronouns or pronouns[m.id] is None]
    n = len(full)
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            sim[i, j] = sim[j, i] = event_similarity(full[i], full[j], options)
    groups = [[full[i] for i in g] for g in _agglomerate(sim, options.event_threshold)] if n else []
    where = {m.id: g for g in groups for m in g}
    for m in mentions:
        ante = pronouns.get(m.id)
        if ante is not None:
            where[ante.id].append(m)
    return groups


def _antecedent(m: Mention, mentions: Sequence[Mention]) -> Mention | None:
    before = [o for o in mentions if o.doc == m.doc and o.start < m.start and not o.pronoun]
    return max(before, key=lambda o: o.start) if before else None


def _entity_key(m: Mention) -> tuple[str, str]:
    """Type and head of an entity mention; a name's head is stemmed ("Colts"/"Colt" as the tagger
    varies) as proper names carry no inflection that changes what they refer to."""
    return (m.type, m.head)


def _join_equated(groups: dict[tuple, list[Mention]]) -> dict[tuple, list[Mention]]:
    """Groups merged along the identity links of their mentions (union-find over group keys)."""
    keys = list(groups)
    parent = {k: k for k in keys}

    def find(k: tuple) -> tuple:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    owner = {m.id: k for k, g in groups.items() for m in g}
    for k, g in groups.items():
        for m in g:
            for other in m.same:
                if other in owner:
                    a, b = find(k), find(owner[other])
                    if a != b:
                        parent[a] = b
    out: dict[tuple, list[Mention]] = defaultdict(list)
    for k in keys:
        out[find(k)].extend(groups[k])
    return out


def cluster_entities(mentions: Sequence[Mention], options: CorefOptions) -> list[list[Mention]]:
    """Entity mentions grouped by :func:`_entity_key`; a pronoun joins the closest preceding mention
    of its type in its document."""
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    pronouns = []
    # a name means the same bearer in every document of the topic (the company, the team, the boxer
    # of both stories), so a head that is ever a name groups topic-wide; a description ("the
    # actress", "the facility") groups only within its story
    named = {_entity_key(m) for m in mentions if m.is_name and not m.pronoun} if options.names_topic_wide else set()
    for m in mentions:
        if m.pronoun:
            pronouns.append(m)
        else:
            k = _entity_key(m)
            groups[k if k in named else (*k, m.story)].append(m)
    groups = _join_equated(groups)
    where = {m.id: g for g in groups.values() for m in g}
    by_doc: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.pronoun:
            by_doc[m.doc].append(m)
    for p in sorted(pronouns, key=lambda m: (m.doc, m.start)):
        before = [o for o in by_doc[p.doc] if o.start < p.start and o.type == p.type
                  and p.sent - o.sent <= options.pronoun_window]
        if before:
            named = [o for o in before if o.is_name] if options.pronoun_prefers_names else []
            ante = max(named or before, key=lambda o: o.start)
            where[ante.id].append(p)
            where[p.id] = where[ante.id]
        else:
            groups[("pron", p.id)].append(p)
    return [g for g in groups.values() if g]
