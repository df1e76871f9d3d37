"""The PETRARCH/Phoenix dictionary converter and the tables it generates (issue 13)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from eventcoder.actors import DATA_DIR, PETRARCH_ORGS, PETRARCH_PEOPLE, ActorResolver, person_actor
from eventcoder.kb import petrarch

# A tiny dictionary in the TABARI format, written for this test (names invented).
COUNTRIES = textwrap.dedent(
    """\
    # comment
    ZEMBLA_  [ZMB]
    +ZEMBLAN_
    ZEMBLAN_NATIONAL_GUARD
    +ZNG
    \t[ZMBMIL]
    KARL_OTTO_VANDERBILT_  # CountryInfo.txt
    +PRESIDENT_VANDERBILT_
    \t[ZMBELI 600101-991231]
    \t[ZMBGOV >991231]
    MARTA_OSTROVA_  # CountryInfo.txt
    \t[ZMBGOVMED 050101-080630]
    \t[ZMBELI]
    """
)
INTERNATIONAL = "LIGA_OF_NORTHERN_STATES_ [IGOEURLNS]\nACME_WIDGET_HOLDINGS_ [MNCUSA]\n"
NONSTATE = "NORTHERN_LIBERATION_FRONT_(NLF)_ [ZMBREB] # note\n"
AGENTS = "!PERSON! = MAN, MEN\nTAXI_DRIVER [~CVL]\nFERRY!PERSON! [~CVL]\nNEWS_EDITOR [~MED]\n"
DISCARDS = "1999\nGRAND_CUP_FINAL # sports\n"


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    files = dict(zip(petrarch.ACTOR_FILES, (COUNTRIES, INTERNATIONAL, NONSTATE), strict=True))
    files[petrarch.AGENTS_FILE] = AGENTS
    files[petrarch.DISCARDS_FILE] = DISCARDS
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_converter_reads_people_bodies_agents_and_discards(source: Path) -> None:
    tables = petrarch.convert(source)
    people = {p[0]: p for p in tables.people}
    assert set(people) == {"Karl Otto Vanderbilt", "Marta Ostrova"}
    name, aliases, country, roles, origin = people["Karl Otto Vanderbilt"]
    assert aliases == ["President Vanderbilt"] and country == "ZMB"
    assert [(r.code, r.start, r.end) for r in roles] == [
        ("ZMBELI", dt.date(1960, 1, 1), dt.date(1999, 12, 31)),
        ("ZMBGOV", dt.date(1999, 12, 31), None),
    ]
    assert origin.endswith("Countries.actors.txt:7")
    ostrova = people["Marta Ostrova"][3]
    assert ostrova[0].sector == "GOV" and ostrova[1] == petrarch.PetrarchRole(
        "ZMBELI", "ELI", "ZMB", None, None
    )
    orgs = {o[0]: o for o in tables.orgs}
    assert orgs["Zemblan National Guard"][1:5] == (["ZNG"], "ZMBMIL", "ZMB", "MIL")
    assert orgs["Liga of Northern States"][2] == "IGOLNS"  # the region block is dropped
    assert orgs["Acme Widget Holdings"][2:5] == ("USABUS", "USA", "BUS")
    assert orgs["Northern Liberation Front"][1:5] == (["NLF"], "ZMBREB", "ZMB", "REB")
    agents = {(a[0], a[1]) for a in tables.agents}
    assert {
        ("taxi driver", "CVL"),
        ("ferryman", "CVL"),
        ("ferrymen", "CVL"),
        ("news editor", "JRN"),
    } <= agents
    assert [d[0] for d in tables.discards] == ["GRAND CUP FINAL"]


def test_our_entries_win_and_shared_aliases_are_dropped(source: Path) -> None:
    tables = petrarch.convert(source)
    tables.people.append(("Karl Ostrova", ["President Vanderbilt"], "ZMB", [], "x:1"))
    merged = petrarch.merge(tables, petrarch._fold_all(["Marta Ostrova"]))
    names = {p[0]: p[1] for p in merged.people}
    assert "Marta Ostrova" not in names  # ours
    assert names["Karl Otto Vanderbilt"] == []  # "President Vanderbilt" names two people: neither keeps it


def test_convert_command_writes_loadable_tables(source: Path, tmp_path: Path) -> None:
    import argparse

    out = tmp_path / "out"
    assert petrarch.run_kb(argparse.Namespace(source=source, out=out)) == 0
    lines = (out / PETRARCH_PEOPLE).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Generated") and lines[1].split("\t")[0] == "name"


def test_missing_source_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    assert petrarch.run_kb(argparse.Namespace(source=tmp_path, out=tmp_path)) == 2
    assert "missing Phoenix.Countries.actors.txt" in capsys.readouterr().err


def test_shipped_tables_meet_the_size_targets() -> None:
    people = (DATA_DIR / PETRARCH_PEOPLE).read_text(encoding="utf-8").splitlines()[2:]
    orgs = (DATA_DIR / PETRARCH_ORGS).read_text(encoding="utf-8").splitlines()[2:]
    dated = [row for row in people if any(c.isdigit() for c in row.split("\t")[3])]
    assert len(dated) >= 10_000 and len(orgs) >= 2_000
    total = sum(p.stat().st_size for p in DATA_DIR.glob("petrarch-*.tsv"))
    assert total < 10_000_000


def test_dated_roles_keep_working_past_the_dictionaries_last_date(actor_resolver: ActorResolver) -> None:
    # Generated entries whose last role is open stay in office; one that ended stays ended.
    open_ended = ended = None
    for entry in actor_resolver.lex.people.values():
        if not entry.entry_id.startswith(PETRARCH_PEOPLE) or len(entry.roles) != 1:
            continue
        role = entry.roles[0]
        if role.start and role.end is None and role.sector == "GOV" and open_ended is None:
            open_ended = entry
        if role.start and role.end and role.sector == "GOV" and ended is None:
            ended = entry
    assert open_ended is not None and ended is not None
    later = dt.date(2024, 6, 1)
    assert person_actor(open_ended, later)[0].sector == "GOV"
    assert person_actor(ended, later)[0].sector == "ELI"


def test_the_shipped_knowledge_base_is_kept_as_a_prebuilt_index(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    first = ActorResolver()
    index = list(tmp_path.glob("actors-*.pickle"))
    assert len(index) == 1
    second = ActorResolver()  # read from the index
    assert (
        len(second.lex.people) == len(first.lex.people) and second.lex.names.keys() == first.lex.names.keys()
    )
    assert second.lex is not first.lex  # each resolver may add user files to its own copy
