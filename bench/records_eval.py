"""Pairwise precision and recall of event-record grouping against bench/gold/story-groups.

    .venv/bin/python bench/records_eval.py                 # codes the gold articles (+ same-day distractors)
    .venv/bin/python bench/records_eval.py --db /tmp/g.db   # keep the coded database; reuse it next time

The gold set (bench/gold/story-groups/stories.json, README there) lists 40 stories, each
covered by two or three outlets in ../shared/corpora/allsides-sample.jsonl.gz. Articles
are coded with the real pipeline into a database, which groups their events into records
as a run does; then, over pairs of articles:

- recall: the share of same-story article pairs that share at least one event record;
- precision: the share of article pairs sharing a record that are in the same story.

Distractors (other corpus articles published within a day of a gold article) are coded
too, so that grouping has something to confuse; a record linking a gold article to a
distractor counts as a false link. Some distractors may in fact report the same story,
so precision with distractors is a lower bound. Mention-level precision counts pairs of
mentions from different articles in one record. Speed is not measured here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "story-groups" / "stories.json"


def load_gold() -> tuple[Path, dict[str, str]]:
    """(corpus path, article id -> story)."""
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    story_of = {a: s["story"] for s in data["stories"] for a in s["articles"]}
    return (ROOT / data["corpus"]).resolve(), story_of


def _day(value: str | None) -> dt.date | None:
    from eventcoder.ingest import normalise_date

    iso = normalise_date(value) if value else None
    return dt.date.fromisoformat(iso) if iso else None


def select_articles(corpus: Path, story_of: dict[str, str], distractors: int) -> list[dict]:
    """The gold articles, plus up to `distractors` others published within a day of one of them."""
    rows = [json.loads(line) for line in gzip.open(corpus, "rt", encoding="utf-8")]
    gold = [r for r in rows if r["id"] in story_of]
    days = {d for r in gold if (d := _day(r.get("date")))}
    near = {d + dt.timedelta(k) for d in days for k in (-1, 0, 1)}
    others = [r for r in rows if r["id"] not in story_of and _day(r.get("date")) in near]
    return gold + others[:distractors]


def code_into(db: Path, articles: list[dict]) -> None:
    from eventcoder import store
    from eventcoder.ingest import article_from_record
    from eventcoder.model import Article
    from eventcoder.pipeline import Coder

    coder = Coder()
    conn = store.connect(db)
    items = [
        a
        for r in articles
        for a in article_from_record(r, f"corpus:{r['id']}", None)
        if isinstance(a, Article)
    ]
    for start in range(0, len(items), 16):
        store.write_documents(conn, list(coder.code_articles(items[start : start + 16])))
    conn.close()


def linked_pairs(db: Path) -> tuple[set[tuple[str, str]], list[tuple[str, str]]]:
    """(article pairs sharing a record, mention pairs from different articles in one record)."""
    from eventcoder import store

    conn = store.connect(db, readonly=True)
    by_record: dict[str, list[str]] = defaultdict(list)
    for record_id, doc_id in conn.execute("SELECT record_id, doc_id FROM events WHERE record_id IS NOT NULL"):
        by_record[record_id].append(doc_id)
    conn.close()
    articles: set[tuple[str, str]] = set()
    mentions: list[tuple[str, str]] = []
    for docs in by_record.values():
        for a, b in itertools.combinations(sorted(docs), 2):
            if a != b:
                articles.add((a, b))
                mentions.append((a, b))
    return articles, mentions


def score(db: Path, story_of: dict[str, str]) -> dict[str, float]:
    linked, mention_pairs = linked_pairs(db)
    by_story: dict[str, list[str]] = defaultdict(list)
    for article, story in story_of.items():
        by_story[story].append(article)
    gold_pairs = {p for arts in by_story.values() for p in itertools.combinations(sorted(arts), 2)}

    def same(pair: tuple[str, str]) -> bool:
        a, b = pair
        return a in story_of and story_of.get(a) == story_of.get(b)

    within_gold = {p for p in linked if p[0] in story_of and p[1] in story_of}
    touching_gold = {p for p in linked if p[0] in story_of or p[1] in story_of}
    mentions_gold = [p for p in mention_pairs if p[0] in story_of or p[1] in story_of]
    return {
        "gold same-story article pairs": len(gold_pairs),
        "recall (article pairs)": len(gold_pairs & linked) / len(gold_pairs) if gold_pairs else 0.0,
        "precision (article pairs, gold articles only)": _ratio(
            sum(map(same, within_gold)), len(within_gold)
        ),
        "precision (article pairs, with distractors)": _ratio(
            sum(map(same, touching_gold)), len(touching_gold)
        ),
        "precision (mention pairs, with distractors)": _ratio(
            sum(map(same, mentions_gold)), len(mentions_gold)
        ),
        "stories with at least one shared record": len({story_of[a] for a, b in gold_pairs & linked}),
    }


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="database to code into and keep (reused when it exists)")
    parser.add_argument(
        "--distractors", type=int, default=200, help="same-day non-gold articles (default 200)"
    )
    parser.add_argument("--similarity", type=float, help="try another records.MIN_SIMILARITY (regroups)")
    args = parser.parse_args(argv)
    corpus, story_of = load_gold()
    if not corpus.is_file():
        print(f"records_eval: skipped, the corpus {corpus} is not here", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    import tempfile

    from eventcoder import records, store

    scratch = tempfile.TemporaryDirectory()
    db = args.db or Path(scratch.name) / "gold.db"
    if not db.exists():
        articles = select_articles(corpus, story_of, args.distractors)
        print(
            f"coding {len(articles)} articles ({len(story_of)} gold, rest distractors) into {db}",
            file=sys.stderr,
        )
        code_into(db, articles)
    if args.similarity is not None:
        records.MIN_SIMILARITY = args.similarity
        conn = store.connect(db)
        records.rebuild(conn)
        conn.close()
    print(
        f"records grouping vs {GOLD.relative_to(ROOT)} (MIN_SIMILARITY={records.MIN_SIMILARITY}, "
        f"WINDOW_DAYS={records.WINDOW_DAYS})"
    )
    for name, value in score(db, story_of).items():
        print(f"  {name:48s} {value:.3f}" if isinstance(value, float) else f"  {name:48s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
