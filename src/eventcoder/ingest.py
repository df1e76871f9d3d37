"""Ingest: turn files, folders and stdin into a stream of `Article` records.

Inputs are whatever users have lying around: plain-text stories, JSONL dumps
(gzipped or not), JSON arrays, CSV exports and saved HTML pages. `read_inputs`
walks them in a deterministic order and yields one `Article` per story. A
record that cannot be read yields an `IngestError` naming the file (and line or
record) and the reason, and reading goes on: one bad file must never stop a
corpus run. Problems that still let us code the article (a bad date, a file
that is not UTF-8) yield an `IngestError` with `stage="warning"` just before
the article itself. See docs/input.md for the user-facing rules.

Memory and time stay bounded: files are streamed record by record, raw inputs
are read only up to a size guard, over-long lines are skipped without being
held, and runs of blank lines are skipped at C speed (a gzip bomb of newlines
costs seconds, not minutes). Files in a folder whose type is not an article
format are skipped with a notice (`stage="skipped"`), not reported as errors.
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
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, TextIO

from eventcoder import detect
from eventcoder.identity import file_doc_id
from eventcoder.model import Article, IngestError

MAX_CHARS = 1_000_000  # longest extracted article text accepted, in characters (`--max-chars`)
MAX_RAW_BYTES = 64 * 1024 * 1024  # one raw single-article input (HTML page, .txt, after gunzip)
MIN_HTML_WORDS = 10  # less than this from a page is navigation, not an article
SHORT_BODY_WORDS = 80  # an extracted body this short ...
SHORT_BODY_RATIO = 0.01  # ... and under 1% of a page's bytes is probably a caption, not the story
MAX_JSON_BYTES = 200_000_000  # a .json array is parsed whole, so it gets its own ceiling
TITLE_MAX_WORDS = 25
WARNING = "warning"  # IngestError.stage for problems that do not stop the article
SKIPPED = "skipped"  # IngestError.stage for non-article files met in a folder (a notice, not an error)
TITLE_MODES = ("auto", "none", "first-line")

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED = ".txt, .jsonl, .json, .csv, .tsv, .html (each also .gz)"

# Field names accepted in JSONL/JSON/CSV records, in order of preference; news-please, newspaper3k,
# trafilatura and common CMS exports are covered. `--text-field` etc. name any other field.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "article_id", "uid", "guid", "_id"),
    "text": ("text", "maintext", "body", "content", "article", "story", "full_text", "article_text"),
    "title": ("title", "headline"),
    "date": (
        "date",
        "date_publish",
        "published",
        "publish_date",
        "publication_date",
        "pubdate",
        "date_published",
        "published_at",
    ),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher", "site", "sitename", "source_domain"),
}
FIELDS = tuple(FIELD_ALIASES)


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: everything `eventcoder code` lets a user say about them."""

    default_date: str | None = None
    max_chars: int = MAX_CHARS
    max_raw_bytes: int = MAX_RAW_BYTES
    title: str = "auto"  # auto (decided by evidence) | none | first-line
    fields: Mapping[str, str] = field(default_factory=dict)  # e.g. {"text": "maintext"}
    detect_language: bool = True

    def aliases(self, name: str) -> tuple[str, ...]:
        chosen = self.fields.get(name)
        return (chosen.lower(),) if chosen else FIELD_ALIASES[name]


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
        if not -1e13 < value < 1e13:  # a 400-digit "timestamp" is no date (and no float)
            return None
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
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
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
    if not re.search(r"[^\W\d_]{3}", text):
        return None  # all-numeric forms are covered above; dateparser would swap month and day
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
    if detect.bom_encoding(head) or detect.looks_utf16(head):
        return None  # UTF-16 contains NUL bytes legitimately
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "a binary file (it contains NUL bytes)"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a warning when it was not UTF-8 (see `detect.decode_bytes`)."""
    text, _encoding, warning = detect.decode_bytes(data)
    return text, warning


def display(path: Path | str) -> str:
    """A path as it can be printed and stored: bytes of a non-UTF-8 file name shown as escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _opener(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _base_name(path: Path) -> str:
    name = path.name.lower()
    return name[:-3] if name.endswith(".gz") else name


# -- records -------------------------------------------------------------------
def _present(record: dict[str, Any], key: str) -> bool:
    value = record.get(key)
    return value not in (None, "", [])


def _field(record: dict[str, Any], name: str, opts: ReadOptions = ReadOptions()) -> Any:
    for key in opts.aliases(name):
        if _present(record, key):
            return record[key]
    return None


def _text_conflict(record: dict[str, Any], opts: ReadOptions) -> str | None:
    """A complaint when two text fields hold different texts: which one is the story is a user's call."""
    if opts.fields.get("text"):
        return None
    found = [k for k in FIELD_ALIASES["text"] if _present(record, k)]
    values = {json.dumps(record[k], ensure_ascii=False) for k in found}
    if len(values) > 1:
        return f"fields {', '.join(repr(k) for k in found)} all hold text; choose one with --text-field"
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _story_text(value: Any) -> str | None | Exception:
    """The story from a text field: a string, or a list of paragraph strings (joined by blank lines)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return "\n\n".join(p.strip() for p in value if p.strip())
    return TypeError(f"'text' is a {type(value).__name__}, expected a string or a list of strings")


def _lowered(record: dict[str, Any]) -> dict[str, Any]:
    """Field names compared without case (`Text`, `TITLE` from spreadsheet exports)."""
    if all(k == str(k).lower() for k in record):
        return record
    return {str(k).lower(): v for k, v in record.items()}


def article_from_record(
    record: Any,
    origin: str,
    default_date: str | None = None,
    max_chars: int = MAX_CHARS,
    opts: ReadOptions | None = None,
) -> list[Article | IngestError]:
    """One JSON/CSV record -> [warnings..., Article] or [IngestError]."""
    opts = opts or ReadOptions(default_date=default_date, max_chars=max_chars)
    if not isinstance(record, dict):
        return [IngestError(origin, f"record is a JSON {type(record).__name__}, expected an object")]
    record = _lowered(record)
    raw_id = _as_text(_field(record, "id", opts))
    if raw_id is not None and detect.lone_surrogates(raw_id):
        shown = raw_id.encode("utf-8", "backslashreplace").decode("ascii")
        bad = detect.lone_surrogates(raw_id)
        return [IngestError(origin, f"id {shown!r} contains a lone surrogate ({bad}); it cannot be stored")]
    problem = _text_conflict(record, opts)
    text = _story_text(_field(record, "text", opts))
    if problem or isinstance(text, Exception):
        return [IngestError(origin, problem or str(text), doc_id=raw_id)]
    if text is None or not text.strip():
        wanted = opts.fields.get("text") or "text"
        return [IngestError(origin, f"record has no {wanted!r} (or it is empty)", doc_id=raw_id)]
    if len(text) > opts.max_chars:
        return [IngestError(origin, _too_long(len(text), opts.max_chars), doc_id=raw_id)]
    out: list[Article | IngestError] = []
    bad = detect.lone_surrogates(text)
    if bad:
        text = detect.without_surrogates(text)
    doc_id = raw_id or content_id(text)
    if bad:
        reason = f"text contains a lone surrogate ({bad}, e.g. a truncated emoji); replaced with U+FFFD"
        out.append(IngestError(origin, reason, doc_id=doc_id, stage=WARNING))
    date, warning = _record_date(_field(record, "date", opts), opts.default_date)
    if warning:
        out.append(IngestError(origin, warning, doc_id=doc_id, stage=WARNING))
    out.append(
        Article(
            doc_id=doc_id,
            text=text,
            title=_clean_meta(_field(record, "title", opts)),
            date=date,
            url=_clean_meta(_field(record, "url", opts)),
            source=_clean_meta(_field(record, "source", opts)),
            origin=origin,
            input_id=raw_id,
        )
    )
    return out


def _clean_meta(value: Any) -> str | None:
    text = _as_text(value)
    return detect.without_surrogates(text) if text else None


def _record_date(value: Any, default_date: str | None) -> tuple[str | None, str | None]:
    """(date, warning): a missing date takes the default, an unreadable one becomes None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default_date, None
    date = normalise_date(value)
    if date is None:
        shown = _short_int(value) if isinstance(value, int) else detect.without_surrogates(str(value)[:60])
        return None, f"invalid date {shown!r}; article coded without a publication date"
    return date, None


def _short_int(value: int) -> str:
    digits = len(str(abs(value))) if abs(value) < 10**4000 else 4000
    return str(value) if digits <= 20 else f"a {digits}-digit number"


def _too_long(chars: int, max_chars: int) -> str:
    return f"article too long: {chars:,} characters (limit {max_chars:,}); split it or raise --max-chars"


def finish(items: list[Article | IngestError], opts: ReadOptions, encoding: str | None = None) -> list[Any]:
    """Record encoding and language on the article; warn about a language we do not code."""
    if not items or not isinstance(items[-1], Article):
        return items
    article = items[-1]
    if encoding:
        article.encoding = encoding
    if opts.detect_language:
        code, probability = detect.language(article.text)
        article.language = code
        if code not in (None, "en") and probability >= 0.9:
            reason = (
                f"the text looks like language {code!r}, not English; eventcoder codes English only, "
                "so expect few or no events"
            )
            items.insert(-1, IngestError(article.origin, reason, doc_id=article.doc_id, stage=WARNING))
    return items


# -- line streaming --------------------------------------------------------------
CHUNK_CHARS = 1 << 20
_LINE_END = re.compile(r"[\r\n]")


def _line_count(text: str) -> int:
    if "\r" not in text:
        return text.count("\n")
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _next_item(data: str, pos: int, end: int) -> int | None:
    """End of the item starting at `pos`: a run of blank lines (found with `str.lstrip`, C speed),
    or one line with its ending; None when the line is not complete within data[:end]."""
    if data[pos].isspace():
        run = data[pos:end]
        cut = len(run) - len(run.lstrip())
        last = max(run.rfind("\n", 0, cut), run.rfind("\r", 0, cut))
        if last >= 0:
            return pos + last + 1
    match = _LINE_END.search(data, pos, end)
    if match is None:
        return None
    stop = match.end()
    return stop + 1 if data[match.start()] == "\r" and data[stop : stop + 1] == "\n" else stop


def iter_text_lines(handle: Any, max_len: int) -> Iterator[tuple[int, str | None]]:
    """(first line number, item) over a text stream; an item is one line with its ending, or a run
    of blank lines taken whole (so a file of a billion newlines costs C time, not a Python loop);
    None stands for a line over `max_len` characters, which is drained unread in bounded chunks.

    Lines end at LF, CRLF or a lone CR (old Mac exports).
    """
    number = 1
    carry = ""
    skipping = False
    while True:
        chunk = handle.read(CHUNK_CHARS)
        data = carry + chunk if carry else chunk
        if not data:
            return
        end = len(data) - 1 if chunk and data.endswith("\r") else len(data)  # CR at the edge: CRLF?
        pos = 0
        while pos < end:
            stop = _next_item(data, pos, end)
            if stop is None:
                if chunk:
                    break
                stop = end  # the last line of the stream, without an ending
            item = data[pos:stop]
            if skipping:
                skipping = False  # the rest of an over-long line
            else:
                yield number, (item if len(item) <= max_len or not item.strip() else None)
            number += _line_count(item) or 1
            pos = stop
        carry = data[pos:]
        if len(carry) > max_len and chunk:
            if not skipping:
                yield number, None
                skipping = True
            carry = ""
        if not chunk:
            return


def _text_stream(binary: IO[bytes], encoding: str) -> io.TextIOWrapper:
    """Decode a byte stream; bytes that do not decode are kept as surrogates for a per-line fallback."""
    return io.TextIOWrapper(binary, encoding=encoding, errors="surrogateescape", newline="")  # type: ignore[arg-type]


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff them), served again before the rest."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def sniffed_text(binary: Any, sample_bytes: int = 65536) -> tuple[io.TextIOWrapper | None, str, str | None]:
    """(text stream, encoding, binary kind): the encoding guessed from the first bytes."""
    head = binary.read(sample_bytes)
    kind = sniff_binary(head[:8192])
    if kind:
        return None, "", kind
    encoding = detect.guess_encoding(head)
    if encoding == "utf-8-sig" or not head.startswith(b"\xef\xbb\xbf") and encoding == "utf-8":
        encoding = "utf-8-sig"
    raw = io.BufferedReader(_Prefixed(head, binary))
    return _text_stream(raw, encoding), encoding.replace("utf-8-sig", "utf-8"), None


def _fix_line(line: str) -> tuple[str, str | None]:
    """A line with undecodable bytes (kept as surrogate escapes) decoded again on its own."""
    if not detect.lone_surrogates(line):
        return line, None
    raw = line.encode("utf-8", "surrogateescape")
    text, _encoding, warning = detect.decode_bytes(raw)
    return text, warning


def read_jsonl_stream(
    stream: Any,
    name: str,
    default_date: str | None = None,
    max_chars: int = MAX_CHARS,
    opts: ReadOptions | None = None,
) -> Iterator[Article | IngestError]:
    """Articles from a JSONL byte stream, one per non-blank line."""
    opts = opts or ReadOptions(default_date=default_date, max_chars=max_chars)
    handle, encoding, kind = sniffed_text(stream)
    if handle is None:
        yield IngestError(name, f"not JSONL: the file is {kind}")
        return
    max_len = opts.max_chars * 4 + 4096
    for number, item in iter_text_lines(handle, max_len):
        origin = f"{name}:{number}"
        if item is None:
            yield IngestError(origin, f"line longer than {max_len:,} characters; skipped")
            continue
        if not item.strip():
            continue
        yield from _jsonl_record(item, origin, encoding, opts)


def _jsonl_record(item: str, origin: str, encoding: str, opts: ReadOptions) -> list[Article | IngestError]:
    line, warning = _fix_line(item.strip().strip("\ufeff"))
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else _json_reason(exc)
        return [IngestError(origin, f"malformed JSON: {reason}")]
    items = article_from_record(record, origin, opts=opts)
    if warning and isinstance(items[-1], Article):
        items.insert(0, IngestError(origin, warning, doc_id=items[-1].doc_id, stage=WARNING))
    return finish(items, opts, encoding)


def _json_reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)[:200]


# -- file readers ----------------------------------------------------------------
def _read_bounded(path: Path, opts: ReadOptions) -> tuple[str | None, str, list[IngestError]]:
    """(text, encoding, errors) of a single-article file, refusing oversized and binary files first."""
    origin = display(path)
    if path.stat().st_size == 0:
        return None, "", [IngestError(origin, "empty file")]
    with _opener(path) as handle:
        try:
            data = handle.read(opts.max_raw_bytes + 1)
        except (EOFError, gzip.BadGzipFile, OSError) as exc:
            return None, "", [IngestError(origin, f"could not read: {exc}")]
    if len(data) > opts.max_raw_bytes:
        limit = f"{opts.max_raw_bytes:,} bytes"
        return None, "", [IngestError(origin, f"file too large: over {limit}, the raw input guard")]
    kind = sniff_binary(data[:8192])
    if kind:
        return None, "", [IngestError(origin, f"not a text file: it is {kind}")]
    text, encoding, warning = detect.decode_bytes(data)
    if not text.strip():
        return None, "", [IngestError(origin, "empty file (only whitespace)")]
    warnings = [IngestError(origin, warning, stage=WARNING)] if warning else []
    return text, encoding.replace("utf-8-sig", "utf-8"), warnings


def _is_title(line: str, following: str | None) -> bool:
    """A headline: short, not ending like a sentence, set off by a blank line (or header lines)."""
    if not line or len(line.split()) > TITLE_MAX_WORDS or line.endswith((".", "!", "?", ";", ",", ":")):
        return False
    if line.endswith(("\u201d", '"', "'")) and line[:-1].rstrip().endswith((".", "!", "?", ",")):
        return False
    return following is not None and (not following.strip() or bool(_HEADER.match(following.strip())))


def split_title(text: str, mode: str = "auto") -> tuple[str | None, dict[str, str], str]:
    """Plain text -> (title, header fields, body).

    `mode` "first-line": the first non-empty line is the title. "none": there is no
    title. "auto": the first line is a title only on evidence (`_is_title`). Right
    after the title (or at the top), lines such as `Published: 2022-01-26`,
    `Date:`, `Source:` or `URL:` are metadata, not body.
    """
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines):
        return None, {}, ""
    first = lines[index].strip()
    following = lines[index + 1] if index + 1 < len(lines) else None
    title: str | None = None
    if mode == "first-line" or (mode == "auto" and _is_title(first, following)):
        title = first
        index += 1
    headers, index = _header_lines(lines, index)
    body = "\n".join(lines[index:])
    return title, headers, body.strip()


def _header_lines(lines: list[str], index: int) -> tuple[dict[str, str], int]:
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
    return headers, index


def read_text_file(path: Path, opts: ReadOptions) -> Iterator[Article | IngestError]:
    """One plain-text article; the title is decided by evidence (see `split_title`)."""
    # Plain text is the article itself: no need to read past what --max-chars could accept.
    text, encoding, errors = _read_bounded(path, replace(opts, max_raw_bytes=opts.max_chars * 4 + 4096))
    yield from errors
    if text is None:
        return
    origin = display(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title, headers, body = split_title(text, opts.title)
    if not body.strip():
        if title is None:
            yield IngestError(origin, "no article text")
            return
        body, title = title, None  # a one-line story: code it
    if len(body) > opts.max_chars:
        yield IngestError(origin, _too_long(len(body), opts.max_chars))
        return
    raw_date = headers.get("published") or headers.get("date")
    date, warning = _record_date(raw_date, opts.default_date)
    doc_id = display(file_doc_id(path))
    if warning:
        yield IngestError(origin, warning, doc_id=doc_id, stage=WARNING)
    article = Article(
        doc_id=doc_id,
        text=body,
        title=title,
        date=date,
        url=headers.get("url"),
        source=headers.get("source"),
        origin=origin,
    )
    yield from finish([article], opts, encoding)


def read_html_file(path: Path, opts: ReadOptions) -> Iterator[Article | IngestError]:
    """One saved web page: main text and metadata extracted by trafilatura, offline."""
    html, encoding, errors = _read_bounded(path, opts)
    yield from errors
    if html is None:
        return
    origin = display(path)
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
    if len(body) > opts.max_chars:
        yield IngestError(origin, _too_long(len(body), opts.max_chars))
        return
    doc_id = display(file_doc_id(path))
    date, warning = _record_date(getattr(result, "date", None), opts.default_date)
    if warning:
        yield IngestError(origin, warning, doc_id=doc_id, stage=WARNING)
    article = Article(
        doc_id=doc_id,
        text=body,
        title=_as_text(getattr(result, "title", None)),
        date=date,
        url=_as_text(getattr(result, "url", None)),
        source=_as_text(getattr(result, "sitename", None)),
        origin=origin,
    )
    items: list[Article | IngestError] = [article]
    words, page_bytes = len(body.split()), len(html.encode("utf-8", "replace"))
    if words < SHORT_BODY_WORDS and len(body) < SHORT_BODY_RATIO * page_bytes:
        article.flags.append("short-body")
        reason = (
            f"only {words} words of text extracted from a {page_bytes // 1024:,} KB page: probably a "
            "caption or teaser, not the story (the page may need JavaScript); coded, flagged short-body"
        )
        items.insert(0, IngestError(origin, reason, doc_id=doc_id, stage=WARNING))
    yield from finish(items, opts, encoding)


def read_jsonl_file(path: Path, opts: ReadOptions) -> Iterator[Article | IngestError]:
    """Articles from a .jsonl file (or .jsonl.gz), streamed line by line."""
    if path.stat().st_size == 0:
        yield IngestError(display(path), "empty file")
        return
    try:
        with _opener(path) as stream:
            yield from read_jsonl_stream(stream, display(path), opts=opts)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestError(display(path), f"could not read: {exc}")


def read_json_file(path: Path, opts: ReadOptions) -> Iterator[Article | IngestError]:
    """A .json file: one article object, or an array of them (origin `file[3]`, 1-based)."""
    origin = display(path)
    if path.stat().st_size == 0:
        yield IngestError(origin, "empty file")
        return
    text, encoding, errors = _read_bounded(path, replace(opts, max_raw_bytes=MAX_JSON_BYTES))
    if text is None:
        for error in errors:
            error.reason = error.reason.replace("not a text file", "not JSON: the file")
            if "too large" in error.reason:
                limit = f"{MAX_JSON_BYTES:,} bytes"
                error.reason = f"JSON file too large to parse whole (over {limit}): convert it to JSONL"
        yield from errors
        return
    try:
        parsed = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        yield IngestError(origin, f"malformed JSON: {getattr(exc, 'msg', None) or _json_reason(exc)}")
        return
    yield from errors
    if isinstance(parsed, dict):
        yield from finish(article_from_record(parsed, origin, opts=opts), opts, encoding)
        return
    if not isinstance(parsed, list):
        yield IngestError(origin, f"JSON holds a {type(parsed).__name__}, expected an object or an array")
        return
    if not parsed:
        yield IngestError(origin, "JSON array is empty")
    for number, record in enumerate(parsed, start=1):
        yield from finish(article_from_record(record, f"{origin}[{number}]", opts=opts), opts, encoding)


def read_csv_file(path: Path, opts: ReadOptions) -> Iterator[Article | IngestError]:
    """Articles from a CSV or TSV with a header row; the delimiter and encoding are sniffed."""
    origin = display(path)
    if path.stat().st_size == 0:
        yield IngestError(origin, "empty file")
        return
    csv.field_size_limit(max(opts.max_chars * 4, csv.field_size_limit()))
    try:
        with _opener(path) as binary:
            handle, encoding, kind = sniffed_text(binary)
            if handle is None:
                yield IngestError(origin, f"not CSV: the file is {kind}")
                return
            tab = _base_name(path).endswith(".tsv")
            yield from read_csv_stream(handle, origin, opts=opts, encoding=encoding, tab=tab)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield IngestError(origin, f"could not read: {exc}")


def _delimiter(header: str, tab: bool) -> str:
    """The delimiter of a CSV from its header row: the commonest of , ; TAB | in it."""
    if tab:
        return "\t"
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _CsvLines:
    """Lines fed to `csv.reader`, remembered per record so that a broken record can be re-read.

    An unterminated quote swallows the lines after it; when the record it makes is
    refused, the lines after its first are pushed back and parsed again.
    """

    def __init__(self, items: Iterator[tuple[int, str | None]]) -> None:
        self.items = items
        self.pushed: list[tuple[int, str | None]] = []
        self.record: list[tuple[int, str | None]] = []

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        number, item = self.pushed.pop() if self.pushed else next(self.items)
        self.record.append((number, item))
        if item is None:
            raise csv.Error("line too long")
        return item

    def start(self) -> int | None:
        """The line the next record starts on (skipping blank runs), or None at the end."""
        self.record = []
        while True:
            try:
                number, item = self.pushed.pop() if self.pushed else next(self.items)
            except StopIteration:
                return None
            if item is None or item.strip():
                self.pushed.append((number, item))
                return number

    def retry_after_first(self) -> None:
        """Re-read every line of the refused record but its first."""
        self.pushed.extend(reversed(self.record[1:]))
        self.record = []


def read_csv_stream(
    handle: TextIO,
    origin: str,
    default_date: str | None = None,
    max_chars: int = MAX_CHARS,
    opts: ReadOptions | None = None,
    encoding: str | None = None,
    tab: bool = False,
) -> Iterator[Article | IngestError]:
    """CSV records (quoted newlines allowed) -> articles; a missing text column fails the file once."""
    opts = opts or ReadOptions(default_date=default_date, max_chars=max_chars)
    lines = _CsvLines(iter_text_lines(handle, opts.max_chars * 4))
    first = lines.start()
    if first is None:
        yield IngestError(origin, "empty file (only whitespace)")
        return
    header_line = lines.pushed[-1][1] or ""
    reader = csv.reader(lines, delimiter=_delimiter(header_line, tab), strict=True)
    try:
        columns = [c.strip().lower().lstrip("\ufeff") for c in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield IngestError(origin, f"malformed CSV header: {exc}")
        return
    wanted = opts.aliases("text")
    if not any(alias in columns for alias in wanted):
        shown = ", ".join(columns) or "none"
        name = opts.fields.get("text") or "text"
        yield IngestError(origin, f"CSV has no {name!r} column (columns: {shown[:200]})")
        return
    while (line := lines.start()) is not None:
        where = f"{origin}:{line}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestError(where, f"malformed CSV: {exc}")
            lines.retry_after_first()
            continue
        if len(row) != len(columns) and any(row[len(columns) :]) or len(row) < len(columns) - 1:
            spans = len({n for n, _ in lines.record})
            reason = f"malformed CSV: {len(row)} fields, the header has {len(columns)}"
            if spans > 1:
                reason += f" (the record runs over {spans} lines: an unterminated quote?)"
                lines.retry_after_first()
            yield IngestError(where, reason)
            continue
        record = dict(zip(columns, row, strict=False))
        fixed = {k: _fix_line(v)[0] for k, v in record.items()}
        warning = next((_fix_line(v)[1] for v in record.values() if _fix_line(v)[1]), None)
        items = article_from_record(fixed, where, opts=opts)
        if warning and isinstance(items[-1], Article):
            items.insert(0, IngestError(where, warning, doc_id=items[-1].doc_id, stage=WARNING))
        yield from finish(items, opts, encoding)


# -- dispatch --------------------------------------------------------------------
Reader = Any  # Callable[[Path, ReadOptions], Iterator[Article | IngestError]]


def reader_for(path: Path) -> Reader | None:
    """The reader for a file name (gzipped or not), or None if the extension is not an input format."""
    name = _base_name(path)
    if name.endswith((".jsonl", ".ndjson")):
        return read_jsonl_file
    if name.endswith(".json"):
        return read_json_file
    if name.endswith((".csv", ".tsv")):
        return read_csv_file
    if name.endswith(HTML_SUFFIXES):
        return read_html_file
    if name.endswith(TEXT_SUFFIXES):
        return read_text_file
    return None


def walk(folder: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path | IngestError]:
    """Files under `folder`, recursively, sorted by name at every level; hidden entries skipped.

    Symlinked folders are followed once; a folder reached twice (a symlink loop,
    or a second link to one already read) and folders that cannot be read are
    reported, never skipped silently.
    """
    seen = set() if seen is None else seen
    try:
        info = folder.stat()
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        yield IngestError(display(folder), f"could not read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        yield from _walk_entry(Path(entry.path), seen)


def _walk_entry(path: Path, seen: set[tuple[int, int]]) -> Iterator[Path | IngestError]:
    try:
        info = path.stat()
    except OSError as exc:
        if path.is_symlink():
            what = "symlink loop" if exc.errno == 40 else "broken symbolic link"
            yield IngestError(display(path), f"{what}: {display(os.readlink(path))}; skipped")
        else:
            yield IngestError(display(path), f"could not read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        if (info.st_dev, info.st_ino) in seen:
            reason = "symbolic link to a folder already read (a symlink loop?); skipped"
            yield IngestError(display(path), reason)
            return
        yield from walk(path, seen)
    elif stat.S_ISREG(info.st_mode):
        yield path


def read_file(path: Path, opts: ReadOptions, in_folder: bool = False) -> Iterator[Article | IngestError]:
    """Articles from one file, with unsupported or unreadable files reported, never raised."""
    reader = reader_for(path)
    if reader is None:
        yield _unsupported(path, in_folder)
        return
    if display(path) != str(path):
        reason = f"file name is not valid UTF-8; shown (and its id made) with escapes: {display(path.name)}"
        yield IngestError(display(path), reason, stage=WARNING)
    try:
        yield from reader(path, opts)
    except OSError as exc:
        yield IngestError(display(path), f"could not read: {exc.strerror or exc}")


def _unsupported(path: Path, in_folder: bool) -> IngestError:
    try:
        with path.open("rb") as handle:
            kind = sniff_binary(handle.read(8192))
    except OSError as exc:
        return IngestError(display(path), f"could not read: {exc.strerror or exc}")
    what = f"it is {kind}" if kind else f"unsupported file type {path.suffix or '(no extension)'!r}"
    stage = SKIPPED if in_folder else "ingest"
    return IngestError(display(path), f"not an article file: {what} (expected {SUPPORTED})", stage=stage)


def read_inputs(
    paths: Sequence[str],
    default_date: str | None = None,
    stdin: TextIO | IO[bytes] | None = None,
    max_chars: int = MAX_CHARS,
    options: ReadOptions | None = None,
) -> Iterator[Article | IngestError]:
    """Every article in `paths` (files, folders, or `-` for JSONL on stdin), in a stable order.

    `default_date` (the CLI's `--date`) is the publication date of articles
    whose input carries none. A single-article file's id is its path
    (`identity.file_doc_id`); records keep their own ids, and conflicts between
    records are resolved by the runner (`identity.Identities`). `options` carries
    the rest of what a user can say (title rule, field names, limits);
    `default_date` and `max_chars` override it.
    """
    opts = options or ReadOptions()
    if default_date is not None:
        normalised = normalise_date(default_date)
        if normalised is None:
            raise ValueError(f"invalid default date {default_date!r}; use YYYY-MM-DD")
        opts = replace(opts, default_date=normalised)
    if max_chars != MAX_CHARS:
        opts = replace(opts, max_chars=max_chars)
    yield from _expand(paths, opts, stdin)


def _expand(paths: Sequence[str], opts: ReadOptions, stdin: TextIO | IO[bytes] | None) -> Iterable[Any]:
    for spec in paths:
        if spec == "-":
            yield from read_jsonl_stream(_binary(stdin or sys.stdin), "<stdin>", opts=opts)
            continue
        path = Path(spec)
        if path.is_dir():
            for file in walk(path):
                if isinstance(file, IngestError):
                    yield file
                else:
                    yield from read_file(file, opts, in_folder=True)
        elif path.is_file():
            yield from read_file(path, opts)
        elif path.is_symlink():
            yield from _walk_entry(path, set())
        else:
            yield IngestError(display(spec), "no such file or directory")


def count_articles(paths: Sequence[str], budget_s: float = 1.0) -> int | None:
    """How many articles `paths` hold, when cheap to know (single-article files, plain JSONL);
    None when any input needs parsing to count (CSV, JSON, gzip, stdin) or it takes over `budget_s`."""
    import time

    deadline = time.monotonic() + budget_s
    total = 0
    for spec in paths:
        if spec == "-":
            return None
        path = Path(spec)
        files = walk(path) if path.is_dir() else iter([path])
        for file in files:
            if time.monotonic() > deadline:
                return None
            if isinstance(file, IngestError):
                continue
            counted = _count_file(file)
            if counted is None:
                return None
            total += counted
    return total


def _count_file(path: Path) -> int | None:
    name = path.name.lower()
    reader = reader_for(path)
    if reader is None:
        return 0
    if reader in (read_text_file, read_html_file):
        return 1
    if reader is read_jsonl_file and not name.endswith(".gz"):
        lines = 0
        try:
            with path.open("rb") as handle:
                while block := handle.read(1 << 20):
                    lines += block.count(b"\n")
        except OSError:
            return 0
        return lines
    return None


class _EncodedLines:
    """`readline` over a text stream that hands out UTF-8 bytes, for stdin given as text."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def readline(self, size: int = -1) -> bytes:
        return self.stream.readline(size).encode("utf-8", "surrogateescape")

    def read(self, size: int = -1) -> bytes:
        return self.stream.read(size).encode("utf-8", "surrogateescape")


def _binary(stream: TextIO | IO[bytes]) -> Any:
    """A byte-line source for stdin, whether we were given text or bytes (streamed either way)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stream, io.TextIOBase):
        return _EncodedLines(stream)  # type: ignore[arg-type]
    return stream
