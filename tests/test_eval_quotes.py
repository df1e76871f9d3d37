"""PolNeAR scoring of the quotes stage, on a small BRAT folder written here and on ../shared."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from eventcoder.eval_quotes import evaluate_polnear, format_polnear_report, polnear_articles, read_ann

from .conftest import shared_path

TEXT = (
    "\u201cThe harbour will reopen on Monday,\u201d Lindqvist said.\n\n"
    "Marchetti said the ferries had been repaired.\n\n"
    "The weather was mild all week.\n"
)


def _ann_line_spans(text: str, piece: str) -> str:
    start = text.index(piece)
    return f"{start} {start + len(piece)}"


def _write_folder(root: Path, second_attribution: bool = True) -> Path:
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "harbour-story.txt").write_text(TEXT, encoding="utf-8")
    content = "\u201cThe harbour will reopen on Monday,\u201d"
    lines = [
        f"T1\tContent {_ann_line_spans(TEXT, content)}\t{content}",
        f"T2\tSource {_ann_line_spans(TEXT, 'Lindqvist')}\tLindqvist",
        f"T3\tCue {_ann_line_spans(TEXT, 'said')}\tsaid",
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
    ]
    if second_attribution:
        indirect = "the ferries had been repaired"
        lines += [
            f"T4\tContent {_ann_line_spans(TEXT, indirect)}\t{indirect}",
            f"T5\tSource {_ann_line_spans(TEXT, 'Marchetti')}\tMarchetti",
            "E2\tAttribution:T5 Content:T4 Source:T5",
        ]
    (split / "attributions" / "harbour-story_ab12.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a second annotator's file for the same article: must be ignored (first by name wins)
    (split / "attributions" / "harbour-story_ff99.ann").write_text("", encoding="utf-8")
    return split


@pytest.fixture(scope="module")
def mini_coder(nlp):
    from eventcoder.actors import ActorResolver
    from eventcoder.events import EventCoder
    from eventcoder.quotes import QuoteFinder

    return SimpleNamespace(nlp=nlp, actors=ActorResolver(), events=EventCoder(), quotes=QuoteFinder())


def test_read_ann_handles_discontinuous_content(tmp_path):
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tContent 0 5;10 15\tabcde fghij\nT2\tSource 20 25\tWarre\nT3\tCue 26 30\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n",
        encoding="utf-8",
    )
    (gold,) = read_ann(ann)
    assert gold.content == [(0, 5), (10, 15)]
    assert gold.source == [(20, 25)]


def test_first_annotator_file_is_used(tmp_path):
    split = _write_folder(tmp_path)
    pairs = polnear_articles(split)
    assert [(t.name, a.name) for t, a in pairs] == [("harbour-story.txt", "harbour-story_ab12.ann")]


def test_scores_on_a_small_folder(tmp_path, mini_coder):
    split = _write_folder(tmp_path)
    result = evaluate_polnear(split, mini_coder)
    assert result["articles"] == 1
    assert result["direct"]["gold"] == 1
    assert result["direct"]["content_exact"]["f1"] == 100.0
    assert result["direct"]["speaker"]["f1"] == 100.0
    assert result["all"]["gold"] == 2
    assert result["all"]["content_overlap"]["recall"] == 100.0
    report = format_polnear_report(result)
    assert "direct" in report and "speaker" in report


def test_unannotated_prediction_costs_precision(tmp_path, mini_coder):
    split = _write_folder(tmp_path, second_attribution=False)
    result = evaluate_polnear(split, mini_coder)
    assert result["all"]["gold"] == 1
    assert result["all"]["content_overlap"]["precision"] == 50.0


def test_polnear_dev_sample():
    dev = shared_path("eval", "polnear", "dev")
    from eventcoder.actors import ActorResolver
    from eventcoder.events import EventCoder
    from eventcoder.nlp import load_pipeline
    from eventcoder.quotes import QuoteFinder

    coder = SimpleNamespace(
        nlp=load_pipeline(), actors=ActorResolver(), events=EventCoder(), quotes=QuoteFinder()
    )
    result = evaluate_polnear(dev, coder, misses=2, limit=4)
    assert result["articles"] == 4
    assert result["direct"]["gold"] > 0
    assert result["direct"]["content_overlap"]["f1"] >= 60.0
    assert len(result["misses"]) <= 2
