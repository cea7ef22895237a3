"""Place a coded event in ACLED's scope: event type and sub-event type, where ACLED covers it.

ACLED codes political violence, protests and strategic developments; consultations, appeals or
accusations are outside it and get no ACLED type. The decision reads the rules of
``ontology/data/acled.json`` (first match wins) against the event's PLOVER type and mode, its
trigger, the words of its sentence and its actors: "air strike" -> Explosions/Remote violence /
Air/drone strike, "clashed" -> Battles / Armed clash, a protest the police dispersed ->
Protests / Protest with intervention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor
from ..ontology import Ontology, load

_MOB = re.compile(r"\b(mob|mobs|crowd|crowds|villagers|residents|groups? of (?:\w+ )?(?:men|people|youths?|villagers|residents|supporters|workers|students|locals)|two groups|rival groups|supporters|rioters|locals|vigilantes|relatives|families|community members|members of (?:the )?[\w-]+ (?:community|family|clan|tribe|caste))\b", re.I)
#: Members of a force who were not acting as such: ACLED counts them as civilians.
_OFF_DUTY = re.compile(r"\b(off[- ]duty|former|retired|ex-\w+)\b")
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD"})
_ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "INS", "SEP", "SPY", "UAF"})


@dataclass(frozen=True, slots=True)
class AcledInput:
    """What the ACLED decision looks at for one event."""

    plover: str
    mode: str | None
    trigger_lemma: str
    sentence: str
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    target_text: str = ""  # the object phrases as written, for when no actor was coded
    context: str = ""  # the following sentences of the paragraph (rules of scope "incident" read them)


def _actors_text(actors: tuple[Actor, ...]) -> str:
    return " ; ".join(a.text for a in actors)


def _is_state(actors: tuple[Actor, ...], onto: Ontology) -> bool:
    if any(a.sector in _STATE_SECTORS for a in actors):
        return True
    return bool(actors) and bool(onto.state_actor.search(_actors_text(actors)))


def _is_armed(actors: tuple[Actor, ...], onto: Ontology) -> bool:
    if any(a.sector in _ARMED_SECTORS for a in actors):
        return True
    return bool(actors) and bool(onto.armed_actor.search(_actors_text(actors)))


def _is_collective(actors: tuple[Actor, ...], onto: Ontology) -> bool:
    """A group of citizens (workers, residents, students ...): whose public demands ACLED codes as protests."""
    if not actors or onto.collective_actor is None or _is_state(actors, onto) or _is_armed(actors, onto):
        return False
    return bool(onto.collective_actor.search(_actors_text(actors)))


def _is_civilian_target(item: AcledInput, onto: Ontology) -> bool:
    """The target is named as unarmed people or their property ("2 civilians", "an off-duty officer",
    "the house of ..."): ACLED's violence against civilians, whoever the attacker."""
    if any(a.sector == "CVL" for a in item.target):
        return True
    words = f"{_actors_text(item.target)} ; {item.target_text}".lower()
    if _OFF_DUTY.search(words):
        return True
    if any(a.sector in _ARMED_SECTORS for a in item.target):
        return False  # "a police officer attached to the Government House" is no house
    rx = onto.civilian_actor
    return rx is not None and bool(rx.search(words))


def _is_armed_target(item: AcledInput, onto: Ontology, incident: str) -> bool:
    """The target is an armed, organised party (soldiers, police, militants, gang members): a battle."""
    if _is_civilian_target(item, onto):
        return False
    if _is_armed(item.target, onto) or onto.armed_actor.search(item.target_text):
        return True
    return onto.armed_context is not None and bool(onto.armed_context.search(incident))


def acled_type(item: AcledInput, onto: Ontology | None = None) -> tuple[str | None, str | None]:
    """(event type, sub-event type), or (None, None) when the event is outside ACLED's scope."""
    onto = onto or load()
    sentence = item.sentence.lower()
    incident = f"{sentence} {item.context.lower()}" if item.context else sentence
    marked = onto.demonstration_marker is not None and bool(onto.demonstration_marker.search(incident))
    for rule in onto.acled_rules:
        text = incident if rule.scope == "incident" else sentence
        if rule.marker and not marked:
            continue
        if item.plover not in rule.plover:
            continue
        if rule.mode and (item.mode or "") not in rule.mode:
            continue
        if rule.trigger and item.trigger_lemma not in rule.trigger:
            continue
        if rule.sentence is not None and not rule.sentence.search(text):
            continue
        if rule.not_sentence is not None and rule.not_sentence.search(text):
            continue
        if rule.source == "state" and not _is_state(item.source, onto):
            continue
        if rule.source == "mob" and (not _MOB.search(_actors_text(item.source)) or _is_armed(item.source, onto)):
            continue
        if rule.source == "unarmed" and (not item.source or _is_armed(item.source, onto) or _is_state(item.source, onto)):
            continue
        if rule.source == "collective" and not _is_collective(item.source, onto):
            continue
        if rule.target == "armed" and not _is_armed_target(item, onto, incident):
            continue
        if rule.target == "not_civilian" and _is_civilian_target(item, onto):
            continue
        return rule.event_type, rule.sub_event_type
    return None, None
