"""The `code` command: parallel runs equal serial ones, errors are isolated, exit statuses, resume."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventcoder import runner, store
from eventcoder.model import Article, Document, IngestError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"

# Articles written for these tests (used when examples/articles is empty).
OWN_ARTICLES = {
    "border": (
        "Sylvanian troops crossed the border into Freedonia on Tuesday, "
        "the Freedonian defence ministry said. "
        "Freedonia's president condemned the incursion and recalled her ambassador from Sylvania. "
        '"We will not accept this," she told reporters in the capital.'
    ),
    "talks": (
        "Russia and Ukraine agreed on Friday to hold a new round of talks in Istanbul next week. "
        "The Turkish foreign minister said both delegations had promised to attend. "
        "Officials in Kyiv denied that any ceasefire had been signed."
    ),
    "sanctions": (
        "The European Union imposed fresh sanctions on Iran over its nuclear programme, "
        "diplomats said on Monday. "
        "Tehran accused Brussels of economic warfare and threatened to expel inspectors."
    ),
    "aid": (
        "Japan pledged 200 million dollars in aid to Bangladesh after the floods, Tokyo said on Wednesday. "
        "The Bangladeshi prime minister thanked Japan and appealed for more help from donors."
    ),
    "protest": (
        "Thousands of protesters marched in Santiago on Saturday to demand the resignation "
        "of the interior minister. "
        "Police used tear gas to disperse the crowd, witnesses said."
    ),
}


def sample_items() -> list[Article | IngestError]:
    """The bundled examples (read by ingest) when present, else the articles above."""
    if any(EXAMPLES.glob("*.*")):
        try:
            from eventcoder import ingest
        except ImportError:
            pass
        else:
            return list(ingest.read_inputs([str(EXAMPLES)], default_date="2024-05-02"))
    return list(standin_items(OWN_ARTICLES))


def standin_items(texts: dict[str, str], date: str = "2024-05-02") -> Iterator[Article | IngestError]:
    """Stand-in for ingest.read_inputs: one Article per text."""
    for doc_id, text in texts.items():
        yield Article(doc_id=doc_id, text=text, date=date, origin=f"{doc_id}.txt")


def run_in_process(
    items: Iterable[Article | IngestError], db: Path | None, **opts: object
) -> tuple[runner.Summary, str]:
    """Code ingested items with the runner's own loop; returns the summary and the JSONL written."""
    conn = store.connect(db) if db else None
    out = io.StringIO()
    summary = runner.Summary()
    sink = runner.Sink(conn, out, set(), summary, io.StringIO())
    runner.run_articles(items, runner.RunOptions(**opts), sink)  # type: ignore[arg-type]
    if conn is not None:
        conn.close()
    return summary, out.getvalue()


def table_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row except timestamps, sorted, to compare two databases."""
    conn = sqlite3.connect(db)
    rows = {}
    for table in ("documents", "events", "quotes", "actors"):
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "coded_at"]
        rows[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}"), key=repr)
    conn.close()
    return rows


@pytest.mark.slow
def test_two_workers_write_exactly_what_one_worker_writes(tmp_path: Path) -> None:
    items = sample_items()
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) >= 4
    one, out_one = run_in_process(items, tmp_path / "one.db", workers=1, batch_size=2)
    two, out_two = run_in_process(items, tmp_path / "two.db", workers=2, batch_size=2)
    assert one.documents == two.documents == len(articles) and one.errors == two.errors == 0
    assert out_one == out_two  # same events, same ids, same order
    assert [json.loads(line)["doc_id"] for line in out_two.splitlines()] == [a.doc_id for a in articles]
    assert table_rows(tmp_path / "one.db") == table_rows(tmp_path / "two.db")


class ExplodingCoder:
    """A Coder whose analysis crashes on one article, to check the crash stays with that article."""

    def __init__(self) -> None:
        self.calls = 0

    def code_articles(self, articles: list[Article], batch_size: int = 8) -> Iterator[Document]:
        self.calls += 1
        for a in articles:
            if "explode" in a.text:
                raise RuntimeError("analysis blew up")
            yield Document(doc_id=a.doc_id, raw_text=a.text, text=a.text)


def test_a_crash_inside_the_pipeline_costs_one_document_not_the_batch() -> None:
    chunk = [
        Article(doc_id="a", text="fine", origin="in.jsonl:1"),
        Article(doc_id="b", text="explode here", origin="in.jsonl:2"),
        Article(doc_id="c", text="fine too", origin="in.jsonl:3"),
    ]
    results = runner.code_chunk(ExplodingCoder(), chunk)
    assert [type(r).__name__ for r in results] == ["Document", "IngestError", "Document"]
    error = results[1]
    assert isinstance(error, IngestError)
    assert error.origin == "in.jsonl:2" and error.doc_id == "b" and "analysis blew up" in error.reason


def test_pipeline_errors_are_printed_stored_and_counted(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "e.db")
    err = io.StringIO()
    summary = runner.Summary()
    sink = runner.Sink(conn, None, set(), summary, err)
    chunk = [Article(doc_id="x", text="explode", origin="feed.jsonl:9"), Article(doc_id="y", text="ok")]
    sink.write(chunk, runner.code_chunk(ExplodingCoder(), chunk))
    assert "feed.jsonl:9" in err.getvalue() and "analysis blew up" in err.getvalue()
    assert summary.errors == 1 and summary.documents == 1 and summary.exit_status() == 3
    row = conn.execute("SELECT origin, doc_id, reason FROM errors").fetchone()
    assert row[0] == "feed.jsonl:9" and row[1] == "x"
    assert store.coded_ids(conn) == {"y"}


@pytest.mark.slow
def test_oversized_documents_are_refused_and_the_rest_coded(tmp_path: Path) -> None:
    texts = {"small": OWN_ARTICLES["aid"], "huge": "word " * 5000}
    summary, out = run_in_process(standin_items(texts), tmp_path / "h.db", workers=1, max_chars=10_000)
    assert summary.documents == 1 and summary.errors == 1
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["small"]


def test_summary_line_reads_like_the_documentation() -> None:
    s = runner.Summary(documents=8, events=41, quotes=17, errors=0, seconds=3.21)
    assert s.line() == "coded 8 documents: 41 events, 17 quotes, 0 errors in 3.2 s"
    assert s.exit_status() == 0


# -- the real command line, as a subprocess ---------------------------------------
def eventcoder(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("eventcoder.ingest", reason="the ingest module has not landed yet")
    cmd = [sys.executable, "-m", "eventcoder.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in OWN_ARTICLES.items():
        (folder / f"{name}.txt").write_text(f"{name.title()}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_cli_codes_a_folder_then_resumes_and_appends_only_new_documents(
    tmp_path: Path, article_dir: Path
) -> None:
    db, out = tmp_path / "run.db", tmp_path / "out.jsonl"
    first = eventcoder(
        "code", str(article_dir), "--db", str(db), "-o", str(out), "--workers", "1", "--date", "2024-05-02"
    )
    assert first.returncode == 0, first.stderr
    assert f"coded {len(OWN_ARTICLES)} documents" in first.stderr
    assert len(out.read_text().splitlines()) == len(OWN_ARTICLES)

    # The same inputs (with the same --date: the publication date is part of a document's content).
    again = eventcoder(
        "code", str(article_dir), "--db", str(db), "-o", str(out), "--workers", "1", "--date", "2024-05-02"
    )
    assert again.returncode == 0 and "coded 0 documents" in again.stderr
    assert f"{len(OWN_ARTICLES)} skipped: {len(OWN_ARTICLES)} unchanged" in again.stderr
    assert len(out.read_text().splitlines()) == len(OWN_ARTICLES)

    (article_dir / "later.txt").write_text(
        "Diplomats\n\nChile expelled two Peruvian diplomats on Monday.\n", encoding="utf-8"
    )
    third = eventcoder(
        "code", str(article_dir), "--db", str(db), "-o", str(out), "--workers", "1", "--date", "2024-05-02"
    )
    assert third.returncode == 0 and "coded 1 document:" in third.stderr
    ids = [json.loads(line)["doc_id"] for line in out.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == len(OWN_ARTICLES) + 1

    forced = eventcoder("code", str(article_dir), "--db", str(db), "--workers", "1", "--force")
    assert f"coded {len(OWN_ARTICLES) + 1} documents" in forced.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(OWN_ARTICLES) + 1


@pytest.mark.slow
def test_cli_exit_status_is_3_when_an_input_fails(tmp_path: Path, article_dir: Path) -> None:
    (article_dir / "empty.txt").write_text("", encoding="utf-8")
    result = eventcoder("code", str(article_dir), "--db", str(tmp_path / "x.db"), "--workers", "1")
    assert result.returncode == 3
    assert "empty.txt" in result.stderr and "1 error" in result.stderr
    conn = sqlite3.connect(tmp_path / "x.db")
    assert conn.execute("SELECT count(*) FROM documents WHERE status='coded'").fetchone()[0] == len(
        OWN_ARTICLES
    )
    assert "empty.txt" in conn.execute("SELECT origin FROM errors").fetchone()[0]


@pytest.mark.parametrize(
    "args",
    [
        ["--date", "2024-13-40"],
        ["--date", "yesterday"],
        ["--workers", "0"],
        ["--actors", "no-such-file.yaml"],
    ],
)
def test_cli_usage_errors_exit_2_before_any_work(tmp_path: Path, article_dir: Path, args: list[str]) -> None:
    db = tmp_path / "never.db"
    result = eventcoder("code", str(article_dir), "--db", str(db), *args)
    assert result.returncode == 2
    assert "eventcoder code:" in result.stderr
    assert not db.exists()


def test_cli_without_inputs_is_a_usage_error() -> None:
    result = eventcoder("code")
    assert result.returncode == 2
