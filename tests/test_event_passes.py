"""The events stage as passes over a candidate table: rule interactions, the trace, the verifier
hook and `eventcoder explain`, on sentences written for these tests."""

from __future__ import annotations

import pytest

from eventcoder.cli import main
from eventcoder.events import EventCoder, Verdict
from eventcoder.model import Document
from eventcoder.nlp import parse


@pytest.fixture(scope="module")
def parsed(nlp, actor_resolver):
    def make(text: str) -> Document:
        doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2023-05-01"), nlp)
        actor_resolver.run(doc)
        return doc

    return make


def test_light_verb_that_controls_its_object_is_the_event(code):
    # "threaten" is both a light verb (its object says what happened) and a control verb (what it
    # controls is threatened): before the table, each rule dropped one half and nothing was coded
    events = code("Washington threatened sanctions against Moscow.")
    assert [(e.cameo, e.source.text, e.target.text, e.modality) for e in events] == [
        ("1312", "Washington", "Moscow", "asserted")
    ]


def test_trace_says_which_pass_dropped_and_restored(parsed):
    coder = EventCoder()
    (report,) = coder.explain(parsed("Washington threatened sanctions against Moscow."))
    verb, noun = report.candidates
    assert verb.live and not noun.live
    assert noun.dropped_by == "recode_control_verbs"
    actions = [(s.pass_name, s.action) for s in verb.trace]
    assert ("place_nominal_triggers", "dropped") in actions
    assert ("recode_control_verbs", "restored") in actions
    features = verb.features()
    assert features["trigger_lemma"] == "threaten" and features["cameo"] == "1312"
    assert features["dependency_path"] == "ROOT"


def test_condition_keeps_threatened_force_hypothetical(code):
    events = code("If Russia invades Ukraine, Britain will impose sanctions.")
    invasion = [e for e in events if e.cameo_root == "19"]
    assert invasion and invasion[0].modality == "hypothetical"


def test_event_carries_clause_and_sentence_spans(code):
    text = "Rain fell. Japan pledged to provide economic aid to Mongolia, officials said."
    (event,) = [e for e in code(text) if e.cameo_root == "03"]
    assert event.sentence_span == (11, len(text))
    start, end = event.span
    assert 11 <= start < end <= len(text)


class _RejectAll:
    def judge(self, features):
        return Verdict(accept=False, reason=f"no {features['trigger_lemma']}")


class _Retype:
    def judge(self, features):
        return Verdict(accept=True, code="042", reason="a visit")


def test_verifier_can_reject_and_retype(parsed):
    text = "The Kenyan president met the Somali foreign minister in Nairobi."
    rejecting = EventCoder(verifier=_RejectAll())
    doc = parsed(text)
    rejecting.run(doc)
    assert doc.events == []
    retyping = EventCoder(verifier=_Retype())
    doc = parsed(text)
    retyping.run(doc)
    assert {e.cameo for e in doc.events} == {"042"}
    assert all(e.rule.endswith("+verify") for e in doc.events)


def test_explain_prints_each_pass_and_the_events(capsys):
    assert main(["explain", "Washington threatened sanctions against Moscow.", "--date", "2023-05-01"]) == 0
    out = capsys.readouterr().out
    for name in EventCoder().passes:
        assert f"  {name}:" in out or name == "find_triggers"
    assert "restored: a control verb is the event of what it controls" in out
    assert out.rstrip().splitlines()[-1].startswith("    1312 THREATEN Washington -> Moscow [asserted]")


def test_explain_takes_a_sentence_longer_than_a_file_name_can_be(capsys):
    # a long sentence is text, not a path: the system refuses such file names ("File name too long")
    sentence = (
        "In a long statement read out to reporters in the capital on Sunday evening, the foreign ministry of "
        "Vietnam said that the Chinese coast guard had rammed two fishing boats near the disputed islands "
        "and condemned what it called a grave violation of its sovereignty over the waters."
    )
    assert len(sentence.encode()) > 255
    assert main(["explain", sentence, "--date", "2023-05-01"]) == 0
    assert "ACCUSE" in capsys.readouterr().out
