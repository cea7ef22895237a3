"""Timeline summarisation (analysis.tls) and the timeline task (evaluate.timelines), on invented texts."""

from __future__ import annotations

import json
from datetime import date

import pytest

from brinkwatch.analysis.tls import (
    DatedSentence, TLSArticle, TLSOptions, date_references, detokenise, select_dates, select_sentences,
)
from brinkwatch.errors import EvaluationError, UsageError
from brinkwatch.evaluate import timelines as tl
from conftest import GOLD_DEV

D = date.fromisoformat

# 2031-03-03 is a Monday. The flood of Monday is told again and again; the dam talks of Thursday less.
ARTICLES = [
    ("a1", "2031-03-03", "Heavy rain fell over the valley of Norvania for a third week .\n"
                         "Officials said the river was rising fast ."),
    ("a2", "2031-03-04", "The flood swept through the town of Kelmar on Monday , destroying 40 homes .\n"
                         "Rescue teams reached the flooded villages on Monday evening ."),
    ("a3", "2031-03-05", "The flood that hit Kelmar on Monday left hundreds homeless , the mayor said .\n"
                         "Volunteers handed out food in the town square ."),
    ("a4", "2031-03-07", "Engineers inspected the damaged dam on Thursday .\n"
                         "The flood of March 3 was the worst in decades , the agency said ."),
    ("a5", "2031-03-08", "Talks on rebuilding the dam began on Thursday , officials said .\n"
                         "The government promised new flood defences ."),
]
GOLD_SECRET = "A sentence that exists only in the gold timeline ."


def _corpus(gold_dates: tuple[str, str] = ("2031-03-03", "2031-03-06")) -> list[dict]:
    header = {"kind": "topic", "corpus": "test", "topic": "norvania", "keywords": ["flood", "dam"],
              "n_articles": len(ARTICLES),
              "timelines": [{"name": "g1", "entries": [{"date": d, "summary": [GOLD_SECRET]} for d in gold_dates]}]}
    return [header] + [{"kind": "article", "id": i, "date": d, "text": t} for i, d, t in ARTICLES]


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=("bw_time",))


def test_detokenise_undoes_penn_treebank():
    assert detokenise("On Jan. 25 , 2011 , Egypt 's -LRB- capital -RRB- `` rose '' .") == \
        "On Jan. 25, 2011, Egypt's (capital) \" rose \"."


def test_date_references_resolve_weekdays_against_publication(time_nlp):
    arts = [TLSArticle(i, D(d), t) for i, d, t in ARTICLES]
    sents = date_references(arts, time_nlp)
    assert len(sents) == 10  # every non-empty line, dated or not
    by_text = {s.text: s.days for s in sents}
    assert by_text[ARTICLES[1][2].split("\n")[0]] == (D("2031-03-03"),)
    assert by_text[ARTICLES[3][2].split("\n")[1]] == (D("2031-03-03"),)
    assert by_text["Volunteers handed out food in the town square ."] == ()


def test_date_references_need_the_time_component():
    import spacy

    with pytest.raises(UsageError):
        date_references([TLSArticle("x", D("2031-01-01"), "On Monday it rained .")], spacy.blank("en"))


def _sent(article: int, pub: str, text: str, *days: str) -> DatedSentence:
    return DatedSentence(article, 0, text, D(pub), tuple(D(d) for d in days))


def test_select_dates_prefers_days_told_after_the_fact():
    sents = [_sent(i, "2031-05-10", f"The flood reached town number {i} that day .", "2031-05-02") for i in range(4)]
    sents += [_sent(9, "2031-05-10", "A meeting on the flood is planned for next week .", "2031-05-17")]
    sents += [_sent(8, "2031-05-10", "Rain fell on the region that day , officials said .", "2031-05-05")]
    days = select_dates(sents, TLSOptions(n_dates=2, keywords=("flood",)))
    assert [d for d, _ in days][0] == D("2031-05-02")
    assert D("2031-05-02") in [d for d, _ in select_dates(sents, TLSOptions(n_dates=1))]


def test_select_sentences_are_central_and_not_repeated():
    same = "The river flood destroyed forty homes in the town of Kelmar on Monday ."
    sents = [_sent(0, "2031-03-04", same, "2031-03-03"), _sent(1, "2031-03-04", same, "2031-03-03"),
             _sent(2, "2031-03-04", "The flood destroyed forty homes in Kelmar on Monday , police said .",
                   "2031-03-03"),
             _sent(3, "2031-03-04", "A flood of rescue teams arrived in Kelmar to help the homeless .", "2031-03-03"),
             _sent(4, "2031-03-04", "Short line .", "2031-03-03")]
    out = select_sentences(sents, [D("2031-03-03")], TLSOptions(sentences_per_date=2, keywords=("flood",)))
    chosen = out[D("2031-03-03")]
    assert len(chosen) == 2 and len(set(chosen)) == 2
    assert "Short line ." not in chosen


def test_options_reject_an_empty_timeline():
    with pytest.raises(UsageError):
        TLSOptions(n_dates=0)


def test_blank_header_keeps_only_the_shape():
    header = _corpus()[0]
    shape, blank = tl.blank_header(header)
    assert (shape.n_dates, shape.sentences_per_date) == (2, 1)
    dumped = json.dumps(blank)
    assert GOLD_SECRET not in dumped and "2031-03-06" not in dumped
    assert header["timelines"][0]["entries"][0]["summary"] == [GOLD_SECRET]  # input untouched


def test_annotate_never_reads_gold_dates_or_sentences(time_nlp):
    out_a = list(tl.annotate_records(_corpus(("2031-03-03", "2031-03-06")), time_nlp))
    out_b = list(tl.annotate_records(_corpus(("2030-01-01", "2030-01-02")), time_nlp))
    assert out_a == out_b  # same shape, different gold answers: same output
    assert len(out_a) == 1 and out_a[0]["kind"] == "topic"
    entries = out_a[0]["timelines"][0]["entries"]
    assert len(entries) == 2
    assert GOLD_SECRET not in json.dumps(out_a)
    assert "2031-03-03" in [e["date"] for e in entries]
    assert all(len(e["summary"]) <= 1 for e in entries)


def test_annotate_rejects_article_before_header(time_nlp):
    with pytest.raises(EvaluationError):
        list(tl.annotate_records(_corpus()[1:], time_nlp))


def test_rouge_and_date_scores_from_their_definitions():
    assert tl.date_prf(["2031-01-01", "2031-01-02"], ["2031-01-02", "2031-01-03", "2031-01-04", "2031-01-05"]) == \
        {"precision": 0.5, "recall": 0.25, "f1": pytest.approx(1 / 3)}
    r1 = tl.rouge_n("the cat sat", "the cat sat on the mat", 1)
    assert (r1["precision"], r1["recall"]) == (1.0, 0.5)
    r2 = tl.rouge_n("the the the", "the the", 2)  # clipped: 2 bigrams predicted, 1 in gold
    assert r2["precision"] == 0.5 and r2["recall"] == 1.0


def test_score_averages_over_gold_timelines_and_flags_unknown_topics():
    gold = _corpus()
    gold[0]["timelines"].append({"name": "g2", "entries": [{"date": "2031-03-03", "summary": ["x"]}]})
    pred = [{"kind": "topic", "topic": "norvania", "timelines": [{"name": "s", "entries": [
        {"date": "2031-03-03", "summary": ["The flood hit Kelmar ."]}, {"date": "2031-03-09", "summary": []}]}]}]
    s = tl.score(gold, pred)
    # vs g1: P 1/2 R 1/2 F 0.5; vs g2: P 1/2 R 1 F 2/3 -> mean 7/12
    assert s["mean"]["dates"]["f1"] == pytest.approx((0.5 + 2 / 3) / 2)
    assert "norvania" in tl.format_report(s)
    with pytest.raises(EvaluationError):
        tl.score(gold, [{"kind": "topic", "topic": "elsewhere", "timelines": []}])
    assert tl.score(gold, [])["mean"]["dates"]["f1"] == 0.0


@pytest.mark.skipif(not (GOLD_DEV / "timelines" / "t17_haiti.jsonl.gz").is_file(), reason="dev gold not present")
def test_dev_header_shape_is_read_without_answers():
    from brinkwatch.evaluate.io import read_jsonl

    header = next(read_jsonl(GOLD_DEV / "timelines" / "t17_haiti.jsonl.gz"))
    shape, blank = tl.blank_header(header)
    assert shape.n_dates == len(header["timelines"][0]["entries"])
    assert all(e["date"] == "" and set(e["summary"]) == {""} for e in blank["timelines"][0]["entries"])
