"""The JSON API and the pages over HTTP, from the real server on a database coded from the samples."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from urllib.parse import quote, urlencode

import pytest

from tests.web_support import HOSTILE_ID, coded_db, empty_db, fetch, running_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base():
    with running_server(coded_db()) as url:
        yield url


@pytest.fixture(scope="module")
def empty_base():
    with running_server(empty_db()) as url:
        yield url


def get(base: str, path: str, **params):
    query = f"?{urlencode(params)}" if params else ""
    return fetch(f"{base}{path}{query}")


def test_events_are_paginated_and_in_the_schema_shape(base):
    status, page, _ = get(base, "/api/events", limit=5)
    assert status == 200
    assert page["total"] > 20 and len(page["items"]) == 5 and page["next_offset"] == 5
    event = page["items"][0]
    for key in (
        "doc_id",
        "ordinal",
        "event_id",
        "sentence",
        "span",
        "trigger",
        "source",
        "target",
        "cameo",
        "quad_class",
        "goldstein",
        "plover",
        "modality",
        "date",
        "location",
        "confidence",
        "rule",
    ):
        assert key in event
    _, second, _ = get(base, "/api/events", limit=5, offset=5)
    assert {(e["doc_id"], e["ordinal"]) for e in second["items"]}.isdisjoint(
        (e["doc_id"], e["ordinal"]) for e in page["items"]
    )


def test_event_filters_narrow_the_list(base):
    _, everything, _ = get(base, "/api/events", limit=500)
    _, russia, _ = get(base, "/api/events", actor="RUS", limit=500)
    assert 0 < russia["total"] < everything["total"]
    # a code prefix, or part of a name or of the words ("Brussels" matches too, as in `eventcoder events`)
    assert all("rus" in json.dumps([e["source"], e["target"]]).lower() for e in russia["items"])
    _, conflict, _ = get(base, "/api/events", quad=4, modality="asserted", min_confidence=0.3, limit=500)
    assert conflict["total"] > 0
    assert all(
        e["quad_class"] == 4 and e["modality"] == "asserted" and e["confidence"] >= 0.3
        for e in conflict["items"]
    )
    _, june, _ = get(base, "/api/events", since="2025-06-20", until="2025-06", limit=500)
    assert june["total"] > 0 and all("2025-06-20" <= e["date"] <= "2025-06-30" for e in june["items"])
    _, outlet, _ = get(base, "/api/events", source="eventcoder examples", limit=500)
    assert 0 < outlet["total"] < everything["total"]
    assert {e["outlet"] for e in outlet["items"]} == {"eventcoder examples"}
    _, kenya, _ = get(base, "/api/events", country="ken")
    assert kenya["total"] > 0 and all(e["location"]["country"] == "KEN" for e in kenya["items"])


def test_one_event_comes_with_its_document_and_highlights(base):
    _, page, _ = get(base, "/api/events", doc=HOSTILE_ID)
    assert page["total"] >= 1
    first = page["items"][0]
    status, found, _ = fetch(f"{base}/api/events/{quote(first['doc_id'], safe='')}/{first['ordinal']}")
    assert status == 200
    assert found["document"]["doc_id"] == HOSTILE_ID and "<script>" in found["document"]["text"]
    start, end = found["highlights"]["sentence"]
    assert found["document"]["text"][start:end] == found["event"]["sentence"].strip()
    assert fetch(f"{base}/api/events/nope/0")[0] == 404


def test_quotes_filter_by_speaker_and_about_with_context(base):
    status, page, _ = get(base, "/api/quotes", limit=500)
    assert status == 200 and page["total"] > 10
    quoted = page["items"][0]
    assert quoted["context"]["quote"] and "speaker" in quoted and "about" in quoted
    _, zelensky, _ = get(base, "/api/quotes", speaker="Zelensky")
    assert zelensky["total"] >= 1
    assert all("Zelensky" in (q["speaker"]["name"] or q["speaker"]["text"]) for q in zelensky["items"])
    _, about, _ = get(base, "/api/quotes", about="RUS", limit=500)
    assert about["total"] > 0 and all(any(c.startswith("RUS") for c in q["about"]) for q in about["items"])


def test_dyads_rank_country_pairs_and_give_both_directions(base):
    status, page, _ = get(base, "/api/dyads", limit=10)
    assert status == 200 and page["total"] > 3
    counts = [d["events"] for d in page["items"]]
    assert counts == sorted(counts, reverse=True)
    top = next(d for d in page["items"] if d["last"])  # one with dated events
    assert top["events"] == top["quad1"] + top["quad2"] + top["quad3"] + top["quad4"]
    status, series, _ = get(base, "/api/dyads/series", a=top["source"], b=top["target"], interval="day")
    assert status == 200
    forward = series["series"][f"{top['source']}->{top['target']}"]
    assert sum(r["events"] for r in forward) > 0 and all(r["period"] for r in forward)


def test_actor_partners_series_and_quotes(base):
    status, actor, _ = get(base, "/api/actors/RUS")
    assert status == 200 and actor["partners"] and actor["series"]
    assert actor["partners"][0]["events"] >= actor["partners"][-1]["events"]


def test_map_counts_countries_and_city_points(base):
    status, places, _ = get(base, "/api/map")
    assert status == 200
    assert {c["country"] for c in places["countries"]} >= {"UKR", "KEN"}
    assert places["points"] and all(p["lat"] is not None for p in places["points"])


def test_alerts_api_reports_its_settings(base):
    status, report, _ = get(base, "/api/alerts", window="7d")
    assert status == 200
    assert report["settings"]["window_days"] == 7 and "items" in report and report["as_of"]
    for alert in report["items"]:
        assert alert["reasons"] and alert["evidence"]["since"] <= alert["evidence"]["until"]


def test_records_are_listed_with_the_records_filters(base, tmp_path):
    status, page, _ = get(base, "/api/records", limit=500)
    assert status == 200 and page["total"] > 0
    record = page["items"][0]
    assert record["record_id"] and record["num_articles"] >= 1 and "cameo" in record
    _, conflict, _ = get(base, "/api/records", root="19", limit=500)
    assert 0 < conflict["total"] < page["total"] and all(r["cameo_root"] == "19" for r in conflict["items"])
    _, several, _ = get(base, "/api/records", min_articles=50)
    assert several["total"] == 0
    assert get(base, "/api/records", quad=4)[0] == 422  # a filter records do not have is refused, not ignored
    db = tmp_path / "no-records.db"
    with sqlite3.connect(coded_db()) as source, sqlite3.connect(db) as target:
        source.backup(target)
        target.execute("DROP TABLE records")
    with running_server(db) as url:
        status, body, _ = get(url, "/api/records")
    assert status == 404 and "no records table" in body["message"]


@pytest.mark.parametrize(
    "path, params, name",
    [
        ("/api/events", {"since": "last week"}, "since"),
        ("/api/events", {"until": "2025-6-1"}, "until"),
        ("/api/events", {"limit": "0"}, "limit"),
        ("/api/events", {"limit": "many"}, "limit"),
        ("/api/events", {"offset": "-1"}, "offset"),
        ("/api/events", {"quad": "5"}, "quad"),
        ("/api/events", {"modality": "maybe"}, "modality"),
        ("/api/events", {"min_confidence": "2"}, "min_confidence"),
        ("/api/events", {"dyad": "USA"}, "dyad"),
        ("/api/events", {"code": "abc"}, "code"),
        ("/api/events", {"country": "Ukraine"}, "country"),
        ("/api/events", {"since": "2025-07-01", "until": "2025-06-01"}, "since"),
        ("/api/quotes", {"since": "yesterday"}, "since"),
        ("/api/dyads/series", {"a": "USA"}, "b"),
        ("/api/dyads/series", {"a": "USA", "b": "RUS", "interval": "hour"}, "interval"),
        ("/api/alerts", {"window": "a week"}, "window"),
        ("/api/alerts", {"window": "0d"}, "window"),
        ("/api/alerts", {"alpha": "1.5"}, "alpha"),
        ("/api/alerts", {"as_of": "2025-06"}, "as_of"),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(base, path, params, name):
    status, body, _ = get(base, path, **params)
    assert status == 422, body
    assert name in body["message"]


def test_a_bad_parameter_on_a_page_is_a_readable_422_page(base):
    status, html, _ = get(base, "/", since="soon")
    assert status == 422 and "since: a date: YYYY, YYYY-MM or YYYY-MM-DD" in html and "soon" in html


def test_code_endpoint_codes_text_with_the_real_coder(base):
    article = {
        "text": "Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.",
        "date": "2025-05-06",
        "title": "Shelling",
    }
    status, doc, _ = fetch(f"{base}/api/code", article, "POST")
    assert status == 200
    assert doc["title"] == "Shelling" and doc["text"].startswith("Russian forces")
    assert any(e["quad_class"] == 4 for e in doc["events"])
    assert set(doc) >= {"doc_id", "events", "quotes", "actors", "places", "removed"}
    for bad in ({"text": ""}, {"text": "   "}, {"text": "x", "date": "May 6"}, {"title": "no text"}):
        status, body, _ = fetch(f"{base}/api/code", bad, "POST")
        assert status == 422 and body["message"], bad


def test_every_page_answers_and_declares_its_security_policy(base):
    for path in (
        "/",
        "/dyads",
        "/dyad?a=USA&b=RUS",
        "/actor?code=RUS",
        "/map",
        "/quotes",
        "/alerts",
        "/docs",
    ):
        status, html, headers = fetch(base + path)
        assert status == 200, path
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "<script>window" not in html  # article text never reaches a page unescaped
        assert "cdn" not in html.lower()


def test_openapi_lists_every_endpoint(base):
    status, spec, _ = fetch(f"{base}/openapi.json")
    assert status == 200
    paths = set(spec["paths"])
    assert paths >= {
        "/api/code",
        "/api/events",
        "/api/quotes",
        "/api/dyads",
        "/api/alerts",
        "/api/records",
        "/api/map",
        "/api/dyads/series",
        "/api/actors/{code}",
        "/api/events/{doc_id}/{ordinal}",
    }


def test_an_empty_database_answers_with_empty_pages(empty_base):
    status, page, _ = get(empty_base, "/api/events")
    assert status == 200 and page["total"] == 0 and page["items"] == []
    status, report, _ = get(empty_base, "/api/alerts")
    assert status == 200 and report["items"] == [] and report["note"]
    for path, message in (
        ("/", "No events"),
        ("/dyads", "No dyads"),
        ("/quotes", "No quotes"),
        ("/alerts", "No alerts"),
        ("/map", "No located events"),
    ):
        status, html, _ = fetch(empty_base + path)
        assert status == 200 and message in html, path


def test_serve_refuses_a_missing_database_and_warns_about_other_hosts(tmp_path):
    missing = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "no database" in missing.stderr
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are my notes, not a database\n")
    refused = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(not_a_database)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2 and str(not_a_database) in refused.stderr
    assert "Traceback" not in refused.stderr
    from tests.web_support import free_port

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eventcoder.cli",
            "serve",
            "--db",
            str(empty_db()),
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        warning = proc.stderr.readline()
    finally:
        proc.terminate()
        proc.wait(20)
    assert "WARNING" in warning and "reachable from other machines" in warning
