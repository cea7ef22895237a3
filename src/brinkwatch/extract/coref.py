"""Within-article actor coreference: simple, deterministic, salience-based.

Pronouns ("he", "she", "they") and definite descriptions ("the president", "the regime",
"the administration") take the country (and, for people, the identity) of the most recent
compatible actor mentioned before them, within a few sentences.  A bare surname the NER
finds ("Padrino") joins the fully named person mentioned earlier ("Vladimir Padrino López").
Resolved actors get ``method="coref"``.  No model is involved, so the result is reproducible
and explainable, and it runs in linear time over the article's mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..model import Actor

if TYPE_CHECKING:
    from ..knowledge.actors import ActorKnowledge

#: How many sentences back an antecedent may be.
PRONOUN_WINDOW = 3
DESCRIPTION_WINDOW = 6
PERSON_PRONOUNS = frozenset({"he", "she", "him"})
GROUP_PRONOUNS = frozenset({"they", "them"})
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
        if t.i in taken or t.tag_ != "PRP":
            continue
        low = t.lower_
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or (low == "her" and t.dep_ not in ("poss",)):
            actors.append((t, Actor(text=t.text, start=t.idx, end=t.idx + len(t.text), kind="pronoun")))
    actors.sort(key=lambda pair: pair[1].start)

    history: list[tuple[int, Actor]] = []  # (sentence number, actor) of resolved mentions
    for head, actor in actors:
        sent = sent_of[head.i]
        if actor.kind == "pronoun":
            low = actor.text.lower()
            want_person = low in PERSON_PRONOUNS or low == "her"
            for s, cand in reversed(history):
                if sent - s > PRONOUN_WINDOW:
                    break
                if want_person and cand.kind == "person":
                    _copy_from(actor, cand, keep_sector=False)
                    break
                if not want_person and cand.kind != "person" and cand.country:
                    _copy_from(actor, cand, keep_sector=False)
                    actor.kind = "pronoun"
                    break
        elif actor.kind == "person" and actor.method == "ner" and not actor.country:
            words = set(actor.text.replace("'s", "").split())
            for _, cand in reversed(history):
                if cand.kind == "person" and cand.country and words <= set((cand.name or cand.text).split()) | set(
                    cand.text.split()
                ):
                    _copy_from(actor, cand, keep_sector=False)
                    break
        elif actor.kind == "description" and not actor.country and _is_definite(head):
            _resolve_description(head, actor, history, sent)
        if actor.country or actor.kind == "person":
            history.append((sent, actor))


def _resolve_description(head: Token, actor: Actor, history: list[tuple[int, Actor]], sent: int) -> None:
    """ "the president" -> the last president named; "the regime" -> the last government's country."""
    lemma = head.lemma_.lower()
    recent = [c for s, c in reversed(history) if sent - s <= DESCRIPTION_WINDOW and c.country]
    if lemma in PERSON_TITLES and head.tag_ in ("NN", "NNP"):
        for cand in recent:
            if cand.kind == "person" and cand.role and lemma in cand.role.lower():
                _copy_from(actor, cand, keep_sector=False)
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
