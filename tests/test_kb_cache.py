"""Prebuilt indexes (eventcoder/kb/cache.py): built once per version of the data files, read back by
later processes, rebuilt when a file changes; the gazetteer is one per process."""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from eventcoder import geo
from eventcoder.actors import ActorFileError, ActorResolver
from eventcoder.kb.cache import content_key, load_or_build


def test_an_index_is_built_once_and_rebuilt_when_its_file_changes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "names.tsv"
    data.write_text("Kyiv\tUKR\n", encoding="utf-8")
    builds: list[str] = []

    def build() -> dict[str, str]:
        builds.append(data.read_text(encoding="utf-8"))
        return dict(line.split("\t") for line in data.read_text(encoding="utf-8").splitlines())

    first = load_or_build("names", content_key([data]), build, dict)
    again = load_or_build("names", content_key([data]), build, dict)
    assert first == again == {"Kyiv": "UKR"} and len(builds) == 1  # the second read the index
    data.write_text("Kyiv\tUKR\nLviv\tUKR\n", encoding="utf-8")  # a user edits the data file
    edited = load_or_build("names", content_key([data]), build, dict)
    assert edited == {"Kyiv": "UKR", "Lviv": "UKR"} and len(builds) == 2


def test_a_damaged_index_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    key = content_key([], "v1")
    (tmp_path / f"names-{key}.pickle").write_bytes(b"not a pickle")
    assert load_or_build("names", key, lambda: {"a": "b"}, dict) == {"a": "b"}
    assert load_or_build("names", key, lambda: {}, dict) == {"a": "b"}  # the rebuilt one was stored


def test_an_unwritable_cache_only_means_building_each_time(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(blocker / "cache"))  # a file where a folder must be
    assert load_or_build("names", "k", lambda: {"a": "b"}, dict) == {"a": "b"}


def test_the_actors_stage_and_the_geocoder_share_one_gazetteer() -> None:
    # The actors stage asks for the gazetteer without a threshold, the geocoder with geo.yaml's.
    assert geo.gazetteer() is geo.Geocoder().gaz
    assert geo.place_country("Mariupol") == "UKR"


def test_user_actor_files_are_still_checked_with_the_index_in_place(tmp_path: Path) -> None:
    ActorResolver()  # the shipped knowledge base from its index
    good = tmp_path / "mine.yaml"
    good.write_text("- name: Zorbania Defence Council\n  code: ZRBMIL\n  sector: MIL\n", encoding="utf-8")
    assert ("zorbania", "defence", "council") in ActorResolver(extra_files=[good]).lex.names
    assert ("zorbania", "defence", "council") not in ActorResolver().lex.names  # not kept in the index
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: Zorbania Army\n  code: ZRBMIL\n  sectr: MIL\n", encoding="utf-8")
    with pytest.raises(ActorFileError, match=rf"{bad}:3: unknown key 'sectr'"):
        ActorResolver(extra_files=[bad])


def test_kb_index_builds_the_indexes_the_next_process_reads(tmp_path: Path, monkeypatch, capsys) -> None:
    from eventcoder.cli import main

    monkeypatch.setenv("EVENTCODER_CACHE_DIR", str(tmp_path))
    geo._shared_gazetteer.cache_clear()  # this process already holds one
    try:
        assert main(["kb", "index"]) == 0
        first = capsys.readouterr().out
        assert main(["kb", "index"]) == 0
        again = capsys.readouterr().out
    finally:
        geo._shared_gazetteer.cache_clear()
    assert "actors: " in first and "(built in" in first and str(tmp_path) in first
    assert sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pickle")) == ["actors", "gazetteer"]
    assert again.count("already built, read") == 2


def _build_slowly(log: str) -> dict[str, str]:
    with open(log, "a", encoding="utf-8") as handle:
        handle.write("built\n")
    time.sleep(1.0)  # long enough for the other process to find no index and wait
    return {"a": "b"}


def _load_in_process(cache: str, log: str) -> None:
    os.environ["EVENTCODER_CACHE_DIR"] = cache
    assert load_or_build("slow", "k1", functools.partial(_build_slowly, log), dict) == {"a": "b"}


def test_processes_starting_together_build_an_index_once(tmp_path: Path) -> None:
    # `code --workers 2` with no index yet: the second worker waits and reads the first one's.
    log = tmp_path / "builds.log"
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_load_in_process, args=(str(tmp_path / "cache"), str(log))) for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    assert log.read_text(encoding="utf-8").count("built") == 1
