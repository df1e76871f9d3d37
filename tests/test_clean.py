"""Clean stage: scraped noise goes, every body sentence stays, kept text is byte-identical."""

# ruff: noqa: E501  (the article fixtures are prose, one paragraph a line, as scraped)

from __future__ import annotations

from pathlib import Path

from eventcoder.clean import clean, clean_text
from eventcoder.ingest import read_inputs
from eventcoder.model import Document

from .conftest import SAMPLE_STORY, shared_path

TITLE = "Port workers end strike after pay deal"

NOISY = """Port workers end strike after pay deal

By Tom Baker and Ana Ruiz, Reuters
Updated 10:42 AM ET, Thu March 7, 2024

Share
Facebook | Twitter | WhatsApp | Email

ROTTERDAM — Dock workers in Rotterdam ended a five-day strike on Thursday after their union accepted a pay offer from port employers.

“We got what we came for,” union spokesman Pieter de Vries told reporters outside the terminal.

Striking dock workers gather at the gates of the container terminal in Rotterdam.
The union said the deal would raise wages by six percent over two years.
REUTERS/Piroschka van de Wouw

The strike had halted most container traffic at Europe's largest port. By Wednesday, more than 40 ships were waiting offshore.

Reuters reported on Monday that employers had raised their offer twice.

Advertisement

Ships queue outside the harbour on Wednesday. (Photo by Jan Smit/AFP via Getty Images)

The agreement must still be approved by a vote of union members next week.

Read more: Dutch economy slows as exports fall
Sign up for our newsletter
Click here to follow our live coverage

Source link
"""

NOISE_LINES = [
    "By Tom Baker and Ana Ruiz, Reuters",
    "Updated 10:42 AM ET, Thu March 7, 2024",
    "Facebook | Twitter | WhatsApp | Email",
    "Striking dock workers gather at the gates of the container terminal in Rotterdam.",
    "The union said the deal would raise wages by six percent over two years.",
    "REUTERS/Piroschka van de Wouw",
    "Advertisement",
    "Ships queue outside the harbour on Wednesday. (Photo by Jan Smit/AFP via Getty Images)",
    "Read more: Dutch economy slows as exports fall",
    "Sign up for our newsletter",
    "Click here to follow our live coverage",
    "Source link",
]

BODY_LINES = [
    "ROTTERDAM — Dock workers in Rotterdam ended a five-day strike on Thursday after their union accepted",
    "“We got what we came for,” union spokesman Pieter de Vries told reporters outside the terminal.",
    "The strike had halted most container traffic at Europe's largest port. By Wednesday, more than 40 ships",
    "Reuters reported on Monday that employers had raised their offer twice.",
    "The agreement must still be approved by a vote of union members next week.",
]


def cleaned(raw: str, title: str | None = TITLE) -> Document:
    return clean(Document(doc_id="t", raw_text=raw, title=title))


def test_noisy_article_loses_every_noise_line() -> None:
    doc = cleaned(NOISY)
    for line in NOISE_LINES:
        assert line not in doc.text, line
    assert TITLE not in doc.text
    assert "\nShare\n" not in doc.text


def test_noisy_article_keeps_every_body_sentence() -> None:
    doc = cleaned(NOISY)
    for line in BODY_LINES:
        assert line in doc.text, line
    assert doc.text.startswith("ROTTERDAM")
    assert doc.text.rstrip().endswith("next week.")


def test_removed_lines_are_reported_with_reason_and_raw_line_number() -> None:
    doc = cleaned(NOISY)
    raw_lines = NOISY.split("\n")
    for removed in doc.removed:
        assert raw_lines[removed.line].strip() == removed.text
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons[TITLE] == "repeated-headline"
    assert reasons["By Tom Baker and Ana Ruiz, Reuters"] == "byline"
    assert reasons["REUTERS/Piroschka van de Wouw"] == "photo-credit"
    assert reasons["Striking dock workers gather at the gates of the container terminal in Rotterdam."] == (
        "photo-caption"
    )
    assert reasons["Source link"] == "trailer"
    assert len(doc.removed) == len(NOISE_LINES) + 2  # plus the headline and the lone "Share"


def test_paragraphs_survive_and_text_is_byte_identical() -> None:
    doc = cleaned(NOISY)
    assert "\n\n\n" not in doc.text
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 5
    for paragraph in paragraphs:
        assert paragraph in NOISY  # nothing rewritten inside what is kept


def test_clean_text_without_noise_is_untouched() -> None:
    raw = "Talks resumed in Geneva on Monday.\n\nBoth delegations said progress was made.\n"
    assert cleaned(raw, title="Geneva talks").text == raw
    assert cleaned(raw).removed == []


def test_duplicated_heading_without_title_keeps_one_copy() -> None:
    raw = "Ceasefire holds in north\n\nCeasefire holds in north\n\nThe ceasefire held overnight, officials said.\n"
    doc = cleaned(raw, title=None)
    assert doc.text.count("Ceasefire holds in north") == 1
    assert "held overnight" in doc.text


def test_title_repeat_is_matched_despite_quotes_and_case() -> None:
    doc = cleaned(
        "US RESPONDS TO RUSSIA'S DEMANDS\n\nThe reply was sent.", title="US responds to Russia’s demands"
    )
    assert doc.text == "The reply was sent."


def test_body_lines_that_look_like_noise_are_kept() -> None:
    raw = (
        "By Tuesday the convoy had reached the border.\n\n"
        "Photographs published by Reuters showed damaged buildings.\n\n"
        "Share prices fell sharply after the announcement.\n\n"
        "Read the statement, he told reporters, and you will see it.\n\n"
        "Getty Images and AFP both distributed the picture, the ministry said.\n"
    )
    doc = cleaned(raw, title="Convoy reaches border")
    assert doc.text == raw
    assert doc.removed == []


def test_captions_inside_single_newline_text_are_not_guessed() -> None:
    raw = "First paragraph of the story.\nSecond paragraph of the story.\nA line before the credit.\nAP Photo/Jane Roe\n"
    doc = cleaned(raw, title=None)
    assert [r.text for r in doc.removed] == ["AP Photo/Jane Roe"]
    assert "A line before the credit." in doc.text


def test_windows_line_endings() -> None:
    raw = "Headline here\r\n\r\nBody sentence one.\r\n\r\nPOOL/AFP via Getty Images\r\n\r\nBody sentence two.\r\n"
    text, removed = clean_text(raw, "Headline here")
    assert [r.reason for r in removed] == ["repeated-headline", "photo-credit"]
    assert text == "Body sentence one.\r\n\r\nBody sentence two.\r\n"


def test_shared_sample_story_captions_and_credits_removed() -> None:
    path = shared_path("samples", SAMPLE_STORY.name)
    raw = Path(path).read_text(encoding="utf-8")
    title, _, body = raw.partition("\n")
    doc = cleaned(body.lstrip("\n"), title=title)
    reasons = [r.reason for r in doc.removed]
    assert reasons.count("photo-credit") == 2
    assert reasons.count("photo-caption") == 4
    assert reasons.count("repeated-headline") == 1 and reasons.count("trailer") == 1
    assert "Getty" not in doc.text and "Source link" not in doc.text
    assert "Close-up of Blinken" not in doc.text
    assert (
        "“Right now, the document is with them, and the ball is in their court,” Blinken concluded."
        in doc.text
    )
    assert doc.text.startswith("The United States has delivered")


def test_bundled_noisy_sample_is_cleaned() -> None:
    path = Path(__file__).resolve().parents[1] / "examples" / "articles" / "rubio-lavrov-call.txt"
    [article] = read_inputs([str(path)])
    doc = clean(Document(doc_id=article.doc_id, raw_text=article.text, title=article.title))
    for noise in (
        "Getty Images",
        "Reuters/John Smith",
        "Jane Doe",
        "Source link",
        "Read more",
        "Photo:",
        "Facebook | Twitter",
        "speaks to reporters at the State Department",
        "at a meeting with foreign diplomats",
    ):
        assert noise not in doc.text, noise
    assert doc.text.startswith("WASHINGTON (AP)")
    assert doc.text.count("Rubio and Lavrov agree to keep channel open") == 0
    assert "“Words are cheap in Moscow,” Sybiha said on Wednesday." in doc.text
    assert doc.text.rstrip().endswith("contacts between Washington and Moscow.")
