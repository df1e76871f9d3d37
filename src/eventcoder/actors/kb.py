"""The actor knowledge base: entry types, the loader of the data files (every one through the schema
checker), and the dated-role lookups (`role_at`, `person_actor`, `org_actor`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eventcoder.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventcoder.schemas.actors import AgentRow, DiscardRow, OrgRow, PersonRow

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
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
NAMES_FILE = "names.yaml"

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


# The sector of a person in office in an intergovernmental body (a UN or Arab League Secretary-General):
# an official, as PLOVER codes them (IGO GOV); the code keeps the body (IGOUNO).  The data files mark such
# roles with the pseudo-sector IGO, which says only that the role belongs to no state.
IGO_OFFICIAL_SECTOR = "GOV"

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
    prefix: str = (
        ""  # code before the sector when the phrase names no state ("jihadists": IMG, across states)
    )


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
    # keys of aliases written all in lower case ("rich nations", "blue helmets"): common-noun names, which
    # match whatever their case; every other name must start with a capital
    plain_names: set[tuple[str, ...]] = field(default_factory=set)
    terms: dict[tuple[str, ...], Term] = field(default_factory=dict)
    countries: dict[str, Entry] = field(default_factory=dict)
    people: dict[str, Entry] = field(default_factory=dict)
    coref_rules: list[dict[str, Any]] = field(default_factory=list)
    coref_nouns: set[str] = field(default_factory=set)  # heads of descriptions like "the alliance"
    first_tokens: set[str] = field(default_factory=set)
    max_len: int = 1
    # normalised first token -> longest key (names, acronyms, terms) it starts: the matching pass
    # tries only lengths that can match there (19 for the longest name; most start at most 2 or 3)
    first_len: dict[str, int] = field(default_factory=dict)
    modifiers: dict[tuple[str, str], str] = field(default_factory=dict)  # (modifier, head) -> sector
    state_heads: dict[str, str] = field(default_factory=dict)  # head a state modifies -> sector
    modifier_keeps: dict[str, frozenset[str]] = field(default_factory=dict)  # modifier sector -> kept sectors
    acronym_states: dict[tuple[str, ...], dict[str, tuple[Entry, str]]] = field(default_factory=dict)
    discards: set[tuple[str, ...]] = field(default_factory=set)  # phrases that are never actors ("Asian Cup")
    role_index: dict[str, list[Entry]] = field(default_factory=dict)  # role word -> people
    discard_first: set[str] = field(default_factory=set)
    discard_len: int = 0
    addressee_verbs: frozenset[str] = frozenset()  # addressees.yaml: their objects are governments
    addressee_preps: frozenset[str] = frozenset()
    family_name_first: frozenset[str] = frozenset()  # names.yaml: states whose people write it first
    honorifics: dict[str, str | None] = field(default_factory=dict)  # names.yaml: "mrs" -> "f"
    # names.yaml party_tags: (party letter, region without dots, lower case) -> (country, sector)
    party_tags: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    surname_index: dict[str, list[Entry]] = field(default_factory=dict)  # family name -> people


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


NameRules = tuple[frozenset[str], dict[str, str | None], dict[tuple[str, str], tuple[str, str]]]


def _load_names(path: Path) -> NameRules:
    """States writing the family name first, the honorifics before a bare family name with the
    gender each gives, and the party-and-region tags ("R-Ariz.") with the country and sector they give."""
    from eventcoder.schemas.actors import load_names

    data = _checked(path, load_names)
    tags = {
        (party, party_tag_region(region)): (tag.country, tag.sector)
        for tag in data.party_tags
        for party in tag.parties
        for region in tag.regions
    }
    return frozenset(data.family_name_first), {_norm(w): g for w, g in data.honorifics.items()}, tags


def party_tag_region(text: str) -> str:
    """A region of a party tag as it is compared: without dots, lower case ("N.Y." and "NY" -> "ny")."""
    return text.replace(".", "").lower()


_NORM_TABLE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-"})


def _norm(text: str) -> str:
    """Lower-case a token and unify typographic apostrophes and dashes (the table maps only
    non-ASCII characters, so ASCII text, nearly every token, skips it)."""
    if text.isascii():
        return text.lower()
    return text.lower().translate(_NORM_TABLE)


def _is_acronym(alias: str) -> bool:
    """Short upper-case forms ("US", "UN", "WHO") only match with their exact case."""
    if alias != alias.upper():
        return False  # a lower-case letter: not an acronym (the common case, decided in C)
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
            if rule.states:
                self.lex.state_heads.update({_norm(head): rule.sector for head in rule.heads})
            if rule.keeps:
                self.lex.modifier_keeps[rule.sector] = frozenset(rule.keeps)
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
        prefix = str(item.get("prefix") or "")
        for noun in _str_list(item.get("nouns"), "nouns", where):
            self._add_term(Term(text=noun, sector=sector, prefix=prefix), where)
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
        self._count_first(_norm(key[0]), len(key))

    def _count_first(self, first: str, length: int) -> None:
        self.lex.first_tokens.add(first)
        self.lex.max_len = max(self.lex.max_len, length)
        if length > self.lex.first_len.get(first, 0):
            self.lex.first_len[first] = length

    def _add_name(self, alias: str, entry: Entry, form: str) -> None:
        key = self._key(alias, strip_the=False)
        if not key:
            return
        low = tuple(_norm(w) for w in key)
        self._count_first(low[0], len(key))
        if _is_acronym(alias):
            old = self.lex.exact.get(key)
            if old is not None and old[0].country and entry.country and old[0].country != entry.country:
                # "PNP" is the Philippine police and a Jamaican party: the article's states decide
                shared = self.lex.acronym_states.setdefault(key, {old[0].country: old})
                shared[entry.country] = (entry, form)
            self.lex.exact[key] = (entry, form)
        else:
            self.lex.names[low] = (entry, form)
            if alias.islower():
                self.lex.plain_names.add(low)

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
    "GOV": "government official",
    "MIL": "military officer",
    "LEG": "legislator",
    "JUD": "judicial official",
    "COP": "police official",
    "SPY": "intelligence official",
    "PTY": "party figure",
    "OPP": "opposition figure",
    "REB": "rebel leader",
    "INS": "insurgent leader",
    "IGO": "international official",
    "NGO": "NGO figure",
    "BUS": "business figure",
    "REL": "religious figure",
    "ELI": "elite",
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


# Pronouns the mention builder marks and coreference resolves.
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"it", "its", "itself"})
RELATIVE = frozenset({"who"})
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER | RELATIVE


# -- the shipped knowledge base, built once and kept as a prebuilt index ---------------------------
@functools.cache
def alias_tokenizer() -> Callable[[str], Doc]:
    """spaCy's English tokenizer, to split aliases as documents are split.  Made on first need only
    (the prebuilt index needs none) and once per process.  Its vocabulary computes no lexical
    attributes: splitting never reads them, and computing them for each new word of 40,000 aliases
    was a tenth of the build."""
    import spacy

    blank = spacy.blank("en")
    blank.vocab.lex_attr_getters = {}  # type: ignore[attr-defined]  # (the stub lacks it)
    return blank.tokenizer


def builtin_lexicon(tokenizer: Callable[[], Any]) -> Lexicon:
    """The lexicon of the shipped files.  Building it reads every file through the schema checker
    and indexes some 40,000 names (seconds); the result is kept as a prebuilt index in the user
    cache (eventcoder/kb/cache.py), keyed on the content of the data files and of this module, so
    later processes and every worker read it in a fraction of that.  `tokenizer` makes the spaCy
    tokenizer the build needs; reading the index does not call it (making one costs half a second)."""
    from eventcoder.kb.cache import load_or_build

    return load_or_build("actors", _builtin_key(), lambda: _build_builtin(tokenizer()), Lexicon)


def _build_builtin(tokenize: Any) -> Lexicon:
    kb = KnowledgeBase(tokenize)
    for name in (PETRARCH_PEOPLE, PETRARCH_ORGS, PETRARCH_DISCARDS):
        kb.load_tsv(DATA_DIR / name)
    for name in BUILTIN_FILES:
        kb.load(DATA_DIR / name, builtin=True)
    kb.load_tsv(DATA_DIR / PETRARCH_AGENTS)  # after sectors.yaml: only terms it lacks
    kb.load_coref(DATA_DIR / COREF_FILE)
    kb.load_modifiers(DATA_DIR / MODIFIERS_FILE)
    kb.lex.addressee_verbs, kb.lex.addressee_preps = _load_addressees(DATA_DIR / ADDRESSEES_FILE)
    kb.lex.family_name_first, kb.lex.honorifics, kb.lex.party_tags = _load_names(DATA_DIR / NAMES_FILE)
    _home_states(kb.lex)
    people_named(kb.lex, "")  # the family-name index goes into the prebuilt lexicon (0.25 s a process)
    return kb.lex


def _home_states(lex: Lexicon) -> None:
    """A non-governmental body the dictionaries list without a state but whose name opens with one
    ("American Civil Liberties Union", "Danish Refugee Council", "China Aid Association") belongs to
    that state: USANGO, not a stateless NGO.  Only bodies whose code is a bare sector; IGO and
    transnational codes keep theirs."""
    seen: set[int] = set()
    for entry, _ in list(lex.names.values()):
        if id(entry) in seen or entry.kind not in ("org", "group") or entry.country or not entry.code:
            continue
        seen.add(id(entry))
        if len(entry.code) != 3 or entry.code in ("IGO", "IMG", "MNC"):
            continue
        words = entry.name.split()
        first = words[1] if words[0].lower() == "the" and len(words) > 1 else words[0]
        state = lex.names.get((_norm(first),))
        if state is not None and state[0].kind == "country" and state[0].country and state[1] != "capital":
            entry.country = state[0].country
            entry.code = state[0].country + entry.code


def _builtin_key() -> str:
    """A digest of the shipped actor files and of the modules that read them (a loader or schema
    change rebuilds the index)."""
    from eventcoder.kb.cache import content_key

    data = sorted(p for p in DATA_DIR.iterdir() if p.suffix in (".yaml", ".tsv"))
    code = [Path(__file__), Path(__file__).parent.parent / "schemas" / "actors.py"]
    return content_key([*data, *code])


def people_holding(lex: Lexicon, word: str) -> list[Entry]:
    """People with a role whose title has `word` ("president"), in knowledge-base order; the index is
    built on first use (looping over 19,000 people for every "the president" was the stage's cost)."""
    if not lex.role_index:
        for entry in lex.people.values():
            for role_word in {w for role in entry.roles for w in role.role.lower().split()}:
                lex.role_index.setdefault(role_word, []).append(entry)
    return lex.role_index.get(word.lower(), [])


def people_named(lex: Lexicon, family_name: str) -> list[Entry]:
    """People whose family name is `family_name` (the last word of their name, or the first for
    states in names.yaml `family_name_first`).  The index is built with the prebuilt lexicon, and
    again on first use when extra actor files emptied it."""
    if not lex.surname_index:
        for entry in lex.people.values():
            words = entry.name.split()
            if len(words) < 2:
                continue
            keys = {_norm(words[-1])}
            if entry.country in lex.family_name_first:
                keys.add(_norm(words[0]))
            for key in keys:
                lex.surname_index.setdefault(key, []).append(entry)
    return lex.surname_index.get(_norm(family_name), [])


# -- people and bodies on a date ---------------------------------------------------------
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
            sector=IGO_OFFICIAL_SECTOR if role.sector == "IGO" else role.sector,
            name=entry.name,
            role=role.role,
            entry=entry.entry_id,
        ),
        f"role {role.role} held on the date" if date else "latest role (no date)",
    )
