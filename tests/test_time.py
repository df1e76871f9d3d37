"""Event dates: temporal expressions read against the publication date, per clause and tense."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder import nlp as nlp_stage
from eventcoder.model import Document, Event
from eventcoder.time import DateResolver, resolve_expression
from tests.conftest import event_at

from .conftest import shared_path

WED = date(2022, 1, 26)  # a Wednesday


def make_doc(nlp, text: str, pub: str | None = "2022-01-26") -> Document:
    doc = Document(doc_id="t", raw_text=text, text=text, date=pub)
    return nlp_stage.parse(doc, nlp)


def dated(nlp, text: str, word: str, pub: str | None = "2022-01-26", **kw) -> Event:
    doc = make_doc(nlp, text, pub)
    doc.events = [event_at(doc, word, **kw)]
    DateResolver().run(doc)
    return doc.events[0]


# -- reading expressions (no parse needed) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "tense", "expected", "precision"),
    [
        ("Wednesday", "past", "2022-01-26", "day"),  # the publication day itself
        ("Monday", "past", "2022-01-24", "day"),
        ("Thursday", "past", "2022-01-20", "day"),
        ("Friday", "future", "2022-01-28", "day"),
        ("Tuesday", "future", "2022-02-01", "day"),
        ("last Wednesday", "past", "2022-01-19", "day"),
        ("Saturday night", "past", "2022-01-22", "day"),
        ("yesterday", "past", "2022-01-25", "day"),
        ("tomorrow", "future", "2022-01-27", "day"),
        ("Last week", "past", "2022-01-17", "week"),  # Monday of the previous week
        ("next week", "future", "2022-01-31", "week"),
        ("Jan. 26", "past", "2022-01-26", "day"),
        ("Jan. 28", "past", "2021-01-28", "day"),
        ("Jan. 28", "future", "2022-01-28", "day"),
        ("March 3", "future", "2022-03-03", "day"),
        ("2014", "past", "2014-01-01", "year"),
        ("March 2014", "past", "2014-03-01", "month"),
        ("two days ago", "past", "2022-01-24", "day"),
        ("next month", "future", "2022-02-01", "month"),
        ("last month", "past", "2021-12-01", "month"),
        ("earlier this month", "past", "2022-01-01", "month"),
        ("recent days", "past", "2022-01-19", "week"),
        ("the coming days", "future", "2022-01-27", "week"),
        ("Monday's", "past", "2022-01-24", "day"),
    ],
)
def test_expression_is_anchored_on_publication(expr, tense, expected, precision):
    found = resolve_expression(expr, WED, tense)
    assert found is not None, expr
    assert (found.date, found.precision) == (expected, precision)


def test_expressions_that_are_not_dates_are_refused():
    assert resolve_expression("the 1990s", WED, "past") is None
    assert resolve_expression("weeks", WED, "past") is None


def test_without_publication_date_only_absolute_dates_resolve():
    assert resolve_expression("Wednesday", None, "past") is None
    assert resolve_expression("last week", None, "past") is None
    found = resolve_expression("March 3, 2014", None, "past")
    assert found is not None and (found.date, found.precision) == ("2014-03-03", "day")


# -- finding the expression of the event's own clause -----------------------------------------------


def test_weekday_in_past_tense_is_the_publication_week(nlp):
    event = dated(nlp, "The foreign minister announced Wednesday that talks had failed.", "announced")
    assert (event.date, event.date_text, event.date_precision, event.date_source) == (
        "2022-01-26",
        "Wednesday",
        "day",
        "text",
    )


def test_weekday_in_future_tense_is_the_coming_one(nlp):
    event = dated(nlp, "The two leaders will meet Friday in Geneva.", "meet")
    assert event.date == "2022-01-28"
    event = dated(nlp, "The two leaders will meet Monday in Geneva.", "meet")
    assert event.date == "2022-01-31"


def test_future_from_plan_and_from_modality(nlp):
    event = dated(nlp, "The president plans to visit Warsaw on Monday.", "visit")
    assert event.date == "2022-01-31"
    event = dated(nlp, "The ministers meet Thursday in Paris.", "meet", modality="future")
    assert event.date == "2022-01-27"


def test_last_week_has_week_precision(nlp):
    event = dated(nlp, "Last week, soldiers were seen moving tanks near the frontier.", "seen")
    assert (event.date, event.date_text, event.date_precision) == ("2022-01-17", "Last week", "week")


def test_control_verb_shares_the_date(nlp):
    event = dated(nlp, "Last week, soldiers were seen moving tanks near the frontier.", "moving")
    assert event.date_text == "Last week"


def test_preposition_phrases(nlp):
    assert dated(nlp, "Rebels seized the town on Jan. 12.", "seized").date == "2022-01-12"
    event = dated(nlp, "The army occupied the peninsula in 2014.", "occupied")
    assert (event.date, event.date_precision) == ("2014-01-01", "year")
    event = dated(nlp, "In recent days, the government has sent more troops.", "sent")
    assert (event.date_text, event.date_precision) == ("recent days", "week")


def test_ago_and_relative_months(nlp):
    assert dated(nlp, "Protesters blocked the road two days ago.", "blocked").date == "2022-01-24"
    event = dated(nlp, "The parliament will vote next month on the treaty.", "vote")
    assert (event.date, event.date_precision) == ("2022-02-01", "month")
    event = dated(nlp, "Police arrested the mayor earlier this month.", "arrested")
    assert event.date_precision == "month" and event.date == "2022-01-01"


def test_date_of_another_clause_is_not_used(nlp):
    text = "The spokesman said on Monday that rebels had attacked the convoy."
    event = dated(nlp, text, "attacked")
    assert (event.date, event.date_source, event.date_text) == ("2022-01-26", "publication", None)
    assert dated(nlp, text, "said").date == "2022-01-24"


def test_durations_and_noun_dates_do_not_date_the_event(nlp):
    event = dated(nlp, "The allies have consulted for weeks about the treaty of 1949.", "consulted")
    assert (event.date_source, event.date_text) == ("publication", None)


def test_fallback_is_publication_date(nlp):
    event = dated(nlp, "Troops shelled the village.", "shelled")
    assert (event.date, event.date_precision, event.date_source) == ("2022-01-26", "day", "publication")


def test_no_publication_date_keeps_the_text(nlp):
    event = dated(nlp, "The minister resigned on Tuesday.", "resigned", pub=None)
    assert (event.date, event.date_text) == (None, "Tuesday")
    event = dated(nlp, "The army occupied the peninsula in 2014.", "occupied", pub=None)
    assert (event.date, event.date_precision) == ("2014-01-01", "year")
    event = dated(nlp, "Troops shelled the village.", "shelled", pub=None)
    assert event.date is None and event.date_source is None


def test_sample_story_dates(nlp):
    path = shared_path("samples", "us-responds-to-russia-demands.txt")
    doc = make_doc(nlp, path.read_text(encoding="utf-8"))
    doc.events = [event_at(doc, "announced"), event_at(doc, "seen")]
    DateResolver().run(doc)
    announced, seen = doc.events
    assert announced.date == "2022-01-26"
    assert seen.date_text == "Last week" and seen.date_precision == "week"
    assert "2022-01-17" <= seen.date < "2022-01-26"
