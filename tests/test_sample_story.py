"""End-to-end acceptance on the real scraped wire story in ../shared/samples.

This is the story every analyst would check first: Russia massing troops at
Ukraine's border, US aid and sanctions threats, Blinken's quotes, and a
conditional invasion that must not be coded as one.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE_STORY, shared_path

CAPTION_WORDS = ("Getty Images", "Close-up of Blinken", "speaks about Russia and Ukraine during a briefing")


@pytest.fixture(scope="module")
def story(coder):
    path = shared_path("samples", SAMPLE_STORY.name)
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    body = "\n".join(lines[1:])
    return coder.code(body, date="2022-01-26", title=title, doc_id="sample").to_dict()


def events_where(story, *, source=None, target=None, root=None, modality=None):
    found = []
    for event in story["events"]:
        if source and (event["source"] or {}).get("country") != source:
            continue
        if target and (event["target"] or {}).get("country") != target:
            continue
        if root and event["cameo_root"] != root:
            continue
        if modality and event["modality"] != modality:
            continue
        found.append(event)
    return found


def test_russia_mobilises_forces_near_ukraine(story):
    assert events_where(story, source="RUS", root="15"), "no Russian root-15 (force posture) event"


def test_us_military_aid_to_ukraine(story):
    assert events_where(story, source="USA", target="UKR", root="07"), "no USA -> UKR aid event"


def test_us_threatens_sanctions_against_russia(story):
    assert events_where(story, source="USA", target="RUS", root="13"), "no USA -> RUS threat event"


def test_conditional_invasion_is_not_asserted(story):
    violent = [
        e for e in story["events"] if e["cameo_root"] in ("18", "19", "20") and e["modality"] == "asserted"
    ]
    assert not violent, f"asserted violent events in a story with none: {[e['sentence'] for e in violent]}"


def test_blinken_quotes_are_attributed_to_him(story):
    blinken = [q for q in story["quotes"] if (q["speaker"] or {}).get("name") == "Antony Blinken"]
    assert len(blinken) >= 6
    speaker = blinken[0]["speaker"]
    assert (speaker["country"], speaker["sector"]) == ("USA", "GOV")
    texts = " ".join(q["text"] for q in blinken)
    assert "not releasing the document" in texts
    assert "the ball is in their court" in texts


def test_no_caption_or_credit_line_reaches_events_or_quotes(story):
    evidence = [e["sentence"] for e in story["events"]] + [q["text"] for q in story["quotes"]]
    for text in evidence:
        for words in CAPTION_WORDS:
            assert words not in text
    assert any("Getty" in r["text"] for r in story["removed"])


def test_event_schema_fields(story):
    event = story["events"][0]
    for key in (
        "event_id", "sentence_index", "sentence", "span", "trigger", "source", "target", "cameo",
        "cameo_root", "quad_class", "goldstein", "plover", "modality", "date", "date_text", "location",
        "quote_id", "confidence", "rule",
    ):  # fmt: skip
        assert key in event
    start, end = event["span"]
    assert story["text"][start:end] in event["sentence"] or event["sentence"] in story["text"][start:end]
    assert set(event["plover"]) == {"type", "mode", "context"}


def test_cli_codes_the_story_to_stdout(tmp_path):
    path = shared_path("samples", SAMPLE_STORY.name)
    result = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "code", str(path), "--date", "2022-01-26",
         "-o", "-", "--db", str(tmp_path / "t.db"), "--workers", "1"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(documents) == 1
    assert documents[0]["title"].startswith("US responds")
    assert documents[0]["events"]


def test_announcement_is_dated_by_its_weekday(story):
    announced = [e for e in story["events"] if e["trigger"] == "announced"]
    assert announced and announced[0]["date"] == "2022-01-26" and announced[0]["date_text"] == "Wednesday"
    assert announced[0]["source"]["name"] == "Antony Blinken"


def test_troops_seen_in_belarus_are_located_and_dated_last_week(story):
    seen = [e for e in story["events"] if e["location"] and e["location"]["country"] == "BLR"]
    assert seen and seen[0]["source"]["code"] == "RUSMIL"
    assert "2022-01-16" <= seen[0]["date"] < "2022-01-26" and seen[0]["date_precision"] == "week"


def test_forces_massed_along_the_border_are_located_at_the_border(story):
    massed = [e for e in story["events"] if e["trigger"] == "massed"]
    assert massed and "border" in massed[0]["location"]["name"].lower()
    assert massed[0]["location"]["latitude"] is not None
