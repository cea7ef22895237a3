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

from spacy.tokens import Doc

EXTENSIONS = (
    "bw_article_id", "bw_dct", "bw_actors", "bw_timexes", "bw_places", "bw_quantities", "bw_events",
)


def register_extensions() -> None:
    """Register the extensions once (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
