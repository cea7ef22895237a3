"""Modality of an event mention: did it happen according to the text, and says who?

DESIGN.md's modalities: ``asserted`` (the text says it happened), ``reported`` (it happened
according to someone: "X said that ...", "according to ...", "reportedly"; the speaker goes
in ``attributed_to``), and for acts that did not (yet) happen ``negated`` ("did not",
"denied", "refused to"), ``hypothetical`` ("if ...", "could", "would"), ``future`` ("will",
"plans to", "is expected to"), ``threatened`` (the object of threaten/warn), ``demanded``
(the object of demand/urge/call for) and ``offered`` (the object of offer/propose).

The decision walks the dependency path from the event's predicate up to the sentence root:
the nearest non-factual cue decides the modality, and the nearest verb of saying (or
"according to") above it gives the speaker. So "officials said the army would withdraw"
is a future withdrawal attributed to officials, and "X said rebels attacked" is a reported
attack.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

ATTRIBUTION_VERBS = frozenset({
    "say", "tell", "report", "claim", "state", "add", "announce", "note", "confirm", "allege", "insist",
    "assert", "declare", "explain", "write", "tweet", "post", "quote", "stress", "suggest", "believe",
    "think", "acknowledge", "reiterate", "conclude", "argue", "disclose", "reveal", "indicate", "accord",
    "maintain", "contend", "testify", "recount", "describe",
})
REPORT_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "apparently", "supposedly", "reputedly"})
NEGATING_GOVERNORS = frozenset({"deny", "refuse", "fail", "decline", "avoid", "refrain", "reject", "abandon", "cancel"})
FUTURE_GOVERNORS = frozenset({
    "plan", "intend", "expect", "prepare", "aim", "schedule", "go", "set", "hope", "want", "wish", "seek",
    "decide", "agree", "promise", "pledge", "vow", "swear", "commit", "resolve", "mean", "scheduled", "due", "poise",
    "ready", "willing", "prepared", "likely", "about",
})
#: Verbs that commit to an act whose infinitive a parser may take for a purpose clause ("have sworn
#: to fight"); not motion verbs ("went to the streets to protest" is a protest that happened).
COMMISSIVES = frozenset({"promise", "pledge", "vow", "swear", "plan", "intend", "prepare", "decide", "agree",
                         "commit", "resolve", "threaten", "refuse", "expect", "aim"})
#: Verbs that name what an act is meant to make possible; as its purpose ("resigned to allow
#: elections") they state an aim, not a concession that happened.
ENABLING_VERBS = frozenset({"allow", "enable", "permit", "facilitate", "ensure", "pave"})
HYPOTHETICAL_GOVERNORS = frozenset({"consider", "mull", "weigh", "contemplate", "debate"})
THREAT_GOVERNORS = frozenset({"threaten", "warn", "threat"})
DEMAND_GOVERNORS = frozenset({
    "demand", "urge", "call", "ask", "request", "appeal", "order", "tell", "press", "push", "insist",
    "implore", "beg", "plead", "exhort", "instruct", "command", "pressure", "seek",
})
OFFER_GOVERNORS = frozenset({"offer", "propose"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "'d", "can", "must", "ought"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "none", "noone", "nothing", "neither"})


@dataclass(slots=True)
class ModalityResult:
    modality: str = "asserted"
    attributed_to: str | None = None
    cue: str | None = None  # the word that decided it, for the rule trace
    cue_i: int = -1  # token index of that word (-1: none)
    by_trigger: bool = False  # decided by another coded trigger (urge, threaten, refuse ...)


def _span_text(tok: Token) -> str:
    """The phrase headed by ``tok`` without its relative clauses, appositions or trailing punctuation."""
    cut: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos", "advcl", "parataxis"):
            cut.update(t.i for t in c.subtree)
    words = [t for t in tok.subtree if t.i not in cut]
    block = [words[0]] if words else [tok]
    for t in words[1:]:
        if t.i != block[-1].i + 1:
            break
        block.append(t)
    while len(block) > 1 and (block[-1].is_punct or block[-1].dep_ == "cc"):
        block.pop()
    while len(block) > 1 and block[0].is_punct:
        block.pop(0)
    return tok.doc[block[0].i: block[-1].i + 1].text


def speaker_of(verb: Token) -> str | None:
    """The subject of a verb of saying ("officials said" -> "officials"), None for "it was reported"."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "there"):
            return _span_text(c)
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agent:
        return _span_text(agent[0])
    return None


def according_to(sent: Span) -> str | None:
    """The source of "according to X" in the sentence, if any."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [g for g in tok.doc[tok.i + 1].children if g.dep_ == "pobj"]
            if not objs:
                objs = [g for g in tok.children if g.dep_ == "pobj"] + [
                    g for c in tok.children for g in c.children if g.dep_ == "pobj"
                ]
            if objs:
                return _span_text(objs[0])
    return None


def _local_cue(tok: Token, under_speech: bool) -> tuple[str, Token] | None:
    """Negation, tense or mood marked on the predicate itself."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
            return "negated", c
        if c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return "negated", c
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NEGATIVE_PRONOUNS:
            return "negated", c  # "nobody talked to them"
        if c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children):
            return "negated", c  # "received no response"
    for c in tok.children:
        if c.dep_ == "aux":
            low = c.lower_
            if low in FUTURE_AUX or c.lemma_.lower() in FUTURE_AUX:
                return "future", c
            if low in HYPOTHETICAL_AUX:
                if low in ("would", "'d") and under_speech:
                    return "future", c  # reported "would": the future of the past
                if low in ("can", "must", "should", "ought"):
                    continue
                return "hypothetical", c
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS and tok.dep_ in ("advcl", "ccomp"):
            return "hypothetical", c
    if tok.lemma_.lower() in ENABLING_VERBS and tok.tag_ == "VB" and (
            tok.dep_ in ("advcl", "acl") or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in NEGATING_GOVERNORS)):
        to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return "future", to  # "opened the bridge to allow deliveries": what the act is meant to allow
    return None


def _under_speech(tok: Token) -> bool:
    return any(a.lemma_.lower() in ATTRIBUTION_VERBS for a in tok.ancestors)


def _governed(rel: str, head: Token, cur: Token, embeds: dict[int, str]) -> tuple[str, bool] | None:
    """What a governing word does to the act below it: (modality, decided-by-a-trigger)."""
    hl = head.lemma_.lower()
    if rel == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cur.children) \
            and (head.i in embeds or hl in COMMISSIVES | THREAT_GOVERNORS | NEGATING_GOVERNORS):
        rel = "xcomp"  # "have sworn to fight" parsed as a purpose clause: the infinitive is sworn's complement
    if head.i in embeds and rel != "advcl":
        return embeds[head.i], True
    if rel == "advcl":
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children):
            return "hypothetical", False
        return None
    if rel not in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "acomp"):
        return None
    if hl in NEGATING_GOVERNORS:
        return "negated", False
    if hl in THREAT_GOVERNORS:
        return "threatened", False
    if hl in OFFER_GOVERNORS:
        return "offered", False
    if hl in DEMAND_GOVERNORS and (rel != "ccomp" or hl in ("demand", "urge", "insist") or any(
        c.dep_ == "aux" and c.lower_ in ("should", "must") for c in cur.children
    )):
        return "demanded", False
    if hl in FUTURE_GOVERNORS and (rel in ("xcomp", "pcomp", "prep", "pobj", "acomp") or hl in ("plan", "prepare", "schedule")):
        return "future", False
    if hl in HYPOTHETICAL_GOVERNORS:
        return "hypothetical", False
    return None


def modality_of(trigger: Token, anchor: Token | None = None, embeds: dict[int, str] | None = None) -> ModalityResult:
    """Modality of the event triggered by ``trigger`` whose clause predicate is ``anchor``.

    ``anchor`` is the trigger itself for verbs, and the light verb for event nouns ("held talks").
    ``embeds`` maps token indices of other triggers to the modality they impose on the act they
    govern (urge -> demanded, threaten -> threatened, refuse -> negated, offer -> offered), so the
    lexicon decides that rather than a second word list here.
    """
    anchor = anchor or trigger
    embeds = embeds or {}
    result = ModalityResult()
    generic = _generic_cue(trigger, anchor)
    if generic is not None:  # a question or an act named as a topic states nothing that happened
        result.modality, result.cue, result.cue_i = "hypothetical", generic.text, generic.i
        return result
    speech = _under_speech(anchor)
    cue = _local_cue(anchor, speech) if anchor.i not in embeds or anchor.i == trigger.i else None
    if cue:
        result.modality, result.cue, result.cue_i = cue[0], cue[1].text, cue[1].i
    cur = trigger
    for _ in range(16):
        if cur.dep_ == "ROOT" or cur.head.i == cur.i:
            break
        rel, head = cur.dep_, cur.head
        # a governor on the way up decides even when the whole is reported speech: "officials said
        # the rebels have sworn to fight" reports a vow; the fight is future
        if result.modality == "asserted" or (result.modality == "reported" and rel != "conj"):
            if rel == "conj":
                hc = _local_cue(head, speech)
                if hc:
                    result.modality, result.cue, result.cue_i = hc[0], hc[1].text, hc[1].i
            else:
                found = _governed(rel, head, cur, embeds)
                if found is None and rel == "xcomp" and head.pos_ in ("VERB", "AUX", "ADJ"):
                    hc = _local_cue(head, speech)
                    if hc:
                        found = (hc[0], False)
                if found:
                    result.modality, result.cue, result.cue_i, result.by_trigger = found[0], head.text, head.i, found[1]
        hl = head.lemma_.lower()
        if result.attributed_to is None and hl in ATTRIBUTION_VERBS and head.i not in embeds \
                and rel in ("ccomp", "parataxis", "conj", "xcomp", "advcl") and not (rel == "conj" and hl != "say"):
            result.attributed_to = speaker_of(head)
            if result.modality == "asserted":
                result.modality, result.cue, result.cue_i = "reported", head.text, head.i
        cur = head
    root = trigger.sent.root
    if result.attributed_to is None and root.i not in (trigger.i, anchor.i) and root.i not in embeds \
            and root.lemma_.lower() in ATTRIBUTION_VERBS and not _is_subject_part(trigger, root):
        result.attributed_to = speaker_of(root)
        if result.modality == "asserted":
            result.modality, result.cue, result.cue_i = "reported", root.text, root.i
    if result.modality in ("asserted", "reported"):
        src = according_to(trigger.sent)
        if src:
            result.attributed_to = result.attributed_to or src
            result.modality, result.cue = "reported", "according to"
        elif result.modality == "asserted":
            for t in [trigger, *trigger.ancestors]:
                adv = [c for c in t.children if c.lower_ in REPORT_ADVERBS]
                if adv:
                    result.modality, result.cue, result.cue_i = "reported", adv[0].text, adv[0].i
                    break
    return result


def _generic_cue(trigger: Token, anchor: Token) -> Token | None:
    """The token showing that the act is not asserted at all: the question mark of a question
    ("could any president grant immunity?"), or a gerund used as a subject ("offering amnesty
    becomes impossible")."""
    sent = trigger.sent
    last = sent[-1] if len(sent) else None
    while last is not None and last.is_punct and last.text in ('"', "'", "\u201d", "\u2019", ")") and last.i > sent.start:
        last = last.doc[last.i - 1]
    if last is not None and last.text == "?":
        return last
    for tok in (anchor, trigger):
        if tok.tag_ == "VBG" and tok.dep_ in ("csubj", "csubjpass", "nsubj", "nsubjpass"):
            return tok
    return None


def _is_subject_part(tok: Token, root: Token) -> bool:
    """True when ``tok`` sits inside the subject of ``root`` ("the attack's victims said ...")."""
    return any(a.dep_ in ("nsubj", "nsubjpass") and a.head.i == root.i for a in [tok, *tok.ancestors])
