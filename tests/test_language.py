"""Language identification: the English fast path must agree with the character model."""

from __future__ import annotations

import pytest

from brinkwatch.ingest import language
import fixtures_ingest as fx

ENGLISH = (
    "The defence ministry said on Tuesday that troops would withdraw from the border within days, "
    "and that talks with the rebels, which had been suspended in March, would resume in Geneva next "
    "week. Officials who spoke on condition of anonymity said the United Nations had not yet been "
    "asked to monitor the pullback, but they expected the request to come before the end of the month. "
    "Opposition leaders said their supporters were sceptical and would wait for the first convoys."
)
FOREIGN = {
    "fr": "Le ministère de la Défense a annoncé mardi que les troupes se retireraient de la frontière dans "
          "les prochains jours et que les négociations avec les rebelles reprendraient la semaine prochaine "
          "à Genève, sous l'égide des Nations unies, selon un porte-parole du gouvernement. L'opposition "
          "reste sceptique et attend les premiers convois avant de se prononcer sur l'accord.",
    "nl": "Het ministerie van Defensie kondigde dinsdag aan dat de troepen zich binnen enkele dagen van de "
          "grens terugtrekken en dat de onderhandelingen met de rebellen volgende week in Genève worden "
          "hervat onder auspiciën van de Verenigde Naties, zei een woordvoerder van de regering. Het is nog "
          "niet duidelijk of de oppositie meedoet of dat zij eerst de eerste konvooien afwacht.",
}


def test_english_fast_path_agrees_with_the_model() -> None:
    assert language._surely_english(ENGLISH)
    assert language.detect_language(ENGLISH) == "en" == language._detect_with_model(ENGLISH)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_other_languages_go_to_the_model(code: str) -> None:
    text = FOREIGN[code]
    assert not language._surely_english(text)
    assert language.detect_language(text) == code


def test_german_fixture_is_not_taken_for_english() -> None:
    assert not language._surely_english(fx.GERMAN) and language.detect_language(fx.GERMAN) == "de"


def test_short_english_needs_the_model() -> None:
    """Too few words for the function-word count: the model decides (and may decline)."""
    short = "The army said that the rebels had left the town."
    assert not language._surely_english(short)
    assert language.detect_language(short) == language._detect_with_model(short)
