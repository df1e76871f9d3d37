"""Actors stage: find actor mentions and resolve them to coded actors.

Every mention is a whole noun phrase ("Moscow's Ministry of Foreign Affairs",
"US Ambassador John Sullivan", "a Swiss court") whose actor is built from the
pieces inside it: a state (name, demonym or capital), an organisation, a known
person with dated roles, and a sector noun or title.  The knowledge base lives
in editable YAML under `data/actors/` (see docs/actors.md for the code scheme);
users add or override entries with their own files of the same format.
Pronouns and definite descriptions are then linked to earlier mentions by the
rule-based resolver in `coref.py`.

Everything is looked up in dictionaries keyed by lower-cased token tuples that
are built once in `ActorResolver.__init__`, so a document costs one pass over
its tokens plus one pass over its noun-phrase heads.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from eventcoder.actors import coref
from eventcoder.actors.context import fill_implicit_parties
from eventcoder.actors.kb import (
    DATA_DIR,
    PETRARCH_AGENTS,
    PETRARCH_DISCARDS,
    PETRARCH_ORGS,
    PETRARCH_PEOPLE,
    ActorFileError,
    Entry,
    KnowledgeBase,
    Lexicon,
    Role,
    alias_tokenizer,
    builtin_lexicon,
    org_actor,
    person_actor,
    role_at,
)
from eventcoder.actors.matching import find_matches
from eventcoder.actors.mentions import MentionBuilder
from eventcoder.model import Document, Mention

__all__ = [
    "DATA_DIR",
    "PETRARCH_AGENTS",
    "PETRARCH_DISCARDS",
    "PETRARCH_ORGS",
    "PETRARCH_PEOPLE",
    "ActorFileError",
    "ActorResolver",
    "Entry",
    "Lexicon",
    "MentionIndex",
    "Role",
    "add_actors_arguments",
    "describe",
    "find_matches",
    "mention_at",
    "mentions_in",
    "org_actor",
    "person_actor",
    "role_at",
    "run_actors",
]


class ActorResolver:
    """Fills `doc.mentions` with resolved actor mentions (see module docstring)."""

    def __init__(self, extra_files: Sequence[str | Path] = ()) -> None:
        self.extra_files = [Path(p) for p in extra_files]
        lex = builtin_lexicon(alias_tokenizer)
        if self.extra_files:
            kb = KnowledgeBase(alias_tokenizer())
            kb.lex = lex
            for path in self.extra_files:
                kb.load(path)
            lex.surname_index = {}  # rebuilt on first use with the extra files' people
        self.lex = lex

    def run(self, doc: Document) -> None:
        """Find, resolve and link the actor mentions of a parsed document."""
        spacy_doc = doc.nlp_doc
        if spacy_doc is None:
            doc.mentions = []
            return
        matches = find_matches(spacy_doc, self.lex)
        builder = MentionBuilder(doc, self.lex, matches)
        mentions = builder.build()
        mentions.sort(key=lambda m: (m.start, -m.end))
        for i, mention in enumerate(mentions):
            mention.mention_id = i
        doc.mentions = mentions
        coref.resolve(doc, self.lex, builder.np_heads)

    @staticmethod
    def fill_implicit(doc: Document) -> None:
        """After the events are coded: sources (and some targets) left implicit take the article's
        context country (actors/context.py)."""
        fill_implicit_parties(doc)


def mention_at(doc: Document, token_index: int) -> Mention | None:
    """The smallest mention whose token span contains `token_index`."""
    best: Mention | None = None
    for mention in doc.mentions:
        if mention.token_start <= token_index < mention.token_end:
            if best is None or (mention.token_end - mention.token_start) < (
                best.token_end - best.token_start
            ):
                best = mention
    return best


class MentionIndex:
    """Lookups over `doc.mentions` built once per document, kept in step with `insert`.

    Why: stages that ask "which mention is at this token?" once per quote or event made a
    long document quadratic (every call scanned all mentions). Answers are exactly those of
    `mention_at` and of a scan in list order: each mention carries an order key that sorts as
    its position in `doc.mentions`, so ties break the same way.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [m.start for m in doc.mentions]
        self.next_id = max((m.mention_id for m in doc.mentions), default=-1) + 1
        self._order: dict[int, Fraction] = {}
        self._smallest: dict[int, Mention] = {}
        self._by_start: list[tuple[int, Fraction, Mention]] = []
        for position, mention in enumerate(doc.mentions):
            self._index(mention, Fraction(position))
            self._by_start.append((mention.start, Fraction(position), mention))
        self._by_start.sort(key=lambda row: row[:2])

    def _index(self, mention: Mention, order: Fraction) -> None:
        self._order[id(mention)] = order
        size = mention.token_end - mention.token_start
        for token in range(mention.token_start, mention.token_end):
            best = self._smallest.get(token)
            if best is None or (size, order) < (best.token_end - best.token_start, self._order[id(best)]):
                self._smallest[token] = mention

    def at(self, token_index: int) -> Mention | None:
        """Same answer as `mention_at(doc, token_index)`."""
        return self._smallest.get(token_index)

    def insert(self, mention: Mention) -> None:
        """Insert into `doc.mentions` where `doc.mentions` keeps its order by start, and index it."""
        mentions = self.doc.mentions
        k = bisect.bisect_right(self.starts, mention.start)
        before = self._order[id(mentions[k - 1])] if k > 0 else None
        after = self._order[id(mentions[k])] if k < len(mentions) else None
        if before is not None and after is not None:
            order = (before + after) / 2
        elif before is not None:
            order = before + 1
        elif after is not None:
            order = after - 1
        else:
            order = Fraction(0)
        mentions.insert(k, mention)
        self.starts.insert(k, mention.start)
        self.next_id = max(self.next_id, mention.mention_id + 1)
        self._index(mention, order)
        bisect.insort(self._by_start, (mention.start, order, mention), key=lambda row: row[:2])

    def within_chars(self, start: int, end: int) -> list[tuple[Fraction, Mention]]:
        """Mentions whose characters lie inside [start, end), with their list-order keys."""
        i = bisect.bisect_left(self._by_start, start, key=lambda row: row[0])
        found = []
        while i < len(self._by_start) and self._by_start[i][0] <= end:
            _, order, mention = self._by_start[i]
            if mention.end <= end:
                found.append((order, mention))
            i += 1
        return found


def mentions_in(doc: Document, token_start: int, token_end: int) -> list[Mention]:
    """Mentions lying wholly inside the token range [token_start, token_end)."""
    return [m for m in doc.mentions if token_start <= m.token_start and m.token_end <= token_end]


# -- CLI --------------------------------------------------------------------------------
def add_actors_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="text to analyse, a path to a text file, or - for stdin")
    parser.add_argument("--date", help="publication date YYYY-MM-DD (picks people's roles on that date)")
    parser.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="extra actor dictionary (YAML, same format as the built-in files); repeatable",
    )


def run_actors(args: argparse.Namespace) -> int:
    """Print each mention with its resolved actor and the reason."""
    from eventcoder import nlp
    from eventcoder.model import Document as Doc

    text = _read_text(args.text)
    try:
        resolver = ActorResolver(extra_files=args.actors)
    except ActorFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    doc = nlp.parse(Doc(doc_id="cli", raw_text=text, text=text, date=args.date), nlp.load_pipeline())
    resolver.run(doc)
    for line in describe(doc.mentions):
        print(line)
    return 0


def _read_text(arg: str) -> str:
    if arg == "-":
        return sys.stdin.read()
    path = Path(arg)
    try:
        is_file = len(arg) < 1024 and "\n" not in arg and path.is_file()
    except OSError:  # a sentence longer than a file name may be ("File name too long")
        is_file = False
    return path.read_text(encoding="utf-8") if is_file else arg


def describe(mentions: Iterable[Mention]) -> list[str]:
    """One human-readable line per mention, for the CLI and for debugging."""
    lines = []
    for m in mentions:
        a = m.actor
        ident = (
            (
                f"{a.code or '-'} country={a.country or '-'} sector={a.sector or '-'} name={a.name or '-'}"
                f" role={a.role or '-'} entry={a.entry or '-'}"
            )
            if a
            else "(unresolved)"
        )
        lines.append(
            f"[{m.mention_id}] s{m.sentence_index} {m.start}-{m.end} {m.kind:8} {m.text!r} -> {ident}"
            f"  | {m.rule}"
        )
    return lines
