"""Property-based fuzzing: no input may crash ingest, cleanup or the pipeline.

Example counts are modest so the suite stays fast; raise them locally with
FUZZ_SCALE=20 when hunting for crashes.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.clean import clean_text, split_lines
from eventcoder.ingest import read_inputs
from eventcoder.model import Article, IngestError

# FUZZ_SCALE=20 multiplies every example count, for crash hunts outside CI. Settings are applied
# per test (not as a loaded profile) so other test files keep their own Hypothesis defaults.
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
QUIET = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


def scaled(n: int) -> int:
    return n * SCALE


SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".html", ".jsonl.gz", ".bin"]

# Text that stresses the line-based cleaner and the parser: control characters,
# odd line breaks, unbalanced quotes, noise-looking lines, enormous tokens.
NASTY = st.sampled_from(
    [
        "\x00",
        "\x0b",
        "\x0c",
        "\r",
        "\r\n",
        "\u2028",
        "\u2029",
        "\x85",
        "\ufeff",
        "\u200b",
        "\ud7ff",
        "“",
        "”",
        '"',
        "'",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        "—",
        "…",
        "\t",
        "  ",
        "\n\n",
        "\n",
    ]
)
NOISE_LINES = st.sampled_from(
    [
        "POOL/AFP via Getty Images",
        "Source link",
        "Read more",
        "By Jane Doe, Associated Press",
        "Share this",
        "Photo: x",
        "Advertisement",
        "Reuters/John Smith",
        "(AP Photo/Evan Vucci)",
        "Updated 3 hours ago",
        "©",
    ]
)
WORDS = st.sampled_from(
    [
        "Russia",
        "Ukraine",
        "NATO",
        "said",
        "attacked",
        "met",
        "Blinken",
        "he",
        "the",
        "troops",
        "on",
        "Tuesday",
        "Kyiv",
        "sanctions",
        "protesters",
        "police",
        "arrested",
        "talks",
        "“",
        "”",
        ".",
        ",",
        "?",
        "not",
        "will",
    ]
)
TEXT = st.lists(
    st.one_of(
        st.text(max_size=40), NASTY, NOISE_LINES, WORDS, st.text(alphabet="x", min_size=500, max_size=5000)
    ),
    max_size=60,
).map(" ".join) | st.lists(st.one_of(WORDS, NASTY, NOISE_LINES), max_size=200).map(" ".join)


def read_file_bytes(data: bytes, suffix: str) -> list[Article | IngestError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_inputs([folder], default_date="2024-01-02"))


def check_items(items: list[Article | IngestError]) -> None:
    for item in items:
        assert isinstance(item, Article | IngestError)
        if isinstance(item, Article):
            assert item.text.strip() and item.doc_id and item.origin
            assert item.date is None or len(item.date) == 10
        else:
            assert item.origin and item.reason


# -- ingest ---------------------------------------------------------------------------
@settings(max_examples=scaled(150), deadline=None, suppress_health_check=QUIET)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_files_never_crash_ingest(data: bytes, suffix: str) -> None:
    check_items(read_file_bytes(data, suffix))


@settings(max_examples=scaled(100), deadline=None, suppress_health_check=QUIET)
@given(text=TEXT, suffix=st.sampled_from(SUFFIXES[:5]))
def test_random_text_files_never_crash_ingest(text: str, suffix: str) -> None:
    check_items(read_file_bytes(text.encode("utf-8", "surrogatepass"), suffix))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=10), st.integers(), st.none()),
        "text": st.one_of(TEXT, st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=2)),
        "title": st.one_of(st.text(max_size=30), st.none(), st.integers()),
        "date": st.one_of(
            st.text(max_size=30),
            st.integers(),
            st.floats(allow_nan=True),
            st.none(),
            st.dates().map(str),
            st.datetimes().map(lambda d: d.isoformat()),
        ),
        "url": JSON_VALUES,
        "source": JSON_VALUES,
    },
)
JSONL_LINES = st.lists(
    st.one_of(RECORDS.map(json.dumps), JSON_VALUES.map(json.dumps), st.text(max_size=60)), max_size=12
)


@settings(max_examples=scaled(150), deadline=None, suppress_health_check=QUIET)
@given(lines=JSONL_LINES)
def test_random_jsonl_lines_never_crash_ingest(lines: list[str]) -> None:
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", "surrogatepass")
    items = read_file_bytes(data, ".jsonl")
    check_items(items)
    # every origin names a real, non-blank line of the file (lines end at LF, CRLF or a lone CR)
    lines = re.split(rb"\r\n|\r|\n", data)
    for item in items:
        tail = item.origin.rsplit("/", 1)[-1]
        if ":" in tail:
            number = int(tail.rsplit(":", 1)[1])
            assert lines[number - 1].strip()


# -- cleanup ----------------------------------------------------------------------------
@settings(max_examples=scaled(300), deadline=None, suppress_health_check=QUIET)
@given(raw=TEXT, title=st.one_of(st.none(), st.text(max_size=40), NOISE_LINES))
def test_cleanup_keeps_whole_lines_in_order(raw: str, title: str | None) -> None:
    text, removed = clean_text(raw, title)
    raw_lines = split_lines(raw)
    if not removed:
        assert text == raw
        return
    # what is kept is a subsequence of the raw lines, byte for byte
    position = 0
    for line in split_lines(text):
        while position < len(raw_lines) and raw_lines[position].rstrip("\n") != line.rstrip("\n"):
            position += 1
        assert position < len(raw_lines), f"kept line not in the raw text: {line!r}"
        position += 1
    for item in removed:
        assert raw_lines[item.line].strip() == item.text
    assert len(text) < len(raw)


# -- the whole pipeline -------------------------------------------------------------------
SENTENCES = st.lists(
    st.one_of(
        st.lists(WORDS, min_size=1, max_size=25).map(" ".join),
        st.tuples(WORDS, WORDS, WORDS).map(lambda t: f"“{t[0]} {t[1]} {t[2]},” {t[0]} said."),
        NOISE_LINES,
        NASTY,
        st.text(max_size=30),
    ),
    max_size=25,
)


@settings(max_examples=scaled(50), deadline=None, suppress_health_check=QUIET)
@given(parts=SENTENCES, joiner=st.sampled_from([" ", "\n", "\n\n"]), title=st.one_of(st.none(), WORDS))
def test_pipeline_never_crashes_and_offsets_point_into_text(
    coder, parts: list[str], joiner: str, title: str | None
) -> None:
    doc = coder.code(joiner.join(parts), date="2024-05-06", title=title)
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
    for mention in doc.mentions:
        assert doc.text[mention.start : mention.end] == mention.text
    for event in doc.events:
        assert 0 <= event.span[0] <= event.span[1] <= len(doc.text)
    for quote in doc.quotes:
        assert 0 <= quote.span[0] <= quote.span[1] <= len(doc.text)
    doc.to_dict()
