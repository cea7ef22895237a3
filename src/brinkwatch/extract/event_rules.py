"""Trigger patterns for the event coder: which word, in which dependency frame, is which CAMEO event.

The patterns are data (``ontology/data/event_patterns.json``); this module parses them and
matches them against a parsed token. A pattern fires on a trigger lemma when its frame
conditions hold (a particle, a preposition, an object from a word list, an infinitival
complement ...). When several fire on one token the most specific wins, so "impose
sanctions" beats a bare "impose", and "call on ... to" beats "call".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from ..errors import KnowledgeFileError
from ..ontology.loader import acled_trigger_patterns

OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "dative"})
SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod"})
#: Conditions understood in a pattern's "requires" object.
KNOWN_REQUIRES = frozenset({
    "xcomp", "xcomp_or_ccomp", "xcomp_or_dobj", "oprd_or_xcomp", "acomp", "pobj", "pobj_any", "pobj_gpe",
    "no_dobj", "subj_plural", "agent_or_subj", "active", "fire_obj", "oprd_lemma", "pobj_actor", "anchor_lemma",
    "imperative_comp",
})
#: Entity types that name a party (for "pobj_actor": "agreed with *Tokyo*", not "with strings attached").
PARTY_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger pattern (see the module docstring and event_patterns.json)."""

    id: str
    lemmas: frozenset[str]
    pos: str  # VERB, NOUN or ADJ
    cameo: str
    prt: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    not_prep: frozenset[str] = frozenset()
    not_prep_obj: frozenset[str] = frozenset()
    compound: frozenset[str] = frozenset()
    not_compound: frozenset[str] = frozenset()
    any_of: tuple[str, ...] = ()
    requires: dict[str, Any] = field(default_factory=dict)
    refine: str | None = None
    embed: str | None = None  # modality of the governed act: demanded, threatened, offered, negated, future
    commit: bool = False  # promise/vow: AGREE or THREATEN depending on what is promised
    light_only: bool = False
    plover: str | None = None  # the manual's own type where CAMEO has no code for it
    mode: str | None = None

    @property
    def specificity(self) -> int:
        return (
            len(self.requires) + bool(self.obj) + bool(self.compound) + (bool(self.prt) or bool(self.prep))
        )


@dataclass(frozen=True, slots=True)
class Lexicon:
    patterns_by_lemma: dict[str, tuple[Pattern, ...]]
    refine: dict[str, tuple[tuple[frozenset[str], str], ...]]
    anchors: dict[str, Any]
    trigger_pos: frozenset[str] = frozenset()  # every part of speech some pattern fires on
    # answers remembered: they depend on the word alone (see candidates) or on the lexicon alone
    _candidates: dict[tuple[str, str, str], tuple[Pattern, ...]] = field(default_factory=dict, compare=False, repr=False)
    _anchor_sets: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def anchor_set(self, name: str) -> frozenset[str]:
        got = self._anchor_sets.get(name)
        if got is None:
            got = self._anchor_sets[name] = frozenset(self.anchors.get(name, ()))
        return got

    def candidates(self, tok: Token) -> tuple[Pattern, ...]:
        """The patterns whose lemma one of the token's lemma forms is (most specific first); ``()`` if none.
        lemma_forms reads only the token's text, lemma and part of speech, so the answer is kept per
        such triple (the memory is emptied when it holds 65,536)."""
        key = (tok.lower_, tok.lemma_, tok.pos_)
        got = self._candidates.get(key)
        if got is None:
            if len(self._candidates) >= 1 << 16:
                self._candidates.clear()
            got = next((self.patterns_by_lemma[f] for f in lemma_forms(tok) if f in self.patterns_by_lemma), ())
            self._candidates[key] = got
        return got


def _fs(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in raw.get(key, ()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon, parsed once per process."""
    text = resources.files("brinkwatch.ontology").joinpath("data", "event_patterns.json").read_text("utf-8")
    data = json.loads(text)
    data["patterns"] = [*data["patterns"], *acled_trigger_patterns()]
    by_lemma: dict[str, list[Pattern]] = {}
    for raw in data["patterns"]:
        unknown = set(raw.get("requires", {})) - KNOWN_REQUIRES
        if unknown:
            raise KnowledgeFileError(
                f"event_patterns.json: pattern {raw['id']!r} uses unknown conditions {sorted(unknown)}.",
                hint=f"Use only: {', '.join(sorted(KNOWN_REQUIRES))}.",
            )
        pat = Pattern(
            id=raw["id"], lemmas=_fs(raw, "lemmas"), pos=raw.get("pos", "VERB"), cameo=raw["cameo"],
            prt=_fs(raw, "prt"), prep=_fs(raw, "prep"), obj=_fs(raw, "obj"), not_obj=_fs(raw, "not_obj"),
            not_prep=_fs(raw, "not_prep"), not_prep_obj=_fs(raw, "not_prep_obj"), compound=_fs(raw, "compound"),
            not_compound=_fs(raw, "not_compound"), any_of=tuple(raw.get("any_of", ())),
            requires=dict(raw.get("requires", {})), refine=raw.get("refine"), embed=raw.get("embed"),
            commit=bool(raw.get("commit")), light_only=bool(raw.get("light_only")),
            plover=raw.get("plover"), mode=raw.get("mode"),
        )
        for lemma in pat.lemmas:
            by_lemma.setdefault(lemma, []).append(pat)
    refine = {
        name: tuple((frozenset(w.lower() for w in r["words"]), r["cameo"]) for r in rules)
        for name, rules in data.get("refine", {}).items()
    }
    return Lexicon(
        patterns_by_lemma={k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in by_lemma.items()},
        refine=refine,
        anchors=data.get("anchors", {}),
        trigger_pos=frozenset(p for pats in by_lemma.values() for pat in pats for p in _POS.get(pat.pos, (pat.pos,))),
    )


# --- dependency helpers ---------------------------------------------------------------------------
def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def lemma_forms(tok: Token) -> tuple[str, ...]:
    """The lemma plus the stems a regular inflection gives, because the small model's lemmatizer
    sometimes errs on news verbs ("staged" -> "stag"); a wrong lemma must not hide a trigger."""
    low = tok.lower_
    forms = [lemma(tok), low]
    if tok.pos_ in ("VERB", "AUX"):
        for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("es", ""), ("s", ""), ("d", "")):
            if low.endswith(suffix) and len(low) - len(suffix) >= 3:
                forms.append(low[: len(low) - len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))


def objects(tok: Token) -> list[Token]:
    """Object heads of a predicate: direct objects, passive subjects, and objects of its prepositions."""
    out = [c for c in tok.children if c.dep_ in OBJ_DEPS]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children):
        out.append(tok.head)  # "shells fired by the militia": the noun is the participle's object
    for c in tok.children:
        if c.dep_ == "prep":
            out.extend(g for g in c.children if g.dep_ == "pobj")
    for o in list(out):
        out.extend(c for c in o.children if c.dep_ == "conj")
    return out


def direct_objects(tok: Token) -> list[Token]:
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for o in list(out):
        out.extend(c for c in o.children if c.dep_ == "conj")
    return out


#: Heads that only measure out their of-complement: "suspended part of a military aid program"
#: suspends aid.
PARTITIVES = frozenset({"part", "some", "all", "much", "most", "portion", "half", "share", "bulk", "rest",
                        "remainder"})


def word_bag(toks: list[Token]) -> set[str]:
    """Lemmas and lower-cased forms of object heads plus their modifiers and of-complements (with
    the complement's own modifiers when the head is partitive)."""
    bag: set[str] = set()
    for t in toks:
        bag.update((lemma(t), t.lower_))
        for c in t.children:
            if c.dep_ in ("compound", "amod", "nmod", "nummod"):
                bag.update((lemma(c), c.lower_))
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    bag.add(lemma(g))
                    if lemma(t) in PARTITIVES:
                        bag.update(lemma(m) for m in g.children if m.dep_ in ("compound", "amod", "nmod"))
    return bag


def particles(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in PARTICLE_DEPS}


def preps(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "prep"}


def pobjs(tok: Token, prep_words: frozenset[str] | None = None) -> list[Token]:
    return [
        g for c in tok.children if c.dep_ == "prep" and (prep_words is None or c.lower_ in prep_words)
        for g in c.children if g.dep_ == "pobj"
    ]


def complement(tok: Token) -> Token | None:
    """The clause a control/report verb governs (urge X *to leave*; said *it would ...*)."""
    for dep in ("xcomp", "ccomp"):
        for c in tok.children:
            if c.dep_ == dep:
                return c
    return None


# --- matching ---------------------------------------------------------------------------------------
def _requires_ok(pat: Pattern, tok: Token) -> bool:
    for key, want in pat.requires.items():
        deps = {c.dep_ for c in tok.children}
        if key == "xcomp" and "xcomp" not in deps:
            return False
        if key == "xcomp_or_ccomp" and not deps & {"xcomp", "ccomp"}:
            return False
        if key == "xcomp_or_dobj" and not deps & {"xcomp", "dobj", "ccomp"}:
            return False
        if key == "oprd_or_xcomp" and not deps & {"oprd", "xcomp"} and not any(
            c.dep_ == "prep" and c.lower_ == "as" for c in tok.children
        ):
            return False
        if key == "acomp" and not any(c.dep_ in ("acomp", "oprd") and lemma(c) in want for c in tok.children):
            return False
        if key == "pobj" and not any(lemma(g) in want or g.lower_ in want for g in pobjs(tok)):
            return False
        if key == "pobj_any" and not pobjs(tok):
            return False
        if key == "imperative_comp" and not (deps & {"dobj", "dative"} and any(
            c.dep_ in ("ccomp", "parataxis") and c.tag_ == "VB" and c.i > tok.i
            and not any(g.dep_ in ("aux", "mark", "nsubjpass") or (g.dep_ == "nsubj" and g.pos_ == "PRON")
                        for g in c.children)
            for c in tok.children
        )):
            # "told Maduro: get out now" - an order in the imperative to the addressee (a bare VB
            # cannot be the finite verb of a noun subject, so a parsed noun "subject" is a fragment)
            return False
        if key == "pobj_actor" and not any(
            g.ent_type_ in PARTY_ENTS or g.pos_ in ("PROPN", "PRON") or g.tag_ == "NNS"
            for g in pobjs(tok, frozenset(pat.prep) if pat.prep else None)
        ):
            return False
        if key == "pobj_gpe" and not any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in pobjs(tok)):
            return False
        if key == "no_dobj" and "dobj" in deps:
            return False
        if key == "subj_plural" and not any(
            c.dep_ in SUBJ_DEPS and (c.tag_ in ("NNS", "NNPS") or any(g.dep_ == "conj" for g in c.children))
            for c in tok.children
        ):
            return False
        if key == "agent_or_subj" and not deps & {"agent", "nsubj"}:
            return False
        if key == "active" and deps & {"nsubjpass", "auxpass"}:
            return False
        if key == "fire_obj" and not (
            any(lemma(o) == "fire" for o in pobjs(tok)) or any(lemma(o) == "fire" for o in direct_objects(tok))
        ):
            return False
        if key == "oprd_lemma" and not any(
            lemma(c) in want for c in tok.subtree if c.dep_ in ("oprd", "pobj", "attr", "dobj", "npadvmod", "advmod")
        ):
            return False
    return True


def _frame_ok(pat: Pattern, tok: Token) -> bool:
    objs = word_bag(objects(tok)) if (pat.obj or pat.not_obj) else set()
    checks = {
        "prt": (lambda: bool(particles(tok) & pat.prt)) if pat.prt else None,
        "prep": (lambda: bool(preps(tok) & pat.prep)) if pat.prep else None,
        "obj": (lambda: bool(objs & pat.obj)) if pat.obj else None,
        "xcomp": lambda: any(c.dep_ == "xcomp" for c in tok.children),
        "oprd": lambda: any(c.dep_ == "oprd" for c in tok.children),
    }
    if pat.any_of:
        if not any((checks.get(k) or (lambda: False))() for k in pat.any_of):
            return False
        rest = [k for k in ("prt", "prep", "obj") if k not in pat.any_of and checks[k] is not None]
    else:
        rest = [k for k in ("prt", "prep", "obj") if checks[k] is not None]
    if not all(checks[k]() for k in rest):  # type: ignore[misc]
        return False
    if pat.not_obj and objs & pat.not_obj:
        return False
    if pat.not_prep and preps(tok) & pat.not_prep:
        return False
    if pat.not_prep_obj and any(lemma(g) in pat.not_prep_obj for g in pobjs(tok)):
        return False
    mods = {lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if pat.compound and not mods & pat.compound:
        return False
    if pat.not_compound and mods & pat.not_compound:
        return False
    return _requires_ok(pat, tok)


_POS = {"VERB": ("VERB", "AUX"), "NOUN": ("NOUN", "PROPN"), "ADJ": ("ADJ",)}


def noun_anchor(tok: Token, pat: Pattern, lex: Lexicon) -> Token | None:
    """The verb that makes an event noun an event of this sentence, or None for a mere mention.

    "held talks", "staged a protest" (light verb), "clashes erupted", "an air strike killed"
    (occurrence verb), "killed in an air strike" (preposition of circumstance); a headline-like
    fragment whose root is the noun anchors on itself.
    """
    head = tok.head
    if tok.dep_ == "ROOT":
        return None if pat.light_only else tok
    if tok.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        if set(lemma_forms(head)) & lex.anchor_set("light_verbs"):
            return head
        return None
    if tok.dep_ == "nsubjpass" and head.pos_ in ("VERB", "AUX") \
            and set(lemma_forms(head)) & lex.anchor_set("light_verbs"):
        return head  # "a protest was held", "talks were held": the passive of "held a protest"
    if tok.dep_ in ("nsubj", "nsubjpass") and not pat.light_only and set(lemma_forms(head)) & lex.anchor_set("occurrence_verbs"):
        return head
    if tok.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in lex.anchor_set("counting_nouns"):
        return noun_anchor(head.head, pat, lex)  # "a total of 57 explosions", "a series of attacks"
    if tok.dep_ == "pobj" and head.dep_ == "prep" and not pat.light_only:
        gov = head.head
        if head.lower_ in lex.anchor_set("light_preps") and gov.pos_ in ("VERB", "AUX"):
            if lemma(gov) in {"kill", "die", "wound", "injure", "hurt", "destroy", "damage", "flee", "displace", "arrest"}:
                return gov
        if head.lower_ in ("in",) and lemma(gov) in {"take", "participate", "engage", "join", "involve"}:
            return gov
    if tok.dep_ == "conj":
        return noun_anchor(head, pat, lex) if head.pos_ in ("NOUN", "PROPN") else None
    return None


@dataclass(slots=True)
class Match:
    pattern: Pattern
    trigger: Token
    anchor: Token  # the predicate whose clause carries the event (the light verb for nouns)


def match_token(tok: Token, lex: Lexicon | None = None) -> Match | None:
    """The most specific pattern firing on ``tok`` (None if it is no trigger here)."""
    lex = lex or lexicon()
    if tok.pos_ not in lex.trigger_pos:  # punctuation, determiners, ...: no pattern fires on them
        return None
    cands = lex.candidates(tok)
    if not cands:
        return None
    for pat in cands:
        if tok.pos_ not in _POS.get(pat.pos, (pat.pos,)):
            continue
        if pat.pos == "VERB" and tok.tag_ == "VBN" and tok.dep_ in ("amod",):
            continue  # "the wounded soldiers", "arrested protesters": a description, not a clause
        if not _frame_ok(pat, tok):
            continue
        if pat.pos == "NOUN":
            anchor = noun_anchor(tok, pat, lex)
            if anchor is None:
                continue
            wanted = pat.requires.get("anchor_lemma")
            if wanted and not set(lemma_forms(anchor)) & set(wanted):
                continue
            return Match(pat, tok, anchor)
        return Match(pat, tok, tok)
    return None


def refine_code(pat: Pattern, tok: Token, lex: Lexicon | None = None) -> str:
    """A more specific CAMEO code from the words the trigger governs (urge X to *step down* -> 1041)."""
    lex = lex or lexicon()
    rules = lex.refine.get(pat.refine or "")
    if not rules:
        return pat.cameo
    words: set[str] = set()
    for t in tok.subtree:
        if t.i != tok.i:
            words.update((lemma(t), t.lower_))
    if pat.pos == "NOUN":
        words |= {lemma(c) for c in tok.children} | {lemma(tok)}
    for bag, code in rules:
        if words & bag:
            return code
    return pat.cameo
