"""Time stage: each event's date, anchored on the article's publication date.

News rarely gives full dates; it says "Wednesday", "last week", "two days ago". Those only mean
something relative to when the article was published, and a weekday means the past or the coming one
depending on the tense of the clause. So for each event we (1) find the temporal expression that
governs the event's own clause in the dependency parse (never one from another clause, which may
describe another event), (2) read it relative to `Document.date` and the clause's tense, and (3) fall
back to the publication date when the clause has no expression.

Parsing is done by dateparser (offline, slow on first use), called only for expressions attached to
events and cached per (expression, anchor, tense); weekdays and vague spans ("in recent days") are
anchored by our own rules in `data/time/time.yaml`. The conventions (a week/month/year is represented
by its first day) are documented in docs/time-and-place.md.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.model import Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATA_DIR = Path(__file__).parent / "data" / "time"
PRECISIONS = ("day", "week", "month", "year")
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b")
_RELATIVE_WORDS = re.compile(
    r"\b(ago|last|next|this|coming|recent|past|previous|earlier|later|yesterday|today|tomorrow|tonight)\b"
)
_CLOCK_RE = re.compile(r"\d{1,2}(:\d\d|\s*[ap]\.?m\.?)|\b(noon|midnight|morning|evening|night|afternoon)\b")
_DECADE_RE = re.compile(r"\b\d{2,4}'?s\b")


@dataclass(frozen=True)
class Resolved:
    """A temporal expression read against an anchor: first day of its period and the period size."""

    date: str  # ISO YYYY-MM-DD
    precision: str  # day | week | month | year


@dataclass(frozen=True)
class TimeRules:
    """The editable rules from data/time/time.yaml, frozen so they can key caches."""

    entity_labels: frozenset[str]
    modifier_dependencies: frozenset[str]
    temporal_prepositions: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    temporal_words: frozenset[str]
    weekdays: tuple[str, ...]
    vague: tuple[tuple[re.Pattern[str], tuple[tuple[str, Any], ...], str, str | None], ...]


def load_rules(path: Path = DATA_DIR / "time.yaml") -> TimeRules:
    """Read the rules file once per resolver."""
    from eventcoder.datafiles import load_yaml
    from eventcoder.schemas.time import TimeFile

    raw = load_yaml(path, TimeFile).model_dump(exclude_none=True)
    vague = tuple(
        (re.compile(item["pattern"]), tuple(item["start"].items()), item["precision"], item.get("align"))
        for item in raw.get("vague", [])
    )
    return TimeRules(
        entity_labels=frozenset(raw["entity_labels"]),
        modifier_dependencies=frozenset(raw["modifier_dependencies"]),
        temporal_prepositions=frozenset(raw["temporal_prepositions"]),
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        future_governors=frozenset(raw["future_governors"]),
        temporal_words=frozenset(raw["temporal_words"]),
        weekdays=tuple(raw["weekdays"]),
        vague=vague,
    )


# -- reading an expression --------------------------------------------------------------------------


def normalise_expression(text: str) -> str:
    """Lower-case, drop possessives, a leading article/preposition and stray punctuation.

    "Wednesday's" and "on Wednesday" must hit the same cache entry and the same rule.
    """
    value = unicodedata.normalize("NFKC", text).replace("\u2019", "'").lower().strip()
    value = re.sub(r"'s$|s'$", "", value)
    value = re.sub(r"^(the|on|in|at|during|over|within|throughout|around)\s+", "", value)
    value = re.sub(r"^the\s+", "", value)
    value = re.sub(r"\s+", " ", value).strip(" ,;:.-\u2014\u2013")
    return value


def parse_anchor(value: str | None) -> date | None:
    """The publication date as a `date`, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def align(day: date, precision: str) -> date:
    """Snap a day to the first day of its week (Monday), month or year."""
    if precision == "week":
        return day - timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def shift(day: date, unit: str, amount: int) -> date:
    """Move a day by whole days, weeks, months or years (month ends clamp)."""
    if unit == "days":
        return day + timedelta(days=amount)
    if unit == "weeks":
        return day + timedelta(weeks=amount)
    months = amount * 12 if unit == "years" else amount
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def anchor_weekday(anchor: date, weekday: int, tense: str, modifier: str = "") -> date:
    """The weekday an article means: the most recent one on or before publication for the past,
    the coming one on or after it for the future. "last X" is strictly before, "next X" strictly after.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if modifier == "last":
        return anchor - timedelta(days=back or 7)
    if modifier == "next":
        return anchor + timedelta(days=ahead or 7)
    if tense == "future":
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


_WEEKDAY_RE = re.compile(
    r"^(?:(last|next|this|past|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night|midday|noon))?$"
)
_SIMPLE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def resolve_weekday(expr: str, anchor: date, tense: str, weekdays: tuple[str, ...]) -> Resolved | None:
    """Weekday names and today/yesterday/tomorrow, which we anchor ourselves (dateparser reads a
    weekday equal to the publication day as a week earlier, which is wrong for news)."""
    base = re.sub(r"\s+(morning|afternoon|evening|night)$", "", expr)
    if base in _SIMPLE_DAYS:
        return Resolved((anchor + timedelta(days=_SIMPLE_DAYS[base])).isoformat(), "day")
    match = _WEEKDAY_RE.match(expr)
    if not match:
        return None
    modifier = match.group(1) or ""
    if modifier == "coming":
        modifier = "next" if tense != "future" else ""
    if modifier == "past":
        modifier = "last"
    day = anchor_weekday(
        anchor, weekdays.index(match.group(2)), tense, "" if modifier == "this" else modifier
    )
    return Resolved(day.isoformat(), "day")


def resolve_vague(expr: str, anchor: date, tense: str, rules: TimeRules) -> Resolved | None:
    """Vague spans from the rules table ("in recent days", "earlier this month", "the weekend")."""
    for pattern, start, precision, align_to in rules.vague:
        if not pattern.match(expr):
            continue
        day = anchor
        for unit, amount in start:
            if unit == "weekday":
                day = anchor_weekday(anchor, rules.weekdays.index(str(amount)), tense)
            else:
                day = shift(day, str(unit), int(amount))
        if align_to:
            day = align(day, str(align_to))
        return Resolved(day.isoformat(), precision)
    return None


def is_absolute(expr: str) -> bool:
    """True for expressions that name a calendar year and nothing relative ("March 3, 2014", "2014")."""
    return bool(_YEAR_RE.search(expr)) and not _RELATIVE_WORDS.search(expr)


@lru_cache(maxsize=64)
def _date_parser(anchor: date, prefer: str) -> Any:
    """One dateparser parser per (anchor, direction): building one costs more than a parse."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_read(expr: str, anchor: date, prefer: str) -> Resolved | None:
    """Ask dateparser; map its period to our precision and the date to the period's first day."""
    if _DECADE_RE.search(expr):
        return None  # "the 1990s": dateparser answers with a meaningless time of day
    data = _date_parser(anchor, prefer).get_date_data(expr)
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period in ("time", "part_of_day"):
        if not _CLOCK_RE.search(expr):
            return None
        period = "day"
    if period not in PRECISIONS:
        period = "day"
    day = align(data.date_obj.date(), period)
    if not 1800 <= day.year <= anchor.year + 50:
        return None
    return Resolved(day.isoformat(), period)


@lru_cache(maxsize=8192)
def resolve_expression(
    text: str, anchor: date | None, tense: str = "past", rules: TimeRules | None = None
) -> Resolved | None:
    """Read one temporal expression against the publication date (cached: articles repeat them).

    Without an anchor only absolute expressions ("in 2014", "on March 3, 2014") get a date.
    """
    rules = rules or default_rules()
    expr = normalise_expression(text)
    if not expr:
        return None
    if anchor is None:
        if not is_absolute(expr):
            return None
        return _dateparser_read(expr, date(2000, 1, 1), "past")
    found = resolve_weekday(expr, anchor, tense, rules.weekdays) or resolve_vague(expr, anchor, tense, rules)
    if found:
        return found
    found = _dateparser_read(expr, anchor, "past")
    if tense == "future" and found and found.date < anchor.isoformat() and not _RELATIVE_WORDS.search(expr):
        # "will meet on Jan. 27" read in a past-leaning way lands a year early; the coming one is meant
        found = _dateparser_read(expr, anchor, "future") or found
    return found


@lru_cache(maxsize=1)
def default_rules() -> TimeRules:
    return load_rules()


# -- finding the expression that governs an event ---------------------------------------------------


def governors(trigger: Token) -> list[Token]:
    """Tokens whose temporal modifiers date the event: the trigger, its control/raising partners
    ("were seen transporting": both verbs), and for a noun trigger the verb it is an argument of."""
    found = [trigger]
    head = trigger
    while head.dep_ == "xcomp" and head.head is not head:
        head = head.head
        found.append(head)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        found.append(trigger.head)
    stack = [trigger]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "xcomp":
                found.append(child)
                stack.append(child)
    return found


def _entity_at(token: Token, labels: frozenset[str]) -> Span | None:
    """The DATE/TIME entity whose root is this token, if any."""
    if token.ent_type_ not in labels:
        return None
    ent = entity_of(token)
    if ent is None:
        return None
    return ent if ent.label_ in labels and ent.root.i == token.i else None


def entity_of(token: Token) -> Span | None:
    """The entity of `doc.ents` that holds `token`, found from the token's IOB tags.

    Why: `doc.ents` builds a Span for every entity of the document on each read, so asking it
    once per event made a long document quadratic; the tags give the same Span in entity length.
    """
    from spacy.tokens import Span

    doc = token.doc
    start = token.i
    if token.ent_iob_ not in ("B", "I"):
        return None
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    first = doc[start]
    if first.ent_iob_ != "B" or not first.ent_type:
        return None
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)


def temporal_modifier(trigger: Token, rules: TimeRules) -> Span | None:
    """The temporal expression (a spaCy Span) attached to the event's clause, or None.

    Looks only at direct modifiers of the governing tokens and at the objects of temporal
    prepositions on them, so a date inside another clause or inside a noun phrase ("the treaty of
    1949", "a 55-year-old man") never dates the event.
    """
    doc = trigger.doc
    for gov in governors(trigger):
        for child in gov.children:
            span = None
            if child.dep_ in rules.modifier_dependencies:
                span = _entity_at(child, rules.entity_labels)
                if span is None and child.lower_ in rules.temporal_words:
                    span = doc[child.i : child.i + 1]
            elif child.dep_ == "prep" and child.lower_ in rules.temporal_prepositions:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        span = _entity_at(obj, rules.entity_labels)
                        if span is None and obj.lower_ in rules.temporal_words:
                            span = doc[obj.i : obj.i + 1]
            if span is not None and (child.dep_ != "poss" or gov.pos_ in ("NOUN", "PROPN")):
                return span
    return None


def clause_tense(trigger: Token, event: Event, rules: TimeRules) -> str:
    """'future' when the event lies ahead ("will meet", "plans to visit"), else 'past'.

    Present-tense reports ("says Wednesday") are read like the past: news reports what happened.
    """
    if event.modality == "future":
        return "future"
    token = trigger
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in rules.future_auxiliaries for c in token.children):
            return "future"
        if any(c.dep_ == "aux" and c.lower_ == "going" for c in token.children):
            return "future"
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in rules.future_governors:
            return "future"
        if token.dep_ not in ("conj", "xcomp") or token.head is token:
            break
        token = token.head
    return "past"


# -- the stage ---------------------------------------------------------------------------------------


class DateResolver:
    """Sets `Event.date`, `date_text`, `date_precision` and `date_source` on every event."""

    def __init__(self, rules_path: Path | None = None) -> None:
        self.rules = load_rules(rules_path) if rules_path else default_rules()

    def run(self, doc: Document) -> None:
        if not doc.events:
            return
        anchor = parse_anchor(doc.date)
        for event in doc.events:
            self.date_event(doc, event, anchor)

    def date_event(self, doc: Document, event: Event, anchor: date | None) -> None:
        """Date one event from its clause, else from the publication date."""
        span = None
        trigger = None
        if doc.nlp_doc is not None and event.trigger_token is not None:
            if 0 <= event.trigger_token < len(doc.nlp_doc):
                trigger = doc.nlp_doc[event.trigger_token]
                span = temporal_modifier(trigger, self.rules)
        if span is not None and trigger is not None:
            tense = clause_tense(trigger, event, self.rules)
            found = resolve_expression(span.text, anchor, tense, self.rules)
            event.date_text = span.text
            if found is not None:
                event.date, event.date_precision, event.date_source = found.date, found.precision, "text"
                return
            if anchor is None:
                event.date = event.date_precision = event.date_source = None
                return
        if anchor is not None:
            event.date, event.date_precision, event.date_source = anchor.isoformat(), "day", "publication"
        else:
            event.date = event.date_precision = event.date_source = None
