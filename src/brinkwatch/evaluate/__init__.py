"""Evaluation against gold corpora: readers/writers of the gold JSONL schemas, per-task
``annotate_records`` / ``score`` / ``format_report`` (``evaluate.events`` ...), the dispatch in
``evaluate.runner`` and the CI gate in ``evaluate.gate``.

Task modules are imported on demand so that reading or scoring a file never loads spaCy.
"""

from .io import read_jsonl, write_jsonl

__all__ = ["read_jsonl", "write_jsonl"]
