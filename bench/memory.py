#!/usr/bin/env python
"""Peak memory of one long document (issue 18, item 9).

Why: spaCy's memory grows with the length of the `Doc` it parses; a single
900,000-character document used to peak at 2.9 GB in one process. eventcoder
now parses long documents in paragraph pieces (`nlp.PIECE_CHARS`) and joins
them, so the peak should stay under 1 GB per worker whatever the length up to
`--max-chars`. This writes a document of invented wire copy of the requested
length, codes it with the real CLI (`--workers 1`, in one process), samples the
resident memory of the process tree every 0.1 s, and prints peak RSS and time.

    python bench/memory.py                      # 900,000 characters, the whole pipeline
    python bench/memory.py --chars 300000 --chars 900000
    python bench/memory.py --parse-only         # only the spaCy parse (nlp.parse_text), in one process

Known limit: some later stages scan the whole document once per event or
quote (quotes' `_about`, time's `_entity_at`, geo's `used_as_actor`), so the
whole pipeline on a 900,000-character document takes tens of minutes on a
busy 2-core machine; `--parse-only` measures the part whose memory used to
explode.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import run_measured  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ["Sylvania", "Freedonia", "the ministry", "NATO", "the president", "Kenya", "Japan", "rebels"]
VERBS = ["accused", "met", "warned", "praised", "criticised", "thanked", "threatened", "visited"]


def long_text(chars: int, seed: int = 3) -> str:
    """Paragraphs of three or four invented sentences each, up to `chars` characters."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        sentences = [
            f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} {rng.choice(ACTORS)} on "
            f"{rng.choice(['Monday', 'Tuesday', 'Friday'])}, officials said."
            for _ in range(rng.randint(3, 4))
        ]
        paragraphs.append(" ".join(sentences))
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)[:chars]


PARSE_ONLY = """
import json, sys
from eventcoder import nlp
text = json.loads(open(sys.argv[1]).read())["text"]
doc = nlp.parse_text(text, nlp.load_pipeline())
print(f"parsed {len(text):,} characters: {len(doc):,} tokens, {len(list(doc.sents)):,} sentences")
"""


def measure(chars: int, parse_only: bool = False) -> tuple[float, int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "long.jsonl"
        data.write_text(json.dumps({"id": "long", "text": long_text(chars), "date": "2024-01-02"}) + "\n")
        if parse_only:
            return run_measured([sys.executable, "-c", PARSE_ONLY, str(data)])
        cmd = [
            sys.executable, "-m", "eventcoder.cli", "code", str(data), "--db", str(Path(tmp) / "m.db"),
            "--workers", "1", "--no-progress", "--max-chars", str(max(chars, 1_000_000)),
        ]  # fmt: skip
        return run_measured(cmd)


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--chars", type=int, action="append", help="document length (repeatable)")
    parser.add_argument("--parse-only", action="store_true", help="measure only the spaCy parse")
    args = parser.parse_args()
    print(f"{'characters':>12} {'seconds':>8} {'peak RSS':>10}  summary")
    for chars in args.chars or [900_000]:
        seconds, peak, summary = measure(chars, args.parse_only)
        print(f"{chars:>12,} {seconds:>8.1f} {peak / 2**20:>7.0f} MB  {summary}", flush=True)


if __name__ == "__main__":
    main()
