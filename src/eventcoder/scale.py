"""Past one machine: code a corpus on a Ray cluster (Ray Data) into partitioned Parquet.

Why Ray Data, and how the pieces fit:
- Parsing is per article and embarrassingly parallel, so the only hard parts of
  scaling are distribution, failure handling and output. Ray Data provides the
  first two (streaming execution with back-pressure, actor pools, restart and
  retry of failed actors and tasks); this module adds only what is ours.
- Input is a Ray dataset. File paths are listed on the driver (names only) and
  every file is read inside a Ray task by eventcoder's own readers
  (`ingest.read_file`), streamed in small batches, so the driver never holds the
  corpus and every format `eventcoder code` reads works the same way. Parquet
  input is read by Ray's Parquet reader. Any Ray dataset of article records
  (`id`, `text`, `title`, `date`, `url`, `source`, with ingest's aliases) can
  be given to `code_dataset` directly.
- One `Coder` per Ray actor: `_CodeBatches` is a callable class run through
  `map_batches` on an actor pool, so the spaCy model and dictionaries load once
  per actor, not per batch.
- Bad records never stop the job: unreadable inputs and articles whose coding
  raised become rows of the `errors` table (and `failed` documents), with the
  file and record they came from.
- Output is one Parquet dataset per table (`documents/`, `events/`, `quotes/`,
  `sentences/`, `actors/`, `errors/` under the output folder) with the database's columns
  (`store.SCHEMA`), so `eventcoder load` inserts them as they are.
- Exactly once. Ray retries a failed coding task or restarts a dead actor and
  keeps only one result per input block; `_ParquetSink` writes each write
  task's shard into a staging folder under a name unique to that attempt and,
  when the job completes, moves in only the shards of the attempts Ray kept
  (a commit protocol like Hadoop's output committer), so a retried task never
  leaves its rows twice. Every row also carries its document id and content
  hash, and `eventcoder load` upserts on them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eventcoder import identity, ingest, store
from eventcoder.load import TABLES, arrow_schema, load_parquet
from eventcoder.model import Article, Document, IngestError
from eventcoder.runner import EXIT_FAILED, EXIT_OK, EXIT_USAGE, build_coder, code_chunk

DEFAULT_OUTPUT = "eventcoder-parquet"
READ_BATCH = 64  # records per batch out of a file reader
BLOCK_BYTES = 64 * 1024  # input blocks of a few dozen news articles, so that every actor gets a share
DOCS_PER_SHARD = 256  # documents per Parquet shard: small blocks are gathered before they are written
TASKS_PER_ACTOR = 2  # blocks queued per actor: one coding, one waiting, so none sits idle between blocks
# Coded batches an actor may hold before the driver has taken them (Ray's default is 2; see `code_dataset`).
OUTPUT_BUFFER_BLOCKS = 16
MAX_READ_BLOCKS = 200  # file-name blocks: enough parallel readers for any cluster, few tasks to schedule
CODE_BATCH = 8  # articles per parse batch inside an actor (as `eventcoder code --batch-size`)
# Reading and writing are light next to parsing: they must never wait for a CPU the coding actors hold.
LIGHT_TASK_CPUS = 0  # zero: they run beside the actors instead of queueing behind them
IDLE_WORKER_KEEP_MS = 120_000  # a local instance keeps idle worker processes this long (Ray's default: 1 s)
_INPUT_COLUMNS = (
    "id",
    "input_id",
    "text",
    "title",
    "date",
    "url",
    "source",
    "origin",
    "error_stage",
    "error_reason",
)
_STAGING = "_staging"


# -- table layout ---------------------------------------------------------------
# -- rows of one coded document ---------------------------------------------------
def document_tables(doc: Document, hash_: str, coded_at: str) -> dict[str, list[dict[str, Any]]]:
    """A coded document as rows of the five tables, exactly as the store would write them."""
    tables = store.document_rows(doc, coded_at)
    for rows in tables.values():
        for row in rows:
            row["content_hash"] = hash_
    tables["errors"] = []
    return tables


def failure_tables(
    article: Article | None, error: IngestError, hash_: str | None, at: str
) -> dict[str, list[dict[str, Any]]]:
    """An input that could not be coded: its error row, and a `failed` document row when it had one."""
    error_row = {
        "origin": error.origin,
        "doc_id": error.doc_id,
        "stage": error.stage,
        "reason": error.reason,
        "at": at,
        "content_hash": hash_,
    }
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    tables["errors"].append(error_row)
    if article is not None and error.stage != ingest.WARNING:
        tables["documents"].append({**store.failed_row(article, at), "content_hash": hash_})
    return tables


# -- input ------------------------------------------------------------------------
def _input_row(item: Article | IngestError) -> dict[str, Any]:
    """An ingested item as a row of the input dataset (errors travel with the articles)."""
    row: dict[str, Any] = dict.fromkeys(_INPUT_COLUMNS)
    row.update(id=item.doc_id, origin=item.origin)
    if isinstance(item, IngestError):
        row.update(error_stage=item.stage, error_reason=item.reason)
    else:
        row.update(
            input_id=item.input_id,
            text=item.text,
            title=item.title,
            date=item.date,
            url=item.url,
            source=item.source,
        )
    return row


def _rows_batch(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> Any:
    import pyarrow as pa

    return pa.table({c: pa.array([r.get(c) for r in rows], type=pa.string()) for c in columns})


def read_files(batch: Any, default_date: str | None, max_chars: int) -> Iterator[Any]:
    """Ray task body: expand file paths into article records with eventcoder's own readers, streaming.

    A single-article file's id is its path as the driver names it (`identity.file_doc_id` relative
    to the driver's working directory, computed there), whatever directory the worker runs in.
    """
    rows: list[dict[str, Any]] = []
    for path, driver_id in zip(
        batch.column("path").to_pylist(), batch.column("file_id").to_pylist(), strict=True
    ):
        worker_id = identity.file_doc_id(Path(path))
        options = ingest.ReadOptions(default_date=default_date, max_chars=max_chars)
        for item in ingest.read_file(Path(path), options):
            if item.doc_id == worker_id:
                item.doc_id = driver_id
            rows.append(_input_row(item))
            if len(rows) >= READ_BATCH:
                yield _rows_batch(rows, _INPUT_COLUMNS)
                rows = []
    if rows:
        yield _rows_batch(rows, _INPUT_COLUMNS)


def list_input_files(paths: Sequence[str]) -> tuple[list[str], list[str], list[IngestError]]:
    """(Parquet files, other input files, missing paths): names only, listed on the driver."""
    parquet: list[str] = []
    others: list[str] = []
    missing: list[IngestError] = []
    for spec in paths:
        path = Path(spec)
        found = list(ingest.walk(path)) if path.is_dir() else [path] if path.is_file() else []
        files = [f for f in found if isinstance(f, Path)]
        missing.extend(f for f in found if isinstance(f, IngestError))  # symlink loops, unreadable folders
        if not found and not path.exists():
            missing.append(IngestError(spec, "no such file or directory"))
        for file in files:
            target = parquet if file.name.lower().endswith(".parquet") else others
            target.append(os.path.abspath(file))
    return parquet, others, missing


def read_dataset(
    paths: Sequence[str], default_date: str | None = None, max_chars: int = ingest.MAX_CHARS
) -> Any:
    """A Ray dataset of article records from files and folders (any `eventcoder code` format, or Parquet).

    Files are read where the tasks run, so on a cluster the paths must be on storage every node sees.
    """

    parquet, others, missing = list_input_files(paths)
    with _small_blocks():
        parts = _read_parts(parquet, others, missing, default_date, max_chars)
    if not parts:
        raise ValueError("no input files found")
    dataset = parts[0]
    return dataset.union(*parts[1:]) if len(parts) > 1 else dataset


@contextlib.contextmanager
def _small_blocks() -> Iterator[None]:
    """Datasets made inside get blocks of about `BLOCK_BYTES` (each dataset keeps its own copy).

    Ray Data merges a task's output into blocks of up to 128 MB, and a block is coded by one actor:
    a whole JSONL file of articles would go to a single actor while the others wait.
    """
    from ray.data import DataContext

    context = DataContext.get_current()
    saved = context.target_max_block_size
    context.target_max_block_size = BLOCK_BYTES
    try:
        yield
    finally:
        context.target_max_block_size = saved


def _read_parts(
    parquet: list[str],
    others: list[str],
    missing: list[IngestError],
    default_date: str | None,
    max_chars: int,
) -> list[Any]:
    """One dataset per kind of input: eventcoder's readers, Parquet, and the missing paths."""
    import ray.data

    parts = []
    if others:
        blocks = min(len(others), MAX_READ_BLOCKS)
        files = [{"path": p, "file_id": identity.file_doc_id(Path(p))} for p in others]
        names = ray.data.from_items(files, override_num_blocks=blocks)
        parts.append(
            names.map_batches(
                read_files,  # type: ignore[arg-type]  # Ray's stub does not see the extra fn_args
                fn_args=(default_date, max_chars),
                batch_size=1,
                batch_format="pyarrow",
                num_cpus=LIGHT_TASK_CPUS,
            )
        )
    if parquet:
        parts.append(ray.data.read_parquet(parquet, include_paths=True, num_cpus=LIGHT_TASK_CPUS))
    if missing:
        parts.append(ray.data.from_arrow(_rows_batch([_input_row(e) for e in missing], _INPUT_COLUMNS)))
    return parts


# -- coding -------------------------------------------------------------------------
CODED_COLUMNS = ("doc_id", "content_hash", "status", "document", "tables")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _as_article(
    record: dict[str, Any], default_date: str | None, max_chars: int
) -> list[Article | IngestError]:
    """A dataset row -> [warnings..., Article] or [IngestError], by ingest's own record rules."""
    origin = str(record.get("origin") or record.get("path") or record.get("id") or "<dataset>")
    if record.get("error_reason"):
        return [
            IngestError(
                origin,
                str(record["error_reason"]),
                record.get("id"),
                str(record.get("error_stage") or "ingest"),
            )
        ]
    clean = {
        k: v for k, v in record.items() if k not in ("origin", "input_id", "error_stage", "error_reason")
    }
    items = ingest.article_from_record(clean, origin, default_date, max_chars)
    if "input_id" in record:  # read by `read_files`: the reader already knew whether the id was the record's
        for item in items:
            if isinstance(item, Article):
                item.input_id = record["input_id"]
    return items


@dataclass
class _Coded:
    """The output rows for one batch, one entry per input record."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        doc_id: str | None,
        hash_: str | None,
        status: str,
        document: dict[str, Any] | None,
        tables: dict[str, list[dict[str, Any]]],
    ) -> None:
        self.rows.append(
            {
                "doc_id": doc_id,
                "content_hash": hash_,
                "status": status,
                "document": json.dumps(document, ensure_ascii=False) if document else None,
                "tables": json.dumps(tables, ensure_ascii=False),
            }
        )


@dataclass(frozen=True)
class CodeOptions:
    """What each actor needs to build its `Coder` and read records, as `eventcoder code` options."""

    actor_files: tuple[str, ...] = ()
    asserted_only: bool = False
    default_date: str | None = None
    max_chars: int = ingest.MAX_CHARS


class _CodeBatches:
    """Ray actor body: one `Coder` per actor, built once; codes batches of article records."""

    def __init__(self, options: CodeOptions) -> None:
        self.coder = build_coder(options.actor_files, options.asserted_only)
        self.default_date = options.default_date
        self.max_chars = options.max_chars

    def __call__(self, batch: Any) -> Any:
        coded = _Coded()
        at = _now()
        articles: list[Article] = []
        for record in batch.to_pylist():
            for item in _as_article(record, self.default_date, self.max_chars):
                if isinstance(item, Article):
                    articles.append(item)
                else:
                    coded.add(item.doc_id, None, item.stage, None, failure_tables(None, item, None, at))
        for article, result in zip(articles, code_chunk(self.coder, articles), strict=True):
            article.content_hash = hash_ = identity.content_hash(article)
            if isinstance(result, Document):
                coded.add(
                    article.doc_id, hash_, "coded", result.to_dict(), document_tables(result, hash_, at)
                )
            else:
                coded.add(article.doc_id, hash_, "failed", None, failure_tables(article, result, hash_, at))
        return _rows_batch(coded.rows, CODED_COLUMNS)


def code_dataset(
    dataset: Any,
    workers: int = 1,
    actor_files: Sequence[str] = (),
    asserted_only: bool = False,
    default_date: str | None = None,
    batch_size: int = CODE_BATCH,
    max_chars: int = ingest.MAX_CHARS,
) -> Any:
    """Code a Ray dataset of article records; one output row per input record.

    Input rows carry `text` and optionally `id`, `title`, `date`, `url`, `source` (ingest's aliases
    such as `body` or `headline` work too) and `origin`. Output rows: `doc_id`, `content_hash`,
    `status` (`coded`, `failed`, `ingest`, `warning`), `document` (the JSON of docs/schema.md, null
    unless coded) and `tables` (JSON: the document's rows of the five output tables).
    `workers` is the number of actors, each holding one `Coder` on one CPU.
    """
    import ray.data

    options = CodeOptions(tuple(actor_files), asserted_only, default_date, max_chars)
    coded = dataset.map_batches(
        _CodeBatches,
        fn_constructor_args=(options,),
        batch_size=batch_size,
        batch_format="pyarrow",
        # Ray queues up to 4 blocks per actor by default: the first actor to finish loading its model
        # would take a small job's every block, and the pool would then stop the others as idle.
        compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=TASKS_PER_ACTOR),
        num_cpus=1,
    )
    # An actor's task is a streaming generator that pauses once 2 of its output blocks wait for the
    # driver, and the driver takes them only between rounds of its scheduling loop. Each coded batch
    # is a block, so the actor sat idle after nearly every batch: measured 0.16 s per batch of 8,
    # 10% of its time on one worker, no CPU spent. A longer buffer keeps it parsing; a batch's rows
    # are a few hundred kilobytes, so 16 per actor costs little memory.
    coded.context._max_num_blocks_in_streaming_gen_buffer = OUTPUT_BUFFER_BLOCKS
    return coded


# -- output -----------------------------------------------------------------------
def _table_shard(documents: Sequence[dict[str, list[dict[str, Any]]]], table: str) -> Any:
    import pyarrow as pa

    rows = [row for tables in documents for row in tables.get(table, [])]
    schema = arrow_schema(table)
    return pa.Table.from_pylist([{c: r.get(c) for c in schema.names} for r in rows], schema=schema)


def _datasink_base() -> type:
    from ray.data import Datasink

    return Datasink


def make_sink(output: str, run_id: str | None = None) -> Any:
    """The Parquet datasink for `output`: a Ray `Datasink`, made here so this module imports without Ray."""
    sink_class = type("ParquetTablesDatasink", (_ParquetSink, _datasink_base()), {})
    return sink_class(output, run_id)


class _ParquetSink:
    """Writes coded rows as one Parquet dataset per table, committing only the attempts Ray kept."""

    def __init__(self, output: str, run_id: str | None = None) -> None:
        self.output = os.path.abspath(output)
        self.run_id = run_id or time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.staging = os.path.join(self.output, _STAGING, self.run_id)

    @property
    def min_rows_per_write(self) -> int:
        """Ray gathers blocks up to this many documents per write task: fewer, larger shards."""
        return DOCS_PER_SHARD

    def on_write_start(self, schema: Any = None) -> None:
        for table in TABLES:
            os.makedirs(os.path.join(self.staging, table), exist_ok=True)
            os.makedirs(os.path.join(self.output, table), exist_ok=True)

    def write(self, blocks: Iterable[Any], ctx: Any) -> dict[str, Any]:
        import pyarrow as pa
        import pyarrow.parquet as pq
        from ray.data.block import BlockAccessor

        parts = [BlockAccessor.for_block(b).to_arrow() for b in blocks]
        block = pa.concat_tables(parts) if parts else None
        written: list[str] = []
        counts: dict[str, int] = dict.fromkeys((*TABLES, "coded"), 0)
        if block is None or block.num_rows == 0:
            return {"files": written, "counts": counts}
        # Each document's rows are parsed once for all six tables: the write tasks share the cores
        # the coding actors need.
        documents = [json.loads(text) for text in block.column("tables").to_pylist() if text]
        counts["coded"] = block.column("status").to_pylist().count("coded")
        attempt = f"{self.run_id}-{ctx.task_idx:05d}-{uuid.uuid4().hex[:8]}"
        for table in TABLES:
            shard = _table_shard(documents, table)
            counts[table] = shard.num_rows
            if shard.num_rows:
                name = os.path.join(table, f"part-{attempt}.parquet")
                pq.write_table(shard, os.path.join(self.staging, name))
                written.append(name)
        return {"files": written, "counts": counts}

    def on_write_complete(self, write_result: Any) -> None:
        """Move the kept attempts' shards into place and drop the staging folder (and any strays in it)."""
        self.counts = dict.fromkeys((*TABLES, "coded"), 0)
        for result in write_result.write_returns:
            for name in result["files"]:
                os.replace(os.path.join(self.staging, name), os.path.join(self.output, name))
            for table, count in result["counts"].items():
                self.counts[table] += count
        shutil.rmtree(self.staging, ignore_errors=True)
        _remove_if_empty(os.path.join(self.output, _STAGING))

    def on_write_failed(self, error: Exception) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _remove_if_empty(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:
        pass


def write_parquet(coded: Any, output: str) -> dict[str, int]:
    """Write `code_dataset` output under `output/<table>/`; returns the row count of each table."""
    sink = make_sink(output)
    coded.write_datasink(sink, ray_remote_args={"num_cpus": LIGHT_TASK_CPUS})
    return dict(sink.counts)


# -- the `code --engine ray` command -------------------------------------------------
def set_local_ray_defaults() -> None:
    """Ray settings for a local instance, as environment defaults (a user's own values win).

    Ray reads them when it starts its raylet; a cluster joined with `--address` keeps its own.
    """
    # Ray starts its workers at nice 15; the local runner's workers run at the user's priority.
    # On a shared machine the niced actors would yield to every other job (measured: starved to
    # a few percent of a core beside two busy processes), so a local run asks for the same.
    os.environ.setdefault("RAY_worker_niceness", "0")
    # Beyond one worker process per CPU (the actors hold them all), Ray kills a worker idle for 1 s,
    # so every read and Parquet write task started a new Python process: 1.3-1.9 CPU seconds each
    # (measured), taken from the actors' cores. Kept alive, one process runs them all.
    os.environ.setdefault("RAY_idle_worker_killing_time_threshold_ms", str(IDLE_WORKER_KEEP_MS))


def init_ray(address: str | None, workers: int) -> None:
    """Join the cluster at `address` (`auto`, `ray://host:10001`), or start a local one of `workers` CPUs."""
    import ray

    if ray.is_initialized():
        return
    import logging

    if address:
        ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
    else:  # "local" always starts a fresh single-machine instance, never joins a stray one
        set_local_ray_defaults()
        ray.init(
            address="local",
            num_cpus=workers,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
    from ray.data import DataContext

    context = DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def output_problem(output: str, force: bool) -> str | None:
    """Refuse to mix two runs' shards in one folder (rows would repeat), unless --force clears it."""
    existing = [t for t in TABLES if Path(output, t).is_dir() and any(Path(output, t).iterdir())]
    if not existing:
        return None
    if not force:
        return f"{output} already holds Parquet output ({', '.join(existing)}); use another -o or --force"
    for table in (*TABLES, _STAGING):
        shutil.rmtree(Path(output, table), ignore_errors=True)
    return None


def run_code_ray(args: argparse.Namespace) -> int:
    """`eventcoder code --engine ray`: Parquet under -o DIR, then (unless --no-db) loaded into --db."""
    output = args.output or DEFAULT_OUTPUT
    if "-" in args.paths or output == "-":
        print(
            "eventcoder code: --engine ray reads files and folders and writes a folder (-o DIR)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    problem = output_problem(output, args.force) or (None if args.no_db else database_problem(args.db))
    if problem:
        print(f"eventcoder code: {problem}", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    try:
        init_ray(args.address, args.workers)
        dataset = read_dataset(args.paths, args.date, args.max_chars)
    except (ConnectionError, ValueError) as exc:  # no cluster at --address; no input files
        print(f"eventcoder code: {exc}", file=sys.stderr)
        return EXIT_USAGE
    coded = code_dataset(
        dataset, args.workers, args.actors, args.asserted_only, args.date, args.batch_size, args.max_chars
    )
    counts = write_parquet(coded, output)
    failed = report_errors(output)
    print(
        f"coded {counts['coded']} documents: {counts['events']} events, {counts['quotes']} "
        f"quotes, {failed} errors in {time.perf_counter() - started:.1f} s -> {output}/",
        file=sys.stderr,
    )
    status = EXIT_FAILED if failed else EXIT_OK
    if not args.no_db:
        loaded = load_parquet(output, args.db)
        print(loaded.line(args.db), file=sys.stderr)
    return status


def database_problem(db: str) -> str | None:
    """Why --db cannot be written, checked before the job starts rather than after it."""
    try:
        store.connect(db).close()
    except store.StoreError as exc:
        return str(exc)
    return None


def report_errors(output: str) -> int:
    """Print the errors table of a finished run on stderr; returns how many inputs failed (not warnings)."""
    import pyarrow.parquet as pq

    folder = Path(output, "errors")
    if not any(folder.glob("*.parquet")):
        return 0
    failed = 0
    for row in pq.read_table(folder, schema=arrow_schema("errors")).to_pylist():
        level = "warning" if row["stage"] == ingest.WARNING else "error"
        where = row["origin"] + (
            f" [{row['doc_id']}]" if row["doc_id"] and row["doc_id"] not in row["origin"] else ""
        )
        print(f"eventcoder: {level}: {where}: {row['stage']}: {row['reason']}", file=sys.stderr)
        failed += level == "error"
    return failed
