"""The `code` command: stream articles through the pipeline into SQLite and JSONL.

Design, and why:
- Streaming. Input is read lazily from `ingest.read_inputs`, cut into chunks of
  `--batch-size` articles, and at most `2 x workers` chunks are in flight, so
  memory stays flat whatever the corpus size.
- Worker processes. Each worker builds one `Coder` (spaCy model and every
  dictionary) once and codes whole chunks; only plain `Document`s come back
  (their `nlp_doc` is dropped when pickled). Results are consumed in submission
  order, so a 2-worker run writes exactly what a 1-worker run writes.
- One writer. Only the main process writes: for each chunk it commits the
  chunk's documents and errors in one SQLite transaction, then appends the
  JSONL lines. A run killed at any moment leaves whole batches behind.
- Resume. A document is skipped only when the database holds it coded under the
  same id, with the same content hash and coder version (`identity.Identities`);
  an edited article or new rules re-code it in place, and the summary says how
  many were skipped and why. `--force` re-codes all.
  With `-o FILE` the file ends up holding the database's version of every
  document of the run exactly once: skipped documents missing from the file
  are written from the database, a line cut by a kill is dropped, and a
  document coded again replaces its old line. The file is locked while a
  run writes it, so two runs cannot interleave in it.
- Stopping. SIGINT and SIGTERM (to the process or its whole group) stop the
  run within about a second: the batch being written is finished, batches
  still being coded are dropped (the workers are killed; they ignore the
  signals themselves so the parent decides), the summary is printed, and the
  exit status is 130 or 143. A second signal is never needed and never hangs.
- A full disk or a failed write stops the run with a message naming the file
  system and exit status 4; the database stays at its last batch.
- Errors never stop the batch: unreadable inputs (from ingest), oversized
  documents and exceptions inside any stage become one error line on stderr,
  a row in the `errors` table, and exit status 3.
"""

from __future__ import annotations

import argparse
import errno
import itertools
import json
import os
import re
import signal
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import IO, Any, TextIO

from eventcoder import identity, store
from eventcoder.model import Article, Document, IngestError
from eventcoder.progress import NORMAL, QUIET, VERBOSE, Counts, Reporter

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_ABORTED = 4  # the run could not go on: disk full, a failed write, a worker process died
EXIT_SIGNAL: dict[int, int] = {int(signal.SIGINT): 130, int(signal.SIGTERM): 143}
# A news article is a few thousand words; past this a document is refused. Long documents are
# parsed in paragraph pieces (nlp.PIECE_CHARS), so memory no longer grows with this limit.
MAX_DOC_CHARS = 1_000_000
DEFAULT_BATCH = 8
WARNING = "warning"  # IngestError.stage of problems that do not stop the article (bad date, bad bytes)
SKIPPED = "skipped"  # IngestError.stage of non-article files met in a folder (a notice)

Result = Document | IngestError


# -- options and summary ------------------------------------------------------
@dataclass
class RunOptions:
    """What `eventcoder code` was asked to do, minus where inputs come from."""

    actor_files: tuple[str, ...] = ()
    asserted_only: bool = False
    min_confidence: float | None = None  # None: the Coder's default
    workers: int = 1
    batch_size: int = DEFAULT_BATCH
    force: bool = False
    max_chars: int = MAX_DOC_CHARS
    progress: bool = False


@dataclass
class Summary:
    documents: int = 0
    events: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: int = 0
    skip_reasons: dict[str, int] = field(default_factory=dict)  # identity.SKIP_REASONS key -> count
    recoded: dict[str, int] = field(default_factory=dict)  # identity.RECODE_REASONS key -> count
    warnings: int = 0
    not_articles: int = 0  # files in folders that are not an article format
    seconds: float = 0.0
    interrupted: int | None = None  # the signal that stopped the run
    aborted: bool = False  # disk full, a failed write, a dead worker

    def line(self) -> str:
        """The one-line report printed at the end of every run."""
        plural = "" if self.documents == 1 else "s"
        text = (
            f"coded {self.documents} document{plural}: {self.events} events, {self.quotes} quotes, "
            f"{self.errors} error{'' if self.errors == 1 else 's'}"
        )
        if self.warnings:
            text += f", {self.warnings} warning{'' if self.warnings == 1 else 's'}"
        text += f" in {self.seconds:.1f} s"
        if self.recoded:
            text += " (re-coded: " + _reasons(self.recoded, identity.RECODE_REASONS) + ")"
        if self.skipped:
            text += f" ({self.skipped} skipped: " + _reasons(self.skip_reasons, identity.SKIP_REASONS) + ")"
        if self.not_articles:
            text += f" ({self.not_articles} non-article file{'' if self.not_articles == 1 else 's'} skipped)"
        if self.interrupted is not None:
            text += f" (stopped by {signal.Signals(self.interrupted).name}; run again to resume)"
        elif self.aborted:
            text += " (stopped early; run again to resume)"
        return text

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1

    def exit_status(self) -> int:
        if self.interrupted is not None:
            return EXIT_SIGNAL.get(self.interrupted, EXIT_FAILED)
        if self.aborted:
            return EXIT_ABORTED
        return EXIT_FAILED if self.errors else EXIT_OK


def _reasons(counts: dict[str, int], words: dict[str, str]) -> str:
    """`10 unchanged since they were coded, 2 repeated in the input`."""
    return ", ".join(f"{n} {words.get(reason, reason)}" for reason, n in sorted(counts.items()))


# -- coding one chunk (in a worker or in-process) -----------------------------
def build_coder(
    actor_files: Sequence[str] = (), asserted_only: bool = False, min_confidence: float | None = None
) -> Any:
    """The pipeline, built once per process (spaCy is imported here, not at module load)."""
    from eventcoder.pipeline import Coder

    return Coder(actor_files=actor_files, asserted_only=asserted_only, min_confidence=min_confidence)


def failing_stage(exc: BaseException) -> str:
    """Name the pipeline stage an exception came from (`events`, `nlp`, ...) for the error record."""
    tb = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.startswith("eventcoder.") and module not in ("eventcoder.pipeline", "eventcoder.runner"):
            return module.split(".")[1]
        tb = tb.tb_next
    return "pipeline"


def pipeline_error(article: Article, exc: BaseException) -> IngestError:
    reason = f"{type(exc).__name__}: {exc}".strip()
    return IngestError(
        origin=article.origin or article.doc_id,
        reason=reason[:500],
        doc_id=article.doc_id,
        stage=failing_stage(exc),
    )


def code_chunk(coder: Any, articles: Sequence[Article]) -> list[Result]:
    """Code a chunk in one `nlp.pipe` batch; if anything fails, redo it one article at a time.

    The fallback isolates the failing article so that one crash costs one document,
    not the batch, and the error names that document.
    """
    try:
        return list(coder.code_articles(articles, batch_size=max(1, len(articles))))
    except Exception:  # noqa: BLE001 - any stage may fail on odd input; isolate it below
        pass
    results: list[Result] = []
    for article in articles:
        try:
            results.extend(coder.code_articles([article], batch_size=1))
        except Exception as exc:  # noqa: BLE001
            results.append(pipeline_error(article, exc))
    return results


_WORKER_CODER: Any = None


def _die_with_parent() -> None:
    """Ask Linux to kill this worker if the main process dies (e.g. SIGKILL), so none is orphaned."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _init_worker(
    actor_files: Sequence[str], asserted_only: bool, min_confidence: float | None, parent: int
) -> None:
    """Worker start-up: ignore Ctrl-C and SIGTERM, which a terminal, `timeout` or systemd send to the
    whole process group (the main process decides when to stop, and kills its workers), then build
    the Coder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died while this worker was starting
        os._exit(1)
    global _WORKER_CODER
    _WORKER_CODER = build_coder(actor_files, asserted_only, min_confidence)


def _code_in_worker(articles: list[Article]) -> list[Result]:
    return code_chunk(_WORKER_CODER, articles)


# -- stopping -------------------------------------------------------------------
class StopRun(BaseException):
    """Raised to abandon coding in flight on a stop request (BaseException: no stage may swallow it)."""


class StopRequest:
    """SIGINT/SIGTERM handler. It only records the signal, and raises `StopRun` when the main
    process is inside a section that may be abandoned (coding, loading the model), never while
    output is being written, so a stop always leaves whole batches behind."""

    def __init__(self, err: TextIO | None = None) -> None:
        self.signum: int | None = None
        self.count = 0
        self.interruptible = False
        self.previous: dict[int, Any] = {}

    def __call__(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.signum is None:
            self.signum = signum
        if self.interruptible:
            self.interruptible = False
            raise StopRun

    @property
    def requested(self) -> bool:
        return self.signum is not None

    def abandonable(self) -> _Abandonable:
        return _Abandonable(self)

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            self.previous[signum] = signal.signal(signum, self)

    def restore(self) -> None:
        """Put the old handlers back; after a stop, further signals are ignored so that a repeated
        Ctrl-C cannot cut the summary or turn exit 130 into a traceback."""
        for signum, handler in self.previous.items():
            signal.signal(signum, signal.SIG_IGN if self.requested else handler)


class _Abandonable:
    """`with stop.abandonable():` a stop request raises StopRun inside the block."""

    def __init__(self, stop: StopRequest) -> None:
        self.stop = stop

    def __enter__(self) -> None:
        if self.stop.requested:
            raise StopRun
        self.stop.interruptible = True

    def __exit__(self, *exc: object) -> None:
        self.stop.interruptible = False


NO_STOP = StopRequest()


# -- running chunks -------------------------------------------------------------
Chunk = list[Article]
POLL_S = 0.1


def code_serially(
    chunks: Iterable[Chunk], opts: RunOptions, stop: StopRequest = NO_STOP
) -> Iterator[tuple[Chunk, list[Result]]]:
    """`--workers 1`: everything in this process, no pool."""
    with stop.abandonable():
        coder = build_coder(opts.actor_files, opts.asserted_only, opts.min_confidence)
    for chunk in chunks:
        with stop.abandonable():
            results = code_chunk(coder, chunk)
        yield chunk, results


def code_in_pool(
    chunks: Iterable[Chunk], opts: RunOptions, stop: StopRequest = NO_STOP
) -> Iterator[tuple[Chunk, list[Result]]]:
    """Spread chunks over worker processes; yield results in input order, few chunks in flight."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # spawn, not fork: the main process may hold threads (tqdm, sqlite) that fork would copy mid-state.
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        max_workers=opts.workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(tuple(opts.actor_files), opts.asserted_only, opts.min_confidence, os.getpid()),
    )
    pending: deque[tuple[Chunk, Future[list[Result]]]] = deque()
    max_in_flight = 2 * opts.workers
    finished = False
    try:
        for chunk in chunks:
            pending.append((chunk, executor.submit(_code_in_worker, chunk)))
            while len(pending) >= max_in_flight:
                yield _next_result(pending, stop)
        while pending:
            yield _next_result(pending, stop)
        finished = True
    finally:
        if not finished:  # a stop, an error, or the consumer gave up: results in flight are dropped
            _kill_workers(executor)
        executor.shutdown(wait=True, cancel_futures=True)


def _next_result(pending: deque[Any], stop: StopRequest) -> tuple[Chunk, list[Result]]:
    """The oldest chunk's results, polling so that a stop request is seen within POLL_S."""
    chunk, future = pending[0]
    while True:
        if stop.requested:
            raise StopRun
        try:
            results = future.result(timeout=POLL_S)
        except TimeoutError:
            continue
        pending.popleft()
        return chunk, results


def _kill_workers(executor: Any) -> None:
    """Kill the pool's processes now: their chunks are recoded on resume, and waiting would take
    as long as the slowest batch."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            continue


def chunked(articles: Iterable[Article], size: int) -> Iterator[Chunk]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def dispatch(
    chunks: Iterator[Chunk], opts: RunOptions, stop: StopRequest = NO_STOP
) -> Iterator[tuple[Chunk, list[Result]]]:
    """In-process for one worker or for input that fits in one chunk; a pool otherwise.

    Nothing is loaded when there is nothing to code (a resumed run that is already complete).
    """
    head = list(itertools.islice(chunks, 1 if opts.workers <= 1 else 2))
    if not head:
        return iter(())
    rest = itertools.chain(head, chunks)
    if opts.workers <= 1 or len(head) < 2:  # starting workers would cost more than coding it here
        return code_serially(rest, opts, stop)
    return code_in_pool(rest, opts, stop)


# -- output -------------------------------------------------------------------
def ids_in_jsonl(path: Path) -> set[str]:
    """doc_ids already in an output file. A last line without its newline is kept (and given one)
    when it is a whole JSON document, and cut off when it was left half-written by a kill."""
    ids: set[str] = set()
    if not path.is_file():
        return ids
    with path.open("rb+") as handle:
        end = 0
        for line in handle:
            record = _json_line(line)
            if not line.endswith(b"\n"):
                handle.truncate(end)
                if record is not None:
                    handle.seek(end)
                    handle.write(line + b"\n")
                    ids.add(str(record.get("doc_id")))
                break
            end += len(line)
            if record is not None:
                ids.add(str(record.get("doc_id")))
    return ids


def _json_line(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "doc_id" in record else None


def compact_jsonl(path: Path) -> None:
    """Keep only the last line of each doc_id (a document coded again replaces its old line)."""
    last: dict[str, int] = {}
    with path.open("rb") as handle:
        for number, line in enumerate(handle):
            record = _json_line(line)
            if record is not None:
                last[str(record["doc_id"])] = number
    keep = set(last.values())
    temporary = path.with_name(path.name + ".tmp")
    with path.open("rb") as source, temporary.open("wb") as target:
        for number, line in enumerate(source):
            if number in keep:
                target.write(line)
        target.flush()
        os.fsync(target.fileno())
    os.replace(temporary, path)


class Sink:
    """Where results go: the database, then the JSONL stream, messages, the summary."""

    def __init__(
        self,
        conn: Any,
        jsonl: IO[str] | None,
        already_in_jsonl: set[str],
        summary: Summary,
        err: TextIO,
        reporter: Reporter | None = None,
    ) -> None:
        self.conn = conn
        self.jsonl = jsonl
        self.already_in_jsonl = already_in_jsonl
        self.summary = summary
        self.err = err
        self.reporter = reporter or Reporter(err)
        self.pending_errors: list[IngestError] = []
        self.pending_failed: list[Article] = []
        self.replaced_lines = False  # a document was written to the JSONL a second time

    def error(self, error: IngestError, article: Article | None = None) -> None:
        """Report an error, warning or notice now; errors and warnings are stored with the next batch."""
        error.origin = _printable(error.origin)
        error.doc_id = _printable(error.doc_id) if error.doc_id else error.doc_id
        where = error.origin or "?"
        if error.doc_id and error.doc_id not in where:
            where += f" [{error.doc_id}]"
        if error.stage == SKIPPED:
            self.summary.not_articles += 1
            first = self.summary.not_articles == 1
            note = " (files of other types in folders are skipped; --verbose lists each)" if first else ""
            self.reporter.say(
                f"eventcoder: notice: skipped {where}: {error.reason}{note}", NORMAL if first else VERBOSE
            )
            return
        if error.stage == WARNING:  # the article is still coded: reported and stored, not a failure
            self.reporter.say(f"eventcoder: warning: {where}: {error.reason}")
            self.summary.warnings += 1
        else:
            self.reporter.say(f"eventcoder: error: {where}: {error.stage}: {error.reason}", QUIET)
            self.summary.errors += 1
        self.pending_errors.append(error)
        if article is not None:
            self.pending_failed.append(article)

    def write(self, chunk: Chunk, results: list[Result]) -> None:
        """Write one coded chunk: one database transaction first, then the JSONL lines (flushed)."""
        docs: list[Document] = []
        for article, result in zip(chunk, results, strict=True):
            if isinstance(result, Document):
                docs.append(result)
            else:
                self.error(result, article)
        self.flush(docs)
        self._append([d.to_dict() for d in docs])
        for doc in docs:
            self.summary.documents += 1
            self.summary.events += len(doc.events)
            self.summary.quotes += len(doc.quotes)
            self.reporter.say(
                f"eventcoder: coded {doc.doc_id} ({doc.origin}): {len(doc.events)} events, "
                f"{len(doc.quotes)} quotes",
                VERBOSE,
            )

    def _append(self, records: Sequence[dict[str, Any]]) -> None:
        if self.jsonl is None or not records:
            return
        lines = []
        for record in records:
            doc_id = str(record["doc_id"])
            self.replaced_lines |= doc_id in self.already_in_jsonl
            self.already_in_jsonl.add(doc_id)
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        self.jsonl.writelines(lines)
        self.jsonl.flush()

    def already_coded(self, doc_id: str) -> None:
        """A document skipped on resume: make sure the JSONL has it, from the database."""
        if self.jsonl is None or doc_id in self.already_in_jsonl or self.conn is None:
            return
        row = self.conn.execute(
            "SELECT * FROM documents WHERE doc_id = ? AND status = 'coded'", (doc_id,)
        ).fetchone()
        if row is not None:
            self._append([store.document_dict(self.conn, row)])

    def flush(self, docs: Sequence[Document] = ()) -> None:
        """Commit documents plus any errors waiting since the last batch."""
        if self.conn is not None and (docs or self.pending_errors or self.pending_failed):
            store.write_batch(self.conn, docs, self.pending_errors, self.pending_failed)
        self.pending_errors = []
        self.pending_failed = []


def _printable(text: str | None) -> str:
    """Text that can be printed and stored: lone surrogates (from odd file names) escaped."""
    return (text or "").encode("utf-8", "backslashreplace").decode("utf-8")


# -- the run loop ---------------------------------------------------------------
def select_articles(
    items: Iterable[Article | IngestError], opts: RunOptions, sink: Sink, summary: Summary
) -> Iterator[Article]:
    """Drop what cannot or need not be coded: input errors, oversized documents, documents already done.

    Each article gets its final doc_id and content hash here (`identity.Identities`): an id taken by
    different content elsewhere becomes a distinct document, reported as a warning naming both places.
    """
    lookup = (lambda doc_id: store.stored_identity(sink.conn, doc_id)) if sink.conn is not None else None
    options = identity.coder_options(min_confidence=opts.min_confidence)
    version = identity.coder_version(tuple(opts.actor_files), opts.asserted_only, options)
    identities = identity.Identities(lookup, version, force=opts.force)
    for item in items:
        if isinstance(item, IngestError):
            sink.error(item)
            continue
        if len(item.text) > opts.max_chars:
            reason = f"document too large ({len(item.text):,} characters; the limit is {opts.max_chars:,})"
            sink.error(IngestError(item.origin or item.doc_id, reason, item.doc_id, "runner"), item)
            continue
        decision = identities.decide(item)
        if decision.skip:
            summary.skip(decision.skip)
            sink.already_coded(decision.doc_id)
            continue
        if decision.warning:
            sink.error(IngestError(item.origin or item.doc_id, decision.warning, decision.doc_id, WARNING))
        if decision.recode:
            summary.recoded[decision.recode] = summary.recoded.get(decision.recode, 0) + 1
        item.doc_id, item.content_hash = decision.doc_id, decision.content_hash
        yield item


def run_articles(
    items: Iterable[Article | IngestError], opts: RunOptions, sink: Sink, stop: StopRequest | None = None
) -> Summary:
    """Code a stream of ingested items into the sink; returns the summary (also on a stop request)."""
    summary = sink.summary
    stop = stop or NO_STOP
    started = time.perf_counter()
    counts = Counts()
    results = dispatch(chunked(select_articles(items, opts, sink, summary), opts.batch_size), opts, stop)
    try:
        for chunk, chunk_results in results:
            sink.write(chunk, chunk_results)
            counts.documents, counts.events, counts.errors = summary.documents, summary.events, summary.errors
            sink.reporter.advance(len(chunk), counts)
            if stop.requested:
                break
        sink.flush()
    except StopRun:
        sink.flush()  # errors already reported are kept
    except _broken_pool_error():
        if not stop.requested:  # a worker killed by a signal to the group while starting is a stop
            raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # shuts the pool down before the summary is printed
        sink.reporter.close()
        summary.seconds = time.perf_counter() - started
    if stop.requested:
        summary.interrupted = stop.signum
    return summary


# -- the command --------------------------------------------------------------
def add_code_arguments(parser: argparse.ArgumentParser) -> None:
    from eventcoder import ingest

    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files or folders (.txt .jsonl .json .csv .tsv .html, each also .gz), or - for JSONL on stdin",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write one JSON document per line to FILE (- for stdout); on a resumed run FILE ends up "
        "holding every document of the run once",
    )
    parser.add_argument("--db", default=store.DEFAULT_DB, help=store.DB_HELP)
    parser.add_argument("--no-db", action="store_true", help="do not write a database (no resume)")
    parser.add_argument("--date", help="publication date YYYY-MM-DD for inputs that carry none")
    parser.add_argument(
        "--actors",
        action="append",
        default=[],
        metavar="FILE",
        help="an extra actor dictionary (YAML); repeat for several",
    )
    parser.add_argument(
        "--asserted-only",
        action="store_true",
        help="keep only asserted events (drop negated, hypothetical, ...)",
    )
    parser.add_argument(
        "--min-confidence",
        type=confidence_value,
        default=None,
        metavar="P",
        help="drop events the learned verifier scores below P, 0-1"
        f" (default {identity.DEFAULT_MIN_CONFIDENCE}; 0 keeps every event; see docs/verifier.md)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: one per CPU; 1 codes in this process)",
    )
    parser.add_argument("--force", action="store_true", help="re-code documents already in the database")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        help=f"articles per parse batch and per database transaction (default {DEFAULT_BATCH})",
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=MAX_DOC_CHARS,
        help=f"refuse articles whose extracted text is longer than this (default {MAX_DOC_CHARS:,}); raw "
        f"inputs have their own guard ({ingest.MAX_RAW_BYTES // (1024 * 1024)} MB per page or file)",
    )
    titles = parser.add_mutually_exclusive_group()
    titles.add_argument(
        "--no-title", action="store_true", help=".txt files have no title line: code every line"
    )
    titles.add_argument(
        "--title-line", action="store_true", help=".txt files: the first non-empty line is always the title"
    )
    for name in ("text", "title", "date", "id"):
        known = ", ".join(ingest.FIELD_ALIASES[name][:4])
        parser.add_argument(
            f"--{name}-field", metavar="NAME", help=f"JSON/CSV field of the {name} (default: {known}, ...)"
        )
    levels = parser.add_mutually_exclusive_group()
    levels.add_argument("-q", "--quiet", action="store_true", help="print only errors and the summary")
    levels.add_argument("-v", "--verbose", action="store_true", help="also print a line per document")
    parser.add_argument("--log", metavar="FILE", help="append every message, time-stamped, to FILE")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line, if anything (checked before any work starts)."""
    if not args.paths:
        return "no inputs given"
    if args.date is not None:
        try:
            if not _ISO_DATE.match(args.date):
                raise ValueError
            _date.fromisoformat(args.date)
        except ValueError:
            return f"--date must be a real date in the form YYYY-MM-DD, not {args.date!r}"
    if args.workers < 1:
        return "--workers must be at least 1"
    if args.batch_size < 1:
        return "--batch-size must be at least 1"
    if args.max_chars < 1:
        return "--max-chars must be at least 1"
    for path in args.actors:
        problem = actor_file_problem(path)
        if problem:
            return problem
    if args.paths.count("-") > 1:
        return "stdin (-) can be read only once"
    return None


def actor_file_problem(path: str) -> str | None:
    """`path:line: message` for an actor file that is missing or not valid YAML, else None."""
    import yaml

    file = Path(path)
    if not file.is_file():
        return f"actor file not found: {path}"
    try:
        yaml.safe_load(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return f"{path}: not UTF-8 text (byte {exc.start})"
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"{mark.line + 1}:" if mark is not None else ""
        return f"{path}:{line} {exc.problem or exc.context or 'malformed YAML'}"
    except yaml.YAMLError as exc:
        return f"{path}: malformed YAML: {exc}"
    return None


class OutputBusy(Exception):
    """Another run holds the lock on the JSONL output file."""


def open_output(args: argparse.Namespace) -> tuple[IO[str] | None, set[str]]:
    """The JSONL stream and the doc_ids it already holds (appending on resume), locked for this run."""
    if not args.output:
        return None, set()
    if args.output == "-":
        return sys.stdout, set()
    path = Path(args.output)
    handle = path.open("a", encoding="utf-8")
    _lock(handle, path)
    if args.force or args.no_db:
        handle.truncate(0)
        return handle, set()
    return handle, ids_in_jsonl(path)


def _lock(handle: IO[str], path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise OutputBusy(
            f"{path} is being written by another eventcoder run; wait for it or use another -o"
        ) from exc


def read_options(args: argparse.Namespace) -> Any:
    from eventcoder import ingest

    fields = {
        name: value for name in ("text", "title", "date", "id") if (value := getattr(args, f"{name}_field"))
    }
    title = "none" if args.no_title else "first-line" if args.title_line else "auto"
    return ingest.ReadOptions(max_chars=args.max_chars, title=title, fields=fields)


def _reporter(args: argparse.Namespace, log: TextIO | None) -> Reporter:
    from eventcoder import ingest

    level = QUIET if args.quiet else VERBOSE if args.verbose else NORMAL
    bar = not args.no_progress and sys.stderr.isatty()
    total = ingest.count_articles(args.paths) if bar else None
    return Reporter(sys.stderr, level=level, log=log, bar=bar, total=total)


def confidence_value(text: str) -> float:
    """argparse type for --min-confidence: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return value


def run_code(args: argparse.Namespace) -> int:
    """`eventcoder code`: exit 0 all coded, 3 some failed, 2 usage error, 4 disk full or a failed write,
    130/143 stopped by a signal."""
    problem = usage_problem(args)
    if problem:
        print(f"eventcoder code: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from eventcoder import ingest

    opts = RunOptions(
        actor_files=tuple(args.actors),
        asserted_only=args.asserted_only,
        min_confidence=args.min_confidence,
        workers=args.workers,
        batch_size=args.batch_size,
        force=args.force,
        max_chars=args.max_chars,
    )
    try:
        log = Path(args.log).open("a", encoding="utf-8") if args.log else None
    except OSError as exc:
        print(f"eventcoder code: cannot write the log {args.log}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        conn = None if args.no_db else store.connect(args.db)
    except (store.StoreError, sqlite3.Error) as exc:
        if _is_full(exc):  # no room even to set the database up: the run's failure, not the user's
            print(f"eventcoder: error: {write_failure(exc, args)}", file=sys.stderr)
            return EXIT_ABORTED
        reason = str(exc) if isinstance(exc, store.StoreError) else f"cannot open database {args.db}: {exc}"
        print(f"eventcoder code: {reason}", file=sys.stderr)
        return EXIT_USAGE
    try:
        jsonl, already = open_output(args)
    except (OSError, OutputBusy) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"eventcoder code: cannot write {args.output}: {reason}", file=sys.stderr)
        if conn is not None:
            conn.close()
        return EXIT_USAGE
    reporter = _reporter(args, log)
    summary = Summary()
    sink = Sink(conn, jsonl, already, summary, sys.stderr, reporter)
    stop = StopRequest()
    stop.install()
    items = ingest.read_inputs(
        args.paths, default_date=args.date, stdin=sys.stdin, options=read_options(args)
    )
    try:
        run_articles(items, opts, sink, stop)
    except _broken_pool_error() as exc:
        summary.aborted = True
        reporter.say(
            f"eventcoder: error: a worker process died ({exc}); finished batches are saved, "
            "run the same command again to resume",
            QUIET,
        )
    except (OSError, sqlite3.OperationalError) as exc:
        summary.aborted = True
        reporter.say(f"eventcoder: error: {write_failure(exc, args)}", QUIET)
    finally:
        stop.restore()
        _close(jsonl, conn, args, sink)
    if stop.requested:
        reporter.say(
            f"eventcoder: stopped by {signal.Signals(stop.signum or 2).name}; finished batches are saved"
        )
    reporter.say(summary.line(), QUIET)
    if log is not None:
        log.close()
    return summary.exit_status()


def _close(jsonl: IO[str] | None, conn: Any, args: argparse.Namespace, sink: Sink) -> None:
    if jsonl is not None and jsonl is not sys.stdout:
        try:
            jsonl.close()
            if sink.replaced_lines:
                compact_jsonl(Path(args.output))
        except OSError:
            pass  # reported by the write that failed first; the next run repairs the file
    if conn is not None:
        conn.close()


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return "disk is full" in str(exc).lower() or "database or disk is full" in str(exc).lower()


def write_failure(exc: Exception, args: argparse.Namespace) -> str:
    """The message for a write that failed: which file, which file system, what to do."""
    target = getattr(exc, "filename", None) or (args.output if isinstance(exc, OSError) else args.db)
    target = str(target or args.db)
    if _is_full(exc):
        where = mount_point(Path(target))
        free = _free_bytes(where)
        return (
            f"no space left on the file system mounted at {where} (writing {target}; {free} free); "
            "finished batches are saved and the database is intact: free some space and run the "
            "same command again to resume"
        )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"could not write {target}: {reason}; finished batches are saved, run again to resume"


def mount_point(path: Path) -> str:
    """The mount point of the file system holding `path` (for messages)."""
    current = path.resolve() if path.exists() else path.parent.resolve()
    while not os.path.ismount(current) and current != current.parent:
        current = current.parent
    return str(current)


def _free_bytes(where: str) -> str:
    try:
        info = os.statvfs(where)
    except OSError:
        return "unknown"
    free = info.f_bavail * info.f_frsize
    return f"{free / 1e6:.1f} MB" if free >= 1e6 else f"{free:,} bytes"


def _broken_pool_error() -> type[Exception]:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool
