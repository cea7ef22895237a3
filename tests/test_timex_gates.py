"""The timex rules' ``needs`` gates only skip work: with or without them the candidates are the same."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from brinkwatch.extract import timex_patterns as tp
from conftest import EXAMPLES, SEEDS

SENTENCES = [
    "The report, dated 03/12/2025 and filed 2025-12-03, covers the week of November 16.",
    "In the 1990s and the '80s, during the last half of the 1980s and the early sixties, in the 20th century,",
    "on the eighth day of the siege, this morning and late last night, at the end of the year, around year-end,",
    "in the third quarter, the year-ago period, last summer and the winter of 1998, two days ago, a year earlier,",
    "two weeks from now, in recent years and the coming months, for weeks.",
    "IN THE 1990S, THE THIRD QUARTER, LAST SUMMER, TWO DAYS AGO, THE COMING MONTHS.",
    "Two dayſ ago the ſpring offenſive began; the third quarter ended.",  # long s: IGNORECASE reads it as s
    "A sprıng offensive, ſeveral hours later.",  # dotless i
    "Nothing here has a time in it at all.",
]


def _texts() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(Path(EXAMPLES).rglob("*.txt"))
    return SENTENCES + [" ".join(SENTENCES)] + [f.read_text(encoding="utf-8") for f in files]


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:30])
def test_gated_rules_find_what_ungated_rules_find(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    gated = tp.find_candidates(text)
    monkeypatch.setattr(tp, "RULES", tuple(dataclasses.replace(r, needs=()) for r in tp.RULES))
    assert [(c.start, c.end, c.kind, c.groups) for c in gated] == \
           [(c.start, c.end, c.kind, c.groups) for c in tp.find_candidates(text)]


def test_every_gate_is_a_substring_of_its_rules_matches() -> None:
    """A gate string absent from a match would let the gate drop a real candidate."""
    text = " ".join(SENTENCES)
    seen = set()
    for rule in tp.RULES:
        if not rule.needs:
            continue
        for m in rule.pattern.finditer(text):
            folded = m.group(0).casefold().replace("ı", "i")
            assert any(n in folded for n in rule.needs), (rule.kind, m.group(0))
            seen.add(rule.kind)
    assert {"date_num", "date_iso", "week_of", "decade", "century", "nth_day", "pod", "the_unit", "yearend",
            "quarter", "yearago", "season", "ago", "duration_bare"} <= seen
