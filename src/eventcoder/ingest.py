"""Ingest: turn files, folders and stdin into a stream of `Article` records.

Inputs are whatever users have lying around: plain-text stories, JSONL dumps
(gzipped or not), JSON arrays, CSV exports and saved HTML pages. `read_inputs`
walks them in a deterministic order and yields one `Article` per story. A
record that cannot be read yields an `IngestError` naming the file (and line or
record) and the reason, and reading goes on: one bad file must never stop a
corpus run. Problems that still let us code the article (a bad date, a file
that is not UTF-8) yield an `IngestError` with `stage="warning"` just before
the article itself. See docs/input.md for the user-facing rules.

Memory stays bounded: files are streamed record by record, sizes are checked
before anything is read, and over-long lines are skipped without being held.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from eventcoder.identity import file_doc_id
from eventcoder.model import Article, IngestError

MAX_CHARS = 2_000_000  # longest article text accepted, in characters
MIN_HTML_WORDS = 10  # less than this from a page is navigation, not an article
MAX_JSON_BYTES = 200_000_000  # a .json array is parsed whole, so it gets its own ceiling
WARNING = "warning"  # IngestError.stage for problems that do not stop the article

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED = ".txt, .jsonl, .jsonl.gz, .json, .csv, .html"

# Field names accepted in JSONL/JSON/CSV records, first match wins.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "article_id", "uid"),
    "text": ("text", "body", "content", "article", "story"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "publication_date", "pubdate", "date_published"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher", "site"),
}

# Magic numbers of common non-text files that end up in article folders.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"RIFF", "a RIFF (WAV/AVI/WebP) file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

_HEADER = re.compile(r"(?i)^(published|date|source|url)\s*:\s*(\S.*)$")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y%m%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%d.%m.%Y",
    "%b. %d, %Y",
)


# -- ids and dates -------------------------------------------------------------
def content_id(text: str) -> str:
    """A stable document id from its text, for inputs that carry none."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


def normalise_date(value: object) -> str | None:
    """Publication date as YYYY-MM-DD, or None if `value` is not a recognisable date.

    Accepts ISO dates and datetimes, slashed US dates (month first, as US feeds
    write them), written-out dates, and Unix timestamps. Relative expressions
    ("yesterday") are refused: a publication date must not depend on today.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    text = " ".join(str(value).split())
    if not text or len(text) > 64:
        return None
    iso = _from_iso(text)
    if iso:
        return iso
    for fmt in _DATE_FORMATS:
        try:
            return _checked(dt.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    return _from_dateparser(text)


def _checked(day: dt.date) -> str | None:
    """Refuse dates no news article can have."""
    return day.isoformat() if 1800 <= day.year <= 2200 else None


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return _checked(dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> str | None:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return _checked(dt.datetime.fromisoformat(candidate).date())
    except ValueError:
        pass
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})[T ]", text)
    if match:
        try:
            return _checked(dt.date(*map(int, match.groups())))
        except ValueError:
            return None
    return None


def _from_dateparser(text: str) -> str | None:
    """Last resort for unusual absolute formats; imported lazily because it is slow to load."""
    if not re.search(r"\d{4}", text):
        return None  # no year: would be guessed relative to today
    import dateparser

    settings: Any = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on garbage; garbage is simply not a date
        return None
    return _checked(parsed.date()) if parsed else None


# -- decoding ------------------------------------------------------------------
def sniff_binary(head: bytes) -> str | None:
    """What kind of non-text file `head` starts, or None if it may be text."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a byte-order mark: text (UTF-16 contains NUL bytes legitimately)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a warning when it was not clean UTF-8.

    UTF-8 (with or without BOM) and BOM-marked UTF-16 decode silently. Other
    bytes are most often Windows-1252 from old newsroom systems; we decode them
    so, unless that yields control characters (then it was not cp1252 either,
    and we keep UTF-8 with replacement characters).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", "replace"), "invalid UTF-16; undecodable bytes replaced"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
        if not any(0x80 <= ord(c) <= 0x9F for c in text):
            return text, f"not valid UTF-8 (byte {where}); decoded as Windows-1252"
    except UnicodeDecodeError:
        pass
    return data.decode("utf-8", "replace"), f"not valid UTF-8 (byte {where}); bad bytes replaced with U+FFFD"


# -- records -------------------------------------------------------------------
def _field(record: dict[str, Any], name: str) -> Any:
    for key in FIELD_ALIASES[name]:
        if key in record and record[key] not in (None, ""):
            return record[key]
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def article_from_record(
    record: Any, origin: str, default_date: str | None, max_chars: int = MAX_CHARS
) -> list[Article | IngestError]:
    """One JSON/CSV record -> [warnings..., Article] or [IngestError]."""
    if not isinstance(record, dict):
        return [IngestError(origin, f"record is a JSON {type(record).__name__}, expected an object")]
    text = _field(record, "text")
    doc_id = _as_text(_field(record, "id"))
    if text is None:
        return [IngestError(origin, "record has no 'text' (or it is empty)", doc_id=doc_id)]
    if not isinstance(text, str):
        return [IngestError(origin, f"'text' is a {type(text).__name__}, expected a string", doc_id=doc_id)]
    if not text.strip():
        return [IngestError(origin, "record has no 'text' (or it is empty)", doc_id=doc_id)]
    if len(text) > max_chars:
        return [IngestError(origin, _too_long(len(text), max_chars), doc_id=doc_id)]
    input_id = doc_id
    doc_id = doc_id or content_id(text)
    out: list[Article | IngestError] = []
    date, warning = _record_date(_field(record, "date"), default_date)
    if warning:
        out.append(IngestError(origin, warning, doc_id=doc_id, stage=WARNING))
    out.append(
        Article(
            doc_id=doc_id,
            text=text,
            title=_as_text(_field(record, "title")),
            date=date,
            url=_as_text(_field(record, "url")),
            source=_as_text(_field(record, "source")),
            origin=origin,
            input_id=input_id,
        )
    )
    return out


def _record_date(value: Any, default_date: str | None) -> tuple[str | None, str | None]:
    """(date, warning): a missing date takes the default, an unreadable one becomes None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_date, None
    date = normalise_date(value)
    if date is None:
        shown = str(value)[:60]
        return None, f"invalid date {shown!r}; article coded without a publication date"
    return date, None


def _too_long(chars: int, max_chars: int) -> str:
    return f"article too long: {chars:,} characters (limit {max_chars:,}); split it or raise max_chars"


# -- line streaming --------------------------------------------------------------
def iter_lines(stream: Any, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over `max_bytes`, which is skipped unread."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line in bounded chunks
                chunk = stream.readline(1 << 20)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def read_jsonl_stream(
    stream: Any, name: str, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """Articles from a JSONL byte stream, one per non-blank line."""
    max_bytes = max_chars * 4 + 4096
    for number, raw in iter_lines(stream, max_bytes):
        origin = f"{name}:{number}"
        if raw is None:
            yield IngestError(origin, f"line longer than {max_bytes:,} bytes; skipped")
            continue
        if number == 1 and sniff_binary(raw[:64]):
            yield IngestError(name, f"not JSONL: the file is {sniff_binary(raw[:64])}")
            return
        line, warning = decode(raw)
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield IngestError(origin, f"malformed JSON: {reason}")
            continue
        items = article_from_record(record, origin, default_date, max_chars)
        if warning and isinstance(items[-1], Article):
            items.insert(0, IngestError(origin, warning, doc_id=items[-1].doc_id, stage=WARNING))
        yield from items


# -- file readers ----------------------------------------------------------------
def _read_bounded(path: Path, max_chars: int) -> tuple[str | None, list[IngestError]]:
    """Whole-file text for single-article formats, refusing oversized and binary files first."""
    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        return None, [IngestError(origin, "empty file")]
    if size > max_chars * 4:
        return None, [IngestError(origin, f"file too large: {size:,} bytes (limit {max_chars:,} characters)")]
    with path.open("rb") as handle:
        data = handle.read()
    kind = sniff_binary(data[:8192])
    if kind:
        return None, [IngestError(origin, f"not a text file: it is {kind}")]
    text, warning = decode(data)
    if len(text) > max_chars:
        return None, [IngestError(origin, _too_long(len(text), max_chars))]
    if not text.strip():
        return None, [IngestError(origin, "empty file (only whitespace)")]
    warnings = [IngestError(origin, warning, stage=WARNING)] if warning else []
    return text, warnings


def split_title(text: str) -> tuple[str | None, dict[str, str], str]:
    """Plain text -> (title, header fields, body).

    The first non-empty line is the title. Right after it, lines such as
    `Published: 2022-01-26`, `Date:`, `Source:` or `URL:` are metadata, not body.
    """
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines):
        return None, {}, ""
    title = lines[index].strip()
    index += 1
    headers: dict[str, str] = {}
    probe = index
    while probe < len(lines) and len(headers) < 4:
        line = lines[probe].strip()
        match = _HEADER.match(line)
        if match and match.group(1).lower() not in headers:
            headers[match.group(1).lower()] = match.group(2).strip()
            index = probe + 1
        elif line:
            break
        probe += 1
    body = "\n".join(lines[index:])
    return title, headers, body.strip()


def read_text_file(
    path: Path, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """One plain-text article: first non-empty line is the title, optional header lines give its date."""
    text, errors = _read_bounded(path, max_chars)
    yield from errors
    if text is None:
        return
    origin = str(path)
    title, headers, body = split_title(text.replace("\r\n", "\n"))
    if not body.strip():
        yield IngestError(origin, "no article text after the title line")
        return
    raw_date = headers.get("published") or headers.get("date")
    date, warning = _record_date(raw_date, default_date)
    if warning:
        yield IngestError(origin, warning, doc_id=file_doc_id(path), stage=WARNING)
    yield Article(
        doc_id=file_doc_id(path),
        text=body,
        title=title,
        date=date,
        url=headers.get("url"),
        source=headers.get("source"),
        origin=origin,
    )


def read_html_file(
    path: Path, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """One saved web page: main text and metadata extracted by trafilatura, offline."""
    html, errors = _read_bounded(path, max_chars)
    yield from errors
    if html is None:
        return
    origin = str(path)
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        yield IngestError(origin, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
        return
    text = getattr(result, "text", None) if result is not None else None
    if not text or len(text.split()) < MIN_HTML_WORDS:
        yield IngestError(origin, "no article text found in the HTML page")
        return
    # trafilatura puts one paragraph per line; blank lines make paragraphs explicit for later stages.
    body = "\n\n".join(p.strip() for p in text.split("\n") if p.strip())
    date, warning = _record_date(getattr(result, "date", None), default_date)
    if warning:
        yield IngestError(origin, warning, doc_id=file_doc_id(path), stage=WARNING)
    yield Article(
        doc_id=file_doc_id(path),
        text=body,
        title=_as_text(getattr(result, "title", None)),
        date=date,
        url=_as_text(getattr(result, "url", None)),
        source=_as_text(getattr(result, "sitename", None)),
        origin=origin,
    )


def read_jsonl_file(
    path: Path, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """Articles from a .jsonl or .jsonl.gz file, streamed line by line."""
    if path.stat().st_size == 0:
        yield IngestError(str(path), "empty file")
        return
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            yield from read_jsonl_stream(stream, str(path), default_date, max_chars)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestError(str(path), f"could not read: {exc}")


def read_json_file(
    path: Path, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """A .json file: one article object, or an array of them (origin `file[3]`, 1-based)."""
    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        yield IngestError(origin, "empty file")
        return
    if size > MAX_JSON_BYTES:
        yield IngestError(origin, f"JSON file too large to parse whole ({size:,} bytes); convert it to JSONL")
        return
    data = path.read_bytes()
    kind = sniff_binary(data[:8192])
    if kind:
        yield IngestError(origin, f"not JSON: the file is {kind}")
        return
    text, warning = decode(data)
    try:
        parsed = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        yield IngestError(origin, f"malformed JSON: {getattr(exc, 'msg', 'nested too deeply')}")
        return
    if warning:
        yield IngestError(origin, warning, stage=WARNING)
    if isinstance(parsed, dict):
        yield from article_from_record(parsed, origin, default_date, max_chars)
        return
    if not isinstance(parsed, list):
        yield IngestError(origin, f"JSON holds a {type(parsed).__name__}, expected an object or an array")
        return
    if not parsed:
        yield IngestError(origin, "JSON array is empty")
    for number, record in enumerate(parsed, start=1):
        yield from article_from_record(record, f"{origin}[{number}]", default_date, max_chars)


def read_csv_file(
    path: Path, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """Articles from a CSV with a header row; origin names the line the record starts on."""
    origin = str(path)
    if path.stat().st_size == 0:
        yield IngestError(origin, "empty file")
        return
    with path.open("rb") as probe:
        kind = sniff_binary(probe.read(8192))
    if kind:
        yield IngestError(origin, f"not CSV: the file is {kind}")
        return
    csv.field_size_limit(max(max_chars * 4, csv.field_size_limit()))
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as handle:
        yield from read_csv_stream(handle, origin, default_date, max_chars)


def read_csv_stream(
    handle: TextIO, origin: str, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """CSV records (quoted newlines allowed) -> articles; a missing text column fails the file once."""
    reader = csv.DictReader(handle)
    try:
        columns = [c.strip().lower() for c in reader.fieldnames or []]
    except csv.Error as exc:
        yield IngestError(origin, f"malformed CSV header: {exc}")
        return
    if not any(alias in columns for alias in FIELD_ALIASES["text"]):
        shown = ", ".join(columns) or "none"
        yield IngestError(origin, f"CSV has no 'text' column (columns: {shown[:200]})")
        return
    reader.fieldnames = columns
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(f"{origin}:{line}", f"malformed CSV: {exc}")
            line = reader.line_num + 1
            continue
        yield from article_from_record(row, f"{origin}:{line}", default_date, max_chars)
        line = reader.line_num + 1


# -- dispatch --------------------------------------------------------------------
Reader = Any  # Callable[[Path, str | None, int], Iterator[Article | IngestError]]


def reader_for(path: Path) -> Reader | None:
    """The reader for a file name, or None if the extension is not an input format."""
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        return read_jsonl_file
    if name.endswith(".json"):
        return read_json_file
    if name.endswith(".csv"):
        return read_csv_file
    if name.endswith(HTML_SUFFIXES):
        return read_html_file
    if name.endswith(TEXT_SUFFIXES):
        return read_text_file
    return None


def walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, recursively, sorted by name at every level; hidden entries skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path)
        elif entry.is_file():
            yield path


def read_file(
    path: Path, default_date: str | None, max_chars: int = MAX_CHARS
) -> Iterator[Article | IngestError]:
    """Articles from one file, with unsupported or unreadable files reported, never raised."""
    reader = reader_for(path)
    if reader is None:
        yield _unsupported(path)
        return
    try:
        yield from reader(path, default_date, max_chars)
    except OSError as exc:
        yield IngestError(str(path), f"could not read: {exc.strerror or exc}")


def _unsupported(path: Path) -> IngestError:
    try:
        with path.open("rb") as handle:
            kind = sniff_binary(handle.read(8192))
    except OSError as exc:
        return IngestError(str(path), f"could not read: {exc.strerror or exc}")
    what = f"it is {kind}" if kind else f"unsupported file type {path.suffix or '(no extension)'!r}"
    return IngestError(str(path), f"not an article file: {what} (expected {SUPPORTED})")


def read_inputs(
    paths: Sequence[str],
    default_date: str | None = None,
    stdin: TextIO | IO[bytes] | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Article | IngestError]:
    """Every article in `paths` (files, folders, or `-` for JSONL on stdin), in a stable order.

    `default_date` (the CLI's `--date`) is the publication date of articles
    whose input carries none. A single-article file's id is its path
    (`identity.file_doc_id`); records keep their own ids, and conflicts between
    records are resolved by the runner (`identity.Identities`).
    """
    if default_date is not None:
        normalised = normalise_date(default_date)
        if normalised is None:
            raise ValueError(f"invalid default date {default_date!r}; use YYYY-MM-DD")
        default_date = normalised
    yield from _expand(paths, default_date, stdin, max_chars)


def _expand(
    paths: Sequence[str], default_date: str | None, stdin: TextIO | IO[bytes] | None, max_chars: int
) -> Iterable[Article | IngestError]:
    for spec in paths:
        if spec == "-":
            yield from read_jsonl_stream(_binary(stdin or sys.stdin), "<stdin>", default_date, max_chars)
            continue
        path = Path(spec)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, default_date, max_chars)
        elif path.is_file():
            yield from read_file(path, default_date, max_chars)
        else:
            yield IngestError(spec, "no such file or directory")


class _EncodedLines:
    """`readline` over a text stream that hands out UTF-8 bytes, for stdin given as text."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def readline(self, size: int = -1) -> bytes:
        return self.stream.readline(size).encode("utf-8", "surrogateescape")


def _binary(stream: TextIO | IO[bytes]) -> Any:
    """A byte-line source for stdin, whether we were given text or bytes (streamed either way)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stream, io.TextIOBase):
        return _EncodedLines(stream)  # type: ignore[arg-type]
    return stream
