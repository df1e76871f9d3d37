"""Issue #7: every kind of bad input among good articles; each is reported by name, the rest are coded."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

GOOD_TEXT = {
    "harbour": "Greek coastguard ships rescued 40 migrants off Lesbos on Sunday, the ministry said.",
    "summit": "The presidents of Chile and Argentina met in Buenos Aires on Friday to discuss a pipeline.",
}
GOOD_RECORDS = [
    {
        "id": "rec-ok-1",
        "text": "Egypt reopened the Rafah crossing on Thursday, officials said.",
        "date": "2021-05-20",
    },
    {
        "id": "rec-ok-2",
        "text": "Poland summoned the Belarusian ambassador over border incidents.",
        "date": "2021-11-09",
    },
]


def build_folder(folder: Path) -> dict[str, str]:
    """Good and bad inputs side by side; returns bad file name -> what must appear in its error line."""
    for name, text in GOOD_TEXT.items():
        (folder / f"{name}.txt").write_text(f"{name.title()} news\n\n{text}\n", encoding="utf-8")
    lines = [
        json.dumps(GOOD_RECORDS[0]),
        "{not json at all",
        json.dumps({"id": "rec-no-text", "title": "t"}),
        json.dumps(GOOD_RECORDS[1]),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "bad-date.jsonl").write_text(
        json.dumps(
            {"id": "rec-bad-date", "text": "Peru expelled a Bolivian diplomat.", "date": "31/31/2031x"}
        )
        + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with zipfile.ZipFile(folder / "bundle.zip", "w") as archive:
        archive.writestr("inner.txt", "Kenya and Uganda signed a border treaty.")
    (folder / "windows.txt").write_bytes(
        (
            "Water talks\n\nMexico\u2019s president said \u201cno\u201d to the water plan on Monday. "
            "Officials in Mexico City said the talks with Guatemala would go on \u2013 but not this year."
        ).encode("cp1252")
    )
    (folder / "columns.csv").write_text("id,title,date\n1,Only a title,2020-01-01\n", encoding="utf-8")
    (folder / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )
    with (folder / "oneline.txt").open("w", encoding="utf-8") as handle:
        chunk = "x" * 1_000_000
        for _ in range(50):  # 50 MB without a single newline
            handle.write(chunk)
    (folder / "million.txt").write_text("word " * 1_000_000, encoding="utf-8")
    return {
        "feed.jsonl:2": "malformed",
        "feed.jsonl:3": "text",
        "empty.txt": "",
        "columns.csv": "text",
        "menu.html": "",
        "oneline.txt": "",
        "million.txt": "",
    }


@pytest.mark.slow
def test_bad_inputs_are_reported_by_name_and_good_articles_coded(tmp_path: Path) -> None:
    pytest.importorskip("eventcoder.ingest", reason="the ingest module has not landed yet")
    folder = tmp_path / "inputs"
    folder.mkdir()
    expected = build_folder(folder)
    db, out = tmp_path / "bad.db", tmp_path / "bad.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "eventcoder.cli",
            "code",
            str(folder),
            "--db",
            str(db),
            "-o",
            str(out),
            "--workers",
            "2",
            "--no-progress",
            "--date",
            "2022-02-02",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 3, result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("eventcoder: error:")]
    for where, word in expected.items():
        hits = [line for line in error_lines if where in line]
        assert len(hits) == 1, f"no single error line naming {where}:\n{result.stderr}"
        assert word.lower() in hits[0].lower()
    assert f"{len(expected)} errors" in result.stderr.splitlines()[-1]
    # Non-article files in a folder are skipped with one notice and counted, not errors (issue 17).
    assert "photo.png" not in "\n".join(error_lines) and "bundle.zip" not in "\n".join(error_lines)
    assert "(2 non-article files skipped)" in result.stderr.splitlines()[-1]

    # A file's id is its path; records keep their own ids: compare by the name without its extension.
    coded = {
        Path(json.loads(line)["doc_id"]).stem: json.loads(line)
        for line in out.read_text(encoding="utf-8").splitlines()
    }
    good_ids = {"harbour", "summit", "windows", "rec-ok-1", "rec-ok-2", "rec-bad-date"}
    assert set(coded) == good_ids
    assert coded["rec-ok-1"]["date"] == "2021-05-20"
    assert coded["rec-bad-date"]["date"] != "31/31/2031x"  # a garbage date is never passed on
    assert "Mexico" in coded["windows"]["text"]  # cp1252 bytes decoded, not dropped

    conn = sqlite3.connect(db)
    coded_rows = conn.execute("SELECT doc_id FROM documents WHERE status = 'coded'")
    stored_ids = {Path(r[0]).stem for r in coded_rows}
    assert stored_ids == good_ids
    stored = [r[0] for r in conn.execute("SELECT origin FROM errors WHERE stage != 'warning'")]
    assert len(stored) == len(expected)
    assert all(any(where in origin for origin in stored) for where in expected)
