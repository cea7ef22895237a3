"""The page shows where the sources of one event disagree, both sides with their sentences."""

from __future__ import annotations

from starlette.testclient import TestClient
from test_reconcile import GUY, VEN, art, ev, frame

from brinkwatch.model import Quantity
from brinkwatch.web import FramesProvider, create_app


def test_disagreement_on_figures_is_shown_with_both_sentences():
    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-03-05")
    sa = "A patrol boat fired on the trawler, killing three crew members."
    sb = "A patrol boat fired on the trawler, killing at least four crew members."
    df = frame([(a, [ev(a, "ASSAULT", 4, sa, "fired", src=VEN, tgt=GUY, start="2026-03-03",
                        quantities=[Quantity(text="three", value=3, kind="dead", unit="people")])], None),
                (b, [ev(b, "ASSAULT", 4, sb, "fired", src=VEN, tgt=GUY, start="2026-03-03",
                        quantities=[Quantity(text="at least four", value=4, kind="dead", change=">")])], None)])
    html = TestClient(create_app(provider=FramesProvider(df))).get("/").text
    assert html.count('class="entry ') == 1
    assert "1 disagreement" in html and "Where the sources disagree" in html
    assert 'class="contradiction k-number"' in html
    assert sa in html and sb in html and "x.example" in html and "y.example" in html


def test_agreeing_sources_show_no_disagreement():
    a, b = art("a", "x.example", "2026-03-04"), art("b", "y.example", "2026-03-05")
    s = "A patrol boat fired on the trawler."
    df = frame([(a, [ev(a, "ASSAULT", 4, s, "fired", src=VEN, tgt=GUY, start="2026-03-03")], None),
                (b, [ev(b, "ASSAULT", 4, s, "fired", src=VEN, tgt=GUY, start="2026-03-03")], None)])
    html = TestClient(create_app(provider=FramesProvider(df))).get("/").text
    assert "disagreement" not in html and "Where the sources disagree" not in html
