"""`eventcoder eval` on real-news gold: whole excerpts, matched by sentence text and PLOVER type."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eventcoder import evaluate
from eventcoder.eval_formats import detect_format
from eventcoder.eval_realnews import (
    RealNewsFormatError,
    code_country,
    evaluate_realnews,
    format_realnews_report,
    read_realnews,
)

TITLE = "Ministers meet in Geneva"
TEXT = (
    "Russian troops attacked the Ukrainian town of Avdiivka on Monday, officials said.\n\n"
    "The weather in the region was cold.\n\n"
    "If Moscow invades again, Washington will impose sanctions."
)


def event(
    sentence: str,
    no: int,
    trigger: str,
    plover: str,
    root: str,
    actor,
    recipient,
    modality="asserted",
    ambiguous=False,
) -> dict:
    return {
        "sentence": sentence,
        "sentence_no": no,
        "trigger": trigger,
        "type": plover,
        "cameo_root": root,
        "actor": actor,
        "recipient": recipient,
        "modality": modality,
        "historical": False,
        "ambiguous": ambiguous,
        "symmetric": False,
    }


def write_gold(tmp_path: Path, events: list[dict]) -> Path:
    path = tmp_path / "gold.jsonl"
    record = {
        "id": "x1",
        "date": "2023-02-20",
        "title": TITLE,
        "text": TEXT,
        "topic": "international",
        "events": events,
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


ATTACK = "Russian troops attacked the Ukrainian town of Avdiivka on Monday, officials said."
INVADE = "If Moscow invades again, Washington will impose sanctions."


def attack_event(ambiguous: bool = False) -> dict:
    """The gold attack of the first sentence: Russian troops on the Ukrainian town."""
    return event(
        ATTACK,
        1,
        "attacked",
        "ASSAULT",
        "19",
        {"text": "Russian troops", "code": "RUSMIL"},
        {"text": "Avdiivka", "code": "UKRCVL"},
        ambiguous=ambiguous,
    )


def test_realnews_jsonl_is_recognised(tmp_path):
    path = write_gold(tmp_path, [])
    assert detect_format(path) == "realnews"
    assert read_realnews(path)[0].title == TITLE


def test_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n{"id": "b", "events": [}\n', encoding="utf-8")
    with pytest.raises(RealNewsFormatError, match=r"bad.jsonl:2"):
        read_realnews(path)


def test_country_of_code():
    assert code_country("USAGOV") == "USA"
    assert code_country("IGOUNO") == "IGO"
    assert code_country("CVL") is None
    assert code_country(None) is None


def test_attack_matches_and_hypothetical_is_kept_apart(tmp_path, coder):
    gold = [
        attack_event(),
        event(
            INVADE,
            3,
            "invades",
            "ASSAULT",
            "19",
            {"text": "Moscow", "code": "RUS"},
            None,
            modality="hypothetical",
        ),
        event(
            INVADE,
            3,
            "impose sanctions",
            "SANCTION",
            "16",
            {"text": "Washington", "code": "USA"},
            {"text": "Moscow", "code": "RUS"},
            modality="future",
        ),
    ]
    result = evaluate_realnews(write_gold(tmp_path, gold), coder, misses=10)
    # The one asserted gold event is found, with the right source country.
    assert result["type"]["tp"] == 1
    assert result["type"]["fn"] == 0
    assert result["source_country"]["hit"] == 1
    # The hypothetical invasion is not an asserted prediction, so it is neither a hit nor an error;
    # every false positive is listed with why it is wrong.
    false_positives = [m for m in result["misses"] if m["kind"].startswith("false positive")]
    assert len(false_positives) == result["type"]["fp"]
    assert not any(m["detail"].startswith("ASSAULT") for m in false_positives)
    report = format_realnews_report(result)
    assert "PLOVER type" in report and "per topic" in report


def test_a_missed_event_and_an_ambiguous_one(tmp_path, coder):
    gold = [
        attack_event(ambiguous=True),
        event(
            "The weather in the region was cold.",
            2,
            "was",
            "PROTEST",
            "14",
            {"text": None, "code": "CVL"},
            None,
        ),
    ]
    result = evaluate_realnews(write_gold(tmp_path, gold), coder, misses=10)
    assert result["type"]["fn"] == 1  # the (invented) protest is missed
    # the attack fits an ambiguous gold event: counted for neither side
    wrong = [m for m in result["misses"] if m["kind"].startswith("false positive")]
    assert not any("ASSAULT" in m["detail"] for m in wrong)
    assert result["ambiguous_ignored"] >= 1
    assert any(m["kind"] == "missed" for m in result["misses"])


def test_several_files_are_also_scored_pooled(tmp_path, coder, capsys):
    """Two gold files: each is reported, then one pooled report whose counts are the files' sums."""
    attack = attack_event()
    invented = event("The weather in the region was cold.", 2, "was", "PROTEST", "14", {"code": "CVL"}, None)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = write_gold(tmp_path / "a", [attack]), write_gold(tmp_path / "b", [attack, invented])
    parser = argparse.ArgumentParser()
    evaluate.add_eval_arguments(parser)
    status = evaluate.run_eval(parser.parse_args([str(first), str(second), "--json"]), coder=coder)
    assert status == evaluate.EXIT_OK
    payload = json.loads(capsys.readouterr().out)
    files, pooled = payload["results"], payload["realnews_pooled"]
    for key in ("tp", "fp", "fn"):
        assert pooled["type"][key] == sum(result["type"][key] for result in files)
    assert pooled["type"]["fn"] >= 1  # the invented protest of the second file is missed
    assert pooled["excerpts"] == 2 and pooled["gold_events"] == 3
    assert pooled["source_country"]["total"] == sum(r["source_country"]["total"] for r in files)
    report = format_realnews_report(pooled)
    assert "all 2 files, pooled" in report and "per PLOVER type" in report


def test_one_file_has_no_pooled_report(tmp_path, coder, capsys):
    parser = argparse.ArgumentParser()
    evaluate.add_eval_arguments(parser)
    evaluate.run_eval(parser.parse_args([str(write_gold(tmp_path, [])), "--json"]), coder=coder)
    assert "realnews_pooled" not in json.loads(capsys.readouterr().out)


def test_a_matched_event_with_the_wrong_country_is_listed(tmp_path, coder):
    """The type is right but the gold names another attacker's country: the miss list says which side is
    wrong and shows both codings, so that an analyst can see why full match is lower than type."""
    gold = [attack_event()]
    gold[0]["actor"] = {"text": "Russian troops", "code": "BLRMIL"}
    result = evaluate_realnews(write_gold(tmp_path, gold), coder, misses=10)
    assert result["type"]["tp"] == 1
    wrong = [m for m in result["misses"] if m["kind"].startswith("wrong")]
    assert [m["kind"] for m in wrong] == ["wrong source country"]
    assert "BLRMIL" in wrong[0]["detail"] and "RUS" in wrong[0]["detail"].split("coded", 1)[1]
