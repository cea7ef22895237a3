"""Language of an article (ISO 639-1), with py3langid's bundled model (no download at run time).

Non-English articles are kept and stored; the extract stage codes only the languages its
pipeline reads. A language is reported only when the identifier is reasonably sure and the
text is long enough to judge: a wrong "language" is worse than none.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: Fewer letters than this and we do not guess.
MIN_LETTERS = 20
#: Normalised probability below which the answer is "unknown". One English sentence full of
#: foreign names ("Imbonerakure tortured a CNL member in Ruramba") fools a character model, so
#: texts shorter than SHORT_LETTERS need a much surer answer.
MIN_CONFIDENCE = 0.5
MIN_CONFIDENCE_SHORT = 0.9
SHORT_LETTERS = 400
SAMPLE_CHARS = 3000

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Article.language is ISO 639-1: drop the model's three-letter-only languages (and "zxx", no language)
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or too uncertain."""
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return None
    lang, prob = _identifier().classify(sample)
    needed = MIN_CONFIDENCE_SHORT if letters < SHORT_LETTERS else MIN_CONFIDENCE
    return str(lang) if float(prob) >= needed else None
