"""Actor coding beyond direct names: misspellings, ethnic groups, places, sentence context and
within-article coreference (the "the president" / "the regime" / "it" cases). Fictional text."""

from __future__ import annotations

import json

import pytest

from brinkwatch.errors import KnowledgeFileError
from brinkwatch.extract import load_nlp
from brinkwatch.knowledge.actors import ActorKnowledge, deletions, one_edit, parse_knowledge
from brinkwatch.model import Actor


@pytest.fixture(scope="module")
def actors_nlp():
    return load_nlp(components=["bw_actors"])


def run(nlp, text: str, dct: str | None = "2025-11-30"):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)


def find(doc, text: str) -> Actor:  # noqa: ANN001
    hits = [a for a in doc._.bw_actors if a.text == text]
    assert hits, f"no actor {text!r} in {[(a.text, a.country) for a in doc._.bw_actors]}"
    return hits[0]


def test_one_edit_distance() -> None:
    assert one_edit("Ethopia", "Ethiopia") and one_edit("Quatar", "Qatar") and one_edit("Mitterand", "Mitterrand")
    assert one_edit("Nigeria", "Ngieria") and not one_edit("Kathmandu", "Khatmandu")  # neighbour swaps only
    assert one_edit("Kenya", "Kenya") is False and one_edit("Chad", "Chadian") is False
    assert "Ehiopia" in deletions("Ethiopia") and "thiopia" not in deletions("Ethiopia")


def test_misspelt_country_is_coded(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Ethopia and Afganistan signed a trade accord on Monday.")
    assert (find(doc, "Ethopia").country, find(doc, "Ethopia").method) == ("ETH", "fuzzy")
    assert find(doc, "Afganistan").country == "AFG"


def test_fuzzy_answers_are_remembered_per_word_and_the_memory_is_bounded(monkeypatch) -> None:  # noqa: ANN001
    from brinkwatch.extract.actors_context import FuzzyNames
    from brinkwatch.knowledge.actors import load_knowledge

    class Tok:
        def __init__(self, text: str) -> None:
            self.text = text

    fuzzy = FuzzyNames(load_knowledge())
    calls: list[str] = []
    real = fuzzy._match
    monkeypatch.setattr(fuzzy, "_match", lambda w: calls.append(w) or real(w))
    assert fuzzy.match(Tok("Ethopia")) == fuzzy.match(Tok("Ethopia")) == "Ethiopia" and calls == ["Ethopia"]
    assert fuzzy.match(Tok("Indiana")) is None and fuzzy.match(Tok("Indiana")) is None  # a real place
    monkeypatch.setattr(FuzzyNames, "CACHE_SIZE", 2)
    fuzzy.match(Tok("Afganistan"))
    assert len(fuzzy._seen) == 1  # it was full: emptied before the new word went in
    assert calls == ["Ethopia", "Indiana", "Afganistan"]


def test_real_place_is_not_a_misspelling(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Officials in Indiana said the plant would close.")
    assert not any(a.country == "IND" for a in doc._.bw_actors)


def test_ethnic_group_takes_its_country_or_the_one_the_article_names(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Karen guerrillas ambushed a convoy near the river.")
    assert find(doc, "Karen guerrillas").country == "MMR"
    doc = run(actors_nlp, "Hutu rebels attacked a camp in Burundi on Sunday.")
    assert [a.country for a in doc._.bw_actors if a.text == "Hutu rebels"] == ["BDI"]


def test_ethnic_minority_lives_in_the_country_named(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Ethnic Albanians protested in Macedonia on Friday.")
    albanians = [a for a in doc._.bw_actors if "Albanians" in a.text][0]
    assert (albanians.country, albanians.method) == ("MKD", "ethnic")


def test_place_missing_from_actor_knowledge_uses_the_gazetteer(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "The rebels in Darfur rejected the truce.")
    assert find(doc, "Darfur").country == "SDN"
    rebels = find(doc, "rebels")
    assert rebels.country == "SDN"


def test_unknown_office_holder_takes_the_country_of_the_sentence(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Planning Minister Arto Velsk said France would not be rushed, and Norway agreed.")
    velsk = [a for a in doc._.bw_actors if "Velsk" in a.text][0]
    assert velsk.country is None  # two countries named: no guess
    doc = run(actors_nlp, "Planning Minister Arto Velsk said Norway would not be rushed.")
    velsk = [a for a in doc._.bw_actors if "Velsk" in a.text][0]
    assert (velsk.country, velsk.sector, velsk.method) == ("NOR", "GOV", "title+context")


def test_context_does_not_make_a_party_its_own_opponent(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Israel struck militants overnight.")
    assert find(doc, "militants").country is None
    doc = run(actors_nlp, "Venezuela has mobilized thousands of troops.")
    assert find(doc, "troops").country == "VEN"


def test_the_president_is_the_one_the_article_is_about(actors_nlp) -> None:  # noqa: ANN001
    text = ("WASHINGTON \u2013 President Donald Trump spoke with Venezuelan President Nicol\u00e1s Maduro. "
            "Opposition candidate Edmundo Gonz\u00e1lez called for calm. "
            "Speaking to reporters on Sunday, the president said the talks went badly. He left.")
    doc = run(actors_nlp, text)
    pres = find(doc, "president")
    assert (pres.country, pres.knowledge_id, pres.method) == ("USA", "donald-trump", "coref")
    assert find(doc, "He").knowledge_id == "donald-trump"


def test_vice_president_is_not_the_president(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "President Donald Trump spoke. The vice president stayed home.")
    vp = [a for a in doc._.bw_actors if a.text.endswith("vice president")][0]
    assert vp.knowledge_id != "donald-trump"


def test_the_regime_is_the_one_named_before(actors_nlp) -> None:  # noqa: ANN001
    text = ("US warships patrolled the coast as the Caracas regime protested. Washington said nothing. "
            "Officials met. Reporters waited. Markets fell. Flights stopped. Talks ended. "
            "Analysts said the regime was isolated.")
    doc = run(actors_nlp, text)
    regime = [a for a in doc._.bw_actors if a.text == "regime"][0]
    assert regime.country == "VEN"


def test_it_refers_to_a_state_or_body_and_expletive_it_is_no_actor(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Norway said it would send aid. It is time to act.")
    its = [a for a in doc._.bw_actors if a.text.lower() == "it"]
    assert [(a.text, a.country) for a in its] == [("it", "NOR")]


def test_person_named_in_a_possessive_is_an_antecedent(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "The ball is in Maduro's court. He can wait.")
    assert find(doc, "He").knowledge_id == "nicolas-maduro" or find(doc, "He").country == "VEN"


def test_surname_with_a_title_joins_the_named_person(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Edmundo Gonz\u00e1lez won votes. Later, exiled candidate Gonz\u00e1lez flew to Spain.")
    later = [a for a in doc._.bw_actors if a.text.endswith("candidate Gonz\u00e1lez")][0]
    assert later.country == "VEN" and later.method == "coref"


def test_conjoined_people_are_separate_actors(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "A call took place between Donald Trump and Nicol\u00e1s Maduro last week.")
    people = {(a.text, a.country) for a in doc._.bw_actors if a.kind == "person"}
    assert ("Donald Trump", "USA") in people and ("Nicol\u00e1s Maduro", "VEN") in people


def test_possessive_person_does_not_make_a_group_of_its_noun(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Trump's public acknowledgment surprised allies.")
    assert find(doc, "Trump").sector == "GOV"
    assert not any(a.sector == "CVL" for a in doc._.bw_actors)


def test_seat_of_government_metonyms(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Aboard Air Force One, aides drafted a reply.")
    assert (find(doc, "Air Force One").country, find(doc, "Air Force One").sector) == ("USA", "GOV")


def test_groups_section_is_user_extensible_and_checked() -> None:
    kb = ActorKnowledge()
    parse_knowledge(json.dumps({"groups": [{"id": "x", "name": "Xandrians", "countries": ["FRD"]}]}), "u.json", kb)
    assert kb.groups["x"].countries == ["FRD"] and kb.groups["x"].default
    with pytest.raises(KnowledgeFileError, match="countries"):
        parse_knowledge(json.dumps({"groups": [{"id": "y", "name": "Y", "countries": []}]}), "bad.json", kb)
    with pytest.raises(KnowledgeFileError, match="upper-case code"):
        parse_knowledge(json.dumps({"groups": [{"id": "y", "name": "Y", "countries": ["fr"]}]}), "bad.json", kb)
