"""Per-article extraction: one spaCy pass with brinkwatch's components registered by name.

Public entry points live in :mod:`brinkwatch.extract.pipeline`.
"""

from .pipeline import COMPONENTS, code_articles, code_doc, load_nlp

__all__ = ["COMPONENTS", "code_articles", "code_doc", "load_nlp"]
