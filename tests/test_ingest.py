"""Ingest: every input format, the title and date rules, and each kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from eventcoder.ingest import WARNING, normalise_date, read_inputs
from eventcoder.model import Article, IngestError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

STORY = (
    "Harbour talks resume\n"
    "\n"
    "The harbour authority and the fishermen's union resumed talks on Tuesday.\n"
    "\n"
    "Union leader Maria Lopez said the two sides were close to a deal.\n"
)


def read(*paths: Path | str, **kwargs: object) -> list[Article | IngestError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def articles(items: list[Article | IngestError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items: list[Article | IngestError], stage: str = "ingest") -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError) and i.stage == stage]


def article_encoding(items: list[Article | IngestError]) -> str | None:
    return articles(items)[0].encoding


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- plain text -------------------------------------------------------------------
def test_txt_first_line_is_title_not_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "harbour.txt"
    path.write_text("\n\n" + STORY, encoding="utf-8")
    [article] = read(path)
    assert article.title == "Harbour talks resume"
    assert article.text.startswith("The harbour authority")
    assert "Harbour talks resume" not in article.text
    assert article.doc_id == "harbour.txt"  # a file's id is its path, relative to the working directory
    assert article.origin == str(path)


def test_txt_date_comes_from_default_date(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(STORY, encoding="utf-8")
    assert read(path)[0].date is None  # type: ignore[union-attr]
    assert read(path, default_date="2024-03-05")[0].date == "2024-03-05"  # type: ignore[union-attr]


def test_txt_published_header_sets_date_and_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    text = "Harbour talks resume\nPublished: March 4, 2024\n\nThe talks resumed.\n"
    path.write_text(text, encoding="utf-8")
    [article] = read(path, default_date="2020-01-01")
    assert article.date == "2024-03-04"  # the file's own date wins over --date
    assert article.text == "The talks resumed."


def test_invalid_default_date_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="invalid default date"):
        read(tmp_path, default_date="next tuesday")


# -- JSONL, JSON, CSV, HTML, stdin ------------------------------------------------------
def test_jsonl_fields_and_origin_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {
                "id": "a1",
                "title": "First",
                "text": "Police arrested two men.",
                "date": "2023-05-06",
                "url": "https://example.org/a1",
                "source": "Example Wire",
            },
            {"text": "No id here.", "date": "2023-05-07T22:15:00Z"},
        ],
    )
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.doc_id, first.title, first.date, first.url, first.source) == (
        "a1",
        "First",
        "2023-05-06",
        "https://example.org/a1",
        "Example Wire",
    )
    assert first.origin == f"{path}:1" and second.origin == f"{path}:2"
    assert second.date == "2023-05-07"
    assert second.doc_id.startswith("sha1:")
    assert read(path)[1].doc_id == second.doc_id  # content ids are stable


def test_jsonl_gz_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write('{"id": "g1", "text": "Troops left the town."}\n\n\n')
        handle.write('{"id": "g2", "text": "Aid arrived."}\n')
    items = read(path, default_date="2022-02-02")
    assert [a.doc_id for a in articles(items)] == ["g1", "g2"]
    assert all(a.date == "2022-02-02" for a in articles(items))
    assert not errors(items)


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "batch.json"
    records = [{"id": "j1", "text": "One."}, {"id": "j2", "body": "Two."}]
    array.write_text(json.dumps(records), encoding="utf-8")
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"id": "s1", "headline": "Head", "content": "Three."}), encoding="utf-8")
    items = read(array, single)
    assert [(a.doc_id, a.text) for a in articles(items)] == [("j1", "One."), ("j2", "Two."), ("s1", "Three.")]
    assert articles(items)[1].origin == f"{array}[2]"
    assert articles(items)[2].title == "Head"


def test_csv_with_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "id,title,text,date\n"
        'c1,Talks,"Line one.\n\nLine two, with a comma.",2021-07-08\n'
        'c2,Strike,"Workers walked out.",\n',
        encoding="utf-8",
    )
    first, second = articles(read(path, default_date="2021-07-09"))
    assert first.text == "Line one.\n\nLine two, with a comma."
    assert first.date == "2021-07-08" and second.date == "2021-07-09"
    assert first.origin == f"{path}:2"
    assert second.origin == f"{path}:5"  # the line the second record starts on


HTML_PAGE = """<!DOCTYPE html><html><head><title>Site | Ministers meet</title>
<meta property="og:title" content="Ministers meet in Geneva">
<meta property="article:published_time" content="2023-09-14T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Ministers meet in Geneva</h1>
<p>The foreign ministers of the two countries met in Geneva on Thursday to discuss a prisoner exchange.</p>
<p>Both sides said the talks had been constructive and agreed to meet again next month.</p>
</article><footer>Contact us</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [article] = articles(read(path))
    assert article.title == "Ministers meet in Geneva"
    assert article.date == "2023-09-14"
    assert "prisoner exchange" in article.text
    assert "Contact us" not in article.text and "Home" not in article.text
    assert "\n\n" in article.text  # paragraphs are kept apart


def test_stdin_jsonl() -> None:
    stdin = io.StringIO('{"id": "in1", "text": "Hello."}\nnot json\n')
    items = list(read_inputs(["-"], stdin=stdin))
    assert isinstance(items[0], Article) and items[0].origin == "<stdin>:1"
    assert isinstance(items[1], IngestError) and items[1].origin == "<stdin>:2"


def test_folders_are_recursive_and_sorted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "z.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "x.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    assert [a.doc_id for a in articles(read(tmp_path))] == ["a/y.txt", "b/z.txt", "x.txt"]


def test_same_name_in_two_folders_gets_distinct_ids_whatever_the_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(STORY, encoding="utf-8")
    ids = [a.doc_id for a in articles(read(tmp_path))]
    assert ids == ["monday/report.txt", "tuesday/report.txt"]
    backwards = [a.doc_id for a in articles(read(tmp_path / "tuesday", "./monday"))]
    assert backwards == ["tuesday/report.txt", "monday/report.txt"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-26", "2022-01-26"),
        ("2022-01-26T23:59:00+05:00", "2022-01-26"),
        ("9/20/17", "2017-09-20"),
        ("26 January 2022", "2022-01-26"),
        ("Jan 26, 2022", "2022-01-26"),
        ("garbage", None),
        ("", None),
        ("yesterday", None),
        ("2022-13-45", None),
    ],
)
def test_date_normalisation(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


# -- bad input inside a folder of good articles ---------------------------------------
def test_each_bad_input_yields_one_named_error_and_reading_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "a-good.txt").write_text(STORY, encoding="utf-8")
    (good / "b-empty.txt").write_bytes(b"")
    (good / "c-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (good / "d-image-renamed.txt").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    with zipfile.ZipFile(good / "e-archive.zip", "w") as archive:
        archive.writestr("x.txt", "hello")
    (good / "f-no-text-column.csv").write_text("id,headline\n1,Something\n", encoding="utf-8")
    (good / "g-nav-only.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write_jsonl(good / "h-records.jsonl", [{"id": "r1", "text": "Fine."}])
    with (good / "h-records.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"id": "r2", "text": "unterminated\n')
        handle.write('{"id": "r3", "title": "No body"}\n')
        handle.write('{"id": "r4", "text": "   "}\n')
        handle.write('["a", "list"]\n')
        handle.write('{"id": "r6", "text": "Still read."}\n')
    (good / "i-whitespace.txt").write_text("\n   \n\t\n", encoding="utf-8")
    (good / "j-title-only.txt").write_text("Just a title\n", encoding="utf-8")
    (good / "k-notes.docx").write_bytes(b"PK\x03\x04rest-of-a-docx")
    (good / "l-readme.md").write_text("# notes\n", encoding="utf-8")

    items = read(tmp_path)
    by_origin = {e.origin: e.reason for e in errors(items)}
    assert [Path(a.doc_id).name for a in articles(items)] == ["a-good.txt", "r1", "r6", "j-title-only.txt"]
    skipped = {e.origin: e.reason for e in errors(items, "skipped")}
    names = sorted(Path(o).name for o in skipped)
    assert names == ["c-photo.png", "e-archive.zip", "k-notes.docx", "l-readme.md"]
    expected = {
        "b-empty.txt": "empty file",
        "d-image-renamed.txt": "JPEG image",
        "f-no-text-column.csv": "no 'text' column",
        "g-nav-only.html": "no article text",
        "h-records.jsonl:2": "malformed JSON",
        "h-records.jsonl:3": "no 'text'",
        "h-records.jsonl:4": "no 'text'",
        "h-records.jsonl:5": "expected an object",
        "i-whitespace.txt": "empty file",
    }
    assert len(by_origin) == len(expected)
    for name, words in expected.items():
        origin = str(good / name.split(":")[0]) + (":" + name.split(":")[1] if ":" in name else "")
        assert words in by_origin[origin], (name, by_origin.get(origin))


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "Caf\u00e9 owners protest\n\nOwners of the caf\u00e9 marched on Monday.\n"
    path.write_bytes(text.encode("cp1252"))
    items = read(path)
    [warning] = errors(items, WARNING)
    assert warning.origin == str(path)
    assert "not UTF-8" in warning.reason and "cp1252" in warning.reason
    assert article_encoding(items) == "cp1252"
    [article] = articles(items)
    assert article.title == "Caf\u00e9 owners protest" and "caf\u00e9 marched" in article.text


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(STORY.encode("utf-16"))
    [article] = read(path)
    assert isinstance(article, Article) and article.title == "Harbour talks resume"


def test_invalid_date_warns_and_codes_without_date(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "dates.jsonl", [{"id": "d1", "text": "Talks began.", "date": "not a date"}])
    items = read(path, default_date="2022-01-01")
    [warning] = errors(items, WARNING)
    assert warning.origin == f"{path}:1" and "invalid date 'not a date'" in warning.reason
    assert warning.doc_id == "d1"
    [article] = articles(items)
    assert article.date is None


def test_fifty_megabyte_single_line_files_are_refused_in_bounded_memory(tmp_path: Path) -> None:
    line = b"x" * (50 * 1024 * 1024)
    (tmp_path / "huge.txt").write_bytes(line)
    (tmp_path / "huge.jsonl").write_bytes(b'{"text": "' + line + b'"}\n{"id": "after", "text": "Kept."}\n')
    del line
    tracemalloc.start()
    items = read(tmp_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    reasons = {e.origin: e.reason for e in errors(items)}
    assert "file too large" in reasons[str(tmp_path / "huge.txt")]
    assert "line longer than" in reasons[f"{tmp_path / 'huge.jsonl'}:1"]
    assert [a.doc_id for a in articles(items)] == ["after"]
    assert peak < 20 * 1024 * 1024  # never the whole 50 MB


def test_million_word_documents_are_refused_with_the_limit(tmp_path: Path) -> None:
    words = "word " * 1_000_000
    (tmp_path / "long.txt").write_text("Title\n\n" + words, encoding="utf-8")
    write_jsonl(tmp_path / "long.jsonl", [{"id": "big", "text": words}])
    items = read(tmp_path)
    assert not articles(items)
    reasons = [e.reason for e in errors(items)]
    assert "line longer than" in reasons[0]  # a JSONL line is refused before it is parsed
    assert "file too large" in reasons[1]  # a .txt is refused from its size: 4 bytes per character at most
    assert [e.origin for e in errors(items)] == [f"{tmp_path / 'long.jsonl'}:1", str(tmp_path / "long.txt")]


def test_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text(STORY, encoding="utf-8")
    assert articles(read(tmp_path))
    [error] = read(tmp_path, max_chars=50)
    assert isinstance(error, IngestError) and "limit 50" in error.reason


def test_missing_path_is_an_error() -> None:
    [error] = read("/no/such/folder/anywhere")
    assert isinstance(error, IngestError) and error.reason == "no such file or directory"


# -- the bundled samples ----------------------------------------------------------------
def test_bundled_samples_ingest_cleanly() -> None:
    items = read(EXAMPLES)
    assert not errors(items) and not errors(items, WARNING)
    found = articles(items)
    assert len(found) >= 8
    suffixes = {Path(a.origin.split(":")[0]).suffix for a in found}
    assert {".txt", ".jsonl", ".csv", ".html"} <= suffixes
    assert all(a.title and len(a.text.split()) > 150 for a in found)
    assert len({a.doc_id for a in found}) == len(found)
