"""Schemas of data/actors/: the entry lists (states, organisations, people, sector vocabulary), the
rule files (coreference, addressees, modifiers) and the generated PETRARCH tables.

An entry list may mix entry types (a user file adds a minister and a body side by side); the type of
each entry is recognised from its keys, as docs/actors.md says: `iso3` a state, `roles`/`gender` a
person, `nouns`/`titles` sector vocabulary, `code` an organisation or group.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, RootModel, Tag, model_validator

from eventcoder.datafiles import Strict, UniqueStrs, Words, load_tsv, load_yaml

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
SECTOR = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
CODE = Annotated[str, Field(pattern=r"^[A-Z0-9]{2,12}$")]
NAME = Annotated[str, Field(min_length=1)]
DATE = Annotated[dt.date, Field(strict=False)]  # YAML dates, or ISO strings in user files
Names = UniqueStrs  # surface forms, each once (case-insensitive)


class CountryEntry(Strict):
    iso3: ISO3
    name: NAME
    aliases: Names = []
    demonyms: Names = []
    capitals: Names = []


class DatedCode(Strict):
    """A body's code over a period (the Taliban are AFGGOV from 2021-08-15)."""

    code: CODE
    sector: SECTOR | None = None
    country: ISO3 | None = None
    role: str | None = None
    start: DATE | None = None
    end: DATE | None = None


class OrgEntry(Strict):
    name: NAME
    code: CODE
    aliases: Names = []
    sector: SECTOR | None = None
    country: ISO3 | None = None
    kind: Literal["org", "group", "organisation", "organization"] = "org"
    members: list[ISO3] = []
    codes: list[DatedCode] = []


class RoleEntry(Strict):
    role: NAME
    sector: SECTOR | None = None
    country: ISO3 | None = None
    code: CODE | None = None
    start: DATE | None = None
    end: DATE | None = None


class PersonEntry(Strict):
    name: NAME
    aliases: Names = []
    gender: Literal["m", "f"] | None = None
    country: ISO3 | None = None
    roles: list[RoleEntry] = []


class Title(Strict):
    title: NAME
    head: Literal["state", "government"] | None = None
    generic: bool = False


class SectorEntry(Strict):
    sector: SECTOR
    # the code before the sector of a phrase that names no state: IMG for militants across states
    prefix: Literal["IMG"] | None = None
    nouns: Words = []
    titles: list[str | Title] = []


def _entry_kind(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    if "nouns" in item or "titles" in item:
        return "sector"
    if "iso3" in item:
        return "country"
    if "roles" in item or "gender" in item:
        return "person"
    if "code" in item:
        return "org"
    return None


AnyEntry = Annotated[
    Annotated[CountryEntry, Tag("country")]
    | Annotated[OrgEntry, Tag("org")]
    | Annotated[PersonEntry, Tag("person")]
    | Annotated[SectorEntry, Tag("sector")],
    Discriminator(
        _entry_kind,
        custom_error_type="entry_type",
        custom_error_message="cannot tell the entry type (need 'iso3', 'roles', 'code' or 'nouns')",
    ),
]


class EntryFile(RootModel[list[AnyEntry]]):
    """An actor entry list; one name per state, body or person in a file."""

    @model_validator(mode="after")
    def _names_once(self) -> EntryFile:
        seen: set[tuple[str, str]] = set()
        for index, entry in enumerate(self.root):
            if isinstance(entry, SectorEntry):
                continue
            key = (type(entry).__name__, entry.name.lower())
            if key in seen:
                raise ValueError(f"entry {index + 1}: duplicate entry {entry.name!r}")
            seen.add(key)
        return self


class CorefRule(Strict):
    nouns: Words
    codes: UniqueStrs = []
    kinds: list[Literal["name", "nominal", "group", "place"]] = []
    sectors: list[SECTOR] = []
    countries: bool = False
    window: Annotated[int, Field(ge=1)] = 8
    # the head written as a name and standing alone ("the North", not "the north of Iowa")
    proper: bool = False


class CorefFile(RootModel[list[CorefRule]]):
    pass


class AddresseesFile(Strict):
    verbs: Words
    prepositions: Words


class PartyTag(Strict):
    """A party-and-region tag written after a legislator's name ("Sen. X, R-Ariz.", "Rep. Y (D-NY)")."""

    country: ISO3
    sector: SECTOR
    parties: list[str]
    regions: list[str]


class NamesFile(Strict):
    """names.yaml: how a person named by the family name alone is looked up (actors/mentions.py), and
    the tags that place a person the knowledge base lacks."""

    family_name_first: list[ISO3]
    honorifics: dict[str, Literal["m", "f"] | None]
    party_tags: list[PartyTag] = []


class ModifierRule(Strict):
    sector: SECTOR
    words: Words
    heads: Words
    states: bool = False  # a state's name or demonym is the modifier ("British aircraft")
    keeps: list[SECTOR] = []  # a phrase whose sector word is one of these keeps it ("Protestant extremists")


class ModifiersFile(RootModel[list[ModifierRule]]):
    pass


class ContextWeights(Strict):
    mention: int = Field(ge=0)
    lead: int = Field(ge=0)
    dateline: int = Field(ge=0)
    place: int = Field(ge=0)


class ContextFile(Strict):
    """context.yaml: how the article's context country is chosen (actors/context.py)."""

    weights: ContextWeights
    minimum: int = Field(ge=0)
    dominance: float = Field(ge=1)
    stateless_prefixes: Words
    stateless_sectors: Words
    backer_words: Words
    proxy_nouns: Words = []
    posted_abroad: Words = []
    implicit_sources: dict[str, SECTOR] = {}
    implicit_targets: dict[str, SECTOR] = {}
    domestic_targets: dict[str, SECTOR] = {}
    own_state_targets: dict[str, SECTOR] = {}
    scene_sources: Words = []
    scene_prepositions: Words = []
    scene_hops: int = Field(default=4, ge=1)
    nearby_sentences: int = Field(default=1, ge=0)
    own_people_spared: list[Annotated[str, Field(pattern=r"^([A-Z]{3})?$")]] = []
    us_state_homonyms: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], Words] = {}
    us_state_votes: int = Field(default=3, ge=1)


# -- generated PETRARCH tables (kb/petrarch.py) ------------------------------------------------
PEOPLE_COLUMNS = ("name", "aliases", "country", "roles", "source")
ORG_COLUMNS = ("name", "aliases", "code", "country", "sector", "source")
AGENT_COLUMNS = ("term", "sector", "source")
DISCARD_COLUMNS = ("phrase", "source")
_OPT_ISO3 = Annotated[str, Field(pattern=r"^([A-Z]{3})?$")]


class PersonRow(Strict):
    name: NAME
    aliases: str
    country: _OPT_ISO3
    roles: Annotated[str, Field(pattern=r"^[A-Z0-9/;-]*$")]  # code/sector/country/start/end;...
    source: NAME


class OrgRow(Strict):
    name: NAME
    aliases: str
    code: Annotated[str, Field(pattern=r"^[A-Z0-9]*$")]
    country: _OPT_ISO3
    sector: Annotated[str, Field(pattern=r"^([A-Z]{3})?$")]
    source: NAME


class AgentRow(Strict):
    term: NAME
    sector: SECTOR
    source: NAME


class DiscardRow(Strict):
    phrase: NAME
    source: NAME


def load_entries(path: Path) -> EntryFile:
    return load_yaml(path, EntryFile)


def load_coref(path: Path) -> CorefFile:
    return load_yaml(path, CorefFile)


def load_addressees(path: Path) -> AddresseesFile:
    return load_yaml(path, AddresseesFile)


def load_names(path: Path) -> NamesFile:
    return load_yaml(path, NamesFile)


def load_modifiers(path: Path) -> ModifiersFile:
    return load_yaml(path, ModifiersFile)


def load_context(path: Path) -> ContextFile:
    return load_yaml(path, ContextFile)


def load_people_table(path: Path) -> list[PersonRow]:
    return load_tsv(path, PersonRow, PEOPLE_COLUMNS, key="name")


def load_org_table(path: Path) -> list[OrgRow]:
    return load_tsv(path, OrgRow, ORG_COLUMNS, key="name")


def load_agent_table(path: Path) -> list[AgentRow]:
    return load_tsv(path, AgentRow, AGENT_COLUMNS, key="term")


def load_discard_table(path: Path) -> list[DiscardRow]:
    return load_tsv(path, DiscardRow, DISCARD_COLUMNS, key="phrase")


ENTRY_FILES = ("countries", "igos", "metonyms", "bodies", "groups", "people", "sectors")
FILES = {
    **{f"actors/{name}.yaml": load_entries for name in ENTRY_FILES},
    "actors/coref.yaml": load_coref,
    "actors/addressees.yaml": load_addressees,
    "actors/modifiers.yaml": load_modifiers,
    "actors/names.yaml": load_names,
    "actors/context.yaml": load_context,
    "actors/petrarch-people.tsv": load_people_table,
    "actors/petrarch-orgs.tsv": load_org_table,
    "actors/petrarch-agents.tsv": load_agent_table,
    "actors/petrarch-discards.tsv": load_discard_table,
}
