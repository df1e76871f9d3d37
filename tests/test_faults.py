"""Fault injection (issue 18): bad records among good ones, signals, a full disk, shared outputs.

Each case checks what a user relies on: the error names the file and record,
every good article is coded, the exit status is the documented one, a rerun
codes nothing twice, and after any interruption a resumed run equals an
uninterrupted one document by document (database and JSONL alike).
Longer and repeated trials: `python bench/fault_injection.py`.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from eventcoder import runner
from eventcoder.ingest import read_inputs
from eventcoder.model import Article, IngestError
from eventcoder.progress import Counts, Reporter
from tests.faults import (
    EXPECTED_STATUS,
    ROOT,
    code_command,
    database_documents,
    interrupt,
    jsonl_documents,
    lines_in,
    run,
    same_as_reference,
    write_corpus,
)

GOOD = {
    "alpha": "Freedonia recalled its ambassador from Sylvania on Monday, the foreign ministry said.",
    "beta": "Japan pledged emergency aid to Kenya after the floods, officials in Tokyo said on Friday.",
    "gamma": "Brazil and France signed a defence agreement in Paris on Wednesday, both governments said.",
}


def _jsonl(path: Path, lines: list[str], newline: str = "\n", encoding: str = "utf-8") -> None:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))


def bad_corpus(root: Path) -> tuple[Path, set[str], dict[str, str]]:
    """A folder of good articles with every bad input of the audit among them.

    Returns the folder, the ids that must be coded, and origin suffix -> words its error must contain.
    """
    folder = root / "corpus"
    (folder / "sub").mkdir(parents=True)
    for name, text in GOOD.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    records = [
        json.dumps({"id": "j-good", "text": GOOD["alpha"].replace("Monday", "Sunday")}),
        '{"id": "j-emoji", "text": "Kenya protested to Iran on Monday, officials said. \\ud83d"}',
        '{"id": "j-\\ud83d", "text": "Russia expelled two diplomats from Ukraine, Moscow said."}',
        json.dumps({"id": "j-bigdate", "text": "France thanked Japan on Monday.", "date": 10**400 // 7}),
        json.dumps({"id": "j-badmonth", "text": "Iran warned Brazil on Monday.", "date": "2020-13-01"}),
    ]
    _jsonl(folder / "records.jsonl", records)
    (folder / os.fsdecode(b"caf\xe9-story.txt")).write_text(
        GOOD["beta"] + " Cafes closed.\n", encoding="utf-8"
    )
    os.symlink("loop", folder / "loop")  # a symlink to itself
    (folder / "sub" / "inner.txt").write_text(GOOD["gamma"].replace("Paris", "Lyon") + "\n", encoding="utf-8")
    os.symlink("sub", folder / "sub-again")  # a second way into a folder already read
    (folder / "legacy.csv").write_bytes(
        "id,text\nw1,Caf\u00e9 owners in Paris protested on Monday.\n".encode("cp1252")
    )
    (folder / "wide.csv").write_bytes("id,text\nu1,Kenya welcomed the talks on Monday.\n".encode("utf-16"))
    _jsonl(
        folder / "wide.jsonl",
        [json.dumps({"id": "u2", "text": "Japan praised the deal."})],
        encoding="utf-16",
    )
    _jsonl(
        folder / "mac.jsonl",
        [json.dumps({"id": f"cr{i}", "text": f"Brazil met France, round {i}."}) for i in (1, 2)],
        newline="\r",
    )
    (folder / "quote.csv").write_text(
        'id,text\nq1,"Iran met Japan on Monday."\nq2,"Kenya warned Iran\nq3,"Japan met Brazil."\n'
        'q4,"France met Kenya on Friday."\n',
        encoding="utf-8",
    )
    with gzip.open(folder / "blank.jsonl.gz", "wb", compresslevel=9) as handle:
        handle.write(
            b"\n" * 5_000_000 + json.dumps({"id": "z1", "text": "Kenya met Japan."}).encode() + b"\n"
        )
    files = [f"{name}.txt" for name in GOOD] + ["caf\\xe9-story.txt", "sub/inner.txt"]
    must_code = {str(folder / name) for name in files}  # a file's id is its path
    must_code |= {
        "j-good",
        "j-emoji",
        "j-bigdate",
        "j-badmonth",
        "w1",
        "u1",
        "u2",
        "cr1",
        "cr2",
        "q1",
        "q4",
        "z1",
    }
    errors = {
        "records.jsonl:3": "lone surrogate",
        "loop": "symlink loop",
        "sub-again": "already read",
        "quote.csv:3": "malformed CSV",
    }
    return folder, must_code, errors


def test_blank_line_bomb_costs_seconds_not_minutes(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(30):
            handle.write(b"\n" * 10_000_000)  # 300 MB of blank lines, 0.3 MB compressed
        handle.write(b'{"id": "last", "text": "Still read."}\n')
    assert path.stat().st_size < 400_000
    started = time.monotonic()
    items = list(read_inputs([str(path)]))
    assert time.monotonic() - started < 20  # C speed: a few seconds per GB (bench/fault_injection.py: 0.9 MB)
    [article] = items
    assert isinstance(article, Article) and article.origin == f"{path}:300000001"


def test_every_bad_record_is_named_the_good_ones_coded_and_a_rerun_codes_nothing_twice(
    tmp_path: Path,
) -> None:
    folder, must_code, expected_errors = bad_corpus(tmp_path)
    db, out, log = tmp_path / "bad.db", tmp_path / "bad.jsonl", tmp_path / "run.log"
    first = run(code_command(folder, db, out, "--log", str(log), workers=1))
    assert first.returncode == 3, first.stderr
    assert "Traceback" not in first.stderr
    error_lines = [line for line in first.stderr.splitlines() if line.startswith("eventcoder: error:")]
    for origin, words in expected_errors.items():
        assert any(f"{folder}/{origin}" in line and words in line for line in error_lines), (
            origin,
            error_lines,
        )
    assert len(error_lines) == len(expected_errors), error_lines
    stored = database_documents(db)
    assert must_code <= set(stored), sorted(must_code - set(stored))
    assert jsonl_documents(out) == stored
    assert stored["j-emoji"]["text"].endswith("\ufffd")  # type: ignore[union-attr]
    assert stored["j-bigdate"]["date"] is None and stored["j-badmonth"]["date"] is None
    assert stored["w1"]["text"].startswith("Caf\u00e9") and stored["w1"]["encoding"] == "cp1252"
    assert "eventcoder: error:" in log.read_text(encoding="utf-8") and "coded " in log.read_text(
        encoding="utf-8"
    )

    again = run(code_command(folder, db, out, workers=1))
    assert again.returncode == 3 and "coded 0 documents" in again.stderr
    assert database_documents(db) == stored and jsonl_documents(out) == stored


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A small corpus and the database and JSONL of one uninterrupted run."""
    folder = tmp_path_factory.mktemp("faults")
    data = folder / "corpus.jsonl"
    write_corpus(data, 40)
    ref_db, ref_out = folder / "ref.db", folder / "ref.jsonl"
    done = run(code_command(data, ref_db, ref_out))
    assert done.returncode == 0, done.stderr
    return data, ref_db, ref_out


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["sigint-twice-group", "sigterm-group", "sigkill-worker", "sigkill-group"])
def test_signal_then_resume_equals_an_uninterrupted_run(
    reference: tuple[Path, Path, Path], tmp_path: Path, fault: str
) -> None:
    data, ref_db, ref_out = reference
    db, out = tmp_path / "run.db", tmp_path / "run.jsonl"
    cmd = code_command(data, db, out)
    stopped = interrupt(cmd, db, fault)
    assert stopped.returncode == EXPECTED_STATUS[fault], stopped.stderr
    if fault.startswith(("sigint", "sigterm")):
        assert stopped.seconds_to_exit < 3.0, stopped.seconds_to_exit  # stop requests finish in ~1 s
        assert "coded " in stopped.stderr.splitlines()[-1]  # the summary is printed
    if fault == "sigkill-worker":
        assert "a worker process died" in stopped.stderr
    resumed = run(cmd)
    assert resumed.returncode == 0, resumed.stderr
    assert same_as_reference(db, out, ref_db, ref_out) == []


@pytest.mark.slow
def test_interrupted_force_run_keeps_the_jsonl_equal_to_the_database(
    reference: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    data, ref_db, ref_out = reference
    db, out = tmp_path / "force.db", tmp_path / "force.jsonl"
    assert run(code_command(data, db, out)).returncode == 0
    total = lines_in(out)

    def force_run_half_written() -> bool:  # the file was truncated and some documents re-written
        return 8 <= lines_in(out) < total

    stopped = interrupt(
        code_command(data, db, out, "--force"), db, "sigint-parent", ready=force_run_half_written
    )
    assert stopped.returncode == 130, stopped.stderr
    assert lines_in(out) < total  # the interrupted --force run left a partial file
    resumed = run(code_command(data, db, out))
    assert resumed.returncode == 0, resumed.stderr
    assert same_as_reference(db, out, ref_db, ref_out) == []


def locked_by_another_process(path: Path) -> bool:
    """Whether a process holds a flock on `path` (the lock a coding run takes on its JSONL output), read
    from /proc/locks so that looking never takes the lock itself. Without /proc, the file's existence."""
    if not path.exists():
        return False
    locks = Path("/proc/locks")
    if not locks.exists():
        return True
    inode = f":{path.stat().st_ino} "
    return any("FLOCK" in line and inode in line for line in locks.read_text().splitlines())


@pytest.mark.slow
def test_two_runs_cannot_interleave_in_one_output_file(
    reference: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    data, _, _ = reference
    out = tmp_path / "shared.jsonl"
    first = subprocess.Popen(
        code_command(data, tmp_path / "a.db", out), stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        # start the second run once the first holds the lock, not once it has coded a batch: on a loaded
        # machine the first could finish before the second had even started
        while first.poll() is None and not locked_by_another_process(out):
            time.sleep(0.05)
        second = run(code_command(data, tmp_path / "b.db", out))
        assert second.returncode == 2 and "being written by another eventcoder run" in second.stderr
    finally:
        first.communicate(timeout=600)
    assert first.returncode == 0
    assert jsonl_documents(out) == database_documents(tmp_path / "a.db")


@pytest.mark.slow
def test_full_file_system_names_it_exits_4_and_resumes(
    reference: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        pytest.skip("a full file system is simulated with a small tmpfs, which needs root to mount")
    data, ref_db, ref_out = reference
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (no CAP_SYS_ADMIN)")
    try:
        (mount / "filler").write_bytes(b"\0" * 1_500_000)  # room for the schema and a few batches
        db, out = mount / "full.db", mount / "full.jsonl"
        full = run(code_command(data, db, out))
        assert full.returncode == 4, full.stderr
        assert f"no space left on the file system mounted at {mount}" in full.stderr
        assert "Traceback" not in full.stderr
        (mount / "filler").unlink()  # free space: drop the filler and grow the file system
        subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
        resumed = run(code_command(data, db, out))
        assert resumed.returncode == 0, resumed.stderr
        assert same_as_reference(db, out, ref_db, ref_out) == []
    finally:
        subprocess.run(["umount", "-l", str(mount)])


# -- output file and command-line checks that need no model ---------------------------------------
def test_output_file_without_final_newline_keeps_its_last_line(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"doc_id": "a"}\n{"doc_id": "b"}', encoding="utf-8")
    assert runner.ids_in_jsonl(out) == {"a", "b"}
    assert out.read_text(encoding="utf-8") == '{"doc_id": "a"}\n{"doc_id": "b"}\n'
    out.write_text('{"doc_id": "a"}\n{"doc_id": "b", "te', encoding="utf-8")  # cut by a kill
    assert runner.ids_in_jsonl(out) == {"a"} and out.read_text(encoding="utf-8") == '{"doc_id": "a"}\n'


def test_a_document_coded_again_replaces_its_line(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"doc_id": "a", "v": 1}\n{"doc_id": "b"}\n{"doc_id": "a", "v": 2}\n', encoding="utf-8")
    runner.compact_jsonl(out)
    assert out.read_text(encoding="utf-8") == '{"doc_id": "b"}\n{"doc_id": "a", "v": 2}\n'


def test_malformed_actor_yaml_is_a_path_and_line_and_exit_2(tmp_path: Path) -> None:
    actors = tmp_path / "mine.yaml"
    actors.write_text("countries:\n  - code: FRE\n    names: [Freedonia\n  - code: SYL\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text(GOOD["alpha"], encoding="utf-8")
    result = run(code_command(story, tmp_path / "x.db", tmp_path / "x.jsonl", "--actors", str(actors)))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{actors}:4:" in result.stderr or f"{actors}:5:" in result.stderr, result.stderr
    assert not (tmp_path / "x.db").exists()


def test_actors_option_takes_one_file_and_modality_is_checked(tmp_path: Path) -> None:
    parser = __import__("eventcoder.cli", fromlist=["build_parser"]).build_parser()
    args = parser.parse_args(["code", "--actors", "a.yaml", "corpus/", "--actors", "b.yaml"])
    assert args.actors == ["a.yaml", "b.yaml"] and args.paths == ["corpus/"]
    bad = run(
        [
            *code_command(tmp_path, tmp_path / "x.db", tmp_path / "x.jsonl")[:3],
            "events",
            "--modality",
            "bogus",
        ]
    )
    assert bad.returncode == 2 and "invalid choice: 'bogus'" in bad.stderr


def test_unattended_runs_log_a_progress_line_and_quiet_keeps_only_errors() -> None:
    err = io.StringIO()
    reporter = Reporter(err, bar=False, log_every_s=0.0)
    reporter.advance(4, Counts(documents=4, events=9, errors=1))
    assert "progress: 4 documents, 9 events, 1 errors" in err.getvalue()
    quiet = io.StringIO()
    sink = runner.Sink(None, None, set(), runner.Summary(), quiet, Reporter(quiet, level=0))
    sink.error(IngestError("a.jsonl:3", "bad date", "d", "warning"))
    sink.error(IngestError("a.jsonl:4", "malformed JSON"))
    assert quiet.getvalue().splitlines() == ["eventcoder: error: a.jsonl:4: ingest: malformed JSON"]


def test_field_and_title_options_reach_the_reader() -> None:
    parser = __import__("eventcoder.cli", fromlist=["build_parser"]).build_parser()
    args = parser.parse_args(
        ["code", "feed.jsonl", "--text-field", "maintext", "--date-field", "when", "--no-title"]
    )
    options = runner.read_options(args)
    assert dict(options.fields) == {"text": "maintext", "date": "when"} and options.title == "none"
