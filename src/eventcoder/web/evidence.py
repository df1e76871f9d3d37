"""The evidence view: an article's text cut into pieces, each marked sentence, trigger, source or target.

The pieces are plain strings with CSS class names; the template prints each inside a `<span>`, autoescaped,
so article text is never parsed as HTML whatever it contains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Piece:
    text: str
    classes: tuple[str, ...]  # of "sentence", "clause", "trigger", "source", "target"


def _find(text: str, needle: str | None, start: int, end: int) -> tuple[int, int] | None:
    """The first occurrence of `needle` in text[start:end], or None."""
    if not needle:
        return None
    at = text.find(needle, start, end)
    return (at, at + len(needle)) if at >= 0 else None


def sentence_range(text: str, event: dict[str, Any]) -> tuple[int, int]:
    """Where the event's sentence lies in the text: the one around its span (the clause), else the span."""
    start, end = event["span"]
    start, end = max(0, start or 0), min(len(text), end or 0)
    sentence = (event.get("sentence") or "").strip()
    if sentence:
        at = text.find(sentence, max(0, start - len(sentence)), end + len(sentence))
        if 0 <= at <= start:
            return at, at + len(sentence)
    return start, end


def marks(text: str, event: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Character ranges to highlight: the sentence, the event's clause, its trigger and the actors' words."""
    clause = event["span"]
    start, end = sentence_range(text, event)
    found: dict[str, tuple[int, int]] = {}
    if end > start:
        found["sentence"] = (start, end)
    if clause[1] > clause[0] and (clause[0], clause[1]) != (start, end):
        found["clause"] = (clause[0], clause[1])
    trigger_at = event.get("trigger_start")
    trigger = event.get("trigger") or ""
    if trigger_at is not None and text[trigger_at : trigger_at + len(trigger)] == trigger:
        found["trigger"] = (trigger_at, trigger_at + len(trigger))
    elif (hit := _find(text, trigger, start, end)) is not None:
        found["trigger"] = hit
    for role in ("source", "target"):
        actor = event.get(role) or {}
        if (hit := _find(text, actor.get("text"), start, end)) is not None:
            found[role] = hit
    return found


def title_marks(title: str, event: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """For an event coded from the headline: the ranges to highlight in the title, which is its sentence.

    A headline event has an empty span and no trigger offset (the title is not part of the text), so
    the whole title is the sentence and the trigger and actors are found by their words in it."""
    return marks(title, {**event, "span": (0, len(title)), "trigger_start": None})


def pieces(text: str, ranges: dict[str, tuple[int, int]]) -> list[Piece]:
    """`text` cut at every range boundary, each piece with the names of the ranges covering it."""
    cuts = sorted({0, len(text), *(p for r in ranges.values() for p in r if 0 <= p <= len(text))})
    out = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        classes = tuple(name for name, (a, b) in ranges.items() if a <= left and right <= b)
        out.append(Piece(text[left:right], classes))
    return out
