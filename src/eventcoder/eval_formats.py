"""Readers for the gold formats `eventcoder eval` understands.

Every reader turns one gold file into a list of `GoldItem`s: one sentence of
text plus what the annotators said about it (events, a class label, actor
spans or sentence labels). Keeping the readers apart from the scoring lets the
scorer treat every format the same way: code each item's text with the real
pipeline, then compare. Readers never look at what the pipeline produces.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.eval_realnews import is_realnews

FORMATS = ("petrarch", "plover", "cameo-class", "cameo-ner", "india-police", "polnear", "realnews")
DATA_DIR = Path(__file__).resolve().parent / "data" / "eval"
# PLOVER gold records carry this date when the real one is unknown.
PLACEHOLDER_DATE = "2000-01-01"


@dataclass
class GoldActor:
    """One annotated actor: its words and its code split into country part and sector."""

    text: str | None
    code: str | None  # country part: "USA", "IGO", "PSE"
    sector: str | None = None  # "GOV", "MIL", "CVL" (first three letters of the agent code)


@dataclass
class GoldEvent:
    """One annotated event; which fields are set depends on the format."""

    cameo: str | None = None
    plover: str | None = None
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    location: dict[str, str | None] | None = None  # {"name", "country" (ISO2 or None)}
    date: str | None = None
    text: str | None = None  # the annotated event words, for reports


@dataclass
class GoldSpan:
    """An annotated actor span in a BIO file: role S, T or R, over gold tokens."""

    role: str
    token_start: int
    token_end: int  # exclusive
    start: int  # character offsets into the rebuilt sentence text
    end: int


@dataclass
class GoldItem:
    """One gold sentence and its annotation."""

    item_id: str
    text: str
    date: str | None = None
    category: str | None = None  # PETRARCH category, gold PLOVER type, PentaClass label
    events: list[GoldEvent] = field(default_factory=list)
    label: int | None = None  # PentaClass
    labels: set[str] = field(default_factory=set)  # IndiaPoliceEvents
    spans: list[GoldSpan] = field(default_factory=list)  # ConfliBERT NER
    tokens: list[tuple[int, int]] = field(default_factory=list)  # char offsets of gold tokens
    skip_reason: str | None = None  # set when the item cannot be scored fairly


# -- data files ---------------------------------------------------------------
@lru_cache(maxsize=8)
def load_mapping(name: str) -> dict[str, Any]:
    """Load one YAML mapping from data/eval/ (cached: the files are small and fixed)."""
    from eventcoder.schemas.eval import load_eval_mapping

    data = load_eval_mapping(DATA_DIR / name)
    return {str(k): v for k, v in data.items()}


def current_plover(category: str | None) -> str | None:
    """Map an old (v0.5b1) PLOVER category to today's name, so old gold scores against new output."""
    if not category:
        return None
    name = category.strip().upper()
    return str(load_mapping("plover_legacy.yaml").get(name, name))


# -- format detection -----------------------------------------------------------
def is_polnear(path: Path) -> bool:
    """A PolNeAR folder: a split with text/ and attributions/, or the root holding dev/ or train/."""
    if not path.is_dir():
        return False
    if (path / "text").is_dir() and (path / "attributions").is_dir():
        return True
    return any((path / split / "attributions").is_dir() for split in ("dev", "train"))


def detect_format(path: Path) -> str | None:
    """Guess the gold format from the file name, then from the first lines."""
    if is_polnear(path):
        return "polnear"
    if not path.is_file():
        return None
    suffix = path.suffix.lower()
    if suffix == ".jsonl" and is_realnews(path):
        return "realnews"
    by_suffix = {".xml": "petrarch", ".json": "plover", ".tsv": "cameo-class", ".jsonl": "india-police"}
    if suffix in by_suffix:
        return by_suffix[suffix]
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    stripped = head.lstrip()
    if stripped.startswith("<"):
        return "petrarch"
    if stripped.startswith("["):
        return "plover"
    if stripped.startswith("{"):
        return "india-police"
    lines = [line for line in head.splitlines() if line.strip()]
    if lines and all(re.fullmatch(r"\S+ [BIO](-[A-Z]+)?", line.strip()) for line in lines[:-1] or lines):
        return "cameo-ner"
    if lines and all("\t" in line for line in lines[:-1] or lines):
        return "cameo-class"
    return None


# -- PETRARCH validation XML --------------------------------------------------------
def iso_date(value: str | None) -> str | None:
    """YYYYMMDD or YYYY-MM-DD -> YYYY-MM-DD; anything else -> None."""
    if not value:
        return None
    digits = value.strip().replace("-", "")
    if re.fullmatch(r"\d{8}", digits):
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return None


def is_cameo_code(code: str) -> bool:
    """True for a code a real CAMEO coder can produce (root 01-20, digits only)."""
    return bool(re.fullmatch(r"\d{3,4}", code)) and 1 <= int(code[:2]) <= 20


def read_petrarch(path: Path) -> list[GoldItem]:
    """PETRARCH validation records. Sentences whose gold holds codes outside CAMEO (the suite's
    private test verbs such as 9xx) are kept but marked to skip: no real coder can produce them."""
    root = _parse_xml(path)
    items: list[GoldItem] = []
    for sentence in root.iter("Sentence"):
        text_node = sentence.find("Text")
        text = " ".join((text_node.text or "").split()) if text_node is not None else ""
        events = [
            GoldEvent(cameo=c.get("eventcode", "").strip())
            for c in sentence.findall("EventCoding")
            if c.get("eventcode") and not c.get("noevents")
        ]
        foreign = sorted({e.cameo for e in events if e.cameo and not is_cameo_code(e.cameo)})
        items.append(
            GoldItem(
                item_id=sentence.get("id", f"sentence-{len(items)}"),
                text=text,
                date=iso_date(sentence.get("date")),
                category=sentence.get("category"),
                events=events,
                skip_reason=f"gold codes outside CAMEO: {', '.join(foreign)}" if foreign else None,
            )
        )
    return items


def _parse_xml(path: Path) -> Any:
    """The XML tree; a malformed file (one bad tag in a real validation set) is read with lxml's
    recovering parser, after a warning naming the file and line, instead of a traceback."""
    import sys
    import xml.etree.ElementTree as ET

    try:
        return ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        print(
            f"eventcoder eval: warning: {path}:{line}:{column}: malformed XML ({exc.msg}); "
            "reading it with a recovering parser, records near that line may be lost",
            file=sys.stderr,
        )
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(recover=True, huge_tree=True)).getroot()
    if root is None:
        raise ValueError(f"{path}: not XML, nothing could be recovered")
    return root


# -- PLOVER JSON ----------------------------------------------------------------------
def plover_actors(value: Any) -> list[GoldActor]:
    """The actor list of a PLOVER record; strings and nulls (annotation slips) mean no actor."""
    if not isinstance(value, list):
        return []
    actors = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        code = (entry.get("code") or "").strip().upper() or None
        sector = (entry.get("sector") or "").strip()
        sector_code = sector[:3].upper() if sector and sector != "***" else None
        actors.append(GoldActor(text=entry.get("actorText"), code=code, sector=sector_code))
    return actors


def plover_context(value: Any) -> list[str]:
    """PLOVER context may list several, comma-separated: "diplomatic, military"."""
    if not isinstance(value, str):
        return []
    return [c.strip().lower() for c in value.split(",") if c.strip()]


def read_plover(path: Path) -> list[GoldItem]:
    """PLOVER gold records (a JSON array, or one record per line)."""
    raw = path.read_text(encoding="utf-8")
    records = (
        json.loads(raw)
        if raw.lstrip().startswith("[")
        else [json.loads(line) for line in raw.splitlines() if line.strip()]
    )
    items = []
    for number, record in enumerate(records):
        plover = current_plover(record.get("event"))
        location = record.get("eventLoc")
        date = iso_date(record.get("date"))
        event = GoldEvent(
            plover=plover,
            sources=plover_actors(record.get("source")),
            targets=plover_actors(record.get("target")),
            mode=(record.get("mode") or "").strip().lower() or None,
            context=plover_context(record.get("context")),
            location=(
                {"name": location.get("name"), "country": location.get("country code")}
                if isinstance(location, dict) and location.get("name")
                else None
            ),
            date=date if date and date != PLACEHOLDER_DATE else None,
            text=record.get("eventText"),
        )
        items.append(
            GoldItem(
                item_id=str(record.get("id") or f"record-{number}"),
                text=" ".join(str(record.get("text") or "").split()),
                date=date,
                category=plover,
                events=[event] if plover else [],
            )
        )
    return items


# -- ConfliBERT cameo_class TSV --------------------------------------------------------
def read_cameo_class(path: Path) -> list[GoldItem]:
    """`sentence<TAB>label` lines, label a PentaClass number 0-4."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text, _, label = line.rstrip("\n").rpartition("\t")
            if not text.strip() or not label.strip().isdigit():
                continue
            items.append(
                GoldItem(
                    item_id=f"{path.name}:{number}",
                    text=text.strip(),
                    category=label.strip(),
                    label=int(label),
                )
            )
    return items


# -- ConfliBERT cameo_ner BIO -------------------------------------------------------------
# Tokens written without a space before them, or after them, when rebuilding a sentence.
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "%", ")", "]", "}"}
NO_SPACE_BEFORE |= {"'s", "’s", "n't", "'re", "'ve", "'ll", "'d"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}
# A lone apostrophe followed by a clitic ("Baghdad ’ s") is glued on both sides: "Baghdad’s".
APOSTROPHES = {"'", "’"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}


def rebuild_text(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join gold tokens into readable text (no space before commas, 's ...) and keep each
    token's character offsets, so predicted spans can be mapped back onto gold tokens."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        glue = (
            index == 0
            or token in NO_SPACE_BEFORE
            or previous in NO_SPACE_AFTER
            or (token in APOSTROPHES and following.lower() in CLITICS)
            or (previous in APOSTROPHES and token.lower() in CLITICS)
        )
        if not glue:
            parts.append(" ")
            position += 1
        offsets.append((position, position + len(token)))
        parts.append(token)
        position += len(token)
    return "".join(parts), offsets


def bio_spans(tags: list[str], offsets: list[tuple[int, int]]) -> list[GoldSpan]:
    """BIO tags -> spans; an I- tag without a matching B- starts a new span."""
    spans: list[GoldSpan] = []
    current: list[Any] | None = None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, role = tag.partition("-")
        continues = prefix == "I" and current is not None and current[0] == role
        if current is not None and not continues:
            role_, first, last = current
            spans.append(GoldSpan(role_, first, last + 1, offsets[first][0], offsets[last][1]))
            current = None
        if prefix in ("B", "I") and role and not continues:
            current = [role, index, index]
        elif continues and current is not None:
            current[2] = index
    return spans


def read_cameo_ner(path: Path) -> list[GoldItem]:
    """CoNLL-style `token TAG` lines, blank line between sentences."""
    items: list[GoldItem] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            text, offsets = rebuild_text(tokens)
            items.append(
                GoldItem(
                    item_id=f"{path.name}#{len(items) + 1}",
                    text=text,
                    spans=bio_spans(tags, offsets),
                    tokens=offsets,
                )
            )
        tokens.clear()
        tags.clear()

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                flush()
                continue
            tokens.append(parts[0])
            tags.append(parts[-1] if len(parts) > 1 else "O")
    flush()
    return items


# -- IndiaPoliceEvents JSONL ------------------------------------------------------------
def read_india_police(path: Path) -> list[GoldItem]:
    """One sentence per line with its police-action labels (possibly none)."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            items.append(
                GoldItem(
                    item_id=f"{record.get('doc_id')}:{record.get('sent_id', number)}",
                    text=" ".join(str(record.get("sent_text") or "").split()),
                    labels={str(label) for label in record.get("sent_labels") or []},
                )
            )
    return items


READERS = {
    "petrarch": read_petrarch,
    "plover": read_plover,
    "cameo-class": read_cameo_class,
    "cameo-ner": read_cameo_ner,
    "india-police": read_india_police,
}


def read_gold(path: Path, fmt: str) -> list[GoldItem]:
    """Read `path` as gold format `fmt` (one of READERS)."""
    return READERS[fmt](path)
