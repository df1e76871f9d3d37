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
import datetime as dt
import functools
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eventcoder.geo import place_country
from eventcoder.model import Actor, Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventcoder.schemas.actors import AgentRow, DiscardRow, OrgRow, PersonRow

DATA_DIR = Path(__file__).resolve().parent / "data" / "actors"
# Generated from the PETRARCH/Phoenix dictionaries by `eventcoder kb convert` (src/eventcoder/kb/petrarch.py);
# read before the YAML files so that our own entries, read later, win.
PETRARCH_PEOPLE = "petrarch-people.tsv"
PETRARCH_ORGS = "petrarch-orgs.tsv"
PETRARCH_AGENTS = "petrarch-agents.tsv"
PETRARCH_DISCARDS = "petrarch-discards.tsv"
BUILTIN_FILES = (
    "countries.yaml",
    "igos.yaml",
    "metonyms.yaml",
    "bodies.yaml",
    "groups.yaml",
    "people.yaml",
    "sectors.yaml",
)
COREF_FILE = "coref.yaml"
MODIFIERS_FILE = "modifiers.yaml"
ADDRESSEES_FILE = "addressees.yaml"

# Dependency labels that attach a modifier to the left of a noun-phrase head;
# tokens carrying them belong to their head's phrase rather than heading one.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "predet", "nummod", "quantmod", "flat"})
# Left children of a head that are part of the noun phrase.
NP_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "predet", "flat"})
HEAD_POS = frozenset({"NOUN", "PROPN"})
# Words that turn an office into a former office ("former President X").
FORMER_WORDS = frozenset({"former", "ex", "ex-", "ousted", "deposed", "exiled", "toppled", "late", "then"})
NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# "South Lebanon", "northern Iraq": still the state.
DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "-",
    }
)
# Prepositions whose place phrase is part of a noun phrase ("rebels in Darfur"); longest tail.
TAIL_PREPS = frozenset({"in", "from", "of", "at", "throughout", "across", "inside"})
MAX_TAIL = 8
MAX_APPOSITION = 12
APPOSITION_GAP = frozenset({",", "(", "-", "\u2013", "\u2014"})
ETHNIC_WORDS = frozenset({"ethnic"})
STANCE_PREFIXES = frozenset({"pro", "anti", "pro-", "anti-"})
# Words that make an office a different, lesser one than the bare title ("Vice President").
LESSER_OFFICE = frozenset({"vice", "deputy", "acting", "under", "assistant", "former", "shadow"})
# A capital in these roles acts ("Moscow massed troops", "Washington's demands"): its government.
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
# Demonyms that do not take a plural -s ("the French", not "the Frenchs").
NO_PLURAL_ENDINGS = ("ese", "sh", "ch", "ss", "s", "x", "z")


T = TypeVar("T")
_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")  # letters and single spaces: split like spaCy


class ActorFileError(ValueError):
    """A knowledge-base file is malformed; the message names the file and line."""


# -- knowledge base -----------------------------------------------------------
@dataclass(frozen=True)
class Role:
    """One office a person held between two dates (end None: still in office)."""

    role: str
    sector: str | None
    country: str | None
    code: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class Entry:
    """One knowledge-base record: a state, organisation, group or person."""

    entry_id: str  # "countries.yaml:RUS", "people.yaml:Antony Blinken"
    kind: str  # country | org | group | person
    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    roles: tuple[Role, ...] = ()
    members: tuple[str, ...] = ()
    given_names: tuple[str, ...] = ()  # first words of a person's multi-word names ("Jake", "Jacob")


@dataclass(frozen=True)
class Term:
    """A sector noun or title from sectors.yaml."""

    text: str
    sector: str
    title: bool = False
    head: str | None = None  # "state" / "government" for heads of state / government
    generic: bool = False  # "leader", "chief": takes the sector of a sector noun before it ("party leader")


@dataclass(frozen=True)
class Match:
    """A knowledge-base hit on a token span of the document."""

    start: int
    end: int  # exclusive token index
    entry: Entry | None = None
    form: str = "name"  # name | alias | demonym | capital (entries); term (sector vocabulary)
    term: Term | None = None


@dataclass
class Lexicon:
    """Lookup tables built once from the YAML files."""

    names: dict[tuple[str, ...], tuple[Entry, str]] = field(default_factory=dict)  # lower-cased keys
    exact: dict[tuple[str, ...], tuple[Entry, str]] = field(default_factory=dict)  # case-sensitive acronyms
    terms: dict[tuple[str, ...], Term] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)
    people: dict[str, Entry] = field(default_factory=dict)
    coref_rules: list[dict[str, Any]] = field(default_factory=list)
    coref_nouns: set[str] = field(default_factory=set)  # heads of descriptions like "the alliance"
    first_tokens: set[str] = field(default_factory=set)
    max_len: int = 1
    modifiers: dict[tuple[str, str], str] = field(default_factory=dict)  # (modifier, head) -> sector
    acronym_states: dict[tuple[str, ...], dict[str, tuple[Entry, str]]] = field(default_factory=dict)
    discards: set[tuple[str, ...]] = field(default_factory=set)  # phrases that are never actors ("Asian Cup")
    discard_first: set[str] = field(default_factory=set)
    discard_len: int = 0
    addressee_verbs: frozenset[str] = frozenset()  # addressees.yaml: their objects are governments
    addressee_preps: frozenset[str] = frozenset()


def _checked(path: Path, loader: Callable[[Path], T]) -> T:
    """Load a file through its schema loader; a schema error becomes an `ActorFileError` that
    keeps the checker's `path:line: message`."""
    from eventcoder.datafiles import DataFileError

    try:
        return loader(path)
    except DataFileError as exc:
        raise ActorFileError(str(exc)) from None


def _load_addressees(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Verbs (and their prepositions) whose object is addressed as a political actor."""
    from eventcoder.schemas.actors import load_addressees

    data = _checked(path, load_addressees)
    return frozenset(data.verbs), frozenset(data.prepositions)


def _norm(text: str) -> str:
    """Lower-case a token and unify typographic apostrophes and dashes."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")


def _is_acronym(alias: str) -> bool:
    """Short upper-case forms ("US", "UN", "WHO") only match with their exact case."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


def _plural(word: str) -> str | None:
    """The -s plural of a demonym, or None if it takes none ("Chinese", "British")."""
    if "." in word or word.isupper() or word.lower().endswith(NO_PLURAL_ENDINGS):
        return None
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def _as_date(value: Any, where: str) -> dt.date | None:
    """Role dates may be YAML dates, ISO strings or null."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ActorFileError(f"{where}: bad date {value!r} (use YYYY-MM-DD)") from exc


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise ActorFileError(f"{where}: '{key}' must be a list of strings")
    return [str(v) for v in value]


class KnowledgeBase:
    """Parses entry dictionaries into a `Lexicon`; later files override earlier ones."""

    def __init__(self, tokenize: Any) -> None:
        self.tokenize = tokenize
        self.special: set[str] = set(getattr(tokenize, "rules", None) or {})  # "cannot", "Mr": spaCy splits
        self.lex = Lexicon()

    # -- loading ---------------------------------------------------------------
    def load(self, path: Path, builtin: bool = False) -> None:
        """Read one entry list through the schema checker (src/eventcoder/schemas/actors.py): an
        unknown key, a wrong type or a repeated entry stops loading with `path:line: message`."""
        from eventcoder.schemas.actors import load_entries

        if not path.exists():
            if builtin:
                return
            raise ActorFileError(f"{path}: no such actor file")
        for entry in _checked(path, load_entries).root:
            self._load_entry(entry.model_dump(exclude_unset=True), str(path))

    def load_modifiers(self, path: Path) -> None:
        """modifiers.yaml: (modifier, head noun) pairs that give a phrase its sector ("Muslim leaders")."""
        from eventcoder.schemas.actors import load_modifiers

        for rule in _checked(path, load_modifiers).root:
            for word in rule.words:
                for head in rule.heads:
                    self.lex.modifiers[(_norm(word), _norm(head))] = rule.sector

    def load_coref(self, path: Path) -> None:
        from eventcoder.schemas.actors import load_coref

        for rule in _checked(path, load_coref).root:
            self.lex.coref_rules.append(rule.model_dump(exclude_unset=True))
            self.lex.coref_nouns.update(n.lower() for n in rule.nouns)

    def _load_entry(self, item: dict[str, Any], where: str) -> None:
        if "nouns" in item or "titles" in item:
            self._load_sector(item, where)
        elif "iso3" in item:
            self._load_country(item, where)
        elif "roles" in item or "gender" in item:
            self._load_person(item, where)
        elif "code" in item:
            self._load_org(item, where)
        else:
            raise ActorFileError(
                f"{where}: cannot tell the entry type (need 'iso3', 'roles', 'code' or 'sector' with 'nouns')"
            )

    @staticmethod
    def _name(item: dict[str, Any], key: str, where: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ActorFileError(f"{where}: '{key}' is required and must be a non-empty string")
        return value.strip()

    def _load_country(self, item: dict[str, Any], where: str) -> None:
        iso3 = self._name(item, "iso3", where).upper()
        if len(iso3) != 3 or not iso3.isalpha():
            raise ActorFileError(f"{where}: iso3 must be three letters, got {iso3!r}")
        name = self._name(item, "name", where)
        entry = Entry(
            entry_id=f"{Path(where).name.split(':')[0]}:{iso3}",
            kind="country",
            name=name,
            code=iso3,
            country=iso3,
        )
        self.lex.countries[iso3] = entry
        for alias in [name, *_str_list(item.get("aliases"), "aliases", where)]:
            self._add_name(alias, entry, "name")
        for demonym in _str_list(item.get("demonyms"), "demonyms", where):
            self._add_name(demonym, entry, "demonym")
            plural = _plural(demonym)
            if plural:
                self._add_name(plural, entry, "demonym")
        for capital in _str_list(item.get("capitals"), "capitals", where):
            self._add_name(capital, entry, "capital")

    def _load_org(self, item: dict[str, Any], where: str) -> None:
        name = self._name(item, "name", where)
        code = self._name(item, "code", where).upper()
        kind = item.get("kind", "org")
        if kind not in ("org", "group", "organisation", "organization"):
            raise ActorFileError(f"{where}: kind must be 'org' or 'group', got {kind!r}")
        country = item.get("country")
        if country is not None and (not isinstance(country, str) or len(country) != 3):
            raise ActorFileError(f"{where}: country must be an ISO3 code or null")
        sector = item.get("sector", "IGO" if code.startswith("IGO") else None)
        raw_codes = item.get("codes") or []
        if not isinstance(raw_codes, list):
            raise ActorFileError(f"{where}: 'codes' must be a list of dated codes")
        entry = Entry(
            entry_id=f"{Path(where).name.split(':')[0]}:{name}",
            kind="group" if kind == "group" else "org",
            name=name,
            code=code,
            country=country.upper() if country else None,
            sector=sector,
            members=tuple(_str_list(item.get("members"), "members", where)),
            roles=tuple(self._dated_code(c, country, where) for c in raw_codes),
        )
        for alias in [name, *_str_list(item.get("aliases"), "aliases", where)]:
            self._add_name(alias, entry, "alias")

    def _load_person(self, item: dict[str, Any], where: str) -> None:
        name = self._name(item, "name", where)
        gender = item.get("gender")
        if gender not in (None, "m", "f"):
            raise ActorFileError(f"{where}: gender must be m or f, got {gender!r}")
        country = item.get("country")
        if country is not None and (not isinstance(country, str) or len(country) != 3):
            raise ActorFileError(f"{where}: country must be an ISO3 code or null")
        raw_roles = item.get("roles") or []
        if not isinstance(raw_roles, list):
            raise ActorFileError(f"{where}: 'roles' must be a list")
        roles = tuple(self._role(r, country, where) for r in raw_roles)
        aliases = _str_list(item.get("aliases"), "aliases", where)
        given = tuple(n.split()[0] for n in [name, *aliases] if len(n.split()) > 1)
        entry = Entry(
            entry_id=f"people:{name}",
            kind="person",
            name=name,
            country=country.upper() if country else None,
            gender=gender,
            roles=roles,
            given_names=given,
        )
        self.lex.people[name] = entry
        for alias in [name, *aliases]:
            self._add_name(alias, entry, "name")

    @staticmethod
    def _role(raw: Any, country: str | None, where: str) -> Role:
        if not isinstance(raw, dict) or not isinstance(raw.get("role"), str):
            raise ActorFileError(f"{where}: each role needs a 'role' string")
        role_country = raw["country"] if "country" in raw else country
        return Role(
            role=raw["role"],
            sector=raw.get("sector"),
            country=role_country,
            code=raw.get("code"),
            start=_as_date(raw.get("start"), where),
            end=_as_date(raw.get("end"), where),
        )

    @staticmethod
    def _dated_code(raw: Any, country: str | None, where: str) -> Role:
        """A body's code over a period ("the Taliban" are Afghanistan's government from 2021-08-15)."""
        if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
            raise ActorFileError(f"{where}: each dated code needs a 'code' string")
        return Role(
            role=str(raw.get("role") or raw["code"]),
            sector=raw.get("sector"),
            country=raw.get("country", country),
            code=raw["code"],
            start=_as_date(raw.get("start"), where),
            end=_as_date(raw.get("end"), where),
        )

    def _load_sector(self, item: dict[str, Any], where: str) -> None:
        sector = self._name(item, "sector", where).upper()
        for noun in _str_list(item.get("nouns"), "nouns", where):
            self._add_term(Term(text=noun, sector=sector), where)
        titles = item.get("titles") or []
        if not isinstance(titles, list):
            raise ActorFileError(f"{where}: 'titles' must be a list")
        for title in titles:
            if isinstance(title, str):
                self._add_term(Term(text=title, sector=sector, title=True), where)
            elif isinstance(title, dict) and isinstance(title.get("title"), str):
                self._add_term(
                    Term(
                        text=title["title"],
                        sector=sector,
                        title=True,
                        head=title.get("head"),
                        generic=bool(title.get("generic")),
                    ),
                    where,
                )
            else:
                raise ActorFileError(f"{where}: a title must be a string or {{title: ..., head: ...}}")

    # -- generated TSV tables (kb/petrarch.py) -------------------------------------------
    def load_tsv(self, path: Path) -> None:
        """Read one generated table through its schema; its kind is in its name."""
        from eventcoder.schemas import actors as schema

        if not path.exists():
            return
        table: dict[str, tuple[Callable[[Path], Sequence[Any]], Callable[[Any, str], None]]] = {
            PETRARCH_PEOPLE: (schema.load_people_table, self._tsv_person),
            PETRARCH_ORGS: (schema.load_org_table, self._tsv_org),
            PETRARCH_AGENTS: (schema.load_agent_table, self._tsv_agent),
            PETRARCH_DISCARDS: (schema.load_discard_table, self._tsv_discard),
        }
        loader, add = table[path.name]
        for number, row in enumerate(_checked(path, loader), 1):
            add(row, f"{path.name} row {number}")

    def _tsv_person(self, row: PersonRow, where: str) -> None:
        names = [row.name, *(a for a in row.aliases.split("|") if a)]
        entry = Entry(
            entry_id=f"{where} ({row.source})",
            kind="person",
            name=row.name,
            country=row.country or None,
            roles=tuple(_tsv_role(r, PETRARCH_PEOPLE) for r in row.roles.split(";") if r),
            given_names=tuple(n.split()[0] for n in names if len(n.split()) > 1),
        )
        self.lex.people.setdefault(row.name, entry)
        for alias in names:
            self._add_name(alias, entry, "name")

    def _tsv_org(self, row: OrgRow, where: str) -> None:
        entry = Entry(
            entry_id=f"{where} ({row.source})",
            kind="org",
            name=row.name,
            code=row.code,
            country=row.country or None,
            sector=row.sector or None,
        )
        for alias in [row.name, *(a for a in row.aliases.split("|") if a)]:
            self._add_name(alias, entry, "alias")

    def _tsv_agent(self, row: AgentRow, where: str) -> None:
        key = tuple(_norm(w) for w in self._key(row.term))
        if key and key not in self.lex.terms:
            self._remember(key)
            self.lex.terms[key] = Term(text=row.term, sector=row.sector)

    def _tsv_discard(self, row: DiscardRow, where: str) -> None:
        key = tuple(_norm(w) for w in self._key(row.phrase, strip_the=False))
        if key:
            self.lex.discards.add(key)
            self.lex.discard_first.add(key[0])
            self.lex.discard_len = max(self.lex.discard_len, len(key))

    # -- keys --------------------------------------------------------------------
    def _key(self, text: str, strip_the: bool = True) -> tuple[str, ...]:
        """Token tuple of an alias; "the" is kept for names ("the West" must not match "West Darfur")."""
        words = self._words(text.strip())
        if strip_the and words and words[0].lower() == "the" and len(words) > 1:
            words = words[1:]
        return tuple(words)

    def _words(self, text: str) -> list[str]:
        """spaCy's tokens of an alias.  Plain words split on spaces exactly as spaCy splits
        them, so only aliases with punctuation or digits pay for the tokenizer (thousands of
        tokenizer calls were a third of the start-up time)."""
        words = text.split(" ")
        if _PLAIN_WORDS.fullmatch(text) and not self.special.intersection(words):
            return words
        return [t.text for t in self.tokenize(text)]

    def _remember(self, key: tuple[str, ...]) -> None:
        self.lex.first_tokens.add(_norm(key[0]))
        self.lex.max_len = max(self.lex.max_len, len(key))

    def _add_name(self, alias: str, entry: Entry, form: str) -> None:
        key = self._key(alias, strip_the=False)
        if not key:
            return
        self._remember(key)
        if _is_acronym(alias):
            old = self.lex.exact.get(key)
            if old is not None and old[0].country and entry.country and old[0].country != entry.country:
                # "PNP" is the Philippine police and a Jamaican party: the article's states decide
                shared = self.lex.acronym_states.setdefault(key, {old[0].country: old})
                shared[entry.country] = (entry, form)
            self.lex.exact[key] = (entry, form)
        else:
            self.lex.names[tuple(_norm(w) for w in key)] = (entry, form)

    def _add_term(self, term: Term, where: str) -> None:
        key = tuple(_norm(w) for w in self._key(term.text))
        if not key:
            raise ActorFileError(f"{where}: empty sector term")
        self._remember(key)
        old = self.lex.terms.get(key)
        # A title and a noun of the same word: keep the title (it also names a person).
        if old is None or term.title or not old.title:
            self.lex.terms[key] = term


ROLE_LABELS = {
    "GOV": "government official", "MIL": "military officer", "LEG": "legislator", "JUD": "judicial official",
    "COP": "police official", "SPY": "intelligence official", "PTY": "party figure",
    "OPP": "opposition figure",
    "REB": "rebel leader", "INS": "insurgent leader", "IGO": "international official", "NGO": "NGO figure",
    "BUS": "business figure", "REL": "religious figure", "ELI": "elite",
}


@functools.cache
def _tsv_role(cell: str, where: str) -> Role:
    """``AFGGOV/GOV/AFG/2001-12-22/`` (code/sector/country/start/end; empty = none)."""
    parts = cell.split("/")
    if len(parts) != 5:
        raise ActorFileError(f"{where}: a role is code/sector/country/start/end, got {cell!r}")
    code, sector, country, start, end = parts
    return Role(
        role=ROLE_LABELS.get(sector, sector or "unknown role"),
        sector=sector or None,
        country=country or None,
        code=code or None,
        start=_as_date(start or None, where),
        end=_as_date(end or None, where),
    )


# -- the stage ---------------------------------------------------------------
class ActorResolver:
    """Fills `doc.mentions` with resolved actor mentions (see module docstring)."""

    def __init__(self, extra_files: Sequence[str | Path] = ()) -> None:
        import spacy

        self.extra_files = [Path(p) for p in extra_files]
        kb = KnowledgeBase(spacy.blank("en").tokenizer)
        for name in (PETRARCH_PEOPLE, PETRARCH_ORGS, PETRARCH_DISCARDS):
            kb.load_tsv(DATA_DIR / name)
        for name in BUILTIN_FILES:
            kb.load(DATA_DIR / name, builtin=True)
        kb.load_tsv(DATA_DIR / PETRARCH_AGENTS)  # after sectors.yaml: only terms it lacks
        kb.load_coref(DATA_DIR / COREF_FILE)
        kb.load_modifiers(DATA_DIR / MODIFIERS_FILE)
        for path in self.extra_files:
            kb.load(path)
        self.lex = kb.lex
        self.lex.addressee_verbs, self.lex.addressee_preps = _load_addressees(DATA_DIR / ADDRESSEES_FILE)

    def run(self, doc: Document) -> None:
        """Find, resolve and link the actor mentions of a parsed document."""
        from eventcoder import coref

        spacy_doc = doc.nlp_doc
        if spacy_doc is None:
            doc.mentions = []
            return
        matches = find_matches(spacy_doc, self.lex)
        builder = _MentionBuilder(doc, self.lex, matches)
        mentions = builder.build()
        mentions.sort(key=lambda m: (m.start, -m.end))
        for i, mention in enumerate(mentions):
            mention.mention_id = i
        doc.mentions = mentions
        coref.resolve(doc, self.lex, builder.np_heads)


def find_matches(spacy_doc: Any, lex: Lexicon) -> list[Match | None]:
    """Greedy longest-match of names and sector terms; one slot per token."""
    tokens = [t.text for t in spacy_doc]
    low = [_norm(t) for t in tokens]
    lemmas = [_norm(t.lemma_) for t in spacy_doc]
    slots: list[Match | None] = [None] * len(tokens)
    i, n = 0, len(tokens)
    while i < n:
        skip = _discard_at(i, low, lex) if low[i] in lex.discard_first else 0
        if skip:
            i += skip
            continue
        first = low[i] in lex.first_tokens or lemmas[i] in lex.first_tokens
        match = _match_at(i, (tokens, low, lemmas), lex, spacy_doc) if first else None
        if match is None:
            i += 1
            continue
        for j in range(match.start, match.end):
            slots[j] = match
        i = match.end
    if lex.acronym_states:
        _settle_acronyms(slots, tokens, lex)
    return slots


def _settle_acronyms(slots: list[Match | None], tokens: list[str], lex: Lexicon) -> None:
    """An acronym several states' bodies share takes the body of the state the article named most
    recently before it ("the PRI" after "Mexico"), else of one it names later; with none of them
    named, the last-loaded entry stays."""
    order = [m.entry.country for k, m in enumerate(slots) if m and m.entry and _state_match_at(m, k)]
    last_seen: dict[str, int] = {}
    for k, match in enumerate(slots):
        if _state_match_at(match, k):
            assert match is not None and match.entry is not None and match.entry.country
            last_seen[match.entry.country] = k
            continue
        if match is None or match.start != k or match.entry is None:
            continue
        choices = lex.acronym_states.get(tuple(tokens[match.start : match.end]))
        if not choices:
            continue
        before = [c for c in choices if c in last_seen]
        later = [c for c in order if c in choices]
        country = max(before, key=last_seen.__getitem__) if before else (later[0] if later else None)
        if country is not None and country != match.entry.country:
            settled = replace(match, entry=choices[country][0], form=choices[country][1])
            for j in range(match.start, match.end):
                slots[j] = settled


def _state_match_at(match: Match | None, k: int) -> bool:
    return (
        match is not None and match.start == k and match.entry is not None and match.entry.kind == "country"
    )


def _discard_at(i: int, low: list[str], lex: Lexicon) -> int:
    """Length of the longest discard phrase ("Asian Cup", "Manchester United") starting at token i, else 0."""
    for length in range(min(lex.discard_len, len(low) - i), 0, -1):
        if tuple(low[i : i + length]) in lex.discards:
            return length
    return 0


def _match_at(
    i: int, words: tuple[list[str], list[str], list[str]], lex: Lexicon, spacy_doc: Any
) -> Match | None:
    """The longest entry or term starting at token i, names before terms.
    `words` holds the token texts, their normalised forms and their normalised lemmas."""
    tokens, low, lemmas = words
    for length in range(min(lex.max_len, len(tokens) - i), 0, -1):
        exact = lex.exact.get(tuple(tokens[i : i + length]))
        if exact:
            return Match(i, i + length, entry=exact[0], form=exact[1])
        key = tuple(low[i : i + length])
        named = lex.names.get(key)
        cap = tokens[i + 1] if low[i] == "the" and length > 1 else tokens[i]
        if named and cap[:1].isupper() and _fits_entities(spacy_doc, i, i + length, named[0]):
            return Match(i, i + length, entry=named[0], form=named[1])
        term = lex.terms.get(key)
        if term is None and length > 0:
            lemma_key = key[:-1] + (lemmas[i + length - 1],)
            term = lex.terms.get(lemma_key)
        if term is None and key[-1].endswith("s") and len(key[-1]) > 3:
            # a capitalised plural is tagged PROPN and keeps its -s as lemma ("Slovak Soldiers")
            term = lex.terms.get(key[:-1] + (key[-1][:-1],))
        if term and (term.title or not _in_person_name(spacy_doc, i, i + length)):
            return Match(i, i + length, term=term, form="term")
    return None


def _in_person_name(spacy_doc: Doc, start: int, end: int) -> bool:
    """A sector noun written as part of a person's name is a name ("Hunter Biden", "Mr Farmer")."""
    return all(spacy_doc[k].ent_type_ == "PERSON" and spacy_doc[k].is_title for k in range(start, end))


def _fits_entities(spacy_doc: Any, start: int, end: int, entry: Entry) -> bool:
    """Reject a state or organisation name that spaCy reads as part of a person's name,
    or as part of a longer place name ("West" in "West Darfur State", "Mexico" in "New Mexico")."""
    if entry.kind == "person":
        return True
    if spacy_doc[start].ent_type_ in ("GPE", "LOC"):
        ent_start, ent_end = start, end
        while ent_start > 0 and spacy_doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        while ent_end < len(spacy_doc) and spacy_doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        if spacy_doc[ent_start].lower_ == "the" and ent_start < start:
            ent_start += 1
        while ent_end > end and spacy_doc[ent_end - 1].tag_ == "POS":  # "The Ivory Coast's"
            ent_end -= 1
        extra = {t.lower_ for t in spacy_doc[ent_start:start]} | {t.lower_ for t in spacy_doc[end:ent_end]}
        if (ent_start < start or ent_end > end) and not (entry.kind == "country" and extra <= DIRECTIONS):
            return False
    return not _inside_longer_person(spacy_doc, start, end)


def _inside_longer_person(spacy_doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) lies in a spaCy PERSON name that reaches beyond it ("West" in
    "Kanye West").  A name that covers the whole PERSON entity is kept: spaCy often reads an
    organisation's name as a person's ("Boko Haram"), and the knowledge base knows better."""
    for k in range(start, end):
        tok = spacy_doc[k]
        if tok.ent_type_ != "PERSON":
            continue
        ent_start, ent_end = _entity_bounds(spacy_doc, k)
        if ent_start < start or ent_end > end:
            return True
    return False


def _entity_bounds(spacy_doc: Doc, k: int) -> tuple[int, int]:
    """Token range of the spaCy entity that token k belongs to."""
    ent_start, ent_end = k, k + 1
    while ent_start > 0 and spacy_doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    while ent_end < len(spacy_doc) and spacy_doc[ent_end].ent_iob_ == "I":
        ent_end += 1
    return ent_start, ent_end


# -- building mentions ----------------------------------------------------------
@dataclass
class _Phrase:
    """What the tokens of one noun phrase contribute to its actor."""

    country: Match | None = None
    org: Match | None = None
    person: Match | None = None
    head_term: Match | None = None
    titles: list[Match] = field(default_factory=list)
    terms: list[Match] = field(default_factory=list)
    former: bool = False


class _MentionBuilder:
    """Turns noun-phrase heads and knowledge-base matches into `Mention`s."""

    def __init__(self, doc: Document, lex: Lexicon, matches: list[Match | None]) -> None:
        self.doc = doc
        self.sd = doc.nlp_doc
        self.lex = lex
        self.matches = matches
        self.date = _parse_doc_date(doc.date)
        self.mentions: list[Mention] = []
        self.covered: set[int] = set()  # tokens inside an actor phrase
        self.np_heads: list[tuple[int, Mention | None]] = []  # (head token, its actor mention or None)
        self.sent_index = self._sentence_index()
        self.person_words: set[str] = set()  # words of person names seen so far ("Marsh" later on)
        self._ents: list[Any] | None = None  # token index -> spaCy entity span (built on first use)

    def _sentence_index(self) -> list[int]:
        index = [0] * len(self.sd)
        for s_i, sent in enumerate(self.sd.sents):
            for k in range(sent.start, sent.end):
                index[k] = s_i
        return index

    def build(self) -> list[Mention]:
        # Widest phrases first, so that "State" in "Secretary of State Antony Blinken"
        # or "Affairs" in "Ministry of Foreign Affairs" does not head a phrase of its own.
        # A phrase's tail ("in Darfur" in "rebels in Darfur") belongs to its extent, but the
        # heads inside the tail still make phrases (and mentions) of their own.
        spans = []
        for tok in self.sd:
            if self._is_head(tok):
                start, end = self._span(tok)
                tail = self._tail(tok, start, end)
                spans.append((tok, start, end, tail, self._apposition_end(tok, tail[1])))
        spans.sort(key=lambda x: (-(x[4] - x[1]), x[1]))
        inside: set[int] = set()
        accepted = []
        for tok, start, end, tail, extent in spans:
            if tok.i in inside:
                continue
            accepted.append((tok, start, end, tail, extent))
            inside.update(range(start, end))
        for tok, start, end, tail, extent in sorted(accepted, key=lambda x: x[0].i):
            self._phrase_mention(tok, start, end, tail, extent)
        self._possessors()
        self.np_heads.sort(key=lambda x: x[0])
        for tok in self.sd:
            if tok.tag_ in ("PRP", "PRP$", "WP"):
                self._pronoun_mention(tok)
        self._leftover_names()
        return self.mentions

    def _possessors(self) -> None:
        """A sector phrase owning something that is no actor ("the government's ability",
        "the army's offensive") is an actor mention of its own."""
        for tok in self.sd:
            if tok.dep_ != "poss" or tok.pos_ not in HEAD_POS or tok.i in self.covered:
                continue
            match = self.matches[tok.i]
            if match is None or match.term is None:
                continue  # names are left to _leftover_names
            start, end = self._span(tok)
            while end > tok.i + 1 and self.sd[end - 1].tag_ == "POS":
                end -= 1
            if not any(k in self.covered for k in range(start, end)):
                self._phrase_mention(tok, start, end, (end, end))

    # -- heads and spans -----------------------------------------------------------
    def _is_head(self, token: Any) -> bool:
        if token.pos_ not in HEAD_POS and not self._adjectival_head(token):
            return False
        if token.dep_ in MODIFIER_DEPS and token.head.i != token.i and token.head.pos_ in HEAD_POS:
            return False
        return True

    def _adjectival_head(self, token: Any) -> bool:
        """ "the French said", "Palestinians" tagged as adjectives: a demonym heading a phrase."""
        match = self.matches[token.i]
        return (
            match is not None
            and match.entry is not None
            and token.dep_ in ("nsubj", "dobj", "pobj", "conj")
            and token.pos_ in ("ADJ", "NOUN", "PROPN")
        )

    def _span(self, head: Any) -> tuple[int, int]:
        """Token span of the noun phrase headed by `head` (left modifiers, "of" + name, entity)."""
        start = head.i
        for child in head.lefts:
            if child.dep_ in NP_LEFT_DEPS:
                start = min(start, child.left_edge.i)
        end = head.i + 1
        if head.ent_type_ in NAME_ENTS and head.ent_iob_ != "O":
            ent = self._entity_of(head)
            if ent is not None:
                start, end = min(start, ent.start), max(end, ent.end)
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and self._names_something(child):
                end = max(end, child.right_edge.i + 1)
        sent = head.sent
        start, end = max(start, sent.start), min(end, sent.end)
        while end - 1 > start and self.sd[end - 1].is_punct:
            if self.sd[end - 1].text == ")" and "(" in self.sd[start : end - 1].text:
                break  # "All Pakistan Muslim League (APML)"
            end -= 1
        while start < head.i and (
            self.sd[start].pos_ == "CCONJ" or self.sd[start].is_punct or self.sd[start].lower_ == "to"
        ):
            start += 1  # "and", "(", and the "to" of "up to 8,500 troops"
        return self._within_paragraph(head, start, end)

    def _within_paragraph(self, head: Any, start: int, end: int) -> tuple[int, int]:
        """A phrase never runs across a line break (a photo credit above a paragraph is not part
        of the name that opens it: "Getty Images\n\nBlinken")."""
        for k in range(start, head.i):
            if "\n" in self.sd[k].text or "\n" in self.sd[k].whitespace_:
                start = k + 1
        for k in range(head.i, end - 1):
            if "\n" in self.sd[k].whitespace_ or "\n" in self.sd[k + 1].text:
                return start, k + 1
        return start, end

    def _entity_of(self, token: Any) -> Any:
        """The spaCy entity holding the token (indexed once: `Doc.ents` rebuilds its spans on
        every access, which made this lookup the stage's main per-document cost)."""
        if self._ents is None:
            self._ents = [None] * len(self.sd)
            for ent in self.sd.ents:
                for k in range(ent.start, ent.end):
                    self._ents[k] = ent
        return self._ents[token.i]

    def _names_something(self, prep: Any) -> bool:
        """An "of" phrase that belongs to the actor: "of Morocco", "of Foreign Affairs"."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return False
        obj = objects[0]
        match = self.matches[obj.i]
        if match is not None and match.entry is not None:
            return True
        return (
            obj.pos_ == "PROPN"
            and prep.head.pos_ in HEAD_POS
            and (prep.head.pos_ == "PROPN" or self._term_at(prep.head.i) is not None)
        )

    def _term_at(self, i: int) -> Match | None:
        match = self.matches[i]
        return match if match is not None and match.term is not None else None

    # -- phrases -------------------------------------------------------------------
    def _phrase_mention(
        self, head: Any, start: int, end: int, tail: tuple[int, int], extent: int | None = None
    ) -> None:
        phrase = self._collect(start, end, head)
        actor, kind, rule = self._resolve(phrase, head, start, end)
        if actor is None and self._definite_description(head, start):
            kind, rule = "nominal", f"definite description '{head.lemma_.lower()}'"
        elif actor is None:
            self.np_heads.append((head.i, None))
            return
        if tail[1] > end and actor is not None:
            rule += self._place_from_tail(actor, phrase, head, start, tail)
            end = tail[1]
        elif actor is not None and self._ethnic(head, start) and actor.sector == "CVL":
            rule += self._ethnic_home(actor, head)
        end = max(end, extent or end)
        mention = self._make(start, end, actor, kind, rule)
        self.np_heads.append((head.i, mention))
        self.mentions.append(mention)
        self.covered.update(range(start, end))

    def _tail(self, head: Any, start: int, end: int) -> tuple[int, int]:
        """(end of the phrase, end of its extent): a place phrase after a sector noun or a
        people word ("rebels in Darfur", "students throughout Indonesia", "Doctors from two
        American aid groups") is part of the noun phrase and may say where its actor is from."""
        match = self.matches[head.i]
        if match is None or (match.term is None and match.form != "demonym"):
            return end, end
        for child in head.rights:
            if child.i < end or child.dep_ != "prep" or child.lower_ not in TAIL_PREPS:
                continue
            last = child.right_edge.i + 1
            if last - child.i > MAX_TAIL or last > head.sent.end:
                return end, end
            if self._names_place(child):
                while last - 1 > child.i and self.sd[last - 1].is_punct:
                    last -= 1
                return end, last
            return end, end
        return end, end

    def _apposition_end(self, head: Any, end: int) -> int:
        """The end of the phrase's extent with its apposition: "the Palestinian president,
        Mahmoud Abbas", "Nigerian Air Force (NAF)".  The apposition keeps its own mention (and
        coreference merges the two); only the outer mention's extent grows."""
        for child in head.rights:
            if child.dep_ != "appos" or child.i < end:
                continue
            gap = self.sd[end : child.left_edge.i]
            if any(t.text not in APPOSITION_GAP for t in gap):
                return end
            last = child.right_edge.i + 1
            if last < head.sent.end and self.sd[last].text == ")" and "(" in gap.text:
                last += 1
            if last - end > MAX_APPOSITION or last > head.sent.end:
                return end
            while last - 1 > child.i and self.sd[last - 1].is_punct and self.sd[last - 1].text != ")":
                last -= 1
            return self._within_paragraph(head, head.i, last)[1]
        return end

    def _names_place(self, prep: Any) -> bool:
        """The object of a preposition names a state, a place or an organisation."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return False
        obj = objects[0]
        if obj.ent_type_ in ("GPE", "LOC") or obj.ent_type_ == "ORG" and obj.pos_ == "PROPN":
            return True
        return any(
            self.matches[k] is not None and self.matches[k].entry is not None  # type: ignore[union-attr]
            for k in range(obj.left_edge.i, obj.i + 1)
        )

    def _place_from_tail(self, actor: Actor, p: _Phrase, head: Any, start: int, tail: tuple[int, int]) -> str:
        """Give a sector actor with no state the state of its place phrase ("rebels in the
        Ivory Coast" -> CIV); "ethnic Albanians in Serbia" are Serbia's people (SRB CVL)."""
        country = self._tail_country(tail)
        if country is None or actor.code.startswith(("IGO", "NGO", "IMG")):
            return ""
        ethnic = self._ethnic(head, start)
        if actor.country is not None and not (ethnic and actor.sector == "CVL"):
            return ""
        if actor.country is None and actor.sector is None:
            return ""
        if actor.country is not None:
            actor.name = None  # the demonym's state is not who they are
        actor.country = country
        actor.code = country + (actor.sector or "")
        return f"; country {country} from the place phrase '{self.sd[tail[0] : tail[1]].text}'"

    def _ethnic(self, head: Any, start: int) -> bool:
        """ "ethnic Albanians": the demonym names an ethnicity, not the state they live in."""
        return any(self.sd[k].lower_ in ETHNIC_WORDS for k in range(start, head.i))

    def _ethnic_home(self, actor: Actor, head: Any) -> str:
        """An ethnic group lives in the one other state its sentence names ("Serb forces killed
        three ethnic Albanians in southeastern Serbia" -> SRB CVL); with none or several, the
        demonym's state stays."""
        sent = head.sent
        others = {
            m.entry.country
            for m in (self.matches[k] for k in range(sent.start, sent.end))
            if m is not None and m.entry is not None and m.entry.kind == "country"
        } - {actor.country, None}
        if len(others) != 1:
            return ""
        country = others.pop()
        assert country is not None
        actor.country, actor.code, actor.name = country, country + "CVL", None
        return f"; ethnic group living in {country}, the other state named in the sentence"

    def _tail_country(self, tail: tuple[int, int]) -> str | None:
        for k in range(*tail):
            match = self.matches[k]
            if match is not None and match.entry is not None:
                if match.entry.kind == "country":
                    return match.entry.country
                return match.entry.country if match.entry.kind != "person" else None
        for k in range(*tail):
            found = self._place_at(k, tail[1])
            if found is not None:
                return found[0]
        return None

    def _definite_description(self, head: Any, start: int) -> bool:
        """ "the alliance", "the group": may refer back to an actor (coref decides, or drops it)."""
        return head.lemma_.lower() in self.lex.coref_nouns and self.sd[start].lower_ in (
            "the",
            "this",
            "that",
        )

    def _collect(self, start: int, end: int, head: Any) -> _Phrase:
        phrase = _Phrase()
        seen: set[int] = set()
        for k in range(start, end):
            tok = self.sd[k]
            if tok.lower_ in FORMER_WORDS and k < head.i:
                phrase.former = True
            match = self.matches[k]
            if match is None or id(match) in seen:
                continue
            seen.add(id(match))
            self._add_to_phrase(phrase, match, head)
        return phrase

    def _add_to_phrase(self, phrase: _Phrase, match: Match, head: Any) -> None:
        if match.term is not None:
            phrase.terms.append(match)
            if match.start <= head.i < match.end:
                phrase.head_term = match
            elif match.term.title:
                phrase.titles.append(match)
            return
        entry = match.entry
        assert entry is not None
        if entry.kind == "person":
            phrase.person = phrase.person or match
        elif entry.kind == "country":
            if not self._stance_word(match):
                phrase.country = phrase.country or match
        else:
            at_head = match.start <= head.i < match.end
            if phrase.org is None or at_head:
                phrase.org = match

    def _stance_word(self, match: Match) -> bool:
        """ "pro-Iranian Hizbollah", "anti-American protesters": a stance, not the group's state."""
        k = match.start
        before = [t.lower_ for t in self.sd[max(0, k - 2) : k]]
        if not before:
            return False
        hyphenated = len(before) == 2 and before[1] == "-" and before[0] in STANCE_PREFIXES
        return before[-1] in STANCE_PREFIXES or hyphenated

    def _resolve(self, p: _Phrase, head: Any, start: int, end: int) -> tuple[Actor | None, str, str]:
        """The actor of a phrase, the mention kind and the reason."""

        def in_head(m: Match | None) -> bool:
            return m is not None and m.start <= head.i < m.end

        if (
            in_head(p.person)
            or (head.ent_type_ == "PERSON" and p.head_term is None and not in_head(p.org))
            or (head.pos_ == "PROPN" and head.text in self.person_words and p.head_term is None)
        ):
            actor, kind, rule = self._person(p, head, start, end)
            if actor is not None and actor.name:
                self.person_words.update(actor.name.split())
            return actor, kind, rule
        if in_head(p.org):
            return self._org(p)
        if in_head(p.country) and p.head_term is None:
            return self._state(p, head)
        if p.head_term is not None:
            return self._nominal(p, head)
        modifier_term = self._modifier_term(p, head)
        if modifier_term is not None and head.pos_ == "NOUN":
            p.head_term = modifier_term  # "Ugandan opposition candidates": the sector word modifies the head
            return self._nominal(p, head)
        if p.org is not None and head.lemma_.lower() in self.lex.coref_nouns:
            return self._org(p)  # "the Taliban religious faction"
        if self._people_group(head):
            return self._group_of_people(p, head)
        if head.ent_type_ == "ORG" and head.ent_iob_ != "O":
            if p.org is None and not p.terms and p.country is None:
                actor, kind, rule = self._city(head)  # "Police in Mariupol": spaCy took the town for an ORG
                if actor is not None:
                    return actor, kind, rule
            return self._unknown_org(p)
        if head.ent_type_ == "GPE" and p.country is None:
            return self._city(head)
        named_state = p.country is not None and p.country.form in ("demonym", "name", "alias")
        if named_state and self._state_noun(head):
            # "the Azerbaijani republic", "the Afghan state": the modifier says which state it is,
            # so it must not be left to coreference with some other state named earlier
            actor, kind, rule = self._state(p)
            return actor, kind, rule + f"; head '{head.lemma_.lower()}' names the state itself"
        return None, "", ""

    def _state_noun(self, head: Any) -> bool:
        """Head of a description that stands for a whole state (coref.yaml rules with countries: true)."""
        lemma = head.lemma_.lower()
        return any(
            rule.get("countries") and lemma in {str(n).lower() for n in rule["nouns"]}
            for rule in self.lex.coref_rules
        )

    def _named_states(self) -> set[str]:
        """The states the document names (by name, demonym or capital)."""
        return {
            m.entry.country
            for m in self.matches
            if m is not None and m.entry is not None and m.entry.kind == "country" and m.entry.country
        }

    def _people_group(self, head: Any) -> bool:
        """An ethnic or religious group the knowledge base lacks ("Kurds", "Shiites", "Tamils"):
        spaCy's NORP entity on a plural noun."""
        return (
            head.ent_type_ == "NORP"
            and head.tag_ in PLURAL_TAGS
            and self.matches[head.i] is None
            and head.text[:1].isupper()
        )

    def _group_of_people(self, p: _Phrase, head: Any) -> tuple[Actor, str, str]:
        """People of a group are civilians; a state word in the phrase places them ("Iraqi Kurds").
        The group's name stays as the actor name, so "the Shiites" is not read as a reference
        back to some other civilians."""
        entry = p.country.entry if p.country is not None else None
        country = entry.country if entry is not None else None
        actor = Actor(code=(country or "") + "CVL", country=country, sector="CVL", name=head.text)
        why = "ethnic or religious group (spaCy NORP) -> CVL"
        return actor, "nominal", why + (f"; country from '{self._text(p.country)}'" if country else "")

    def _city(self, head: Any) -> tuple[Actor | None, str, str]:
        """A town the knowledge base lacks ("Cizre"): its state, from the offline gazetteer."""
        ent = self._entity_of(head)
        if ent is None:
            return None, "", ""
        iso3 = place_country(str(ent.text), self._named_states())
        entry = self.lex.countries.get(iso3 or "")
        if entry is None:
            return None, "", ""
        actor = Actor(
            code=(entry.code or "") + "CVL",
            country=entry.country,
            sector="CVL",
            name=entry.name,
            entry=entry.entry_id,
        )
        return actor, "place", f"place in the offline gazetteer -> {iso3}, as its people (CVL)"

    def _modifier_term(self, p: _Phrase, head: Any) -> Match | None:
        """A non-title sector noun compounded onto the head ("opposition candidates")."""
        for match in reversed(p.terms):
            if match.term is not None and not match.term.title and match.end == head.i:
                return match
        return None

    def _person(self, p: _Phrase, head: Any, start: int, end: int) -> tuple[Actor | None, str, str]:
        title = p.titles[-1] if p.titles else None
        title_text = self._text(title) if title else None
        if p.person is not None and p.person.entry is not None and not self._other_person(p.person):
            actor, why = self._known_person(p, p.person)
            return actor, "name", why
        name = self._person_name(head, start, end)
        country = p.country.entry.country if p.country and p.country.entry else None
        sector = self._title_sector(p, title) if title else None
        org = p.org.entry if p.org and p.org.entry else None
        if org is not None:
            code, country, sector = org.code or "", org.country, sector or org.sector
        else:
            code = (country or "") + (sector or "")
        if p.former and code:
            sector = "ELI"
            code = (country or "") + "ELI"
        role = ("former " if p.former else "") + title_text if title_text else None
        why = "unknown person"
        if title_text:
            why += f"; title '{title_text}' -> {sector or '?'}"
        if country:
            why += f"; country from '{self._text(p.country or p.org)}'"
        if not code:
            return Actor(code="", name=name, role=role), "name", why + "; no country or sector known"
        return Actor(code=code, country=country, sector=sector, name=name, role=role), "name", why

    @staticmethod
    def _title_sector(p: _Phrase, title: Match) -> str:
        """A generic title ("leader", "chief") belongs to the sector of the body named before
        it ("the party's leader" PTY, "army chief" MIL); other titles carry their own sector."""
        term = title.term
        assert term is not None
        if term.generic:
            for match in reversed(p.terms):
                if match.end <= title.start and match.term is not None and not match.term.title:
                    return match.term.sector
        return term.sector

    def _known_person(self, p: _Phrase, match: Match) -> tuple[Actor, str]:
        """A people.yaml person: the role on the document date, unless a title in the phrase
        (or in the alias itself: "President Obama") says which office the story means."""
        entry = match.entry
        assert entry is not None
        actor, why = person_actor(entry, self.date, former=p.former)
        title = p.titles[-1] if p.titles else self._title_in_name(match)
        if title is not None and title.term is not None and not p.former:
            actor, why = self._titled_person(p, entry, actor, why, title)
        return actor, f"person {entry.entry_id} ({why})"

    def _title_in_name(self, match: Match) -> Match | None:
        """The title that opens a person alias ("President Obama", "Secretary Kerry")."""
        for length in range(match.end - match.start - 1, 0, -1):
            key = tuple(_norm(t.text) for t in self.sd[match.start : match.start + length])
            term = self.lex.terms.get(key)
            if term is not None and term.title:
                return Match(match.start, match.start + length, term=term, form="term")
        return None

    def _other_person(self, match: Match) -> bool:
        """ "John Sullivan" is not the known "Jake Sullivan" whose bare surname matched: a
        different given name written right before the surname, inside one person name."""
        k = match.start - 1
        if k < 0 or match.end - match.start != 1:
            return False
        tok = self.sd[k]
        if not (
            tok.pos_ == "PROPN"
            and tok.ent_type_ == "PERSON"
            and self.matches[k] is None
            and tok.is_title
            and self.sd[match.start].ent_iob_ == "I"
        ):
            return False
        if len(tok.text) <= 2 or tok.text.endswith("."):
            return False  # an initial: "Joseph R. Biden"
        given = match.entry.given_names if match.entry is not None else ()
        # "Joseph" for a listed "Joe", "Tony" for "Antony": a variant shares its first letters
        return not any(_norm(g)[:3] == tok.lower_[:3] or _norm(g)[-3:] == tok.lower_[-3:] for g in given)

    def _titled_person(
        self, p: _Phrase, entry: Entry, actor: Actor, why: str, title: Match
    ) -> tuple[Actor, str]:
        """A title written with the name ("British Foreign Secretary Jack Straw") is the best
        evidence of the office the story means; the dated role only stands when it agrees."""
        term = title.term
        assert term is not None
        title_text = self._text(title)
        org = p.org.entry if p.org is not None and p.org.entry is not None else None
        country = p.country.entry.country if p.country is not None and p.country.entry else None
        sector = self._title_sector(p, title)
        role_words = set(_norm(actor.role or "").split()) - set(_norm(title_text).split())
        agrees = (
            actor.sector == sector
            and (country is None or actor.country == country)
            and not role_words & LESSER_OFFICE
        )
        if agrees and (org is None or actor.code.startswith(org.code or "")):
            return actor, why + f"; title '{title_text}' agrees"
        role = _role_for_title(entry, title_text, country)
        if role is not None:
            picked, _ = person_actor(replace(entry, roles=(role,)), None)
            return picked, f"title '{title_text}' in the text picks the role {role.role}"
        if org is not None:
            code, country = org.code or "", org.country
        else:
            country = country or actor.country or entry.country
            code = (country or "") + sector
        titled = Actor(
            code=code, country=country, sector=sector, name=entry.name, role=title_text, entry=entry.entry_id
        )
        return titled, f"title '{title_text}' in the text -> {code} (people.yaml: {why})"

    def _person_name(self, head: Any, start: int, end: int) -> str:
        ent = self._entity_of(head)
        if ent is not None and ent.label_ == "PERSON":
            return str(ent.text)
        words = [t for t in self.sd[start:end] if t.pos_ == "PROPN" and self.matches[t.i] is None]
        return " ".join(t.text for t in words) or head.text

    def _org(self, p: _Phrase) -> tuple[Actor, str, str]:
        assert p.org is not None and p.org.entry is not None
        entry = p.org.entry
        actor, dated = org_actor(entry, self.date)
        if p.head_term is not None and p.head_term.term is not None:
            actor.sector = p.head_term.term.sector
        kind = "group" if entry.kind == "group" else "name"
        why = f"organisation {entry.entry_id} ('{self._text(p.org)}'){dated}"
        other = self._other_state(p, entry)
        state_body = entry.country is not None and entry.code == entry.country + (entry.sector or "")
        if other is not None and state_body:
            # "Chile's Defense Department" is not the Pentagon: another state's body of the same kind
            sector = actor.sector
            actor = Actor(code=other + (sector or ""), country=other, sector=sector, entry=entry.entry_id)
            return actor, "name", why + f"; named with {other}: that state's body of the same kind"
        if other is not None and entry.sector == "NGO":
            # "the Iranian Red Crescent": a state's society of an international movement
            actor = Actor(code=other + "NGO", country=other, sector="NGO", entry=entry.entry_id)
            return actor, "name", why + f"; named with {other}: its national society"
        return actor, kind, why

    def _other_state(self, p: _Phrase, entry: Entry) -> str | None:
        """The state a phrase names beside an organisation, when it is not the organisation's own."""
        if p.country is None or p.country.entry is None or p.org is None:
            return None
        if p.country.form not in ("name", "alias", "demonym"):
            return None
        if p.org.start <= p.country.start < p.org.end:
            return None
        state = p.country.entry.country
        return state if state and state != entry.country else None

    def _people_of(self, head: Any) -> bool:
        """ "168 Liberians", "young Algerians": a demonym naming people, not the state.
        "the Palestinians" (definite, bare) is read as the state, as coders usually do."""
        if head.pos_ == "ADJ" or self.matches[head.i] is None:
            return False
        if head.tag_ not in PLURAL_TAGS and not head.text.endswith("s"):
            return False
        return not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts) or any(
            c.dep_ in ("amod", "nummod") for c in head.lefts
        )

    def _state(self, p: _Phrase, head: Any = None) -> tuple[Actor, str, str]:
        assert p.country is not None and p.country.entry is not None
        entry = p.country.entry
        actor = Actor(code=entry.code or "", country=entry.country, name=entry.name, entry=entry.entry_id)
        if p.country.form == "demonym" and head is not None and self._people_of(head):
            actor = replace(actor, code=(entry.country or "") + "CVL", sector="CVL")
            return (
                actor,
                "nominal",
                f"nationality noun for people: {entry.entry_id} ('{self._text(p.country)}') -> CVL",
            )
        if p.country.form == "capital" and head is not None and self._acting(head):
            actor = replace(actor, code=(entry.country or "") + "GOV", sector="GOV")
            return (
                actor,
                "name",
                f"capital as metonymy for the government: {entry.entry_id} ('{self._text(p.country)}')",
            )
        if p.country.form == "capital":
            actor = replace(actor, code=(entry.country or "") + "CVL", sector="CVL")
            return actor, "place", f"town as its people: {entry.entry_id} ('{self._text(p.country)}') -> CVL"
        kind = "name"
        how = {"capital": "capital as metonymy", "demonym": "nationality word"}.get(
            p.country.form, "state name"
        )
        why = f"{how}: {entry.entry_id} ('{self._text(p.country)}')"
        last = self.lex.terms.get((_norm(self.sd[p.country.end - 1].text),))
        if p.country.end - p.country.start > 1 and last is not None and not last.title:
            # "the Palestinian Authority", "Kurdistan Regional Government": a state's name that
            # ends in a sector word names that part of the state
            actor = replace(actor, code=(entry.country or "") + last.sector, sector=last.sector)
            why += f"; the name ends in the sector word '{self.sd[p.country.end - 1].text}' -> {last.sector}"
        return actor, kind, why

    def _acting(self, head: Any) -> bool:
        """A capital that does something stands for its government: a subject or possessor
        ("Moscow massed", "Washington's demands") or the agent after "by" ("an admission by Moscow").
        So does a capital that is addressed, pressed or judged ("urged Moscow", "called on Beijing"):
        the verbs are in addressees.yaml."""
        if head.dep_ in ACTING_DEPS:
            return True
        if head.dep_ == "pobj" and head.head.lower_ == "by":
            return True
        if head.dep_ in ("dobj", "dative"):
            return head.head.lemma_.lower() in self.lex.addressee_verbs
        if head.dep_ == "pobj" and head.head.lower_ in self.lex.addressee_preps:
            governor = head.head.head
            return governor.lemma_.lower() in self.lex.addressee_verbs
        return False

    def _nominal(self, p: _Phrase, head: Any) -> tuple[Actor, str, str]:
        term = p.head_term.term if p.head_term else None
        assert term is not None and p.head_term is not None
        sector = self._title_sector(p, p.head_term) if term.title else term.sector
        if p.former and term.title:
            sector = "ELI"
        why = f"sector noun '{self._text(p.head_term)}' -> {sector}"
        role = self._text(p.head_term) if term.title else None
        modified = self._modifier_sector(head)
        if modified is not None and modified[0] != sector:
            sector = modified[0]
            why += f"; '{modified[1]}' makes it {sector} (modifiers.yaml)"
        if p.org is not None and p.org.entry is not None and self._part_of_party_name(p, sector):
            p.org = None  # "the Congress Party" is a party named after a body, not the US Congress
            why += "; a body's name inside a party's name"
        if p.org is not None and p.org.entry is not None:
            org = p.org.entry
            actor, dated = org_actor(org, self.date)
            if term.title and p.org.start > head.i and actor.sector:
                sector = actor.sector  # "the President of the Red Cross": the body's sector
                why += f"; title of the body -> {sector}"
            actor.sector, actor.role = sector, role
            return actor, "nominal", f"{why}; of organisation {org.entry_id}{dated}"
        later = self._body_after_title(p, head) if term.title else None
        if later is not None:
            sector = later
            why += f"; title of a body whose sector is {sector}"
        if p.country is not None and p.country.entry is not None:
            country = p.country.entry.country or ""
            actor = Actor(
                code=country + sector,
                country=country,
                sector=sector,
                role=role,
                entry=p.country.entry.entry_id,
            )
            return actor, "nominal", f"{why}; country from '{self._text(p.country)}' ({p.country.form})"
        if p.person is not None and p.person.entry is not None:  # "the Bush administration"
            person, _ = person_actor(p.person.entry, self.date)
            home = person.country or p.person.entry.country
            if home:
                actor = Actor(code=home + sector, country=home, sector=sector, role=role)
                return actor, "nominal", f"{why}; country {home} of '{self._text(p.person)}' (person)"
        place = self._place_modifier(head)
        if place is not None:
            country, where = place
            actor = Actor(code=country + sector, country=country, sector=sector, role=role)
            return actor, "nominal", f"{why}; country {country} of the place '{where}' (gazetteer)"
        return Actor(code=sector, sector=sector, role=role), "nominal", why + "; no country in the phrase"

    def _place_modifier(self, head: Token) -> tuple[str, str] | None:
        """ "Shanghai police", "Mariupol residents": a place name the knowledge base lacks, written
        before a sector noun, gives it the state the gazetteer puts that place in."""
        for k in range(head.left_edge.i, head.i):
            found = self._place_at(k, head.i)
            if found is not None:
                return found
        return None

    def _lone_proper_word(self, tok: Token, limit: int) -> bool:
        """A capitalised word that is not part of a longer entity (spaCy often tags an unfamiliar
        town as ADJ or ORG: "Mariupol residents")."""
        if tok.pos_ not in ("PROPN", "ADJ") or not tok.is_title or tok.ent_type_ not in ("", "ORG"):
            return False
        return tok.i + 1 >= limit or self.sd[tok.i + 1].ent_iob_ != "I"

    def _place_at(self, k: int, limit: int) -> tuple[str, str] | None:
        """(state, name) when a place name the knowledge base lacks starts at token k and ends
        before `limit`: a GPE/LOC entity, or a proper noun spaCy left untyped or took for an ORG
        ("Mariupol"); the state is the gazetteer's."""
        tok = self.sd[k]
        if self.matches[k] is not None or tok.ent_iob_ == "I":
            return None
        if tok.ent_type_ in ("GPE", "LOC"):
            ent = self._entity_of(tok)
            name = str(ent.text) if ent is not None and ent.end <= limit else None
        elif self._lone_proper_word(tok, limit):
            name = tok.text
        else:
            return None
        country = place_country(name, self._named_states()) if name else None
        return (country, name) if country and name else None

    def _modifier_sector(self, head: Token) -> tuple[str, str] | None:
        """(sector, word) when a word before the head changes its sector ("Muslim leaders" REL)."""
        if not self.lex.modifiers:
            return None
        heads = (_norm(head.text), _norm(head.lemma_))
        for child in head.lefts:
            if child.dep_ not in ("amod", "compound", "nmod", "poss"):
                continue
            for word in heads:
                sector = self.lex.modifiers.get((_norm(child.text), word))
                if sector is not None:
                    return sector, child.text
        return None

    @staticmethod
    def _part_of_party_name(p: _Phrase, sector: str) -> bool:
        """A party's name that holds a state body's name ("Congress Party", "Senate Party")."""
        org = p.org.entry if p.org is not None else None
        return sector == "PTY" and org is not None and org.country is not None and org.sector != "PTY"

    def _body_after_title(self, p: _Phrase, head: Token) -> str | None:
        """ "President of the Chadian Human Rights League": a title followed by an of-phrase naming a
        body takes that body's sector (the last sector word after the title), not the title's own."""
        after = [m for m in p.terms if m.start > head.i and m.term is not None and not m.term.title]
        if not after or not any(t.lower_ == "of" for t in self.sd[head.i : after[-1].start]):
            return None
        assert after[-1].term is not None
        return after[-1].term.sector

    def _unknown_org(self, p: _Phrase) -> tuple[Actor, str, str]:
        """An organisation spaCy found but the knowledge base lacks: sector from its words."""
        country = p.country.entry.country if p.country and p.country.entry else None
        term = p.terms[-1] if p.terms else None
        sector = term.term.sector if term and term.term else None
        if p.org is not None and p.org.entry is not None:  # "United Nations Emergency Relief Coordinator"
            org = p.org.entry
            actor = Actor(
                code=org.code or "",
                country=org.country,
                sector=sector or org.sector,
                name=org.name,
                entry=org.entry_id,
            )
            return actor, "name", f"part of organisation {org.entry_id} ('{self._text(p.org)}')"
        actor = Actor(code=(country or "") + (sector or ""), country=country, sector=sector)
        why = "organisation not in the knowledge base"
        why += f"; sector from '{self._text(term)}'" if term else "; no sector word"
        if p.country:
            why += f"; country from '{self._text(p.country)}'"
        return actor, "name", why

    # -- pronouns and names outside actor phrases --------------------------------
    def _pronoun_mention(self, token: Any) -> None:
        from eventcoder.coref import PRONOUNS

        if token.lower_ not in PRONOUNS:
            return
        self.mentions.append(self._make(token.i, token.i + 1, None, "pronoun", "pronoun"))

    def _leftover_names(self) -> None:
        """States, organisations and people named inside phrases that are not actors
        themselves ("NATO's principle", "the Ukraine border")."""
        seen: set[int] = set()
        for match in self.matches:
            if match is None or match.entry is None or id(match) in seen:
                continue
            seen.add(id(match))
            if any(k in self.covered for k in range(match.start, match.end)):
                continue
            end = match.end
            if end < len(self.sd) and self.sd[end].text == "-":  # "American-made"
                continue
            phrase = _Phrase()
            self._add_to_phrase(phrase, match, self.sd[match.start])
            head = self.sd[match.start]
            if match.entry.kind == "person":
                last = self.sd[end - 1]
                # the title and state words before the name: "Syrian President Assad's decree"
                around = self._collect(min(last.left_edge.i, match.start), end, last)
                actor, why = self._known_person(around, match)
                self.mentions.append(self._make(match.start, end, actor, "name", why))
            elif match.entry.kind == "country":
                actor, kind, rule = self._state(phrase)
                self.mentions.append(self._make(match.start, end, actor, kind, rule + "; modifier"))
            else:
                actor, kind, rule = self._org(phrase)
                self.mentions.append(self._make(match.start, end, actor, kind, rule + "; modifier"))
            del head

    def _make(self, start: int, end: int, actor: Actor | None, kind: str, rule: str) -> Mention:
        span = self.sd[start:end]
        return Mention(
            mention_id=-1,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            sentence_index=self.sent_index[start],
            token_start=start,
            token_end=end,
            actor=actor,
            kind=kind,
            rule=rule,
        )

    def _text(self, match: Match | None) -> str:
        return self.sd[match.start : match.end].text if match is not None else ""


# -- people --------------------------------------------------------------------------
def _parse_doc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def role_at(entry: Entry, date: dt.date | None) -> tuple[Role | None, bool]:
    """The role held on `date` (latest role when undated); flag True when it is a former role."""
    if not entry.roles:
        return None, False
    if date is None:
        return max(entry.roles, key=lambda r: r.start or dt.date.min), False
    current = [
        r for r in entry.roles if (r.start is None or r.start <= date) and (r.end is None or date < r.end)
    ]
    if current:
        return max(current, key=lambda r: r.start or dt.date.min), False
    past = [r for r in entry.roles if r.end is not None and r.end <= date]
    if past:
        return max(past, key=lambda r: r.end or dt.date.min), True
    return None, False


def _role_for_title(entry: Entry, title: str, country: str | None) -> Role | None:
    """The person's role that a title in the text names ("Foreign Secretary" -> the role
    "Foreign Secretary"), in the phrase's country if it names one; the latest such role."""
    words = set(_norm(title).replace("-", " ").split())
    fits = []
    for role in entry.roles:
        role_words = set(_norm(role.role).replace("-", " ").split())
        if not words <= role_words or (country is not None and role.country != country):
            continue
        if (role_words - words) & LESSER_OFFICE:  # "President" is not "Vice President"
            continue
        fits.append((role_words == words, role.start or dt.date.min, role))
    return max(fits, key=lambda f: f[:2])[2] if fits else None


def org_actor(entry: Entry, date: dt.date | None) -> tuple[Actor, str]:
    """An organisation's actor on `date`: its dated code when one covers the date ("the Taliban"
    are AFGGOV from 2021-08-15), else its plain code.  The second value explains a dated code."""
    actor = Actor(
        code=entry.code or "",
        country=entry.country,
        sector=entry.sector,
        name=entry.name,
        entry=entry.entry_id,
    )
    if not entry.roles or date is None:
        return actor, ""
    role, former = role_at(entry, date)
    if role is None or former:
        return actor, ""
    actor.code = role.code or actor.code
    actor.sector = role.sector or actor.sector
    actor.country = role.country or actor.country
    return actor, f"; code {actor.code} from {role.start or 'the start'}"


def person_actor(entry: Entry, date: dt.date | None, former: bool = False) -> tuple[Actor, str]:
    """A known person's actor on `date`: the dated role, or ELI with "former <role>"."""
    role, was = role_at(entry, date)
    if role is None:
        country = entry.country
        return Actor(
            code=country or "", country=country, name=entry.name, entry=entry.entry_id
        ), "no role on date"
    country = role.country
    if was or former:
        code = (entry.country or "") + "ELI"
        return (
            Actor(
                code=code,
                country=entry.country,
                sector="ELI",
                name=entry.name,
                role=f"former {role.role}",
                entry=entry.entry_id,
            ),
            f"out of office on the date; last role {role.role}",
        )
    code = role.code or (country or "") + (role.sector or "")
    return (
        Actor(
            code=code,
            country=country,
            sector=role.sector,
            name=entry.name,
            role=role.role,
            entry=entry.entry_id,
        ),
        f"role {role.role} held on the date" if date else "latest role (no date)",
    )


# -- public helpers ------------------------------------------------------------------
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
