"""The ontology tables: complete, consistent, and reachable through the typed loader."""

from __future__ import annotations

import pytest

from brinkwatch import ontology
from brinkwatch.errors import KnowledgeFileError


@pytest.fixture(scope="module")
def onto() -> ontology.Ontology:
    return ontology.load()


def test_load_is_cached(onto):
    assert ontology.load() is onto


def test_every_cameo_root_and_many_subcodes(onto):
    roots = [c for c in onto.codes if len(c) == 2]
    assert roots == [f"{i:02d}" for i in range(1, 21)]
    assert len(onto.codes) > 300
    for code in ("0214", "1056", "1124", "1385", "1454", "1724", "1833", "2042"):
        assert code in onto.codes


def test_subcodes_have_their_parent(onto):
    for code in onto.codes:
        if len(code) > 2:
            assert code[:-1] in onto.codes or code[:2] in onto.codes, code


def test_quad_class_consistent_with_root(onto):
    expect = {1: range(1, 6), 2: range(6, 9), 3: range(9, 14), 4: range(14, 21)}
    for c in onto.codes.values():
        assert int(c.root) in expect[c.quad_class], c
        assert c.quad_class == onto.codes[c.root].quad_class


def test_goldstein_in_range(onto):
    for c in onto.codes.values():
        assert -10.0 <= c.goldstein <= 10.0, c
    assert onto.cameo("057").goldstein > 0 > onto.cameo("190").goldstein


def test_cameo_to_plover_mapping_follows_the_manual(onto):
    assert onto.cameo("10").plover == "REQUEST"  # DEMAND -> REQUEST
    assert onto.cameo("112").plover == "ACCUSE"  # DISAPPROVE -> ACCUSE
    assert onto.cameo("091").plover == "ACCUSE"  # INVESTIGATE -> ACCUSE
    assert onto.cameo("193").plover == "ASSAULT"  # FIGHT -> ASSAULT
    assert onto.cameo("020").plover == "REQUEST"  # APPEAL -> REQUEST
    assert onto.cameo("042").plover == "CONSULT" and onto.cameo("042").mode == "visit"
    assert onto.cameo("0841").plover == "RETREAT"
    assert onto.cameo("0813").plover == "CONCEDE"
    assert onto.cameo("163").plover == "SANCTION"
    assert onto.cameo("173").plover == "COERCE" and onto.cameo("173").mode == "arrest"
    assert onto.cameo("010").plover is None  # public statements are not PLOVER events


def test_every_mapped_type_and_mode_exists(onto):
    for c in onto.codes.values():
        if c.plover:
            assert c.plover in ontology.PLOVER_TYPES, c
        for ctx in c.context:
            assert ctx in onto.contexts, c


def test_plover_types(onto):
    assert set(onto.types) == set(ontology.PLOVER_TYPES) and len(onto.types) == 16
    assault = onto.plover("assault")
    assert assault.quad_class == 4 and assault.requires_recipient
    assert assault.mode_score("aerial") == -9.5 and assault.mode_score(None) == -9.0
    assert onto.plover("CONSULT").modes["phone"] == 1.5
    for t in onto.types.values():
        assert -10 <= t.score <= 10
        assert all(-10 <= v <= 10 for v in t.modes.values())


def test_acled_types(onto):
    acled = onto.acled_types()
    assert set(acled) == {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                          "Riots", "Strategic developments"}
    assert "Air/drone strike" in acled["Explosions/Remote violence"]
    assert "Protest with intervention" in acled["Protests"]
    for rule in onto.acled_rules:
        assert rule.sub_event_type in acled[rule.event_type], rule
        assert set(rule.plover) <= set(ontology.PLOVER_TYPES)


def test_unknown_codes_fail_with_a_hint(onto):
    with pytest.raises(KnowledgeFileError) as err:
        onto.cameo("999")
    assert err.value.code == "BW-K001" and "leading zero" in str(err.value)
    with pytest.raises(KnowledgeFileError):
        onto.plover("FIGHT")


def test_default_code_per_type(onto):
    assert onto.default_cameo("ASSAULT").code == "180"
    assert onto.default_cameo("PROTEST").code == "140"


def test_trigger_lexicon_codes_exist(onto):
    from brinkwatch.extract.event_rules import lexicon

    lex = lexicon()
    for pats in lex.patterns_by_lemma.values():
        for p in pats:
            assert p.cameo in onto.codes, p.id
            # patterns coded 01 (statements) deliberately block a generic one: "agree with" is no AGREE
            assert p.plover or onto.cameo(p.cameo).plover or p.cameo.startswith("01"), p.id
    for rules in lex.refine.values():
        for _, code in rules:
            assert code in onto.codes
