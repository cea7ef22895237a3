"""`brinkwatch annotate TASK` / `brinkwatch evaluate TASK`: one dispatch table over the task modules.

Each task module provides ``annotate_records(records, nlp)`` (or, for events, with options) and
``score(gold_records, pred_records) -> dict`` and ``format_report(scores) -> str``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from ..config import ExtractOptions
from ..errors import UsageError

#: task -> (module, pipeline components it needs; None = the full pipeline)
TASK_MODULES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "events": ("brinkwatch.evaluate.events", None),
    "timex": ("brinkwatch.evaluate.timex", ("bw_time",)),
    "toponyms": ("brinkwatch.evaluate.toponyms", ("bw_places",)),
    "quantities": ("brinkwatch.evaluate.quantities", ("bw_quantities",)),
    "coref": ("brinkwatch.evaluate.coref", ()),
    "timeline": ("brinkwatch.evaluate.timelines", ("bw_time",)),
}


def _module(task: str):  # noqa: ANN202
    if task not in TASK_MODULES:
        raise UsageError(
            f"Task {task!r} is not available in this version.",
            hint=f"Available tasks: {', '.join(TASK_MODULES)}.",
        )
    return importlib.import_module(TASK_MODULES[task][0])


def annotate_file(task: str, input_path: Path, output_path: Path, options: ExtractOptions | None = None) -> int:
    """Annotate every record of ``input_path`` and write them to ``output_path``; returns the record count."""
    from ..extract import load_nlp
    from .io import read_jsonl, write_jsonl

    module = _module(task)
    options = options or ExtractOptions()
    components = TASK_MODULES[task][1]
    nlp = load_nlp(options, components=components) if components is not None or options.n_process <= 1 else None
    records = read_jsonl(input_path)
    if task == "events":
        out = module.annotate_records(records, options, nlp=nlp)
    else:
        out = module.annotate_records(records, nlp)
    return write_jsonl(out, output_path)


def evaluate_files(task: str, gold_path: Path, pred_path: Path) -> tuple[dict[str, Any], str]:
    """Scores and the printed report for a gold file and a prediction file."""
    from .io import read_jsonl

    module = _module(task)
    scores = module.score(list(read_jsonl(gold_path)), list(read_jsonl(pred_path)))
    return scores, module.format_report(scores)
