"""Draw the real-news excerpts that the gold set and the verifier's training labels are coded on.

Why a script: the draw must be reproducible and must keep the development, frozen test and training
articles apart (split by article, never by sentence).  Run from the repository root with ../shared present:

    python gold/realnews/draw.py

It writes gold/realnews/drawn/{test,dev,train,train2,...,train9}.jsonl: one excerpt per line with
id, date, title, text, corpus, source and section.  An excerpt is the title plus the first paragraphs of the article, cut at a
paragraph boundary once it reaches about 250 words (never past 400 unless the first paragraph alone is longer),
as realnews-guidelines.md asks.  Articles shorter than 200 words are not drawn.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

SEED = 20261201
CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"
OUT = Path(__file__).resolve().parent / "drawn"
# How many excerpts per split and stratum.  AllSides is US political news (domestic and foreign affairs);
# BBC politics and business carry UK politics, trade and international affairs.
PLAN = {
    "test": {"allsides": 22, "bbc": 10},
    "dev": {"allsides": 26, "bbc": 12},
    "train": {"allsides": 200, "bbc": 60},
}
BBC_SECTIONS = {"politics", "business"}
# A second training draw for the learned verifier, from articles not drawn above, that favours the event types
# rare in US political news (aid, force, deployments, sanctions, protests, talks between states).  Articles
# qualify when their excerpt has at least two of these words; they are taken in the same shuffled order.
RARE_TYPE_WORDS = re.compile(
    r"\b(troops|military|missiles?|strikes?|airstrikes?|killed|attack(ed|s)?|sanctions?|protest(ers|s)?|"
    r"talks|summit|minister|aid|deployed|rebels|militants|ceasefire|embassy|arrested|clashes)\b",
    re.IGNORECASE,
)
# Each extra draw starts after the last article the previous one took, so no article is in two draws; train3,
# train4 and train5 also skip any excerpt whose text an earlier split already holds (the BBC corpus repeats some
# articles under two ids).  train2 did not, and is kept as drawn.
EXTRA_TRAIN = {"train2": {"allsides": 120, "bbc": 30}, "train3": {"allsides": 45, "bbc": 15},
               "train4": {"allsides": 45, "bbc": 15}, "train5": {"allsides": 45, "bbc": 15},
               "train6": {"allsides": 45, "bbc": 15}, "train7": {"allsides": 45, "bbc": 15},
               "train8": {"allsides": 45, "bbc": 15}, "train9": {"allsides": 45, "bbc": 15}}
UNIQUE_TEXT_SPLITS = {"train3", "train4", "train5", "train6", "train7", "train8", "train9"}
# train4 and train5 are held-out checks, and train6 to train9 development parts, drawn the way test and dev were,
# so they keep the natural mix of event types: they take every excerpt in shuffled order, without the
# rare-type word filter.
UNFILTERED_SPLITS = {"train4", "train5", "train6", "train7", "train8", "train9"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def excerpt(text: str, low: int = 250, high: int = 400) -> str:
    """The first paragraphs of `text`, cut at a paragraph boundary near `low` words."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    kept: list[str] = []
    words = 0
    for paragraph in paragraphs:
        n = len(paragraph.split())
        if kept and words + n > high:
            break
        kept.append(paragraph)
        words += n
        if words >= low:
            break
    return "\n\n".join(kept)


def load(name: str) -> list[dict]:
    with gzip.open(CORPORA / name, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def candidates() -> dict[str, list[dict]]:
    allsides = [r for r in load("allsides-sample.jsonl.gz") if len(r["text"].split()) >= 200]
    bbc = [r for r in load("bbc-2004-2005.jsonl.gz")
           if r.get("section") in BBC_SECTIONS and len(r["text"].split()) >= 200]
    return {"allsides": allsides, "bbc": bbc}


def record(article: dict, corpus: str) -> dict:
    date = article.get("date") or None
    return {
        "id": article["id"],
        "date": date if date and ISO_DATE.match(date) else None,
        "title": article.get("title") or "",
        "text": excerpt(article["text"]),
        "corpus": corpus,
        "source": article.get("source") or ("BBC News" if corpus == "bbc" else None),
        "section": article.get("section"),
    }


def rare_type_words(text: str) -> int:
    return len({m.group(0).lower() for m in RARE_TYPE_WORDS.finditer(text)})


def write(split: str, rows: list[dict]) -> None:
    with open(OUT / f"{split}.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{split}: {len(rows)} excerpts")


def main() -> None:
    rng = random.Random(SEED)
    pools = candidates()
    for pool in pools.values():
        rng.shuffle(pool)
    OUT.mkdir(exist_ok=True)
    taken = {corpus: 0 for corpus in pools}
    for split, counts in PLAN.items():
        rows = []
        for corpus, n in counts.items():
            rows += [record(a, corpus) for a in pools[corpus][taken[corpus]:taken[corpus] + n]]
            taken[corpus] += n
        write(split, rows)
    drawn_texts = {row["text"] for split in PLAN for row in read(split)}
    for split, counts in EXTRA_TRAIN.items():
        rows = []
        for corpus, n in counts.items():
            picked, taken[corpus] = extra_draw(pools[corpus], corpus, taken[corpus], n,
                                               drawn_texts if split in UNIQUE_TEXT_SPLITS else set(),
                                               0 if split in UNFILTERED_SPLITS else 2)
            rows += picked
        write(split, rows)
        drawn_texts |= {row["text"] for row in rows}


def extra_draw(pool: list[dict], corpus: str, start: int, n: int, skip_texts: set[str],
               min_rare_words: int) -> tuple[list[dict], int]:
    """The first `n` excerpts from `pool[start:]` with `min_rare_words` rare-type words (0: any excerpt) and a
    text no earlier split holds, and the index after the last one.

    Why the index: the next extra draw starts there, so it never takes an article an earlier draw took."""
    picked: list[dict] = []
    for index in range(start, len(pool)):
        row = record(pool[index], corpus)
        if rare_type_words(row["text"]) >= min_rare_words and row["text"] not in skip_texts:
            picked.append(row)
            if len(picked) == n:
                return picked, index + 1
    return picked, len(pool)


def read(split: str) -> list[dict]:
    with open(OUT / f"{split}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


if __name__ == "__main__":
    main()
