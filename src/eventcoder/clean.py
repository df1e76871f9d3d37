"""Clean stage: strip scraped noise from article text before parsing.

Web-scraped news carries lines that are not part of the story: the headline
repeated as the first line, photo captions and agency credits, bylines,
timestamps, "Read more" and share-button trailers. Left in, they become fake
sentences ("Blinken reiterated ..." from a caption is coded twice) and fake
actors ("POOL/AFP"). This stage drops such lines, and only whole lines, so
that the text it keeps is byte-identical to the input and every later
character offset can be traced back. What it removes, and why, is recorded in
`Document.removed`.

The rules are data: `data/clean/noise.yaml`. The code here only applies them
and handles the two rules that need context (repeated headlines, and caption
lines sitting above a credit line).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.model import Document, Removed

NOISE_FILE = "noise.yaml"
_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
_FINAL_PUNCT = (".", "!", "?", "\u201d", '"', ":", ";", ",")


@dataclass(frozen=True)
class NoiseRules:
    """Compiled noise patterns, loaded once from YAML."""

    rules: tuple[tuple[str, re.Pattern[str]], ...]
    max_line_chars: int = 400
    caption_max_lines: int = 2
    caption_max_words: int = 60
    heading_max_words: int = 25
    heading_top_lines: int = 6
    credit_reasons: frozenset[str] = field(default_factory=lambda: frozenset({"photo-credit"}))


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """Substitute the {NAME}-style fragments shared between patterns."""
    for key, value in fragments.items():
        pattern = pattern.replace("{" + key + "}", value)
    return pattern


def rules_from_config(config: dict[str, Any]) -> NoiseRules:
    """Compile a parsed noise.yaml; one alternation per reason keeps matching fast."""
    fragments = {str(k): str(v).strip() for k, v in (config.get("fragments") or {}).items()}
    compiled: list[tuple[str, re.Pattern[str]]] = []
    for group in config.get("rules") or []:
        patterns = [_expand(str(p), fragments) for p in group.get("patterns") or []]
        if patterns:
            joined = "|".join(f"(?:{p})" for p in patterns)
            compiled.append((str(group["reason"]), re.compile(joined)))
    captions = config.get("captions") or {}
    headings = config.get("headings") or {}
    return NoiseRules(
        rules=tuple(compiled),
        max_line_chars=int(config.get("max_line_chars", 400)),
        caption_max_lines=int(captions.get("max_lines", 2)),
        caption_max_words=int(captions.get("max_words", 60)),
        heading_max_words=int(headings.get("max_words", 25)),
        heading_top_lines=int(headings.get("top_lines", 6)),
    )


@lru_cache(maxsize=1)
def load_rules() -> NoiseRules:
    """The packaged noise rules (cached: the YAML is read once per process)."""
    from eventcoder.datafiles import load_yaml
    from eventcoder.schemas.clean import NoiseFile

    path = Path(str(resources.files("eventcoder").joinpath("data", "clean", NOISE_FILE)))
    return rules_from_config(load_yaml(path, NoiseFile).model_dump())


def normalise(line: str) -> str:
    """A comparison key for headlines: case, quotes, spacing and end punctuation ignored."""
    text = unicodedata.normalize("NFKC", line).casefold()
    text = text.translate(_QUOTES)
    text = " ".join(text.split())
    return text.rstrip(" .!?:;,")


def split_lines(text: str) -> list[str]:
    """Split on newlines only, keeping them, so joining the pieces gives the text back."""
    # Not `str.splitlines`: it also breaks on CR, VT, FS and U+2028, which spaCy does not.
    pieces = text.split("\n")
    lines = [p + "\n" for p in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def noise_reason(line: str, rules: NoiseRules) -> str | None:
    """Why a single line (stripped) is noise on its own, or None if it may be body text."""
    if not line or len(line) > rules.max_line_chars:
        return None
    for reason, pattern in rules.rules:
        if pattern.fullmatch(line):
            return reason
    return None


def is_heading(line: str, rules: NoiseRules) -> bool:
    """Heading-like: short and not ending like a sentence."""
    return bool(line) and len(line.split()) <= rules.heading_max_words and not line.endswith(_FINAL_PUNCT)


def _blocks(stripped: list[str]) -> list[tuple[int, int]]:
    """(start, end) index ranges of runs of non-blank lines."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(stripped):
        if line and start is None:
            start = i
        elif not line and start is not None:
            blocks.append((start, i))
            start = None
    if start is not None:
        blocks.append((start, len(stripped)))
    return blocks


def _mark_captions(stripped: list[str], reasons: list[str | None], rules: NoiseRules) -> None:
    """Mark the caption lines that sit, as a block of their own, above a credit line."""
    for start, end in _blocks(stripped):
        for i in range(start, end):
            if reasons[i] not in rules.credit_reasons:
                continue
            above = [j for j in range(start, i) if reasons[j] is None]
            if not above or len(above) > rules.caption_max_lines:
                continue
            if all(len(stripped[j].split()) <= rules.caption_max_words for j in above):
                for j in above:
                    reasons[j] = "photo-caption"


def _mark_headlines(
    stripped: list[str], reasons: list[str | None], title: str | None, rules: NoiseRules
) -> None:
    """Mark lines that repeat the title, or that repeat the heading line just before them.

    Scrapers duplicate the headline at the top ("Title", blank, "Title"). A
    heading-like line repeated further apart is left alone: in transcripts
    and live blogs such repeats are speaker labels or section names.
    """
    title_key = normalise(title) if title else None
    previous: str | None = None  # key of the previous non-blank line, if heading-like
    position = 0  # index among non-blank lines
    for i, line in enumerate(stripped):
        if not line:
            continue
        position += 1
        if reasons[i] is not None or len(line) > rules.max_line_chars:
            continue
        key = normalise(line)
        heading = bool(key) and is_heading(line, rules)
        if key and key == title_key:
            reasons[i] = "repeated-headline"
        elif heading and key == previous and position <= rules.heading_top_lines:
            reasons[i] = "repeated-headline"
        previous = key if heading else None


def find_noise(raw: str, title: str | None = None, rules: NoiseRules | None = None) -> list[str | None]:
    """For each line of `raw` (see `split_lines`), the reason it is noise, or None."""
    rules = rules or load_rules()
    stripped = [line.strip() for line in split_lines(raw)]
    reasons: list[str | None] = [noise_reason(line, rules) for line in stripped]
    _mark_captions(stripped, reasons, rules)
    _mark_headlines(stripped, reasons, title, rules)
    return reasons


def rebuild(lines: list[str], reasons: list[str | None]) -> str:
    """Join the kept lines; blank lines left doubled or dangling by a removal are dropped.

    Paragraph breaks survive: a caption block between two paragraphs leaves one
    blank line, not two, and removed lines at the start or end leave no blank
    lines behind.
    """
    kept: list[str] = []
    removed_since_kept = False
    for line, reason in zip(lines, reasons, strict=True):
        if reason is not None:
            removed_since_kept = True
            continue
        blank = not line.strip()
        if blank and removed_since_kept and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
        if not blank:
            removed_since_kept = False
    if removed_since_kept:
        while kept and not kept[-1].strip():
            kept.pop()
    return "".join(kept)


def clean_text(raw: str, title: str | None = None) -> tuple[str, list[Removed]]:
    """Cleaned text and the removed lines, for callers without a Document."""
    lines = split_lines(raw)
    reasons = find_noise(raw, title)
    removed = [
        Removed(text=line.strip(), reason=reason, line=i)
        for i, (line, reason) in enumerate(zip(lines, reasons, strict=True))
        if reason is not None
    ]
    if not removed:
        return raw, []
    return rebuild(lines, reasons), removed


def clean(doc: Document) -> Document:
    """Set `doc.text` (raw text minus noise lines) and `doc.removed`; returns the doc."""
    doc.text, doc.removed = clean_text(doc.raw_text or "", doc.title)
    return doc


def audit(paths: list[str], sample: int = 200, seed: int = 0) -> tuple[int, dict[str, list[str]]]:
    """Clean a random sample of the articles in `paths`; returns (articles, removed lines by reason).

    This is how the rules are checked against real corpora: every removed line
    should be noise, so the lines are returned for reading, not just counted.
    """
    import random

    from eventcoder.ingest import read_inputs
    from eventcoder.model import Article

    found = [a for a in read_inputs(paths) if isinstance(a, Article)]
    chosen = random.Random(seed).sample(found, min(sample, len(found)))
    by_reason: dict[str, list[str]] = {}
    for article in chosen:
        _, removed = clean_text(article.text, article.title)
        for item in removed:
            by_reason.setdefault(item.reason, []).append(item.text)
    return len(chosen), by_reason


def main(argv: list[str] | None = None) -> int:
    """`python -m eventcoder.clean [--sample N] [--show] FILE...`: removal counts by reason."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m eventcoder.clean", description=main.__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", action="store_true", help="print every removed line")
    args = parser.parse_args(argv)
    count, by_reason = audit(args.paths, args.sample, args.seed)
    print(f"{count} articles, {sum(len(v) for v in by_reason.values())} lines removed")
    for reason, lines in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(lines):6d}  {reason}")
        if args.show:
            for line in lines:
                print(f"        {line[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
