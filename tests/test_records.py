"""Event records (issue #14, 3): one real-world event reported by several outlets is one record."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder import gdelt, queries, records, store
from eventcoder.model import Article

# One wire story in three outlets' wording, plus an unrelated story about the same two countries.
WIRE = [
    ("gazette-1", "Harbour Gazette", "2023-03-14", "Norway expels Russian diplomats",
     "Norway expelled three Russian diplomats on Tuesday, accusing them of spying on its navy. The "
     "foreign ministry in Oslo gave the diplomats 48 hours to leave the country. Russia called the "
     "decision unjustified."),
    ("courier-7", "Daily Courier", "2023-03-14", "Spy row: Norway orders out three Russian envoys",
     "In a sharp escalation of the spy row, Norway on Tuesday expelled three diplomats from Russia, "
     "saying they had spied on Norwegian naval bases. The diplomats have 48 hours to leave. Officials in "
     "Moscow rejected the accusation."),
    ("wire-3", "World Wire", "2023-03-15", "Norway expels Russian diplomats over navy spying claims",
     "Norway has expelled three Russian diplomats it accuses of spying on its navy, the foreign ministry "
     "said on Tuesday. Moscow said the expulsions were unjustified and promised a response."),
    ("courier-8", "Daily Courier", "2023-03-14", "Norway and Russia sign a fishing accord",
     "Norway signed a fishing agreement with Russia on Tuesday after months of talks over quotas in the "
     "Barents Sea."),
]  # fmt: skip


def wire_articles() -> list[Article]:
    return [
        Article(doc_id=i, text=text, title=title, date=date, source=source, origin=f"wire.jsonl:{n}")
        for n, (i, source, date, title, text) in enumerate(WIRE, 1)
    ]


@pytest.fixture(scope="module")
def wire_db(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """The wire stories coded into a database, one document per batch (as a streaming run commits)."""
    db = tmp_path_factory.mktemp("records") / "wire.db"
    conn = store.connect(db)
    for doc in coder.code_articles(wire_articles()):
        store.write_documents(conn, [doc])
    conn.close()
    return db


def expulsion(conn) -> list:
    return queries.query_records(conn, code="166", limit=None)


def test_one_story_in_three_outlets_is_one_record_with_three_articles(wire_db: Path) -> None:
    conn = store.connect(wire_db, readonly=True)
    [record] = expulsion(conn)
    # three leads, and the two headlines that tell the expulsion too ("Norway expels Russian diplomats")
    assert (record["num_articles"], record["num_sources"], record["num_mentions"]) == (3, 3, 5)
    assert (record["source_country"], record["target_country"]) == ("NOR", "RUS")
    assert (record["first_seen"], record["last_seen"]) == ("2023-03-14", "2023-03-15")
    mentions = records.mention_list(conn, record["record_id"])
    assert sorted({m["doc_id"] for m in mentions}) == ["courier-7", "gazette-1", "wire-3"]
    body = [m for m in mentions if m["sentence_index"] >= 0]
    assert len(body) == 3 and all(m["span"][1] > m["span"][0] for m in body)
    agreement = queries.query_records(conn, code="057", limit=None)
    # same dyad and day, other event: the accord's records (one per direction) stay in its own article
    assert agreement and all(r["num_articles"] == 1 for r in agreement)
    conn.close()


def test_recoding_an_article_updates_and_rebuilding_reproduces_the_records(wire_db: Path, coder) -> None:
    conn = store.connect(wire_db)
    [before] = expulsion(conn)
    changed = wire_articles()[2]
    changed.text = "Norway and Russia held talks on fishing quotas in Oslo on Tuesday."
    changed.title = "Norway and Russia hold fishing talks"  # headlines are coded too: the edit drops both
    store.write_documents(conn, list(coder.code_articles([changed])))
    [after] = expulsion(conn)
    assert after["record_id"] == before["record_id"] and after["num_articles"] == 2
    assert records.rebuild(conn) == conn.execute("SELECT count(*) FROM records").fetchone()[0]
    [rebuilt] = expulsion(conn)
    assert rebuilt["num_articles"] == 2
    conn.close()


def test_a_repeated_mention_in_one_article_counts_as_a_mention_not_an_article(coder, tmp_path: Path) -> None:
    text = (
        "Norway expelled three Russian diplomats on Tuesday. Officials in Oslo gave no details. "
        "Norway expelled the Russian diplomats after a long investigation, the ministry said."
    )
    doc = coder.code(text, date="2023-03-14", doc_id="repeat")
    conn = store.connect(tmp_path / "one.db")
    store.write_documents(conn, [doc])
    expelled = [r for r in queries.query_records(conn, code="166", limit=None)]
    assert len(expelled) == 1
    assert (expelled[0]["num_mentions"], expelled[0]["num_articles"]) == (2, 1)
    conn.close()


def test_the_grouping_rules_in_isolation() -> None:
    assert records.dyads_compatible(("NOR", "RUS"), ("NOR", None))
    assert not records.dyads_compatible(("NOR", "RUS"), ("NOR", "SWE"))
    assert not records.dyads_compatible((None, None), (None, None))
    words = records.content_words("Norway expelled three Russian diplomats", "Spy row")
    assert "expell" in words and "the" not in words
    assert records.similarity(words, words) == 1.0


def test_the_parties_of_a_compound_actor_are_one_mention_of_their_record(coder, tmp_path: Path) -> None:
    text = "The Polish foreign minister and the Polish defence minister accused Germany of spying on Tuesday."
    title = "Polish foreign and defence ministers accuse Germany of spying"
    doc = coder.code(text, date="2023-03-14", doc_id="compound", title=title)
    accusations = [e for e in doc.events if e.cameo.startswith("11") and e.sentence_index >= 0]
    assert len(accusations) == 1  # one event per action, the second minister among its other sources
    assert [m.text for m in accusations[0].other_sources] == ["the Polish defence minister"]
    conn = store.connect(tmp_path / "compound.db")
    store.write_documents(conn, [doc])
    [record] = [r for r in queries.query_records(conn, limit=None) if str(r["cameo"]).startswith("11")]
    headline = [e for e in doc.events if e.cameo.startswith("11") and e.sentence_index == -1]
    assert (record["num_mentions"], record["num_articles"]) == (1 + min(len(headline), 1), 1)
    conn.close()
    exported = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "export", "--db", str(tmp_path / "compound.db"),
         "--format", "gdelt-mentions"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [line.split("\t") for line in exported.stdout.splitlines()]
    assert [r[0] for r in rows].count(str(gdelt.numeric_id(record["record_id"]))) == record["num_mentions"]
