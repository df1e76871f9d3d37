"""Quotes stage: direct, split, multi-paragraph, nested, indirect and mixed quotes, speakers."""

from __future__ import annotations

import pytest

from eventcoder.actors import ActorResolver
from eventcoder.model import Document, Event, Quote
from eventcoder.quotes import QuoteFinder, find_quote_marks, load_cues


@pytest.fixture(scope="module")
def stages():
    return ActorResolver(), QuoteFinder()


@pytest.fixture
def code(nlp, stages):
    """Parse `text` and run actors + quotes on it (no clean stage: offsets are into `text`)."""
    from eventcoder.nlp import parse

    actors, quotes = stages

    def run(text: str, date: str = "2022-01-26") -> Document:
        doc = Document(doc_id="t", raw_text=text, text=text, date=date)
        parse(doc, nlp)
        actors.run(doc)
        quotes.run(doc)
        return doc

    return run


def names(q: Quote) -> str:
    """The speaker's words and the name of the actor they resolve to, for matching."""
    if q.speaker is None:
        return ""
    actor = q.speaker.actor
    return f"{q.speaker.text} | {actor.name if actor and actor.name else ''}"


def quote_with(doc: Document, words: str) -> Quote:
    found = [q for q in doc.quotes if words in q.text]
    assert found, f"no quote containing {words!r}: {[q.text for q in doc.quotes]}"
    return found[0]


# -- quotation marks -------------------------------------------------------------------


def test_marks_curly_and_straight_in_one_pass():
    text = 'He said \u201cyes\u201d and then "no way" twice.'
    spans = [text[a:b] for a, b in find_quote_marks(text)]
    assert spans == ["\u201cyes\u201d", '"no way"']


def test_marks_multi_paragraph_quote_is_one_span():
    text = "\u201cFirst paragraph of the speech.\n\n\u201cSecond paragraph, still quoted.\u201d\n\nAfter."
    spans = [text[a:b] for a, b in find_quote_marks(text)]
    assert len(spans) == 1
    assert spans[0].startswith("\u201cFirst") and spans[0].endswith("quoted.\u201d")


def test_marks_single_quotes_nest_inside_double():
    text = "\u201cThey told us \u2018go home\u2019 and we refused,\u201d she said."
    spans = [text[a:b] for a, b in find_quote_marks(text)]
    assert spans == ["\u201cThey told us \u2018go home\u2019 and we refused,\u201d"]


def test_cue_file_has_groups():
    words, phrases = load_cues()
    assert words["say"].group == "assert"
    assert words["deny"].group == "deny"
    assert words["warn"].group == "warn"
    assert phrases[("according", "to")].group == "assert"


# -- direct quotes -----------------------------------------------------------------------


def test_direct_quote_after_attribution(code):
    doc = code("\u201cWe will keep the border open for trade,\u201d Maria Lindqvist said on Monday.")
    q = quote_with(doc, "border open")
    assert q.kind == "direct"
    assert "Lindqvist" in names(q)
    assert q.cue == "said" and q.cue_group == "assert"
    assert doc.text[q.span[0] : q.span[1]].startswith("\u201cWe will")


def test_straight_quotes(code):
    doc = code('"The talks have failed," the union leader Paolo Marchetti told reporters.')
    q = quote_with(doc, "talks have failed")
    assert "Marchetti" in names(q)
    assert q.cue == "told"


def test_split_quote_is_one_quote_with_two_parts(code):
    text = (
        "\u201cWe are not publishing the letter,\u201d Lindqvist said, "
        "\u201cbecause quiet talks have the best chance.\u201d"
    )
    doc = code(text)
    q = quote_with(doc, "publishing the letter")
    assert len(q.parts) == 2
    assert "quiet talks" in q.text
    assert "Lindqvist" in names(q)
    assert len([x for x in doc.quotes if "quiet talks" in x.text]) == 1


def test_follow_on_quote_keeps_the_speaker(code):
    text = (
        "\u201cThe ministry will publish its figures next week,\u201d Lindqvist said. "
        "\u201cWe expect them to show a fall in exports.\u201d"
    )
    doc = code(text)
    q = quote_with(doc, "fall in exports")
    assert "Lindqvist" in names(q)


def test_bare_paragraph_after_colon(code):
    text = (
        "The minister, Paolo Marchetti, said:\n\n"
        "\u201cNobody in this government will resign over a rumour.\u201d"
    )
    doc = code(text)
    q = quote_with(doc, "resign over a rumour")
    assert "Marchetti" in names(q)


def test_multi_paragraph_quote_attributed_once(code):
    text = (
        "Marchetti told the assembly:\n\n"
        "\u201cWe built these roads together.\n\n"
        "\u201cAnd we will repair them together.\u201d\n\n"
        "The assembly applauded."
    )
    doc = code(text)
    q = quote_with(doc, "built these roads")
    assert "repair them together" in q.text
    assert "Marchetti" in names(q)


# -- indirect and mixed ------------------------------------------------------------------


def test_indirect_quote_with_said(code):
    doc = code("Lindqvist said the proposal covered four separate issues.")
    q = quote_with(doc, "four separate issues")
    assert q.kind == "indirect"
    assert q.text == "the proposal covered four separate issues"
    assert "Lindqvist" in names(q)


def test_according_to(code):
    doc = code("According to Marchetti, the shipment reached the port on Friday.")
    q = quote_with(doc, "shipment reached the port")
    assert q.cue == "According to"
    assert "Marchetti" in names(q)
    assert "According" not in q.text


def test_told_reporters_that(code):
    doc = code("Lindqvist told reporters that the embassy would stay closed.")
    q = quote_with(doc, "embassy would stay closed")
    assert q.text.startswith("that the embassy")
    assert "Lindqvist" in names(q)


def test_partial_quote_inside_paraphrase_is_mixed(code):
    doc = code(
        "Marchetti reaffirmed the union\u2019s \u201cno retreat\u201d position on wages, he told reporters."
    )
    q = quote_with(doc, "no retreat")
    assert q.kind == "mixed"
    assert "position on wages" in q.text
    assert q.speaker is not None


def test_cue_groups_warn_and_deny(code):
    doc = code("Lindqvist warned that prices would rise. Marchetti denied that the factory would close.")
    assert quote_with(doc, "prices would rise").cue_group == "warn"
    assert quote_with(doc, "factory would close").cue_group == "deny"


# -- speakers ------------------------------------------------------------------------------


def test_pronoun_speaker_carries_the_antecedent_actor(code):
    text = (
        "Secretary of State Antony Blinken spoke in Washington on Wednesday. "
        "\u201cThe door to diplomacy remains open,\u201d he said."
    )
    doc = code(text)
    q = quote_with(doc, "door to diplomacy")
    assert q.speaker is not None and q.speaker.text == "he"
    assert q.speaker.actor is not None and q.speaker.actor.name == "Antony Blinken"


def test_scare_quote_has_no_speaker(code):
    doc = code("The so-called \u201cpeace dividend\u201d has shrunk over the decade.")
    q = quote_with(doc, "peace dividend")
    assert q.speaker is None and q.cue is None


def test_quoted_text_of_a_treaty_is_not_given_a_person(code):
    text = (
        "The charter, which states that members must \u201csettle disputes by peaceful means,\u201d "
        "was signed in 1945."
    )
    doc = code(text)
    q = quote_with(doc, "settle disputes")
    assert q.speaker is None


def test_about_lists_actors_in_the_content(code):
    doc = code("Lindqvist said that Russia had moved troops toward Ukraine.")
    q = quote_with(doc, "moved troops")
    assert "RUS" in q.about and "UKR" in q.about


def test_events_link_to_their_quote(code):
    doc = code("\u201cWe will impose sanctions,\u201d Lindqvist said.")
    q = quote_with(doc, "impose sanctions")
    nd = doc.nlp_doc
    impose = next(t for t in nd if t.text == "impose")
    said = next(t for t in nd if t.text == "said")
    inside = _event(doc, impose.i, impose.idx)
    cue = _event(doc, said.i, said.idx)
    outside = _event(doc, 0, 10_000)
    doc.events = [inside, cue, outside]
    QuoteFinder().run(doc)
    assert inside.quote_id == q.quote_id
    assert cue.quote_id == q.quote_id
    assert outside.quote_id is None


def _event(doc: Document, token: int, start: int) -> Event:
    return Event(
        event_id=f"e{token}",
        doc_id=doc.doc_id,
        sentence_index=0,
        sentence=doc.text,
        span=(0, len(doc.text)),
        trigger="x",
        source=None,
        target=None,
        cameo="010",
        cameo_root="01",
        quad_class=1,
        goldstein=0.0,
        plover={"type": None, "mode": None, "context": None},
        trigger_token=token,
        trigger_start=start,
    )


# -- the real sample story (../shared) ------------------------------------------------------


@pytest.fixture(scope="module")
def sample_doc(coder):
    from .conftest import shared_path

    path = shared_path("samples", "us-responds-to-russia-demands.txt")
    return coder.code(path.read_text(encoding="utf-8"), date="2022-01-26")


def _actor_name(q: Quote) -> str | None:
    return q.speaker.actor.name if q.speaker and q.speaker.actor else None


def test_sample_every_quotation_is_found(sample_doc):
    doc = sample_doc
    pieces = [p for q in doc.quotes for p in q.parts]
    for start, end in find_quote_marks(doc.text):
        assert any(a <= start and end <= b for a, b in pieces), doc.text[start:end]


def test_sample_blinken_quotes(sample_doc):
    blinken = [q for q in sample_doc.quotes if _actor_name(q) == "Antony Blinken"]
    assert len(blinken) >= 6
    texts = " ".join(q.text for q in blinken)
    assert "not releasing the document publicly" in texts
    assert "Right now, the document is with them" in texts
    split = quote_with(sample_doc, "not releasing the document")
    assert "same view" in split.text  # the follow-on sentence joins the same quote


def test_sample_severe_is_biden_and_the_treaty_is_nobody(sample_doc):
    severe = [q for q in sample_doc.quotes if q.text.strip("\u201c\u201d") == "severe"]
    assert severe and "Biden" in (_actor_name(severe[0]) or "")
    treaty = quote_with(sample_doc, "European state in a position")
    assert treaty.speaker is None


def test_sample_captions_give_no_quotes(sample_doc):
    assert not any("during a briefing" in q.text or "Getty" in q.text for q in sample_doc.quotes)
