"""Convert the Phoenix/PETRARCH-2 actor dictionaries (MIT, Open Event Data Alliance) into our TSV files.

The TABARI/PETRARCH dictionary format: an entry line names an actor (words joined by ``_``), ``+`` lines
add synonyms, and bracketed codes give its CAMEO code, optionally dated: ``[AFGGOV 011222-040101]``,
``[AFGGOV >011222]`` (from), ``[AFGGOV <011222]`` (until) or ``[AFGELI]`` (the code when no dated one
applies).  The agents file lists sector nouns (``FARMER [~AGR]``), with ``!MACRO!`` expansions and
``{PLURAL}`` forms; the discards file lists phrases that are never actors (sports, awards).

We write four TSV files beside the hand-written YAML knowledge base (``data/actors/``):

* ``petrarch-people.tsv``  name, aliases, country, roles, source; a role is ``code/sector/country/start/end``,
  roles joined by ``;``
* ``petrarch-orgs.tsv``    name, aliases, code, country, sector, source
* ``petrarch-agents.tsv``  term, sector, source
* ``petrarch-discards.tsv`` phrase, source

Our own YAML entries win: a PETRARCH person or body whose name or alias is already a name in our files is
left out (the YAML entry is newer and checked by hand), and the loader reads the YAML after the TSV.
PETRARCH codes are mapped to our scheme (docs/actors.md): its MED (media) is our JRN, religions are REL,
IGO codes drop the region block (``IGOEUREEC`` -> ``IGOEEC``), companies (MNC) are ``<country>BUS``.

Regenerate with one command:  ``eventcoder kb convert ../shared/reference/petrarch``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENTS_FILE = "Phoenix.agents.txt"
DISCARDS_FILE = "Phoenix.discards.txt"

# Our sector codes (docs/actors.md) and how PETRARCH's differ from them.
SECTORS = frozenset(
    "GOV MIL LEG JUD COP SPY PTY REB INS OPP CVL BUS JRN MED REF REL NGO IGO EDU HLH LAB ELI CRM UAF "
    "AGR".split()
)
SECTOR_MAP = {
    "MED": "JRN",
    "MUS": "REL",
    "CHR": "REL",
    "JEW": "REL",
    "HIN": "REL",
    "BUD": "REL",
    "CTH": "REL",
    "SHI": "REL",
    "SUN": "REL",
    "MOS": "REL",
    "ATH": "REL",
    "MNC": "BUS",
    "RAD": "OPP",
    "SEP": "REB",
    "UNR": "REB",
    "MOD": "OPP",
    "PTY": "PTY",
    "DEV": "NGO",
    "HRI": "NGO",
    "ENV": "NGO",
}
COUNTRY_MAP = {"KSV": "XKX", "TMP": "TLS", "SUN": "RUS", "USR": "RUS"}
# Regions and blocks that are not states (CAMEO): a code starting with one has no country.
REGIONS = frozenset(
    "IGO IMG INT NGO MNC AFR ASA BLK BLT CAF CAS CAU CRB EAF EIN EUR LAM MEA MDT NAF NMR PGS SAF SAM SAS "
    "SCN SEA "
    "WAF WEU WST KKL UIS ESA".split()
)
ORG_WORDS = frozenset(
    """ARMY FORCES FORCE PARTY MINISTRY COUNCIL COURT POLICE GUARD GUARDS AGENCY ASSOCIATION UNION
    FRONT MOVEMENT ORGANIZATION ORGANISATION BANK COMMISSION COMMITTEE CONGRESS ASSEMBLY
    PARLIAMENT SENATE GOVERNMENT OFFICE DEPARTMENT BUREAU SERVICE SERVICES INSTITUTE INSTITUTION
    UNIVERSITY COMPANY CORPORATION CORP INC LTD GROUP BRIGADE BRIGADES LEAGUE FEDERATION
    ALLIANCE AUTHORITY BOARD FUND FOUNDATION CENTER CENTRE NAVY AIR REPUBLIC STATE STATES
    KINGDOM TRIBUNAL CABINET COALITION MILITIA MILITIAS NETWORK COMMAND FLEET CORPS SOCIETY
    CHURCH COMMUNITY TRUST PROGRAM PROGRAMME INITIATIVE PROJECT SECRETARIAT MISSION AUTHORITIES
    REGIME ADMINISTRATION FACTION CELLS CELL UNIT UNITS SQUAD COMMANDOS ARMED REBELS GUERRILLAS
    INSURGENTS MUJAHIDEEN JIHAD TALIBAN NATIONAL INTERNATIONAL WORLD UNITED BUREAU HOLDINGS
    INDUSTRIES SYSTEMS TECHNOLOGIES ENERGY AIRLINES AIRWAYS MOTORS BANCORP FINANCIAL GROUP
    PETROLEUM OIL GAS TELECOM COMMUNICATIONS MEDIA NEWS TIMES POST RADIO TELEVISION CHAMBER
    OBSERVATORY WATCH INTERNATIONALE LIBERATION REVOLUTIONARY ISLAMIC COMMUNIST""".split()
)
SMALL_WORDS = frozenset(
    "of the and for in on at to de du la le des al el bin bin ibn van von der da di".split()
)
VOWELS = frozenset("AEIOUY")
DATE_PIVOT = 20  # six-digit dates: YY < 20 -> 20YY (the dictionaries end in 2014), else 19YY


@dataclass
class RawEntry:
    """One dictionary entry: its names and its bracketed codes, with where it was read."""

    names: list[str]
    codes: list[str] = field(default_factory=list)
    source: str = ""
    person_hint: bool = False  # "# CountryInfo.txt": the CountryInfo list of office holders


@dataclass(frozen=True)
class PetrarchRole:
    code: str
    sector: str | None
    country: str | None
    start: dt.date | None
    end: dt.date | None

    def tsv(self) -> str:
        return "/".join(
            [
                self.code,
                self.sector or "",
                self.country or "",
                self.start.isoformat() if self.start else "",
                self.end.isoformat() if self.end else "",
            ]
        )


# -- reading the TABARI format ----------------------------------------------------------
_CODE = re.compile(r"\[([^\]]*)\]")


def read_entries(path: Path) -> Iterator[RawEntry]:
    """The entries of one .actors file, in order."""
    current: RawEntry | None = None
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            body, _, comment = raw.partition("#")
            if not body.strip():
                continue
            codes = _CODE.findall(body)
            text = _CODE.sub(" ", body)
            stripped = text.strip()
            if body[0] in " \t" and not stripped:  # an indented code line
                if current is not None:
                    current.codes.extend(codes)
                continue
            if stripped.startswith("+"):
                if current is not None:
                    current.names.extend(n for n in stripped.split("+") if n.strip())
                    current.codes.extend(codes)
                continue
            if current is not None:
                yield current
            current = RawEntry(
                names=[stripped],
                codes=list(codes),
                source=f"{path.name}:{number}",
                person_hint="CountryInfo" in comment,
            )
    if current is not None:
        yield current


def parse_date(text: str) -> dt.date | None:
    """YYMMDD or YYYYMMDD; None when malformed (a few entries carry typos)."""
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy < DATE_PIVOT else "19") + text
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def parse_code(raw: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    """``AFGGOV 011222-040101`` -> (code, start, end); None for ``---`` and malformed dates."""
    parts = raw.split()
    if not parts or parts[0].startswith("-"):
        return None
    code = parts[0].lstrip("~").upper()
    span = "".join(parts[1:])
    if not span:
        return code, None, None
    if span.startswith(">"):
        start = parse_date(span[1:])
        return (code, start, None) if start else None
    if span.startswith("<"):
        end = parse_date(span[1:])
        return (code, None, end) if end else None
    first, _, last = span.partition("-")
    start, end = parse_date(first), parse_date(last)
    return (code, start, end) if start and end else None


def map_code(code: str) -> tuple[str, str | None, str | None]:
    """A PETRARCH code as (our code, sector, country)."""
    blocks = [code[i : i + 3] for i in range(0, len(code), 3)]
    head = COUNTRY_MAP.get(blocks[0], blocks[0])
    rest = blocks[1:]
    if head == "IGO":
        if len(rest) >= 2 and rest[0] in REGIONS:
            rest = rest[1:]
        org = rest[0] if rest else ""
        return "IGO" + org, "IGO", None
    if head == "MNC":
        country = COUNTRY_MAP.get(rest[0], rest[0]) if rest and rest[0] not in SECTORS else None
        return (country or "") + "BUS", "BUS", country
    if head == "NGO":
        return "NGO", "NGO", None
    country = None if head in REGIONS else head
    sector = next((SECTOR_MAP.get(b, b) for b in rest if SECTOR_MAP.get(b, b) in SECTORS), None)
    return (country or "") + (sector or ""), sector, country


# -- names ----------------------------------------------------------------------------------
def _word(word: str, single: bool) -> str:
    """Title-case a dictionary word; keep acronyms ("ANSF", "IAEA") upper-case."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return word
    if "." in word and len(letters) <= 5:
        return word  # "U.N."
    if not single and word.lower() in SMALL_WORDS:
        return word.lower()
    if (single and len(letters) <= 4) or len(letters) <= 2 or not VOWELS & set(letters):
        return word  # "IAEA", "ANSF", "PKK", "US"
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def display_name(raw: str) -> tuple[str, list[str]]:
    """``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`` -> ("Aden Abyan Islamic Army", ["AAIA"])."""
    text = raw.replace("_", " ").strip()
    extra = [m.strip() for m in re.findall(r"\(([^)]*)\)", text) if m.strip()]
    text = re.sub(r"\([^)]*\)", " ", text)
    words = [w for w in text.split() if w]
    single = len(words) == 1
    name = " ".join(_word(w, single) for w in words)
    if name[:1].islower():
        name = name[:1].upper() + name[1:]
    return name, [e for e in extra if " " not in e and e.isupper()]


def _is_org_name(names: Iterable[str]) -> bool:
    return any(ORG_WORDS & set(n.upper().replace("-", " ").split()) for n in names)


# -- building the tables ----------------------------------------------------------------------
@dataclass
class Tables:
    people: list[tuple[str, list[str], str, list[PetrarchRole], str]] = field(default_factory=list)
    orgs: list[tuple[str, list[str], str, str, str, str]] = field(default_factory=list)
    agents: list[tuple[str, str, str]] = field(default_factory=list)
    discards: list[tuple[str, str]] = field(default_factory=list)


def _names_of(entry: RawEntry) -> list[str]:
    seen: list[str] = []
    for raw in entry.names:
        name, extra = display_name(raw)
        for n in [name, *extra]:
            if n and n not in seen:
                seen.append(n)
    return seen


def _roles(codes: list[str]) -> list[PetrarchRole]:
    roles = []
    for raw in codes:
        parsed = parse_code(raw)
        if parsed is None:
            continue
        code, start, end = parsed
        ours, sector, country = map_code(code)
        roles.append(PetrarchRole(ours, sector, country, start, end))
    return roles


def classify(entry: RawEntry, roles: list[PetrarchRole], names: list[str]) -> str:
    """person | org | skip.  A bare state code is a country alias or a town (our countries.yaml and the
    gazetteer cover those); dated codes or the CountryInfo office-holder list mark people."""
    if not roles or not names:
        return "skip"
    if all(len(r.code) == 3 and r.sector is None for r in roles) and len(roles) == 1:
        return "skip"
    if entry.person_hint:
        return "person"
    if _is_org_name(names):
        return "org"
    dated = any(r.start or r.end for r in roles)
    words = len(names[0].split())
    if dated:
        return "person"
    if roles[0].sector in ("BUS", "NGO", "IGO", "REB", "INS") and not entry.source.startswith(ACTOR_FILES[0]):
        return "org"
    return "person" if 2 <= words <= 4 else "org"


def convert(source: Path) -> Tables:
    """Read the PETRARCH dictionaries under `source` into our tables (before merging with ours)."""
    tables = Tables()
    for file_name in ACTOR_FILES:
        for entry in read_entries(source / file_name):
            names = _names_of(entry)
            roles = _roles(entry.codes)
            kind = classify(entry, roles, names)
            if kind == "person":
                countries = Counter(r.country for r in roles if r.country)
                country = countries.most_common(1)[0][0] if countries else ""
                tables.people.append((names[0], names[1:], country, roles, entry.source))
            elif kind == "org":
                role = next((r for r in roles if r.end is None), roles[0])
                if (
                    file_name.startswith("Phoenix.International")
                    and role.sector == "BUS"
                    and len(names[0].split()) < 2
                ):
                    continue  # one-word company names ("Target", "Gap") are mostly ordinary words
                tables.orgs.append(
                    (names[0], names[1:], role.code, role.country or "", role.sector or "", entry.source)
                )
    tables.agents = list(read_agents(source / AGENTS_FILE))
    tables.discards = list(read_discards(source / DISCARDS_FILE))
    return tables


def read_agents(path: Path) -> Iterator[tuple[str, str, str]]:
    """Sector nouns: ``FARMER [~AGR]``, with ``!PERSON!`` macros and ``{PLURAL}`` forms."""
    macros: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            body = raw.partition("#")[0].strip()
            if not body:
                continue
            macro = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", body)
            if macro:
                macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
                continue
            codes = _CODE.findall(body)
            if not codes:
                continue
            _, sector, _ = map_code("XXX" + codes[0].strip().lstrip("~").split()[0])
            if sector is None:
                continue
            plural = re.findall(r"\{([^}]*)\}", body)
            term = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).strip()
            for form in [*_expand(term, macros), *(p for p in plural if p.strip())]:
                words = form.replace("_", " ").lower().split()
                if words:
                    yield " ".join(words), sector, f"{path.name}:{number}"


def _expand(term: str, macros: dict[str, list[str]]) -> list[str]:
    found = re.search(r"![A-Z]+!", term)
    if not found or found.group(0) not in macros:
        return [term.replace("!", "")]
    out = []
    for value in macros[found.group(0)]:
        joined = term[: found.start()] + value + term[found.end() :]
        out.extend(_expand(joined, macros))
    return out


def read_discards(path: Path) -> Iterator[tuple[str, str]]:
    """Phrases that are never actors; bare years are left out (numbers never match a name anyway)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            body = raw.partition("#")[0].partition(";")[0].strip().lstrip("+").strip()
            if body and not body.isdigit():
                yield " ".join(body.replace("_", " ").split()), f"{path.name}:{number}"


# -- merging with our knowledge base and writing --------------------------------------------------
def our_names(data_dir: Path = OUT_DIR) -> set[str]:
    """Lower-cased names and aliases of every entry in our YAML files (these win over PETRARCH), and
    our sector nouns and titles (a PETRARCH alias such as "Secretary of State" is a title, not a name)."""
    import yaml

    names: set[str] = set()
    for path in sorted(data_dir.glob("*.yaml")):
        items = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict):
                for key in ("name", "iso3"):
                    if isinstance(item.get(key), str):
                        names.add(_fold(item[key]))
                for key in ("aliases", "demonyms", "capitals", "nouns"):
                    names.update(_fold(str(a)) for a in item.get(key) or [])
                # A sector title ("Secretary of State") is no one's name.
                names.update(
                    _fold(t if isinstance(t, str) else str(t.get("title"))) for t in item.get("titles") or []
                )
    return names


def _fold_all(names: Iterable[str]) -> set[str]:
    return {_fold(n) for n in names}


def _fold(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    return text[4:] if text.startswith("the ") else text


def merge(tables: Tables, ours: set[str]) -> Tables:
    """Drop PETRARCH entries that our files already name; drop person aliases that several entries share
    (a bare "Ali" or "Karzai" used by two people names neither); keep each name once."""
    alias_owners: Counter[str] = Counter()
    for name, aliases, *_ in tables.people:
        for alias in {_fold(a) for a in [name, *aliases]}:
            alias_owners[alias] += 1
    taken: set[str] = set(ours)
    merged = Tables(agents=[a for a in tables.agents], discards=tables.discards)
    for name, aliases, country, roles, source in tables.people:
        forms = [name, *aliases]
        if any(_fold(f) in ours for f in forms):
            continue
        keep = [
            f
            for f in forms
            if _fold(f) not in taken and alias_owners[_fold(f)] == 1 and (len(f.split()) > 1 or f == name)
        ]
        if not keep:
            continue
        taken.update(_fold(f) for f in keep)
        merged.people.append((keep[0], keep[1:], country, roles, source))
    for name, aliases, code, country, sector, source in tables.orgs:
        forms = [name, *aliases]
        if any(_fold(f) in ours for f in forms):
            continue
        keep = [f for f in forms if _fold(f) not in taken]
        if not keep:
            continue
        taken.update(_fold(f) for f in keep)
        merged.orgs.append((keep[0], keep[1:], code, country, sector, source))
    return merged


def _rows(rows: Iterable[tuple[str, ...]]) -> list[str]:
    return ["\t".join(row) for row in _first_of_each(rows)]


def _first_of_each(rows: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Rows whose first cell (case-insensitive) was not seen before: a term or phrase is listed once."""
    seen: set[str] = set()
    out = []
    for row in rows:
        if row[0].lower() not in seen:
            seen.add(row[0].lower())
            out.append(row)
    return out


def _cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def write(tables: Tables, out_dir: Path = OUT_DIR) -> dict[str, int]:
    """Write the four TSV files; returns the row count of each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    header = "# Generated by `eventcoder kb convert` from the PETRARCH-2 dictionaries; MIT, LICENSE\n"
    rows = {
        "petrarch-people.tsv": (
            "name\taliases\tcountry\troles\tsource",
            [
                "\t".join([_cell(n), "|".join(map(_cell, a)), c, ";".join(r.tsv() for r in roles), s])
                for n, a, c, roles, s in tables.people
            ],
        ),
        "petrarch-orgs.tsv": (
            "name\taliases\tcode\tcountry\tsector\tsource",
            [
                "\t".join([_cell(n), "|".join(map(_cell, a)), code, c, sec, s])
                for n, a, code, c, sec, s in tables.orgs
            ],
        ),
        "petrarch-agents.tsv": ("term\tsector\tsource", _rows(tables.agents)),
        "petrarch-discards.tsv": ("phrase\tsource", _rows(tables.discards)),
    }
    counts = {}
    for file_name, (columns, lines) in rows.items():
        (out_dir / file_name).write_text(header + columns + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
        counts[file_name] = len(lines)
    return counts


# -- CLI ------------------------------------------------------------------------------------------
def add_kb_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    convert_parser = sub.add_parser(
        "convert", help="convert the PETRARCH/Phoenix dictionaries into data/actors/"
    )
    convert_parser.add_argument("source", type=Path, help="folder holding the Phoenix.*.txt dictionaries")
    convert_parser.add_argument(
        "--out", type=Path, default=OUT_DIR, help="output folder (default: the package data)"
    )
    sub.add_parser("index", help="build the prebuilt knowledge-base indexes into the user cache now")


def run_kb(args: argparse.Namespace) -> int:
    if getattr(args, "kb_command", "convert") == "index":
        from eventcoder.kb.indexes import run_index

        return run_index()
    return run_convert(args)


def run_convert(args: argparse.Namespace) -> int:
    missing = [f for f in (*ACTOR_FILES, AGENTS_FILE, DISCARDS_FILE) if not (args.source / f).is_file()]
    if missing:
        print(f"error: {args.source}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    tables = merge(convert(args.source), our_names())
    counts = write(tables, args.out)
    dated = sum(1 for p in tables.people if any(r.start or r.end for r in p[3]))
    for file_name, count in counts.items():
        print(f"{args.out / file_name}: {count} rows")
    print(f"{dated} people with dated roles, {len(tables.orgs)} organisations")
    return 0
