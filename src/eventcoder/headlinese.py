"""Headlinese into plain sentences: what a title says, written the way the parser was trained to read.

Why: spaCy's small model learnt English from running text.  A headline drops auxiliaries and articles,
tells past events in the present, writes "to" for "will", puts the speaker before a colon and hangs the
publisher's name on the end; the parser then reads "Kenyan police arrest protest organisers" as one noun
phrase with no verb, and no event is coded from the sentence that carries the article's main event.  Each
rewrite here is one convention of the genre, general to every headline, never a fix for one title:

- page trappings are dropped: a label before a colon ("OPINION:", "Exclusive:"), the publisher after a
  separator ("- BBC News", "| Reuters"), an attribution tail (": officials", ": reports"), a bracketed
  page note ("(+video)", "[Updated]");
- a speaker before a colon reports what follows ("Trump: Mexico must stop caravans" is "Trump says Mexico
  must stop caravans");
- "X to VERB" announces ("FBI to release images" is "FBI will release images": future, not done);
- a present-tense verb the parser took for a noun after its subject ("Trump attacks two senators",
  "police arrest organisers") is written in the past tense, as the event happened, and the title parsed
  again; the new parse is kept only where the word is then a verb whose subject is an actor;
- a bare past participle right after its subject is a passive with "was" dropped ("Straw attacked over
  arms sales", "Activists arrested at rally"): headlines tell done acts in the present, so "X attacked"
  is what was done to X; "was"/"were" is written in and the new parse kept only where the word is then a
  passive verb with that subject.

The rules' words are data (`data/clean/headlines.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventcoder.schemas.clean import HeadlinesFile

DATA_PATH = Path(__file__).resolve().parent / "data" / "clean" / "headlines.yaml"
BRACKET_TAIL = re.compile(r"\s*[(\[]\s*([^()\[\]]{1,24}?)\s*[)\]]\s*$")
COLON_TAIL = re.compile(r"^(.*\S)\s*:\s+([^:]{1,40})$")
LABEL_HEAD = re.compile(r"^\s*([^:—–]{1,30}?)\s*(?::|—|–| - )\s*(\S.*)$")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
VERB_TAGS = FINITE_TAGS | {"VBN", "VBG"}
SUBJECT_POS = frozenset({"PROPN", "NOUN", "PRON"})
CLAUSE_BREAKS = frozenset({":", ";"})
SPEAKER_MAX_TOKENS = 5
NOT_PASSIVE = frozenset({"be", "have", "do", "get"})  # "Comey had broad support", "How Obama got here"
# The words that really are auxiliaries; the parser also reads "Obama announces deal" as an auxiliary before
# the verb "deal", and such a word is repaired like a verb read as a noun.
AUXILIARIES = frozenset(
    "be is are am was were been being 's 're 'm have has had 've 'd do does did will would shall should can "
    "could may might must ought".split()
)


@dataclass(frozen=True)
class HeadlineRules:
    """The words of data/clean/headlines.yaml, as lookups."""

    labels: frozenset[str]
    separators: tuple[str, ...]
    publisher_words: frozenset[str]
    publisher_max_words: int
    attribution_tails: frozenset[str]
    bracket_tails: frozenset[str]
    plural_subjects: frozenset[str]
    passive_infinitive_verbs: frozenset[str]
    active_continuations: frozenset[str]

    @classmethod
    @lru_cache(maxsize=2)
    def load(cls, path: Path = DATA_PATH) -> HeadlineRules:
        from eventcoder.datafiles import load_yaml

        data = load_yaml(path, HeadlinesFile)
        return cls(
            labels=frozenset(w.lower() for w in data.labels),
            separators=tuple(data.publisher_separators),
            publisher_words=frozenset(w.lower() for w in data.publisher_words),
            publisher_max_words=data.publisher_max_words,
            attribution_tails=frozenset(w.lower() for w in data.attribution_tails),
            bracket_tails=frozenset(w.lower() for w in data.bracket_tails),
            plural_subjects=frozenset(w.lower() for w in data.plural_subjects),
            passive_infinitive_verbs=frozenset(w.lower() for w in data.passive_infinitive_verbs),
            active_continuations=frozenset(w.lower() for w in data.active_continuations),
        )


# -- page trappings ------------------------------------------------------------------------------
def is_publisher(tail: str, rules: HeadlineRules) -> bool:
    """ "BBC News", "The Washington Post": short, capitalised, naming a news outlet."""
    words = tail.split()
    if not words or len(words) > rules.publisher_max_words:
        return False
    if not all(w[0].isupper() or not w[0].isalpha() for w in words):
        return False
    lowered = tail.lower()
    return any(w.strip(".,").lower() in rules.publisher_words for w in words) or any(
        " " in p and p in lowered for p in rules.publisher_words
    )


def drop_one_trapping(text: str, rules: HeadlineRules) -> str:
    """The title without its outermost page trapping (or as it is when it has none)."""
    bracket = BRACKET_TAIL.search(text)
    if bracket and bracket.group(1).lower() in rules.bracket_tails and bracket.start() > 0:
        return text[: bracket.start()]
    for separator in rules.separators:
        head, found, tail = text.rpartition(separator)
        if found and head.strip() and is_publisher(tail.strip(), rules):
            return head.rstrip()
    colon = COLON_TAIL.match(text)
    if colon and colon.group(2).strip().lower().rstrip(".") in rules.attribution_tails:
        return colon.group(1)
    label = LABEL_HEAD.match(text)
    if label and label.group(1).strip().lower() in rules.labels:
        return label.group(2)
    return text


def strip_trappings(title: str, rules: HeadlineRules) -> str:
    """ "OPINION: Trump attacks senators - BBC News (+video)" -> "Trump attacks senators"."""
    text = title.strip()
    while True:
        shorter = drop_one_trapping(text, rules).strip()
        if shorter == text or not shorter:
            return text
        text = shorter


# -- rewrites on the parse -----------------------------------------------------------------------
@dataclass(frozen=True)
class Rewrite:
    """One token of the title written as another word, and why."""

    token: int
    word: str
    reason: str  # "speaker" | "future" | "verb" | "passive"


def _segments(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between colons, semicolons, commas and subordinators: each can be a headline clause of
    its own ("GOP slams figures as Dems push for fix", "North Korea fires missile, Japan protests")."""
    bounds, start = [], 0
    for token in doc:
        if token.text in CLAUSE_BREAKS or token.text == "," or token.pos_ == "SCONJ":
            bounds.append((start, token.i))
            start = token.i + 1
    bounds.append((start, len(doc)))
    return [(a, b) for a, b in bounds if b > a]


def _is_clause(doc: Doc, start: int, end: int) -> bool:
    """A finite verb, or an imperative first word: "Mexico must stop caravans", "Stop spreading lies"."""
    words = [t for t in doc[start:end] if not t.is_punct]
    if not words:
        return False
    return words[0].tag_ == "VB" or any(t.tag_ in FINITE_TAGS for t in words)


def speaker_rewrite(doc: Doc, speakers: set[int]) -> Rewrite | None:
    """ "Kerry: US would not rule out talks": a speaker (a person or organisation, `speakers` holds their
    tokens) before the first colon, and a clause after it, is a report: the colon becomes "says"."""
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i > SPEAKER_MAX_TOKENS:
        return None
    if not all(i in speakers for i in range(colon.i) if not doc[i].is_punct):
        return None
    end = next((t.i for t in doc[colon.i + 1 :] if t.text in CLAUSE_BREAKS), len(doc))
    if not _is_clause(doc, colon.i + 1, end):
        return None
    return Rewrite(colon.i, "says", "speaker")


def future_rewrites(doc: Doc, verbs: list[Rewrite]) -> list[Rewrite]:
    """ "FBI to release images", "Obama to 'engage' Putin": a clause that opens with its subject and
    "to VERB" announces the act; "to" becomes "will".  Not after a verb the parser read as a noun
    (`verbs`: "Trump vows to bring ...")."""
    found = []
    repaired = {r.token for r in verbs}
    for start, end in _segments(doc):
        if repaired & set(range(start, end)):
            continue
        for token in doc[start:end]:
            if token.lower_ != "to":
                continue
            verb = next((t for t in doc[token.i + 1 : end] if not t.is_punct), None)
            before = doc[start : token.i]
            nominal = len(before) > 0 and not any(
                t.tag_ in VERB_TAGS and not (t.i == start and t.is_title) for t in before
            )
            if verb is not None and verb.tag_ == "VB" and nominal and token.tag_ == "TO":
                found.append(Rewrite(token.i, "will", "future"))
            break  # only the first "to" of a clause can be its tense
    return found


def past_tense(lemma: str, nlp: Language) -> str:
    """The simple past of a verb: the lemmatizer's irregular forms ("struck", "banned"), else -ed."""
    irregular = _irregular_pasts(nlp).get(lemma)
    if irregular:
        return irregular
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


@lru_cache(maxsize=4)
def _irregular_pasts(nlp: Language) -> dict[str, str]:
    """lemma -> past form, from the irregular forms the lemmatizer knows (`_verb_forms`), -ed forms first."""
    return {
        lemma: min(others, key=lambda f: (not f.endswith("ed"), len(f), f))
        for lemma, found in _verb_forms(nlp).items()
        if (others := found - {lemma})
    }


def verb_lemma(token: Token, known_verbs: frozenset[str]) -> str | None:
    """The verb a noun-tagged headline word stands for, if the events stage knows it."""
    lower = token.lower_
    for lemma in (token.lemma_.lower(), lower, lower[:-1], lower[:-2], lower[:-3] + "y"):
        inflected = (lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies")
        if lemma in known_verbs and lower in inflected:
            return lemma
    return None


def _subject_of_following_verb(token: Token) -> bool:
    """ "Iran protests turn deadly", "US sanctions hit banks": the word is itself the subject of the next
    verb (no preposition or subordinator between them), so it is a noun."""
    head = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or head.pos_ not in ("VERB", "AUX") or head.i < token.i:
        return False
    between = token.doc[token.i + 1 : head.i]
    return not any(t.pos_ in ("ADP", "SCONJ") for t in between)


def verb_rewrites(
    doc: Doc, known_verbs: frozenset[str], rules: HeadlineRules, nlp: Language
) -> list[Rewrite]:
    """Present-tense verbs the parser read as nouns (or as an auxiliary), right after their subject, written
    in the past."""
    found = []
    for start, end in _segments(doc):
        for token in doc[max(start + 1, 1) : end]:
            previous = doc[token.i - 1]
            verbal = token.pos_ == "VERB" or (token.pos_ == "AUX" and token.lower_ in AUXILIARIES)
            if verbal or previous.pos_ not in SUBJECT_POS or token.is_title:
                continue  # a capitalised word inside a sentence-cased title is a name: "Ken Burns"
            lemma = verb_lemma(token, known_verbs)
            if lemma is None or _subject_of_following_verb(token):
                continue
            plural = previous.tag_ in ("NNS", "NNPS") or previous.lower_ in rules.plural_subjects
            if token.lower_ == lemma and not plural:
                continue  # "Biden plan": a bare form needs a plural subject ("police arrest")
            word = past_tense(lemma, nlp)
            word = word.capitalize() if token.is_title and token.i == 0 else word
            found.append(Rewrite(token.i, word, "verb"))
            break  # one verb per clause: "police arrest protest organisers"
    return found


def _bare_participle(
    doc: Doc, span: tuple[int, int], rules: HeadlineRules, nlp: Language, parties: set[int]
) -> Token | None:
    """The first verb of a clause when it is a past form with no auxiliary, particle or object and a noun
    right before it: "Straw attacked over arms", not "Trump attacked Comey", "Trump has attacked", "Trump
    lashed out at critics", "Iran tried to shoot down a drone" or "Obama spoke with Putin" (a simple past
    that is no participle)."""
    start, end = span
    verbs = [t for t in doc[start:end] if t.tag_ in VERB_TAGS or t.pos_ == "AUX"]
    if not verbs or verbs[0].tag_ not in ("VBD", "VBN") or verbs[0].i == start:
        return None
    verb = verbs[0]
    if verb.pos_ == "AUX" or verb.lemma_.lower() in NOT_PASSIVE or _simple_past_only(verb, nlp):
        return None
    previous = doc[verb.i - 1]
    if previous.pos_ not in ("PROPN", "NOUN") or previous.is_punct:
        return None
    following = next((t for t in doc[verb.i + 1 : end] if not t.is_quote), None)
    if following is not None and following.pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ"):
        return None  # "Trump fired Comey": an object follows, the verb is active
    if _active_continuation(following, rules, parties):
        return None
    own = [c for c in verb.children if start <= c.i < end]  # a root's children can lie in other clauses
    if any(c.dep_ in ("aux", "auxpass", "ccomp", "dative", "prt") for c in own):
        return None
    infinitive = any(c.dep_ == "xcomp" for c in own) or (following is not None and following.lower_ == "to")
    if infinitive and verb.lemma_.lower() not in rules.passive_infinitive_verbs:
        return None
    return verb


def _simple_past_only(verb: Token, nlp: Language) -> bool:
    """ "spoke", "took": an irregular simple past whose participle is another word ("spoken", "taken")."""
    if verb.lower_.endswith("ed"):
        return False
    others = _verb_forms(nlp).get(verb.lemma_.lower(), frozenset()) - {verb.lower_}
    return any(form.endswith("n") for form in others)


@lru_cache(maxsize=4)
def _verb_forms(nlp: Language) -> dict[str, frozenset[str]]:
    """lemma -> its irregular forms (not -ing), from the lemmatizer's exception table."""
    try:
        verbs = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]  # type: ignore[attr-defined]
    except (KeyError, AttributeError, ValueError):
        return {}
    forms: dict[str, set[str]] = {}
    for form, lemmas in verbs.items():
        if not form.endswith("ing") and form.isalpha():
            for lemma in lemmas:
                forms.setdefault(lemma, set()).add(form)
    return {lemma: frozenset(found) for lemma, found in forms.items()}


def _active_continuation(following: Token | None, rules: HeadlineRules, parties: set[int]) -> bool:
    """ "struck back at", "met with Putin", "fired on protesters": what follows the verb reads as an active
    verb's own phrase.  After "on", "at" or "upon" only a party (`parties`: tokens of actor mentions that are
    no place) makes it so: "fired on protesters", not "arrested on bribery charges" or "arrested at a
    rally"."""
    if following is None:
        return False
    if following.lower_ in rules.active_continuations:
        return True
    if following.lower_ not in ("on", "at", "upon"):
        return False
    return any(g.i in parties for g in following.children if g.dep_ == "pobj")


def passive_rewrites(
    doc: Doc, taken: set[int], rules: HeadlineRules, nlp: Language, parties: set[int]
) -> list[Rewrite]:
    """Bare past participles after their subject, written as passives ("was attacked"); `taken`: tokens
    another rewrite holds, `parties`: tokens of actor mentions that are no place."""
    found = []
    for start, end in _segments(doc):
        if taken & set(range(start, end)):
            continue
        verb = _bare_participle(doc, (start, end), rules, nlp, parties)
        if verb is None:
            continue
        subject = doc[verb.i - 1]
        plural = subject.tag_ in ("NNS", "NNPS") or subject.lower_ in rules.plural_subjects
        found.append(Rewrite(verb.i, ("were " if plural else "was ") + verb.text, "passive"))
    return found


def apply_rewrites(doc: Doc, rewrites: list[Rewrite]) -> tuple[str, dict[int, str]]:
    """The title's text with the rewrites made, and for each rewritten word its start offset in the new
    text -> the word the title wrote there."""
    by_token = {r.token: r.word for r in rewrites}
    parts: list[str] = []
    originals: dict[int, str] = {}
    offset = 0
    for token in doc:
        word = by_token.get(token.i, token.text)
        if token.i in by_token:
            if parts and not parts[-1][-1:].isspace():
                parts[-1] += " "  # "Trump: Mexico ..." -> "Trump says Mexico ..."
                offset += 1
            originals[offset] = token.text
        parts.append(word + token.whitespace_)
        offset += len(word) + len(token.whitespace_)
    return "".join(parts), originals


def repaired_verbs_hold(
    doc: Doc, originals: dict[int, str], rewrites: list[Rewrite], has_actor: set[int]
) -> bool:
    """Every past-tense repair is now a verb whose subject holds an actor (`has_actor`: token indices in a
    mention that resolved): "Trade talked collapse" has no actor as subject, so the repair is undone.  A
    passive repair must now be a passive verb with a subject ("Budget deal was reached")."""
    starts = {t.idx: t for t in doc}
    in_order = sorted(rewrites, key=lambda r: r.token)
    for start, rewrite in zip(sorted(originals), in_order, strict=True):
        if rewrite.reason == "verb" and not _verb_with_actor(starts.get(start), has_actor):
            return False
        if rewrite.reason == "passive" and not _passive_verb(
            starts.get(start + len(rewrite.word.split()[0]) + 1)
        ):
            return False
    return True


def _verb_with_actor(token: Token | None, has_actor: set[int]) -> bool:
    if token is None or token.pos_ != "VERB":
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(t.i in has_actor for s in subjects for t in s.subtree)


def _passive_verb(token: Token | None) -> bool:
    return token is not None and token.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in token.children)
