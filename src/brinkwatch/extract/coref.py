"""Within-article actor coreference: simple, deterministic, salience-based.

Pronouns ("he", "she", "they", "it", "its", "their") and definite descriptions ("the
president", "the regime", "the administration") take the country (and, for people, the
identity) of a compatible actor mentioned before them, within a few sentences:

  * a person pronoun takes the last person; "it"/"its" the last country or organisation;
    "they"/"their" the last group, country or organisation.  "it" with no such antecedent is
    dropped (it is usually a thing); a person named inside a group ("Maduro's forces") is
    still an antecedent for "he".
  * a definite description first looks for an earlier mention with the same head noun
    ("the regime" after "the Caracas regime"; the strict-head-match sieve of rule-based
    coreference), then, for an office ("the president", "the prime minister"), the last person
    holding that office - preferring the article's own country (its dateline, or the country
    of an office holder named with a bare title, "President Trump": the writer's president) -
    then the last actor of the same sector.
  * a surname the NER finds alone, or with a title ("exiled candidate González"), joins the
    fully named person mentioned earlier ("Edmundo González Urrutia").

Resolved actors get ``method="coref"``.  No model is involved, so the result is reproducible
and explainable, and it runs in linear time over the article's mentions (times the window).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..model import Actor
from .extensions import doc_text
from .modality import ATTRIBUTION_VERBS

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKnowledge

#: How many sentences back an antecedent may be.
PRONOUN_WINDOW = 3
DESCRIPTION_WINDOW = 6
PERSON_PRONOUNS = frozenset({"he", "she", "him", "his"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
#: Verbs whose "it" subject is expletive or a thing ("it is time", "it means ...").
EXPLETIVE_HEADS = frozenset({
    "be", "seem", "appear", "mean", "remain", "look", "happen", "matter", "take", "rain", "feel",
    "sound", "become", "get", "go", "cost", "help", "make", "show", "turn", "work",
})
#: Predicate adjectives of a will or a capacity: their "it" subject is an actor, never
#: expletive ("Syria says it is willing to ...", "the ministry said it was ready to ...").
AGENTIVE_ADJECTIVES = frozenset({
    "willing", "unwilling", "prepared", "ready", "determined", "eager", "keen", "reluctant", "able",
    "unable", "committed", "opposed", "resolved", "poised", "intent",
})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Singular titles that name one office holder: "the president" prefers a person antecedent.
PERSON_TITLES = frozenset({
    "president", "minister", "leader", "premier", "chancellor", "king", "queen", "emir", "prince",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "general", "commander",
    "governor", "mayor", "dictator", "strongman", "ruler", "senator", "judge", "prosecutor", "pope",
})


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return numbers
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            numbers[i] = n
    return numbers


def _copy_from(target: Actor, source: Actor, *, keep_sector: bool) -> None:
    target.country = source.country
    if keep_sector and target.sector is None:
        target.sector = source.sector
    if not keep_sector:
        target.sector = source.sector
        target.name = source.name
        target.role = source.role
        target.knowledge_id = source.knowledge_id
    target.method = "coref"


def _is_definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE | {"its", "their"} for c in head.lefts)


def resolve_coreference(doc: Doc, actors: list[tuple[Token, Actor]], kb: ActorKnowledge, sectors) -> None:  # noqa: ANN001
    """Resolve pronouns, bare surnames and definite descriptions in place (``actors`` is
    a text-ordered list of (head token, actor); pronoun actors are added to it)."""
    sent_of = _sentence_numbers(doc)
    taken: set[int] = set()
    for _, a in actors:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is not None:
            taken.update(range(span.start, span.end))
    for t in doc:
        if t.i in taken or t.tag_ not in ("PRP", "PRP$"):
            continue
        low = t.lower_
        if low == "it" and (t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj")
                            or t.head.lemma_ in EXPLETIVE_HEADS and not _agentive(t.head)):
            continue  # "it is time", "it means": no actor
        if low in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS or low == "her":
            actors.append((t, Actor(text=t.text, start=t.idx, end=t.idx + len(t.text), kind="pronoun")))
    actors.sort(key=lambda pair: pair[1].start)

    home = home_country(doc, [a for _, a in actors])
    dct = doc._.bw_dct if Doc.has_extension("bw_dct") else None
    history: list[tuple[int, Actor]] = []  # (sentence number, actor) of resolved mentions
    by_token = {h.i: a for h, a in actors}
    for head, actor in actors:
        sent = sent_of[head.i]
        if actor.kind == "pronoun":
            speaker = _speaker(head, by_token)
            if speaker is not None and speaker.start < actor.start:
                _resolve_pronoun(actor, [(sent, speaker)], sent)
            if not actor.country:
                _resolve_pronoun(actor, history, sent)
        elif actor.kind == "person" and actor.method in ("ner", "title") and not actor.knowledge_id:
            _resolve_surname(actor, history, sectors)
        elif actor.kind == "description" and not actor.country and _is_definite(head):
            _resolve_description(head, actor, history, sent, home)
        if actor.country or actor.kind == "person":
            history.append((sent, actor))
        inner = _person_inside(actor, kb, dct)
        if inner is not None:
            history.append((sent, inner))
    actors[:] = [(h, a) for h, a in actors if not (a.kind == "pronoun" and a.text.lower() in THING_PRONOUNS
                                                   and not a.country)]


def _speaker(pron: Token, by_token: dict[int, Actor]) -> Actor | None:
    """The speaker a reported clause's pronoun subject means: "X said *they* would ...",
    "X rejected the plan and said *it* opposed ..." (the subject of the saying verb, or of the
    verb a subjectless saying verb is coordinated with)."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.head.dep_ != "ccomp":
        return None
    verb = pron.head.head
    if verb.lemma_.lower() not in ATTRIBUTION_VERBS:
        return None
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return by_token.get(subj.i) or next(
                (a for i, a in by_token.items() if subj.i == i or a.start <= subj.idx < a.end), None)
        if verb.dep_ != "conj":
            return None
        verb = verb.head
    return None


def _agentive(verb: Token) -> bool:
    """ "is willing to", "was ready to": a copula whose predicate is a will or a capacity."""
    return any(c.dep_ == "acomp" and c.lower_ in AGENTIVE_ADJECTIVES for c in verb.children)


def _resolve_pronoun(actor: Actor, history: list[tuple[int, Actor]], sent: int) -> None:
    low = actor.text.lower()
    want_person = low in PERSON_PRONOUNS or low == "her"
    window = 1 if low in THING_PRONOUNS else PRONOUN_WINDOW
    for s, cand in reversed(history):
        if sent - s > window:
            break
        if cand.kind == "pronoun" and (not cand.country or (not want_person and cand.role)):
            continue
        if want_person:
            if cand.kind == "person":
                _copy_from(actor, cand, keep_sector=False)
                break
            continue
        if low in THING_PRONOUNS and not (
            cand.kind in ("country", "organisation")
            or (cand.kind == "group" and cand.sector and not cand.text.lower().endswith("s"))
        ):
            continue  # "it": a state or a body ("the Venezuelan government"), not people
        if cand.kind != "person" and cand.country:
            _copy_from(actor, cand, keep_sector=False)
            actor.kind = "pronoun"
            break


def _name_words(actor: Actor, sectors) -> set[str]:  # noqa: ANN001
    """The capitalised words of a mention that are not titles ("exiled candidate González")."""
    out = set()
    for w in actor.text.replace("'s", "").replace("\u2019s", "").split():
        if w[:1].isupper() and not sectors.table.get(w.lower()) and w.lower() not in PERSON_TITLES:
            out.add(w)
    return out


def _resolve_surname(actor: Actor, history: list[tuple[int, Actor]], sectors) -> None:  # noqa: ANN001
    words = _name_words(actor, sectors)
    if not words:
        return
    for _, cand in reversed(history):
        if cand.kind == "person" and cand.country and words <= set((cand.name or cand.text).split()) | set(
            cand.text.split()
        ):
            former = actor.sector == "ELI"
            _copy_from(actor, cand, keep_sector=False)
            if former:
                actor.sector = "ELI"
            return


def _person_inside(actor: Actor, kb: ActorKnowledge, dct: str | None) -> Actor | None:
    """The known person named inside a group mention ("Maduro's forces"), as an antecedent."""
    if actor.kind != "group" or actor.knowledge_id not in kb.people:
        return None
    p = kb.people[actor.knowledge_id]
    role, current = p.role_at(dct)
    return Actor(text=p.name, start=actor.start, end=actor.end, name=p.name, kind="person",
                 country=role.country if role else actor.country,
                 sector=(role.sector if current else "ELI") if role else None,
                 role=role.title if role else None, knowledge_id=p.id, method="knowledge")


def home_country(doc: Doc, actors: list[Actor]) -> str | None:
    """The article's own country: its dateline's ("CARACAS, Venezuela -"), else that of the
    first office holder it names with a bare title ("President Trump", the writer's own)."""
    text = doc_text(doc)
    for a in actors:
        if a.start > 60:
            break
        if a.kind in ("country", "place") and a.country and not any(c.islower() for c in text[: a.start]):
            tail = text[a.end : a.end + 45]
            if any(d in tail for d in ("\u2013", "\u2014", " - ", "--", "(")):
                return a.country
    for a in actors:
        if a.kind == "person" and a.method == "knowledge" and a.country and a.text != a.name:
            first = a.text.split()[0].lower().rstrip(".")
            if first in PERSON_TITLES or first in ("pres", "gen", "adm", "prime", "vice", "foreign", "defense"):
                return a.country
    return None


def _holds(cand: Actor, title: str) -> bool:
    """Whether a person's role is the office ``title`` ("President of Venezuela" holds
    "president"; "opposition presidential candidate", "Vice President" and "former President"
    do not hold "president"; "Defense Minister" holds "defense minister" and "minister")."""
    if cand.kind != "person" or not cand.role or cand.sector == "ELI":
        return False
    office = cand.role.lower().split(" of ")[0].replace("-", " ").split()
    words = title.split()
    if office[-len(words):] != words:
        return False
    return len(words) > 1 or len(office) == 1 or office[-2] not in ("vice", "deputy", "assistant", "acting")


def _resolve_description(
    head: Token, actor: Actor, history: list[tuple[int, Actor]], sent: int, home: str | None = None
) -> None:
    """ "the regime" -> the last "... regime"; "the president" -> the article's or the last
    president named; otherwise the last actor of the same sector."""
    lemma = head.lemma_.lower()
    recent = [c for s, c in reversed(history) if sent - s <= DESCRIPTION_WINDOW and c.country]
    earlier = [c for _, c in reversed(history) if c.country]
    for cand in earlier:  # strict head match, article-wide: "the regime" after "the Caracas regime"
        if cand.kind in ("group", "description") and cand.method != "coref" and cand.text.split()[-1].lower() in (
            lemma, head.lower_
        ):
            _copy_from(actor, cand, keep_sector=True)
            return
    if lemma in PERSON_TITLES and head.tag_ in ("NN", "NNP"):
        title = " ".join(w.lemma_.lower() for w in head.lefts if w.dep_ in ("compound", "amod") and w.i < head.i)
        title = f"{title} {lemma}".strip()
        holders = [c for c in recent if _holds(c, title)]
        if home:
            everyone = [c for _, c in reversed(history) if _holds(c, title) and c.country == home]
            holders = everyone[:1] + holders
        if holders:
            _copy_from(actor, holders[0], keep_sector=False)
            actor.kind = "person"
            return
    for cand in recent:
        if cand.sector == actor.sector and cand.kind != "pronoun":
            _copy_from(actor, cand, keep_sector=True)
            return
    if actor.sector in ("GOV", "MIL", "COP", "LEG", "JUD", "SPY"):
        for cand in recent:
            if cand.kind in ("country", "person", "group") and cand.country not in ("IGO", "NGO", "IMG"):
                _copy_from(actor, cand, keep_sector=True)
                return
