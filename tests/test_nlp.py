"""The NLP stage: sentences never cross a blank line; long texts are parsed in paragraph pieces."""

from __future__ import annotations

from eventcoder import nlp as nlp_stage


def test_a_sentence_never_crosses_a_paragraph_break(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russia warns NATO over drills\n\n"
        "Moscow said on Tuesday it would respond to the exercises\n\n"
        "Jane Roe contributed reporting from Hong Kong.\n\n"
        "The talks resume on Friday."
    )
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == [
        "Russia warns NATO over drills",
        "Moscow said on Tuesday it would respond to the exercises",
        "Jane Roe contributed reporting from Hong Kong.",
        "The talks resume on Friday.",
    ]


def test_pieces_cut_at_paragraph_breaks_and_give_the_text_back() -> None:
    paragraph = "The ministers met in Geneva on Tuesday and agreed to meet again. " * 40
    text = "\n\n".join([paragraph] * 30)
    parts = nlp_stage.pieces(text, limit=10_000)
    assert "".join(parts) == text
    assert all(len(p) <= 10_000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])
    giant = "word " * 5000  # one paragraph longer than a piece: cut at spaces
    assert "".join(nlp_stage.pieces(giant, limit=3000)) == giant


def test_a_long_document_parsed_in_pieces_keeps_offsets_and_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    paragraph = "Kenya thanked Japan for the aid on Monday. Officials in Nairobi said more would come."
    text = "\n\n".join(f"{paragraph} Item {i}." for i in range(600))
    assert len(text) > nlp_stage.PIECE_CHARS
    doc = nlp_stage.parse_text(text, nlp)
    assert doc.text == text
    sentences = list(doc.sents)
    assert len(sentences) == 3 * 600
    assert all("\n\n" not in s.text.strip() for s in sentences)
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)  # offsets into the whole text
