"""Custom ``Doc`` extensions: where brinkwatch's components leave their results.

Set before the pipeline runs (by :func:`brinkwatch.extract.pipeline.make_docs`):
  ``doc._.bw_article_id`` (str), ``doc._.bw_dct`` (ISO date str or None: the publication date).
Filled by the components, in pipeline order:
  ``bw_actors``     -> ``doc._.bw_actors``     list[Actor]
  ``bw_time``       -> ``doc._.bw_timexes``    list[TimeExpression]
  ``bw_places``     -> ``doc._.bw_places``     list[Place]
  ``bw_quantities`` -> ``doc._.bw_quantities`` list[Quantity]
  ``bw_events``     -> ``doc._.bw_events``     list[Event]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

EXTENSIONS = (
    "bw_article_id", "bw_dct", "bw_actors", "bw_timexes", "bw_places", "bw_quantities", "bw_events",
)


def register_extensions() -> None:
    """Register the extensions once (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_TEXT_KEY = "bw_text"


def doc_text(doc) -> str:  # noqa: ANN001
    """``doc.text``, built once per Doc. spaCy rebuilds Doc.text from every token on each access
    (about 3 ms for an 11,000-token article), so reading it once per mention or candidate makes a
    component quadratic in article length. A Doc's text never changes (retokenizing keeps it), so
    the first result is kept in ``doc.user_data``. Components should use this, or read doc.text
    once per call, instead of ``doc.text[a:b]`` inside loops."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def entity_around(doc: Doc, i: int) -> Span | None:
    """The named entity that token ``i`` is part of (None outside entities), read from the IOB
    tags around it: ``doc.ents`` builds a span for every entity of the document on each access,
    so scanning it per mention is quadratic in the same way as ``doc.text``."""
    if doc[i].ent_iob_ in ("", "O"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[i].ent_type_)
