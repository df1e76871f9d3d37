"""The CAMEO/PLOVER tables: what `eventcoder codes` and every coded event rely on."""

from __future__ import annotations

import argparse
import json

import pytest

from eventcoder.ontology import Ontology, add_codes_arguments, quad_class_of, run_codes


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def test_all_twenty_roots_with_quad_classes(onto):
    roots = [c.code for c in onto.roots()]
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    assert [quad_class_of(r) for r in ("01", "05", "06", "08", "09", "13", "14", "20")] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert all(c.quad_class == quad_class_of(c.root) for c in onto.codes.values())


def test_every_code_has_name_and_goldstein_in_range(onto):
    assert len(onto.codes) > 300
    for code in onto.codes.values():
        assert code.name and -10 <= code.goldstein <= 10
        assert code.code.startswith(code.root)


def test_gdelt_goldstein_values_win_where_tables_disagree(onto):
    assert onto["016"].goldstein == -2.0
    assert onto["022"].goldstein == 3.2
    assert onto["164"].goldstein == -7.0
    assert onto["165"].goldstein == -6.5


def test_plover_mapping(onto):
    assert onto["154"].plover() == {"type": "MOBILIZE", "mode": "troops", "context": "military"}
    assert onto["072"].plover_type == "AID"
    assert onto["1312"].plover_type == "THREATEN"
    assert onto["190"].plover_type == "ASSAULT"
    assert onto["010"].plover_type is None  # PLOVER dropped plain statements
    assert onto["0231"].plover_type == "REQUEST"  # appeals count as requests
    assert set(onto.plover_types) >= {"AGREE", "CONSULT", "ASSAULT", "MOBILIZE", "SANCTION", "RETREAT"}
    assert len(onto.plover_types) == 16
    assert "troops" in onto.plover_types["MOBILIZE"].modes


def _run(capsys, *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_codes_arguments(parser)
    status = run_codes(parser.parse_args(list(argv)))
    return status, capsys.readouterr().out


def test_codes_command_filters_by_root_and_word(capsys):
    status, out = _run(capsys, "--root", "15")
    assert status == 0
    assert "154" in out and "MOBILIZE" in out and "190" not in out
    status, out = _run(capsys, "--search", "ceasefire", "--json")
    rows = json.loads(out)
    assert status == 0 and {"0871", "196"} <= {r["code"] for r in rows}


def test_codes_command_plover_and_bad_root(capsys):
    status, out = _run(capsys, "--plover")
    assert status == 0 and "THREATEN" in out and "contexts:" in out
    status, _ = _run(capsys, "--root", "42")
    assert status == 2
