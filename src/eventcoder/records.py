"""Event records: the mentions of one real-world event, grouped within and across articles.

Ten outlets reporting one sanctions announcement are ten event mentions but one
event; an article that repeats its lead event in the last paragraph is two
mentions of one event. GDELT groups mentions the same way and counts them as
NumMentions, NumSources and NumArticles; analysts count records, not mentions.

Two mentions belong to one record when they agree on
- modality (asserted with asserted, negated with negated, ...) and CAMEO root
  code — together the `record_key`, stored and indexed,
- dyad: source with source and target with target, each at country level (or
  the actor code when no country is known); an actor whose country one outlet
  names and another leaves unresolved ("three diplomats") is compatible, but at
  least one side of the dyad must match on a known actor,
- date, within `WINDOW_DAYS` of each other,
- place: when both have one, the same country,
- and, across articles, wording: the share of the new mention's content words
  (its sentence and its article's title) found in one of the record's mentions is
  at least `MIN_SIMILARITY`. Within one article the key, date and place suffice,
  when source and target are both known (and the same).

Grouping is incremental: each committed batch joins its events to existing records
or opens new ones, in the same transaction, so the records always agree with the
events stored. A record's id is "rec:" + the id of the mention that opened it and
does not change when later mentions join. `bench/records_eval.py` measures the
grouping against a hand-made gold set of stories covered by several outlets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

WINDOW_DAYS = 2
MIN_SIMILARITY = 0.3
MAX_COMPARED_MENTIONS = 8  # a record is compared through its first few mentions
MAX_CANDIDATES = 50  # records compared per mention, nearest in date first (bounds work on dense days)

_STOPWORDS = frozenset(
    """a about after again against all also an and any are as at be been before being but by can could did
    do does during each for from had has have he her him his how i if in into is it its just may me more most
    my new no not now of on once only or other our out over own said same say says she should so some such
    than that the their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your mr mrs ms monday tuesday wednesday
    thursday friday saturday sunday week year today yesterday""".split()
)
_WORD = re.compile(r"[a-z][a-z'-]{2,}")


# -- keys and similarity ---------------------------------------------------------
def actor_key(row: Mapping[str, Any], prefix: str) -> str | None:
    """An actor for grouping: its country, else its code when that names a body (IGO..., NGO...), else None.

    A sector alone (GOV, MIL: "the ministry", "troops") says nothing about who acted.
    """
    country = row.get(f"{prefix}_country")
    if country:
        return str(country)
    code = row.get(f"{prefix}_code")
    return str(code) if code and len(str(code)) > 3 else None


def dyads_compatible(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Same source and same target where both are known, and at least one side known in both."""
    agreed = 0
    for x, y in zip(a, b, strict=True):
        if x is not None and y is not None:
            if x != y:
                return False
            agreed += 1
    return agreed > 0


def record_key(row: Mapping[str, Any]) -> str:
    """The blocking key of an `events` row: modality and CAMEO root."""
    return f"{row.get('modality') or 'asserted'}|{row.get('cameo_root') or ''}"


def content_words(*texts: str | None) -> frozenset[str]:
    """Lower-cased content words cut to six letters (a cheap stem: 'sanctions' ~ 'sanctioned')."""
    words: set[str] = set()
    for text in texts:
        for word in _WORD.findall((text or "").lower()):
            if word not in _STOPWORDS:
                words.add(word[:6])
    return frozenset(words)


def similarity(new: frozenset[str], record: frozenset[str]) -> float:
    """Share of the new mention's words that the record's mentions use too."""
    if not new or not record:
        return 0.0
    return len(new & record) / min(len(new), len(record))


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _close_in_time(a: dt.date | None, b: dt.date | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs((a - b).days) <= WINDOW_DAYS


def _same_place(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


# -- assignment --------------------------------------------------------------------
@dataclass
class _Mention:
    event_id: str
    key: str
    dyad: tuple[str | None, str | None]
    day: dt.date | None
    country: str | None
    words: frozenset[str]
    record_id: str | None = None


@dataclass
class _Candidate:
    record_id: str


_MENTION_SQL = (
    "SELECT events.sentence, documents.title FROM events JOIN documents ON documents.doc_id = events.doc_id"
)
_DYAD_COLUMNS = "source_country, source_code, target_country, target_code"


def _dyad(row: Sequence[Any]) -> tuple[str | None, str | None]:
    """(source, target) actor keys from the four `_DYAD_COLUMNS` values."""
    source = {"source_country": row[0], "source_code": row[1]}
    target = {"target_country": row[2], "target_code": row[3]}
    return actor_key(source, "source"), actor_key(target, "target")


def _mentions_of(cur: Any, doc_id: str) -> list[_Mention]:
    rows = cur.execute(
        "SELECT events.event_id, events.record_key, events.date, events.location_country, events.sentence,"
        f" documents.title, {_DYAD_COLUMNS} FROM events JOIN documents ON documents.doc_id = events.doc_id"
        " WHERE events.doc_id = ? ORDER BY events.ordinal",
        (doc_id,),
    )
    return [
        _Mention(event_id, key, _dyad(dyad), _day(date), country, content_words(sentence, title))
        for event_id, key, date, country, sentence, title, *dyad in rows.fetchall()
    ]


def _candidates(cur: Any, mention: _Mention, doc_id: str) -> list[_Candidate]:
    """Records of other articles with the same key and a date in the window."""
    if mention.day is None:
        return []
    low = (mention.day - dt.timedelta(days=WINDOW_DAYS)).isoformat()
    high = (mention.day + dt.timedelta(days=WINDOW_DAYS)).isoformat()
    rows = cur.execute(
        f"SELECT record_id, date, location_country, {_DYAD_COLUMNS} FROM events"
        " WHERE record_key = ? AND date >= ? AND substr(date, 1, 10) <= ? AND doc_id != ?"
        " AND record_id IS NOT NULL ORDER BY record_id",
        (mention.key, low, high, doc_id),
    ).fetchall()
    distance: dict[str, int] = {}
    for record_id, date, country, *dyad in rows:
        if _same_place(country, mention.country) and dyads_compatible(_dyad(dyad), mention.dyad):
            day = _day(date)
            days = abs((day - mention.day).days) if day else WINDOW_DAYS
            distance[record_id] = min(days, distance.get(record_id, days))
    nearest = sorted(distance, key=lambda r: (distance[r], r))[:MAX_CANDIDATES]
    return [_Candidate(record_id) for record_id in nearest]


def _record_words(cur: Any, record_id: str) -> list[frozenset[str]]:
    """The content words of a record's first mentions, one set per mention."""
    rows = cur.execute(
        _MENTION_SQL + " WHERE events.record_id = ? ORDER BY documents.date, events.doc_id, events.ordinal"
        f" LIMIT {MAX_COMPARED_MENTIONS}",
        (record_id,),
    ).fetchall()
    return [content_words(sentence, title) for sentence, title in rows]


def _best_record(
    cur: Any, mention: _Mention, doc_id: str, words: dict[str, list[frozenset[str]]]
) -> str | None:
    """The existing record from another article this mention reports, if any is similar enough.

    `words` caches each record's words for the batch (an entry is dropped when the record grows).
    """
    best, best_score = None, MIN_SIMILARITY
    for candidate in _candidates(cur, mention, doc_id):
        if candidate.record_id not in words:
            words[candidate.record_id] = _record_words(cur, candidate.record_id)
        # Compared mention by mention: a record grown large must not match everything by its sheer vocabulary.
        score = max((similarity(mention.words, w) for w in words[candidate.record_id]), default=0.0)
        if score >= best_score:
            best, best_score = candidate.record_id, score
    return best


def _same_document_record(mention: _Mention, earlier: Sequence[_Mention]) -> str | None:
    """A repeated mention in one article joins the record of its first mention.

    Only when source and target are both known: "the court said" ten times in one article
    is ten statements, not one event reported ten times.
    """
    if None in mention.dyad:
        return None
    for other in earlier:
        if (
            other.key == mention.key
            and other.dyad == mention.dyad
            and _close_in_time(other.day, mention.day)
            and _same_place(other.country, mention.country)
        ):
            return other.record_id
    return None


def assign(cur: Any, doc_ids: Iterable[str], stale: Iterable[str] = ()) -> set[str]:
    """Join the events of freshly stored documents to records and recompute every record touched.

    `stale`: records that lost mentions (their documents were re-coded or failed).
    Returns the ids of the records written or removed.
    """
    touched = set(stale)
    words: dict[str, list[frozenset[str]]] = {}
    for doc_id in doc_ids:
        done: list[_Mention] = []
        for mention in _mentions_of(cur, doc_id):
            mention.record_id = (
                _same_document_record(mention, done)
                or _best_record(cur, mention, doc_id, words)
                or "rec:" + mention.event_id.removeprefix("ev:")
            )
            words.pop(mention.record_id, None)
            cur.execute(
                "UPDATE events SET record_id = ? WHERE event_id = ?", (mention.record_id, mention.event_id)
            )
            touched.add(mention.record_id)
            done.append(mention)
    refresh(cur, touched)
    return touched


# -- record rows -------------------------------------------------------------------
_REF = ("text", "name", "country", "sector", "code", "role")
_COPIED = (
    "date", "cameo", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context",
    "modality", *(f"source_{f}" for f in _REF), *(f"target_{f}" for f in _REF),
    "location_name", "location_country", "location_lat", "location_lon", "location_geonames_id",
    "location_feature_class", "location",
)  # fmt: skip


def _outlet(row: Mapping[str, Any]) -> str:
    """What counts as one source for NumSources: the outlet name, else the URL's host, else the document."""
    if row["doc_source"]:
        return str(row["doc_source"]).strip().lower()
    if row["url"]:
        host = urlparse(str(row["url"])).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return str(row["doc_id"])


def mention_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """One textual mention: a document's sentence and trigger word (its offset, or in a title its text).

    A compound actor ("two Polish MEPs accused Warsaw") gives one event per party; when the parties
    share a record they are still one mention of it, and NumMentions must not count them twice.
    """
    start = row.get("trigger_start")  # none for a headline's events: the title has no offsets
    return (row["doc_id"], row.get("sentence_index"), start if start is not None else row.get("trigger"))


def record_row(record_id: str, mentions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The `records` row for a record from its mentions (earliest article first)."""
    first = mentions[0]
    seen = sorted(str(m["doc_date"]) for m in mentions if m["doc_date"])
    added = sorted(str(m["coded_at"]) for m in mentions if m["coded_at"])
    return {
        "record_id": record_id,
        "event_id": first["event_id"],
        **{c: first[c] for c in _COPIED},
        "num_mentions": len({mention_key(m) for m in mentions}),
        "num_sources": len({_outlet(m) for m in mentions}),
        "num_articles": len({m["doc_id"] for m in mentions}),
        "first_seen": seen[0] if seen else None,
        "last_seen": seen[-1] if seen else None,
        "first_added": added[0] if added else None,
        "first_doc_id": first["doc_id"],
        "source_url": first["url"],
        "is_root": 1 if any(m["sentence_index"] == 0 for m in mentions) else 0,
    }


def refresh(cur: Any, record_ids: Iterable[str]) -> None:
    """Recompute (or remove, when no mention is left) each record from the events that point to it."""
    for record_id in sorted(set(record_ids)):
        cursor = cur.execute(
            "SELECT events.*, documents.date AS doc_date, documents.source AS doc_source, documents.url,"
            " documents.coded_at FROM events JOIN documents ON documents.doc_id = events.doc_id"
            " WHERE events.record_id = ?"
            " ORDER BY documents.date IS NULL, documents.date, events.doc_id, events.ordinal",
            (record_id,),
        )
        names = [d[0] for d in cursor.description]
        mentions = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        cur.execute("DELETE FROM records WHERE record_id = ?", (record_id,))
        if not mentions:
            continue
        row = record_row(record_id, mentions)
        columns = ", ".join(row)
        cur.execute(
            f"INSERT INTO records ({columns}) VALUES ({', '.join('?' for _ in row)})", tuple(row.values())
        )


def rebuild(conn: Any) -> int:
    """Regroup every stored event from scratch, articles in date order (deterministic); returns records."""
    with conn:
        cur = conn.cursor()
        cur.execute("UPDATE events SET record_id = NULL")
        cur.execute("DELETE FROM records")
        doc_ids = [
            r[0]
            for r in cur.execute(
                "SELECT doc_id FROM documents WHERE status = 'coded' ORDER BY date IS NULL, date, doc_id"
            ).fetchall()
        ]
        assign(cur, doc_ids)
    return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])


def mention_list(conn: Any, record_id: str) -> list[dict[str, Any]]:
    """The mentions of a record: document, sentence, span and confidence, earliest first."""
    rows = conn.execute(
        "SELECT events.event_id, events.doc_id, events.sentence_index, events.span_start, events.span_end,"
        " events.confidence FROM events JOIN documents ON documents.doc_id = events.doc_id"
        " WHERE events.record_id = ? ORDER BY documents.date, events.doc_id, events.ordinal",
        (record_id,),
    ).fetchall()
    return [
        {"event_id": e, "doc_id": d, "sentence_index": s, "span": [a, b], "confidence": c}
        for e, d, s, a, b, c in rows
    ]
