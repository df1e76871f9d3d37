"""Quotes stage: direct, indirect and mixed quotations, their speakers and cue verbs.

A quotation is reported speech (or a reported state of mind): a *speaker*, a *cue*
("said", "according to", "warned") and the *content*. We find them in two ways
and merge the results:

1. From the parse: every cue word (data/quotes/cues.tsv) with a complement clause
   ("Blinken said [the response touched on four issues]") is an attribution whose
   content is that clause. Only the outermost attribution of a nest is kept, so a
   clause is attributed once (as in PolNeAR, where every token belongs to at most
   one attribution).
2. From quotation marks, found in one pass over the text: a quoted stretch that no
   attribution from (1) already covers is attributed through the parse (the cue
   that governs it), the words next to it (`"...," Blinken said`), a colon
   introducer in the previous sentence (`Blinken said:`), or the quote just before
   it in the same paragraph (a bare follow-on quote continues the same speaker).
   What remains has no speaker: a scare-quoted term or a quoted text keeps
   `speaker=None` rather than a guess.

Split quotes (`"We're not ...," Blinken said, "because ..."`) and follow-on quotes
become ONE `Quote` with several `parts`; `span` runs from the first part to the
last. Speakers are `Mention`s from the actors stage (so pronouns and titles carry
their antecedent's actor); when no mention covers the speaker phrase, one is added.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.actors import MentionIndex, mention_at
from eventcoder.model import Document, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATA_DIR = Path(__file__).parent / "data" / "quotes"

# Quotation marks. Double marks delimit quotes; single curly marks only at top level
# (headlines quote with them); straight single quotes are too ambiguous (apostrophes).
OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
DOUBLE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')
QUOTE_CHARS = frozenset('"\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019')

RELATIVE_PERSON = {"who", "whom", "that"}  # relative pronouns that can stand for a speaker
SUBJECT_DEPS = {"nsubj", "csubj"}
CLAUSE_DEPS = {"ccomp"}
INFINITIVE_DEPS = {"xcomp"}
OBJECT_DEPS = {"dobj", "obj"}
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}  # "Tuesday said"
PERSON_PRONOUNS = {"he", "she", "they", "i", "we", "you", "him", "her", "them"}


@dataclass(frozen=True)
class Cue:
    """One entry of cues.tsv: how a cue word reports speech."""

    group: str
    frames: str  # subset of "cxo": clause, infinitive, object complements


QUOTING_VERB = Cue(group="assert", frames="c")  # an unlisted verb that takes a quoted clause


@dataclass
class Attribution:
    """A working attribution before it becomes a `Quote`."""

    parts: list[tuple[int, int]]  # character spans of the content
    cue_token: int | None
    cue_text: str | None
    cue_group: str | None
    speaker_token: int | None  # head token of the speaker phrase
    sentence_index: int
    rule: str
    quote_marks: list[tuple[int, int]] = field(default_factory=list)


# -- data -------------------------------------------------------------------------


def load_cues(path: Path = DATA_DIR / "cues.tsv") -> tuple[dict[str, Cue], dict[tuple[str, ...], Cue]]:
    """Read cues.tsv into single-word and multi-word dictionaries (dict lookups per token)."""
    from eventcoder.datafiles import load_tsv
    from eventcoder.schemas.quotes import CUE_COLUMNS, CueRow

    words: dict[str, Cue] = {}
    phrases: dict[tuple[str, ...], Cue] = {}
    for row in load_tsv(path, CueRow, CUE_COLUMNS, key="cue"):
        cue = Cue(group=row.group, frames=row.frames or "c")
        key = tuple(row.cue.lower().split())
        if len(key) == 1:
            words.setdefault(key[0], cue)
        elif key:
            phrases.setdefault(key, cue)
    return words, phrases


@lru_cache(maxsize=1)
def default_cues() -> tuple[dict[str, Cue], dict[tuple[str, ...], Cue]]:
    return load_cues()


# -- quotation marks ----------------------------------------------------------------


def find_quote_marks(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text, quotation marks included, in one pass over `text`.

    A quote still open at a paragraph break continues when the next paragraph opens
    with a quotation mark (the newspaper convention for multi-paragraph quotes);
    otherwise it ends at the break. Single quotes inside double quotes are content.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    single_at: int | None = None
    carried = False  # the open quote crossed a paragraph break
    line_start = True
    last_text_end = 0  # end of the last non-space character
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None and not carried:
                carried = True
            single_at = None
            line_start = True
            i += 1
            continue
        if ch.isspace():
            i += 1
            continue
        if line_start and carried and open_at is not None:
            if ch in OPENERS or ch == STRAIGHT:  # continuation mark of a multi-paragraph quote
                carried = False
                line_start = False
                last_text_end = i + 1
                i += 1
                continue
            spans.append((open_at, last_text_end))  # unclosed: ends at its paragraph
            open_at, carried = None, False
        line_start = False
        if open_at is None:
            if ch in OPENERS or ch == STRAIGHT:
                open_at, closer, single_at = i, OPENERS.get(ch, STRAIGHT), None
            elif ch == SINGLE_OPEN and (i == 0 or not text[i - 1].isalnum()):
                single_at = i
            elif ch == SINGLE_CLOSE and single_at is not None and (i + 1 >= n or not text[i + 1].isalpha()):
                spans.append((single_at, i + 1))
                single_at = None
        elif ch == closer or (closer == STRAIGHT and ch == STRAIGHT) or ch in CLOSERS:
            spans.append((open_at, i + 1))
            open_at = None
        elif ch in OPENERS:  # a new opening while open: the previous one was never closed
            open_at, closer = i, OPENERS[ch]
        last_text_end = i + 1
        i += 1
    if open_at is not None:
        spans.append((open_at, last_text_end))
    return [s for s in spans if s[1] - s[0] > 2]


# -- mention helpers (the actors stage owns mentions) -----------------------------------


def speaker_phrase(nd: Doc, head: int) -> tuple[int, int]:
    """Token span of the noun phrase headed by `head`: modifiers on the left, name parts on the right.

    Relative clauses and appositions after a comma are left out: they describe the
    speaker but are not the name a reader would look for.
    """
    tok = nd[head]
    start = tok.left_edge.i
    for left in tok.lefts:
        if left.dep_ == "punct":
            start = left.i + 1
    end = head + 1
    for right in tok.rights:
        if right.dep_ in {"compound", "flat", "nummod"} or (
            right.dep_ == "prep" and right.lower_ in {"of", "for"} and tok.pos_ != "PROPN"
        ):
            end = max(end, right.right_edge.i + 1)
        else:
            break
    return start, end


def speaker_mention(
    doc: Document, head: int, previous: Mention | None, index: MentionIndex | None = None
) -> Mention:
    """The `Mention` for a speaker head token; adds one when the actors stage has none.

    A pronoun with no resolved mention falls back to the previous quote's speaker:
    consecutive quotes in news copy nearly always continue the same voice.
    """
    found = index.at(head) if index is not None else mention_at(doc, head)
    if found is not None:
        return found
    nd = doc.nlp_doc
    start, end = speaker_phrase(nd, head)
    span = nd[start:end]
    tok = nd[head]
    kind = "pronoun" if tok.pos_ == "PRON" else ("name" if tok.pos_ == "PROPN" else "nominal")
    actor = None
    antecedent = None
    rule = "quotes: speaker phrase"
    if kind == "pronoun" and previous is not None and tok.lower_ in PERSON_PRONOUNS:
        actor, antecedent = previous.actor, previous.mention_id
        rule = "quotes: pronoun continues the previous speaker"
    next_id = (
        index.next_id if index is not None else max((m.mention_id for m in doc.mentions), default=-1) + 1
    )
    mention = Mention(
        mention_id=next_id,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sentence_index=_sentence_index(doc, span.start_char),
        token_start=start,
        token_end=end,
        actor=actor,
        kind=kind,
        rule=rule,
        antecedent=antecedent,
    )
    if index is not None:
        index.insert(mention)
    else:
        starts = [m.start for m in doc.mentions]
        doc.mentions.insert(bisect.bisect_right(starts, mention.start), mention)
    return mention


def _sentence_index(doc: Document, char: int) -> int:
    # bisect over the sentences themselves: building a list of starts per call was quadratic
    return max(0, bisect.bisect_right(doc.sentences, char, key=lambda s: s.start) - 1)


# -- the parse side -------------------------------------------------------------------


def subject_of(tok: Token | None) -> int | None:
    """The speaker head of a cue verb: its subject, inherited along conj/xcomp chains.

    "who" in a relative clause stands for the noun it modifies; "which" (a document,
    a treaty) gives no speaker: those are quoted texts, not people talking.
    """
    seen = 0
    while tok is not None and seen < 4:
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ in {"WP", "WDT"} or child.lower_ in RELATIVE_PERSON:
                    if child.lower_ in RELATIVE_PERSON and tok.dep_ == "relcl":
                        return int(tok.head.i)
                    return None
                if child.pos_ in {"NOUN", "PROPN", "PRON"} and child.ent_type_ not in NOT_SPEAKERS:
                    return int(child.i)
                return None
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return int(obj.i)
        if tok.dep_ in {"conj", "xcomp", "advcl"} and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        break
    return None


def _span_chars(nd: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens [start, end) with edge punctuation trimmed (quote marks kept)."""
    while start < end and nd[start].is_punct and nd[start].text not in QUOTE_CHARS:
        start += 1
    while (
        end > start and (nd[end - 1].is_punct or nd[end - 1].is_space) and nd[end - 1].text not in QUOTE_CHARS
    ):
        end -= 1
    if end <= start:
        return (0, 0)
    return (int(nd[start].idx), int(nd[end - 1].idx + len(nd[end - 1])))


def _cue_of(tok: Token, words: dict[str, Cue]) -> Cue | None:
    if tok.pos_ not in {"VERB", "AUX"}:
        return None
    return words.get(tok.lemma_.lower())


def _particle_cue(tok: Token, phrases: dict[tuple[str, ...], Cue]) -> tuple[Cue, str] | None:
    """Two-word verb cues ("call for", "point out") keyed by lemma + particle/preposition."""
    for child in tok.rights:
        if child.dep_ in {"prt", "prep"}:
            cue = phrases.get((tok.lemma_.lower(), child.lower_))
            if cue is not None:
                return cue, f"{tok.text} {child.text}"
    return None


def parse_attributions(
    doc: Document, words: dict[str, Cue], phrases: dict[tuple[str, ...], Cue]
) -> Iterator[Attribution]:
    """Attributions read off the dependency parse: cue verb + complement, "according to X"."""
    nd = doc.nlp_doc
    for tok in nd:
        lower = tok.lower_
        if lower == "according" and tok.i + 1 < len(nd) and nd[tok.i + 1].lower_ == "to":
            yield from _according_to(doc, tok)
            continue
        cue = _cue_of(tok, words)
        cue_text = tok.text
        particle = _particle_cue(tok, phrases)
        if particle is not None:
            cue, cue_text = particle
        if cue is None:
            continue
        comp = _complement(tok, cue)
        if comp is None:
            continue
        part = _span_chars(nd, comp.left_edge.i, comp.right_edge.i + 1)
        if part[1] <= part[0] or _clip_to_line(doc.text, part, tok.idx) != part:
            continue  # empty, or a parse run across a paragraph break: an artefact, not speech
        lo, hi = min(part[0], tok.idx), max(part[1], tok.idx)
        if "\n" in doc.text[lo:hi]:
            continue  # cue and content on different lines: a parse run across a break
        if part[1] <= tok.idx and not _set_off(doc.text[part[1] : tok.idx]):
            continue  # "X, Blinken said" needs the comma; without it the parse is a misreading
        parts = [part]
        yield Attribution(
            parts=parts,
            cue_token=tok.i,
            cue_text=cue_text,
            cue_group=cue.group,
            speaker_token=subject_of(tok),
            sentence_index=_sentence_index(doc, tok.idx),
            rule=f"parse:{comp.dep_}",
        )


def _set_off(gap: str) -> bool:
    """Whether fronted content is set off from its cue by punctuation ("..., she said")."""
    return any(ch in gap for ch in ",;:—–-") or bool(QUOTE_CHARS.intersection(gap))


def _clip_to_line(text: str, part: tuple[int, int], anchor: int) -> tuple[int, int]:
    """Keep a parsed content span on the line of its cue: a parse that runs across a paragraph
    break (headline into body, caption into story) is an artefact, not reported speech."""
    start, end = part
    if "\n" not in text[start:end]:
        return part
    line_start = text.rfind("\n", 0, anchor) + 1
    line_end = text.find("\n", anchor)
    line_end = len(text) if line_end < 0 else line_end
    return (max(start, line_start), min(end, line_end))


def _complement(tok: Token, cue: Cue) -> Token | None:
    """The child that carries the reported content, following the cue's frames."""
    for child in tok.children:
        if "c" in cue.frames and child.dep_ in CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
            return child
    for child in tok.children:
        if "x" in cue.frames and child.dep_ in INFINITIVE_DEPS:
            return child
        if "o" in cue.frames and child.dep_ in OBJECT_DEPS:
            return child
    if cue.frames and tok.dep_ != "relcl":
        for child in tok.rights:  # "called for X", "point to X": the object of the particle
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ == "pobj" and "o" in cue.frames:
                        return obj
    return None


def _according_to(doc: Document, tok: Token) -> Iterator[Attribution]:
    """ "According to X, <clause>": the speaker is X, the content the clause it modifies."""
    nd = doc.nlp_doc
    to = nd[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in tok.children if c.dep_ == "pobj"), None)
    clause = tok.head if tok.head.i != tok.i else None
    if clause is None or source is None:
        return
    phrase_start = tok.i
    phrase_end = max(source.right_edge.i, to.right_edge.i) + 1
    sent = tok.sent
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    parts: list[tuple[int, int]] = []
    if lo < phrase_start:
        parts.append(_span_chars(nd, lo, phrase_start))
    if phrase_end < hi:
        parts.append(_span_chars(nd, phrase_end, hi))
    parts = [p for p in parts if p[1] > p[0]]
    if not parts:
        return
    yield Attribution(
        parts=parts,
        cue_token=tok.i,
        cue_text=f"{tok.text} {to.text}",
        cue_group="assert",
        speaker_token=source.i,
        sentence_index=_sentence_index(doc, tok.idx),
        rule="parse:according-to",
    )


# -- the quotation-mark side ---------------------------------------------------------------


def _tokens_in(nd: Doc, start: int, end: int) -> tuple[int, int]:
    span = nd.char_span(start, end, alignment_mode="expand")
    if span is None:
        return (0, 0)
    return int(span.start), int(span.end)


def governing_cue(
    nd: Doc,
    t0: int,
    t1: int,
    words: dict[str, Cue],
    phrases: dict[tuple[str, ...], Cue],
    innermost: bool = False,
) -> tuple[Token, Cue, str, Token | None] | None:
    """The outermost cue verb that governs the quoted tokens [t0, t1) through the parse.

    Returns (cue token, cue entry, cue text, the cue's child on the path to the quote):
    that child's subtree is the reported content when the quote is only part of it.
    """
    found: tuple[Token, Cue, str, Token | None] | None = None
    for tok in nd[t0:t1]:
        if tok.is_punct or t0 <= tok.head.i < t1:
            continue
        if tok.dep_ == "ccomp" and tok.head.pos_ == "VERB" and tok.head.i < t0:
            found = (tok.head, QUOTING_VERB, tok.head.text, tok)  # a quoted clause is the verb's content
        below, node = tok, tok.head
        steps = 0
        while steps < 12:
            if not (t0 <= node.i < t1):
                particle = _particle_cue(node, phrases)
                cue = particle[0] if particle else _cue_of(node, words)
                if cue is not None:
                    found = (node, cue, particle[1] if particle else node.text, below)
                    if innermost:
                        return found
            if node.head.i == node.i:
                break
            below, node = node, node.head
            steps += 1
        if found is not None:
            return found
    return None


def adjacent_cue(nd: Doc, t0: int, t1: int, words: dict[str, Cue]) -> Token | None:
    """A cue verb right after the closing mark (`," Blinken said`) or right before the opening one
    (`Blinken said: "`), within the same line."""
    n = len(nd)
    j = t1
    closes_clause = t1 >= 2 and nd[t1 - 2].text in {",", "?", "!"} or (t1 < n and nd[t1].text == ",")
    while j < n and j < t1 + 7 and "\n" not in nd[j].text:
        if _cue_of(nd[j], words) is not None:
            return nd[j]
        if (
            closes_clause
            and j < t1 + 5
            and nd[j].pos_ == "VERB"
            and (
                any(c.dep_ in SUBJECT_DEPS and c.i > t1 - 1 for c in nd[j].children)
                or _inverted_subject(nd[j])
            )
        ):
            return nd[j]  # `"...," the judge exclaimed`: any speech verb in that slot
        if nd[j].text in QUOTE_CHARS or (nd[j].text in {".", "?", "!"} and j > t1):
            break
        j += 1
    j = t0 - 1
    if j >= 0 and nd[j].text in {":", ","}:
        k = j - 1
        while k >= 0 and k > j - 8 and "\n" not in nd[k].text:
            if _cue_of(nd[k], words) is not None:
                return nd[k]
            if nd[k].text in QUOTE_CHARS or nd[k].text in {".", "?", "!"}:
                break
            k -= 1
    return None


def _inverted_subject(tok: Token) -> int | None:
    """`said Blinken`: a proper noun or pronoun right after the cue when no subject is parsed."""
    nd = tok.doc
    j = tok.i + 1
    if j < len(nd) and nd[j].pos_ in {"PROPN", "PRON", "NOUN", "DET"}:
        head = nd[j]
        while head.head.i != head.i and head.head.i > tok.i and head.head.pos_ in {"PROPN", "NOUN"}:
            head = head.head
        return int(head.i)
    return None


def _colon_intro(nd: Doc, t0: int, words: dict[str, Cue]) -> Token | None:
    """A cue in the sentence just before a quote when that sentence ends with a colon."""
    j = t0 - 1
    while j >= 0 and nd[j].is_space:
        j -= 1
    if j < 0 or nd[j].text != ":":
        return None
    sent = nd[j].sent
    fallback = None
    for tok in reversed(nd[sent.start : j]):
        if _cue_of(tok, words) is not None:
            return tok
        if fallback is None and tok.pos_ == "VERB" and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            fallback = tok  # "Cruz put it this way:" introduces a quote whatever the verb
    return fallback


# -- assembly ---------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


class SpanIndex:
    """Character spans kept sorted by start, for point and containment look-ups by bisection.

    The spans we store barely overlap (content parts of different attributions), so a
    look-up only inspects the few spans starting just before the point: no scan over all.
    """

    LOOK_BACK = 8

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[int, int, Attribution]] = []

    def add(self, span: tuple[int, int], owner: Attribution) -> None:
        i = bisect.bisect_right(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.items.insert(i, (span[0], span[1], owner))

    def _before(self, at: int) -> Iterator[tuple[int, int, Attribution]]:
        i = bisect.bisect_right(self.starts, at) - 1
        stop = max(-1, i - self.LOOK_BACK)
        while i > stop:
            yield self.items[i]
            i -= 1

    def holding(self, span: tuple[int, int]) -> Attribution | None:
        """The owner of a stored span that contains `span` entirely."""
        return next((o for a, b, o in self._before(span[0]) if a <= span[0] and span[1] <= b), None)

    def touches(self, span: tuple[int, int]) -> bool:
        """Whether any stored span overlaps `span`."""
        return any(b > span[0] for a, b, _ in self._before(span[1] - 1))


def keep_outermost(cands: list[Attribution], nd: Doc) -> list[Attribution]:
    """Drop attributions whose cue sits inside another attribution's content (nested speech),
    or whose content overlaps a larger one's: each stretch of text is attributed once."""
    ordered = sorted(cands, key=lambda a: -(a.parts[-1][1] - a.parts[0][0]))
    kept: list[Attribution] = []
    index = SpanIndex()
    for cand in ordered:
        if cand.cue_token is not None:
            cue_char = int(nd[cand.cue_token].idx)
            if index.touches((cue_char, cue_char + 1)) or any(index.touches(p) for p in cand.parts):
                continue
        kept.append(cand)
        for p in cand.parts:
            index.add(p, cand)
    return kept


def _extend_over_marks(att: Attribution, marks: list[tuple[int, int]], mark_starts: list[int]) -> None:
    """Widen content parts so that a quotation they cut through is taken whole.

    `marks` are disjoint and sorted; `mark_starts` their starts, for bisection.
    """
    new_parts = []
    for start, end in att.parts:
        i = max(0, bisect.bisect_right(mark_starts, start) - 1)
        while i < len(marks) and marks[i][0] < end:
            m = marks[i]
            if _overlaps((start, end), m):
                start, end = min(start, m[0]), max(end, m[1])
                att.quote_marks.append(m)
            i += 1
        new_parts.append((start, end))
    att.parts = new_parts


def _content_around(doc: Document, mark: tuple[int, int], below: Token | None) -> tuple[int, int]:
    """The content for a quote reached through the parse: the cue's complement holding it.

    `called him "a total stiff"` reports the whole complement, not just the quoted words;
    a complement that is the speaker, or that runs off the quote's line, is not used.
    """
    if below is None or below.dep_ in SUBJECT_DEPS or below.dep_ in {"agent", "nsubjpass"}:
        return mark
    nd = doc.nlp_doc
    part = _span_chars(nd, below.left_edge.i, below.right_edge.i + 1)
    if part[1] <= part[0] or _clip_to_line(doc.text, part, mark[0]) != part:
        return mark
    return (min(part[0], mark[0]), max(part[1], mark[1]))


def _merge_parts(parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted parts with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(parts):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


class QuoteFinder:
    """Finds quotations in a parsed document; see the module docstring for the method."""

    def __init__(self, cues_path: Path | None = None) -> None:
        self.words, self.phrases = load_cues(cues_path) if cues_path else default_cues()

    def run(self, doc: Document) -> None:
        doc.quotes = []
        if doc.nlp_doc is None or not doc.text:
            return
        atts = self.attributions(doc)
        cue_tokens = self.build_quotes(doc, atts)
        link_events(doc, cue_tokens)

    # -- finding -------------------------------------------------------------------------
    def attributions(self, doc: Document) -> list[Attribution]:
        """All attributions, parse-based first, then quotation marks the parse left over."""
        nd = doc.nlp_doc
        marks = find_quote_marks(doc.text)
        parsed = [
            a
            for a in parse_attributions(doc, self.words, self.phrases)
            if a.cue_token is None or not any(m[0] <= nd[a.cue_token].idx < m[1] for m in marks)
        ]
        cands = keep_outermost(parsed, nd)
        mark_starts = [m[0] for m in marks]
        for cand in cands:
            _extend_over_marks(cand, marks, mark_starts)
        cands = keep_outermost(cands, nd)
        index = SpanIndex()
        for cand in cands:
            for p in cand.parts:
                index.add(p, cand)
        by_cue: dict[int, Attribution] = {a.cue_token: a for a in cands if a.cue_token is not None}
        result = list(cands)
        listed = {id(a) for a in result}
        last_direct: Attribution | None = None
        for mark in marks:
            holder = index.holding(mark)
            if holder is not None:
                if holder.speaker_token is not None:
                    last_direct = holder
                inner = self._nested_person_quote(doc, mark, holder) if holder.cue_token is not None else None
                if inner is not None:
                    result.append(inner)
                continue
            att: Attribution | None = self._attribute_mark(doc, mark, by_cue, last_direct)
            if att is None:
                att = Attribution(
                    [mark], None, None, None, None, _sentence_index(doc, mark[0]), "marks:unattributed"
                )
                att.quote_marks.append(mark)
            if id(att) not in listed:
                result.append(att)
                listed.add(id(att))
            if att.cue_token is not None:
                by_cue[att.cue_token] = att
                last_direct = att
            for part in att.parts:
                if part[0] <= mark[0] and mark[1] <= part[1]:
                    index.add(part, att)
        result.sort(key=lambda a: a.parts[0][0])
        return result

    def _attribute_mark(
        self,
        doc: Document,
        mark: tuple[int, int],
        by_cue: dict[int, Attribution],
        last: Attribution | None,
    ) -> Attribution | None:
        nd = doc.nlp_doc
        t0, t1 = _tokens_in(nd, mark[0], mark[1])
        if t1 <= t0:
            return None
        found = governing_cue(nd, t0, t1, self.words, self.phrases)
        rule = "marks:parse"
        if found is None:
            tok = adjacent_cue(nd, t0, t1, self.words)
            rule = "marks:adjacent"
            if tok is None:
                tok = _colon_intro(nd, t0, self.words)
                rule = "marks:colon"
            if tok is not None:
                found = (tok, self.words.get(tok.lemma_.lower(), QUOTING_VERB), tok.text, None)
        if found is not None:
            tok, cue, cue_text, below = found
            part = _content_around(doc, mark, below)
            existing = by_cue.get(tok.i)
            if existing is not None:  # the other half of a split quote
                existing.parts = _merge_parts(existing.parts + [part])
                existing.quote_marks.append(mark)
                return existing
            speaker = subject_of(tok)
            if speaker is not None and mark[0] <= nd[speaker].idx < mark[1]:
                speaker = None  # a subject inside the quote is the quoted words, not the speaker
            if speaker is None:
                speaker = _inverted_subject(tok)
            att = Attribution(
                [part], tok.i, cue_text, cue.group, speaker, _sentence_index(doc, tok.idx), rule
            )
            att.quote_marks.append(mark)
            return att
        if last is not None and self._continues(doc, last, mark):
            last.parts.append(mark)
            last.quote_marks.append(mark)
            return last
        return None

    def _nested_person_quote(
        self, doc: Document, mark: tuple[int, int], holder: Attribution
    ) -> Attribution | None:
        """A quote inside reported speech that a named person said in turn.

        In `Blinken said that Biden, who has promised "severe" sanctions, ...` the outer
        attribution is Blinken's, but "severe" is Biden's word: we keep both. Only a
        person-like speaker (a name, he/she, "who") qualifies, so a document or an
        abstract subject ("the response reiterated ...") never steals a quote.
        """
        nd = doc.nlp_doc
        t0, t1 = _tokens_in(nd, mark[0], mark[1])
        found = governing_cue(nd, t0, t1, self.words, self.phrases, innermost=True)
        if found is None or found[0].i == holder.cue_token:
            return None
        tok, cue, cue_text, _below = found
        speaker = subject_of(tok)
        if speaker is None or speaker == holder.speaker_token:
            return None
        head = nd[speaker]
        if not (head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or head.lower_ in {"he", "she"}):
            return None
        att = Attribution(
            [mark], tok.i, cue_text, cue.group, speaker, _sentence_index(doc, tok.idx), "marks:nested"
        )
        att.quote_marks.append(mark)
        return att

    @staticmethod
    def _continues(doc: Document, last: Attribution, mark: tuple[int, int]) -> bool:
        """A bare quoted sentence right after an attributed quote, in the same paragraph."""
        prev_end = last.parts[-1][1]
        if mark[0] < prev_end:
            return False
        gap = doc.text[prev_end : mark[0]]
        if len(gap) > 300 or ("\n" in gap and gap.rstrip(" \t").rfind("\n") != len(gap.rstrip(" \t")) - 1):
            return False  # too far, or the quote does not open its paragraph
        if DOUBLE_MARKS.intersection(gap):
            return False  # another quotation in between: not a follow-on
        inner = doc.text[mark[0] + 1 : mark[1] - 1].strip()
        return len(inner.split()) >= 3 and inner[:1].isupper()

    # -- output ------------------------------------------------------------------------
    @staticmethod
    def build_quotes(doc: Document, atts: Iterable[Attribution]) -> dict[str, int]:
        """Turn attributions into `Quote`s with speaker mentions, kind and `about` codes.

        Returns quote id -> cue token index, for linking events.
        """
        previous: Mention | None = None
        cue_tokens: dict[str, int] = {}
        index = MentionIndex(doc)
        for att in atts:
            parts = sorted(set(att.parts))
            span = (parts[0][0], parts[-1][1])
            speaker = None
            if att.speaker_token is not None:
                speaker = speaker_mention(doc, att.speaker_token, previous, index)
                if speaker.actor is not None or speaker.kind != "pronoun":
                    previous = speaker
            text = " … ".join(doc.text[a:b] for a, b in parts)
            kind = _kind(doc.text, parts, att.quote_marks)
            quote_id = make_quote_id(doc.doc_id, span)
            doc.quotes.append(
                Quote(
                    quote_id=quote_id,
                    text=text,
                    kind=kind,
                    speaker=speaker,
                    cue=att.cue_text,
                    cue_group=att.cue_group,
                    span=span,
                    sentence_index=att.sentence_index,
                    about=_about(index, parts, speaker),
                    parts=parts,
                )
            )
            if att.cue_token is not None:
                cue_tokens[quote_id] = att.cue_token
        return cue_tokens


def link_events(doc: Document, cue_tokens: dict[str, int]) -> None:
    """Set `Event.quote_id` where the trigger is the quote's cue or lies inside its content."""
    by_cue = {tok: qid for qid, tok in cue_tokens.items()}
    pieces = sorted((a, b, q.quote_id) for q in doc.quotes for a, b in (q.parts or [q.span]))
    starts = [p[0] for p in pieces]
    for event in doc.events:
        if event.trigger_token is not None and event.trigger_token in by_cue:
            event.quote_id = by_cue[event.trigger_token]
            continue
        if event.trigger_start is not None:
            event.quote_id = _quote_at(pieces, starts, event.trigger_start) or event.quote_id


def _quote_at(pieces: list[tuple[int, int, str]], starts: list[int], at: int) -> str | None:
    """The innermost quote content piece containing character `at` (pieces sorted by start)."""
    best: tuple[int, str] | None = None
    i = bisect.bisect_right(starts, at) - 1
    steps = 0
    while i >= 0 and steps < 16:  # nested pieces are few: look back a little, never over all
        a, b, qid = pieces[i]
        if a <= at < b and (best is None or b - a < best[0]):
            best = (b - a, qid)
        i -= 1
        steps += 1
    return best[1] if best else None


def _kind(text: str, parts: list[tuple[int, int]], marks: list[tuple[int, int]]) -> str:
    """direct: the content is quoted words only; mixed: paraphrase with quoted words; indirect: none."""
    if not marks:
        return "indirect"
    quoted = sum(m[1] - m[0] for m in set(marks))
    total = sum(b - a for a, b in parts)
    return "direct" if quoted >= total - 2 else "mixed"


def _about(index: MentionIndex, parts: list[tuple[int, int]], speaker: Mention | None) -> list[str]:
    """Actor codes mentioned inside the content, in mention order, without repeats."""
    inside = {id(m): (order, m) for a, b in parts for order, m in index.within_chars(a, b)}
    codes: list[str] = []
    for _, m in sorted(inside.values(), key=lambda row: row[0]):
        if m.actor is None or not m.actor.code or m is speaker:
            continue
        if m.actor.code not in codes:
            codes.append(m.actor.code)
    return codes


def make_quote_id(doc_id: str, span: tuple[int, int]) -> str:
    """A stable id: the same document and content span always give the same id."""
    digest = hashlib.sha1(f"{doc_id}|{span[0]}|{span[1]}".encode()).hexdigest()[:12]
    return f"q-{digest}"
