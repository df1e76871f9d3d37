"""Invariants and spot facts for the people knowledge base (data/actors/people*.yaml).

The resolver picks a person's role by the event date, so a wrong date or a
duplicated alias silently turns "Trump" in a 2023 story into a sitting
president, or "Blair" into the wrong Blair.  These tests guard the data itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "eventcoder" / "data" / "actors"
SECTORS = {
    "GOV",
    "MIL",
    "LEG",
    "JUD",
    "SPY",
    "IGO",
    "REB",
    "INS",
    "PTY",
    "OPP",
    "BUS",
    "REL",
    "ELI",
    "NGO",
    "UAF",
    "COP",
}
ROLE_KEYS = {"role", "sector", "start", "end", "code", "country"}
# Offices with one holder at a time: their tenures may touch but never overlap.
SINGLE_SEATS = {
    "President",
    "Vice President",
    "Prime Minister",
    "Premier",
    "Chancellor",
    "Foreign Minister",
    "Defence Minister",
    "Secretary of State",
    "Secretary of Defense",
    "National Security Adviser",
    "Foreign Secretary",
    "Defence Secretary",
    "External Affairs Minister",
    "Armed Forces Minister",
    "King",
    "Emir",
    "Supreme Leader",
    "Secretary General of NATO",
    "Secretary-General of the United Nations",
    "Managing Director of the IMF",
    "President of the World Bank",
    "Director-General of the WHO",
    "Director General of the IAEA",
    "Prosecutor of the International Criminal Court",
    "President of the European Commission",
    "President of the European Council",
    "EU High Representative for Foreign Affairs and Security Policy",
}
# Bare surnames kept although another listed person shares them, because the
# other holder is never called by the bare name in news from 2000 on:
# Hafez al-Assad left office in 2000; Yemen's Ahmed Awad bin Mubarak is "bin Mubarak".
SHARED_SURNAME_OK = {"assad", "mubarak"}


def _people() -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("people*.yaml")):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        assert isinstance(loaded, list), f"{path.name} must hold a list of people"
        people.extend(loaded)
    return people


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return _people()


@pytest.fixture(scope="module")
def by_name(people: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in people}


def _role_on(person: dict[str, Any], date: str) -> tuple[str, str | None, str | None] | None:
    """(role, country, code) held on `date`, the latest-started when several overlap (the loader's rule)."""
    day = dt.date.fromisoformat(date)
    current = [r for r in person["roles"] if r["start"] <= day and (r.get("end") is None or day < r["end"])]
    if not current:
        return None
    role = max(current, key=lambda r: r["start"])
    country = role["country"] if "country" in role else person.get("country")
    return role["role"], country, role.get("code")


def _core(word: str) -> str:
    word = word.lower()
    return word[3:] if word.startswith(("al-", "el-")) else word


def test_there_are_several_hundred_people(people: list[dict[str, Any]]) -> None:
    assert len(people) >= 500


def test_every_entry_is_well_formed(people: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    names: set[str] = set()
    for person in people:
        name = person.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"entry without a name: {person}")
            continue
        if name in names:
            problems.append(f"{name}: listed twice")
        names.add(name)
        if person.get("gender") not in ("m", "f"):
            problems.append(f"{name}: gender must be m or f")
        country = person.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
            problems.append(f"{name}: country must be ISO3 or null")
        if not isinstance(person.get("aliases", []), list):
            problems.append(f"{name}: aliases must be a list")
        if not person.get("roles"):
            problems.append(f"{name}: no roles")
        for role in person.get("roles") or []:
            problems.extend(_role_problems(name, role))
    assert not problems, "\n".join(problems)


def _role_problems(name: str, role: dict[str, Any]) -> list[str]:
    """What is wrong with one role mapping (empty when nothing is)."""
    out: list[str] = []
    if set(role) - ROLE_KEYS:
        out.append(f"{name}: unknown keys {sorted(set(role) - ROLE_KEYS)}")
    if not isinstance(role.get("role"), str) or not role["role"]:
        out.append(f"{name}: role text missing in {role}")
    if role.get("sector") not in SECTORS:
        out.append(f"{name}: bad sector in {role}")
    start, end = role.get("start"), role.get("end")
    if not isinstance(start, dt.date):
        out.append(f"{name}: start must be a YYYY-MM-DD date in {role}")
    if end is not None and not isinstance(end, dt.date):
        out.append(f"{name}: end must be a date or null in {role}")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        out.append(f"{name}: starts after it ends in {role}")
    if role.get("sector") == "IGO" and (
        role.get("country", "missing") is not None or not str(role.get("code", "")).startswith("IGO")
    ):
        out.append(f"{name}: an IGO role needs an IGO code and country: null in {role}")
    return out


def test_no_alias_names_two_people(people: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for form in [person["name"], *(person.get("aliases") or [])]:
            owners[form.lower()].add(person["name"])
    shared = {form: sorted(names) for form, names in owners.items() if len(names) > 1}
    assert not shared


def test_bare_surname_only_when_unambiguous(people: list[dict[str, Any]]) -> None:
    surnames: dict[str, set[str]] = defaultdict(set)
    for person in people:
        surnames[_core(person["name"].split()[-1])].add(person["name"])
    clashes = []
    for person in people:
        for alias in person.get("aliases") or []:
            if " " in alias.strip() or _core(alias) in SHARED_SURNAME_OK:
                continue
            others = surnames.get(_core(alias), set()) - {person["name"]}
            if others:
                clashes.append(f"{alias!r} of {person['name']} is also the surname of {sorted(others)}")
    assert not clashes, "\n".join(clashes)


def test_aliases_do_not_shadow_states_or_organisations(people: list[dict[str, Any]]) -> None:
    """People are loaded after countries and organisations, so a clash would hijack the country."""
    taken: set[str] = set()
    for name in ("countries.yaml", "igos.yaml", "groups.yaml", "metonyms.yaml"):
        path = DATA / name
        if not path.exists():
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            if not isinstance(item, dict):
                continue
            forms = [item.get("name")]
            forms += [a for key in ("aliases", "demonyms", "capitals") for a in item.get(key) or []]
            taken.update(f.lower() for f in forms if isinstance(f, str))
    clashes = [
        (p["name"], form)
        for p in people
        for form in [p["name"], *(p.get("aliases") or [])]
        if form.lower() in taken
    ]
    assert not clashes


def test_single_seat_offices_never_have_two_holders(people: list[dict[str, Any]]) -> None:
    seats: dict[tuple[Any, ...], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for person in people:
        for role in person["roles"]:
            if role["role"] in SINGLE_SEATS:
                country = role["country"] if "country" in role else person.get("country")
                seats[(country, role.get("code"), role["role"])].append(
                    (role["start"], role.get("end") or dt.date.max, person["name"])
                )
    overlaps = []
    for seat, terms in seats.items():
        terms.sort()
        for first, second in zip(terms, terms[1:], strict=False):
            if second[0] < first[1] and first[2] != second[2]:
                overlaps.append(f"{seat}: {first[2]} and {second[2]}")
    assert not overlaps, "\n".join(overlaps)


@pytest.mark.parametrize(
    ("name", "date", "expected"),
    [
        ("Donald Trump", "2019-06-01", ("President", "USA", None)),
        ("Donald Trump", "2023-03-01", None),
        ("Donald Trump", "2025-06-01", ("President", "USA", None)),
        ("Joe Biden", "2012-05-01", ("Vice President", "USA", None)),
        ("Joe Biden", "2022-02-24", ("President", "USA", None)),
        ("Antony Blinken", "2022-01-26", ("Secretary of State", "USA", None)),
        ("Lloyd Austin", "2022-01-26", ("Secretary of Defense", "USA", None)),
        ("Vladimir Putin", "2010-01-01", ("Prime Minister", "RUS", None)),
        ("Vladimir Putin", "2022-01-26", ("President", "RUS", None)),
        ("Sergei Lavrov", "2022-01-26", ("Foreign Minister", "RUS", None)),
        ("Volodymyr Zelensky", "2022-02-24", ("President", "UKR", None)),
        ("Jens Stoltenberg", "2022-01-26", ("Secretary General of NATO", None, "IGONAT")),
        ("Jens Stoltenberg", "2010-01-01", ("Prime Minister", "NOR", None)),
        ("Antonio Guterres", "2020-01-01", ("Secretary-General of the United Nations", None, "IGOUNO")),
        ("Angela Merkel", "2015-01-01", ("Chancellor", "DEU", None)),
        ("Olaf Scholz", "2023-01-01", ("Chancellor", "DEU", None)),
        ("Xi Jinping", "2020-01-01", ("President", "CHN", None)),
        ("Boris Johnson", "2017-01-01", ("Foreign Secretary", "GBR", None)),
        ("Mahmoud Abbas", "2010-01-01", ("President of the Palestinian Authority", "PSE", None)),
    ],
)
def test_spot_facts(
    by_name: dict[str, dict[str, Any]],
    name: str,
    date: str,
    expected: tuple[str, str | None, str | None] | None,
) -> None:
    assert _role_on(by_name[name], date) == expected


def test_trump_resolves_as_the_bare_surname(by_name: dict[str, dict[str, Any]]) -> None:
    assert "Trump" in by_name["Donald Trump"]["aliases"]
    assert "Bush" not in by_name["George W. Bush"]["aliases"]
