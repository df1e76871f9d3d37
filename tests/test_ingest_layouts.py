"""Real-world layouts (issue 17): what scrapers, spreadsheets and saved pages actually produce.

Every input is written here, in the style of the tool that makes it; each test says
what a user sees: what is coded, what is said.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventcoder.ingest import SKIPPED, WARNING, ReadOptions, normalise_date, read_inputs
from eventcoder.model import Article, IngestError

LEAD = (
    "Ministers from both countries met in Geneva on Tuesday to discuss the disputed border, "
    "officials said, and agreed to meet again next month."
)
SECOND = "The talks were the first since the ceasefire collapsed in March, a spokesman said."


def read(*paths: Path | str, **kwargs: object) -> list[Article | IngestError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def articles(items: list[Article | IngestError]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def problems(items: list[Article | IngestError], stage: str = "ingest") -> list[IngestError]:
    return [i for i in items if isinstance(i, IngestError) and i.stage == stage]


# -- titles -------------------------------------------------------------------------
def test_one_line_story_is_coded_not_refused(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(LEAD + "\n", encoding="utf-8")
    [article] = read(tmp_path / "one.txt")
    assert isinstance(article, Article) and article.text == LEAD and article.title is None


def test_story_without_headline_keeps_its_lead_paragraph(tmp_path: Path) -> None:
    (tmp_path / "lead.txt").write_text(f"{LEAD}\n\n{SECOND}\n", encoding="utf-8")
    [article] = read(tmp_path / "lead.txt")
    assert isinstance(article, Article) and article.title is None
    assert article.text.startswith("Ministers from both countries")


def test_short_unpunctuated_line_before_a_blank_line_is_the_title(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(f"Border talks resume in Geneva\n\n{LEAD}\n", encoding="utf-8")
    [article] = read(tmp_path / "t.txt")
    assert isinstance(article, Article) and article.title == "Border talks resume in Geneva"
    assert article.text == LEAD


def test_no_title_and_title_line_options(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(f"Border talks resume in Geneva\n\n{LEAD}\n", encoding="utf-8")
    [none] = read(tmp_path / "t.txt", options=ReadOptions(title="none"))
    assert isinstance(none, Article) and none.title is None and none.text.startswith("Border talks")
    (tmp_path / "t.txt").write_text(f"{LEAD}\n{SECOND}\n", encoding="utf-8")
    [first] = read(tmp_path / "t.txt", options=ReadOptions(title="first-line"))
    assert isinstance(first, Article) and first.title == LEAD and first.text == SECOND


# -- scrapers and spreadsheets ----------------------------------------------------------
def test_news_please_records_are_read_with_their_own_field_names(tmp_path: Path) -> None:
    record = {
        "authors": ["Jane Roe"],
        "date_download": "2024-03-02 10:00:00",
        "date_publish": "2024-03-01 08:30:00",
        "description": "Teaser",
        "maintext": f"{LEAD}\n{SECOND}",
        "source_domain": "example.org",
        "title": "Border talks resume",
        "url": "https://example.org/talks",
    }
    path = tmp_path / "np.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.text.startswith("Ministers") and article.date == "2024-03-01"
    assert article.title == "Border talks resume" and article.source == "example.org"


def test_text_as_a_list_of_paragraphs_and_content_body_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [{"id": "p", "content": [LEAD, SECOND]}, {"id": "b", "body": LEAD, "published_at": "2024-01-02"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    found = articles(read(path))
    assert [a.doc_id for a in found] == ["p", "b"]
    assert found[0].text == f"{LEAD}\n\n{SECOND}" and found[1].date == "2024-01-02"


def test_explicit_field_names_for_unusual_layouts(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    record = {"key": "k1", "story_html_text": LEAD, "headline_en": "Talks", "when": "2024-02-03"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, IngestError) and "no 'text'" in error.reason
    fields = {"text": "story_html_text", "title": "headline_en", "date": "when", "id": "key"}
    [article] = read(path, options=ReadOptions(fields=fields))
    assert isinstance(article, Article)
    assert (article.doc_id, article.title, article.date) == ("k1", "Talks", "2024-02-03")


def test_two_different_text_fields_are_ambiguous_and_say_how_to_choose(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps({"id": "x", "text": LEAD, "body": SECOND}) + "\n", encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, IngestError) and "--text-field" in error.reason


def test_semicolon_csv_tsv_and_gzip_of_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(f'title;text;date\nTalks;"{LEAD}";2024-01-05\n', encoding="utf-8")
    (tmp_path / "b.tsv").write_text(f"id\ttext\nt1\t{LEAD}\n", encoding="utf-8")
    with gzip.open(tmp_path / "c.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write(f"id,text\ng1,{json.dumps(LEAD)}\n")
    with gzip.open(tmp_path / "d.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write(f"Talks resume\n\n{LEAD}\n")
    body = f"<article><p>{LEAD}</p><p>{SECOND}</p></article>"
    page = f"<html><head><title>Talks</title></head><body>{body}</body></html>"
    with gzip.open(tmp_path / "e.html.gz", "wt", encoding="utf-8") as handle:
        handle.write(page)
    items = read(tmp_path)
    assert not problems(items), problems(items)
    found = articles(items)
    assert [Path(a.doc_id).name for a in found][1:] == ["t1", "g1", "d.txt.gz", "e.html.gz"]
    assert found[0].date == "2024-01-05" and found[0].title == "Talks"
    assert all(a.text.startswith("Ministers") for a in found)


def test_non_article_files_in_a_folder_are_skipped_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# corpus notes\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "story.txt").write_text(LEAD, encoding="utf-8")
    items = read(tmp_path)
    assert [Path(a.doc_id).name for a in articles(items)] == ["story.txt"]
    assert not problems(items)
    assert sorted(Path(e.origin).name for e in problems(items, SKIPPED)) == ["README.md", "logo.png"]


# -- encodings and languages ----------------------------------------------------------------
def test_cp1251_text_is_decoded_and_the_encoding_recorded(tmp_path: Path) -> None:
    russian = "Москва заявила во вторник, что переговоры в Женеве продолжатся в следующем месяце."
    (tmp_path / "ru.txt").write_bytes((russian + "\n").encode("cp1251"))
    items = read(tmp_path / "ru.txt")
    [article] = articles(items)
    assert article.text == russian and article.encoding == "cp1251"
    assert any("cp1251" in w.reason for w in problems(items, WARNING))


def test_french_article_is_warned_about_and_its_language_recorded(tmp_path: Path) -> None:
    french = (
        "Les ministres des deux pays se sont réunis mardi à Genève pour discuter de la frontière "
        "contestée, ont indiqué des responsables, et ont convenu de se revoir le mois prochain."
    )
    (tmp_path / "fr.txt").write_text(french, encoding="utf-8")
    items = read(tmp_path / "fr.txt")
    [article] = articles(items)
    assert article.language == "fr"
    [warning] = problems(items, WARNING)
    assert "'fr'" in warning.reason and "English" in warning.reason
    (tmp_path / "en.txt").write_text(LEAD, encoding="utf-8")
    [english] = read(tmp_path / "en.txt")
    assert isinstance(english, Article) and english.language == "en"


def test_big_page_with_a_caption_sized_article_is_flagged(tmp_path: Path) -> None:
    scripts = "<script>var app = {" + ("'k': 'v', " * 200_000) + "};</script>"
    caption = "Police officers stand guard outside the parliament building in the capital on Monday night."
    body = f"<article><p>{caption}</p></article>"
    page = f"<html><head><title>Live</title>{scripts}</head><body>{body}</body></html>"
    (tmp_path / "live.html").write_text(page, encoding="utf-8")
    assert (tmp_path / "live.html").stat().st_size > 2_000_000
    items = read(tmp_path / "live.html")
    [article] = articles(items)
    assert "short-body" in article.flags
    assert any("short-body" in w.reason for w in problems(items, WARNING))


def test_max_chars_limits_the_extracted_text_not_the_raw_page(tmp_path: Path) -> None:
    padding = "<div class='nav'>" + "<a href='/x'>link</a>" * 60_000 + "</div>"
    page = f"<html><body>{padding}<article><p>{LEAD}</p><p>{SECOND}</p></article></body></html>"
    (tmp_path / "cnn.html").write_text(page, encoding="utf-8")
    assert (tmp_path / "cnn.html").stat().st_size > 1_000_000
    [article] = [i for i in read(tmp_path / "cnn.html", max_chars=100_000) if isinstance(i, Article)]
    assert LEAD in article.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2020-13-01", None), ("2020-02-30", None), (10**400, None), ("2020-01-13", "2020-01-13")],
)
def test_impossible_dates_are_refused_not_swapped(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected
