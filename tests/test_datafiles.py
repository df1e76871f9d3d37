"""Every shipped rule and dictionary file loads through the schema checker, and a mistake in one
names the file and the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventcoder.datafiles import DataFileError, Strict, Words, load_tsv, load_yaml
from eventcoder.schemas import SHIPPED
from eventcoder.schemas.events import load_events_rules

DATA = Path(__file__).resolve().parents[1] / "src" / "eventcoder" / "data"
# Folders whose schemas their stage's owner has not written yet.
PENDING: tuple[str, ...] = ()


def shipped_files() -> list[str]:
    return sorted(
        str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.is_file() and p.suffix in (".yaml", ".tsv")
    )


def test_every_shipped_file_has_a_schema():
    missing = [f for f in shipped_files() if f not in SHIPPED and not f.startswith(PENDING)]
    assert missing == []


@pytest.mark.parametrize("relative", sorted(SHIPPED))
def test_shipped_file_loads(relative):
    SHIPPED[relative](DATA / relative)


@pytest.fixture()
def events_copy(tmp_path: Path) -> Path:
    target = tmp_path / "events"
    shutil.copytree(DATA / "events", target)
    return target


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return its line number."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def test_misspelt_key_in_a_rule_file_names_file_and_line(events_copy: Path):
    line = _replace(events_copy / "control.yaml", "conditional_marks:", "conditional_mark:")
    with pytest.raises(DataFileError) as caught:
        load_events_rules(events_copy)
    text = str(caught.value)
    assert f"control.yaml:{line}: unknown key 'conditional_mark'" in text
    assert "missing key 'conditional_marks'" in text


def test_misspelt_pattern_key_and_class_are_rejected(events_copy: Path):
    line = _replace(events_copy / "verbs.yaml", "obj: $troops", "objj: $troops")
    with pytest.raises(DataFileError, match=rf"verbs.yaml:{line}: unknown key 'objj'"):
        load_events_rules(events_copy)
    _replace(events_copy / "verbs.yaml", "objj: $troops", "obj: $troop")
    with pytest.raises(DataFileError, match=rf"verbs.yaml:{line}: .*unknown class '\$troop'"):
        load_events_rules(events_copy)


def test_unknown_code_wrong_type_and_duplicates_are_rejected(events_copy: Path):
    line = _replace(events_copy / "verbs.yaml", 'say: "010"', 'say: "0109"')
    with pytest.raises(DataFileError, match=rf"verbs.yaml:{line}: .*unknown CAMEO code '0109'"):
        load_events_rules(events_copy)
    _replace(events_copy / "verbs.yaml", 'say: "0109"', "say: 010")  # YAML reads an unquoted 010 as 8
    with pytest.raises(DataFileError, match=rf"verbs.yaml:{line}: "):
        load_events_rules(events_copy)
    _replace(events_copy / "verbs.yaml", "say: 010", 'say: "010"\nsay: "010"')
    with pytest.raises(DataFileError, match=rf"verbs.yaml:{line + 1}: duplicate key 'say'"):
        load_events_rules(events_copy)


def test_a_class_may_list_another_and_a_bad_reference_names_its_line(events_copy: Path):
    rules = load_events_rules(events_copy)
    hazards = set(rules.classes.root["hazards"])
    assert set(rules.classes.root["ills"]) <= hazards  # "$ills" stands for its words
    assert not any(word.startswith("$") and len(word) > 1 for word in hazards)
    line = _replace(events_copy / "classes.yaml", "hazards: [$ills,", "hazards: [$illz,")
    with pytest.raises(DataFileError, match=rf"classes.yaml:{line}: hazards: unknown class '\$illz'"):
        load_events_rules(events_copy)
    _replace(events_copy / "classes.yaml", "hazards: [$illz,", "hazards: [$hazards,")
    with pytest.raises(DataFileError, match=rf"classes.yaml:{line}: hazards: circular reference"):
        load_events_rules(events_copy)


class _Small(Strict):
    words: Words
    limit: int = 3


def test_small_api_on_own_files(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text("words: [a, b]\n", encoding="utf-8")
    assert load_yaml(good, _Small).words == ["a", "b"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("# header\nwords:\n  - a\n  - b\n  - a\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_yaml(bad, _Small)
    assert (caught.value.path, caught.value.line) == (str(bad), 5)
    assert "duplicate entry 'a'" in caught.value.message
    table = tmp_path / "t.tsv"
    table.write_text("# c\nwords\tlimit\nx\t1\nx\t2\n", encoding="utf-8")

    class Row(Strict):
        words: str
        limit: str

    with pytest.raises(DataFileError, match=r"t.tsv:4: duplicate words 'x'"):
        load_tsv(table, Row, ("words", "limit"), key="words")
