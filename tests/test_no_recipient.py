"""Events with no recipient by their nature: leaving an office, done or announced, is aimed at no one, so
the office left, the party nearest it and the article's implicit party are all no target.  Sentences are
our own."""

from __future__ import annotations


def test_an_announced_resignation_has_no_recipient(coder):
    text = (
        "President Obama spoke in Washington on Monday. The defence secretary announced that he will resign "
        "from the cabinet and the Pentagon next month."
    )
    doc = coder.code(text, date="2014-11-24")
    resignations = [e for e in doc.events if e.trigger == "resign"]
    assert resignations and resignations[0].plover.get("type") == "CONCEDE"
    assert resignations[0].source is not None and resignations[0].target is None
