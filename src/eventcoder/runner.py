"""The `code` command: stream articles through the pipeline into SQLite and JSONL.

Design, and why:
- Streaming. Input is read lazily from `ingest.read_inputs`, cut into chunks of
  `--batch-size` articles, and at most `2 x workers` chunks are in flight, so
  memory stays flat whatever the corpus size.
- Worker processes. Each worker builds one `Coder` (spaCy model and every
  dictionary) once and codes whole chunks; only plain `Document`s come back
  (their `nlp_doc` is dropped when pickled). Results are consumed in submission
  order, so a 2-worker run writes exactly what a 1-worker run writes.
- One writer. Only the main process writes: for each chunk it appends the
  JSONL lines, then commits the chunk's documents and errors in one SQLite
  transaction. A run killed at any moment leaves whole batches behind.
- Resume. A document is skipped only when the database holds it coded under the
  same id, with the same content hash and coder version (`identity.Identities`);
  an edited article or new rules re-code it in place, and the summary says how
  many were skipped and why. `--force` re-codes all. With `-o FILE` a resumed
  run appends only documents not already in the file.
- Errors never stop the batch: unreadable inputs (from ingest), oversized
  documents and exceptions inside any stage become one error line on stderr,
  a row in the `errors` table, and exit status 3.
"""

from __future__ import annotations

import argparse
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

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_SIGNAL: dict[int, int] = {int(signal.SIGINT): 130, int(signal.SIGTERM): 143}
# A news article is a few thousand words; past this a document is refused rather than
# risking the memory of a whole worker (spaCy's parse grows with document length).
MAX_DOC_CHARS = 1_000_000
DEFAULT_BATCH = 8
WARNING = "warning"  # IngestError.stage of problems that do not stop the article (bad date, bad bytes)

Result = Document | IngestError


# -- options and summary ------------------------------------------------------
@dataclass
class RunOptions:
    """What `eventcoder code` was asked to do, minus where inputs come from."""

    actor_files: tuple[str, ...] = ()
    asserted_only: bool = False
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
    seconds: float = 0.0
    interrupted: int | None = None  # the signal that stopped the run

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
        if self.interrupted is not None:
            text += f" (stopped by {signal.Signals(self.interrupted).name}; run again to resume)"
        return text

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1

    def exit_status(self) -> int:
        if self.interrupted is not None:
            return EXIT_SIGNAL.get(self.interrupted, EXIT_FAILED)
        return EXIT_FAILED if self.errors else EXIT_OK


def _reasons(counts: dict[str, int], words: dict[str, str]) -> str:
    """`10 unchanged since they were coded, 2 repeated in the input`."""
    return ", ".join(f"{n} {words.get(reason, reason)}" for reason, n in sorted(counts.items()))


# -- coding one chunk (in a worker or in-process) -----------------------------
def build_coder(actor_files: Sequence[str] = (), asserted_only: bool = False) -> Any:
    """The pipeline, built once per process (spaCy is imported here, not at module load)."""
    from eventcoder.pipeline import Coder

    return Coder(actor_files=actor_files, asserted_only=asserted_only)


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


def _init_worker(actor_files: Sequence[str], asserted_only: bool, parent: int) -> None:
    """Worker start-up: ignore Ctrl-C (the main process decides when to stop) and build the Coder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died while this worker was starting
        os._exit(1)
    global _WORKER_CODER
    _WORKER_CODER = build_coder(actor_files, asserted_only)


def _code_in_worker(articles: list[Article]) -> list[Result]:
    return code_chunk(_WORKER_CODER, articles)


# -- running chunks -------------------------------------------------------------
Chunk = list[Article]


def code_serially(chunks: Iterable[Chunk], opts: RunOptions) -> Iterator[tuple[Chunk, list[Result]]]:
    """`--workers 1`: everything in this process, no pool."""
    coder = build_coder(opts.actor_files, opts.asserted_only)
    for chunk in chunks:
        yield chunk, code_chunk(coder, chunk)


def code_in_pool(chunks: Iterable[Chunk], opts: RunOptions) -> Iterator[tuple[Chunk, list[Result]]]:
    """Spread chunks over worker processes; yield results in input order, few chunks in flight."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # spawn, not fork: the main process may hold threads (tqdm, sqlite) that fork would copy mid-state.
    context = multiprocessing.get_context("spawn")
    executor = ProcessPoolExecutor(
        max_workers=opts.workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(tuple(opts.actor_files), opts.asserted_only, os.getpid()),
    )
    pending: deque[tuple[Chunk, Future[list[Result]]]] = deque()
    max_in_flight = 2 * opts.workers
    try:
        for chunk in chunks:
            pending.append((chunk, executor.submit(_code_in_worker, chunk)))
            while len(pending) >= max_in_flight:
                done_chunk, future = pending.popleft()
                yield done_chunk, future.result()
        while pending:
            done_chunk, future = pending.popleft()
            yield done_chunk, future.result()
    finally:
        # On a stop request the chunks still in flight are dropped; resume codes them again.
        executor.shutdown(wait=True, cancel_futures=True)


def chunked(articles: Iterable[Article], size: int) -> Iterator[Chunk]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def dispatch(chunks: Iterator[Chunk], opts: RunOptions) -> Iterator[tuple[Chunk, list[Result]]]:
    """In-process for one worker or for input that fits in one chunk; a pool otherwise.

    Nothing is loaded when there is nothing to code (a resumed run that is already complete).
    """
    head = list(itertools.islice(chunks, 1 if opts.workers <= 1 else 2))
    if not head:
        return iter(())
    rest = itertools.chain(head, chunks)
    if opts.workers <= 1 or len(head) < 2:  # starting workers would cost more than coding it here
        return code_serially(rest, opts)
    return code_in_pool(rest, opts)


# -- output -------------------------------------------------------------------
def ids_in_jsonl(path: Path) -> set[str]:
    """doc_ids already in an output file; cuts off a last line left half-written by a kill."""
    ids: set[str] = set()
    if not path.is_file():
        return ids
    with path.open("rb+") as handle:
        end = 0
        for line in handle:
            if not line.endswith(b"\n"):
                break
            end += len(line)
            try:
                ids.add(str(json.loads(line)["doc_id"]))
            except (ValueError, KeyError, TypeError):
                continue
        handle.truncate(end)
    return ids


class Sink:
    """Where results go: the JSONL stream, the database, stderr error lines, the summary."""

    def __init__(
        self,
        conn: Any,
        jsonl: IO[str] | None,
        already_in_jsonl: set[str],
        summary: Summary,
        err: TextIO,
    ) -> None:
        self.conn = conn
        self.jsonl = jsonl
        self.already_in_jsonl = already_in_jsonl
        self.summary = summary
        self.err = err
        self.pending_errors: list[IngestError] = []
        self.pending_failed: list[Article] = []

    def error(self, error: IngestError, article: Article | None = None) -> None:
        """Report an error (or an ingest warning) now; it is stored with the next batch."""
        where = error.origin or "?"
        if error.doc_id and error.doc_id not in where:
            where += f" [{error.doc_id}]"
        if error.stage == WARNING:  # the article is still coded: reported and stored, not a failure
            print(f"eventcoder: warning: {where}: {error.reason}", file=self.err, flush=True)
            self.summary.warnings += 1
        else:
            print(f"eventcoder: error: {where}: {error.stage}: {error.reason}", file=self.err, flush=True)
            self.summary.errors += 1
        self.pending_errors.append(error)
        if article is not None:
            self.pending_failed.append(article)

    def write(self, chunk: Chunk, results: list[Result]) -> None:
        """Write one coded chunk: JSONL first (flushed), then one database transaction."""
        docs: list[Document] = []
        for article, result in zip(chunk, results, strict=True):
            if isinstance(result, Document):
                docs.append(result)
            else:
                self.error(result, article)
        if self.jsonl is not None:
            lines = [
                json.dumps(d.to_dict(), ensure_ascii=False) + "\n"
                for d in docs
                if d.doc_id not in self.already_in_jsonl
            ]
            self.jsonl.writelines(lines)
            self.jsonl.flush()
        self.flush(docs)
        for doc in docs:
            self.summary.documents += 1
            self.summary.events += len(doc.events)
            self.summary.quotes += len(doc.quotes)

    def flush(self, docs: Sequence[Document] = ()) -> None:
        """Commit documents plus any errors waiting since the last batch."""
        if self.conn is not None and (docs or self.pending_errors or self.pending_failed):
            store.write_batch(self.conn, docs, self.pending_errors, self.pending_failed)
        self.pending_errors = []
        self.pending_failed = []


# -- the run loop ---------------------------------------------------------------
class StopRequest:
    """SIGINT/SIGTERM handler: the first asks for a clean stop after the current batch, the second aborts."""

    def __init__(self, err: TextIO) -> None:
        self.signum: int | None = None
        self.err = err
        self.previous: dict[int, Any] = {}

    def __call__(self, signum: int, frame: Any) -> None:
        if self.signum is not None:
            raise KeyboardInterrupt
        self.signum = signum
        print(
            "eventcoder: stopping after the current batch (Ctrl-C again to abort)", file=self.err, flush=True
        )

    def install(self) -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            self.previous[signum] = signal.signal(signum, self)

    def restore(self) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


def select_articles(
    items: Iterable[Article | IngestError], opts: RunOptions, sink: Sink, summary: Summary
) -> Iterator[Article]:
    """Drop what cannot or need not be coded: input errors, oversized documents, documents already done.

    Each article gets its final doc_id and content hash here (`identity.Identities`): an id taken by
    different content elsewhere becomes a distinct document, reported as a warning naming both places.
    """
    lookup = (lambda doc_id: store.stored_identity(sink.conn, doc_id)) if sink.conn is not None else None
    version = identity.coder_version(tuple(opts.actor_files), opts.asserted_only)
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
    started = time.perf_counter()
    progress = _progress_bar(opts.progress, sink.err)
    results = dispatch(chunked(select_articles(items, opts, sink, summary), opts.batch_size), opts)
    try:
        for chunk, chunk_results in results:
            sink.write(chunk, chunk_results)
            progress.update(len(chunk))
            if stop is not None and stop.signum is not None:
                summary.interrupted = stop.signum
                break
        sink.flush()
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # shuts the pool down before the summary is printed
        progress.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _progress_bar(enabled: bool, err: TextIO) -> Any:
    """A tqdm counter on stderr (no total: input is streamed), or a no-op."""
    from tqdm import tqdm

    return tqdm(unit=" docs", file=err, disable=not enabled, dynamic_ncols=True, leave=False)


# -- the command --------------------------------------------------------------
def add_code_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files or folders (.txt, .jsonl, .csv, .html, .gz), or - for JSONL on stdin",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write one JSON document per line to FILE (- for stdout); "
        "a resumed run appends only newly coded documents",
    )
    parser.add_argument(
        "--db", default=store.DEFAULT_DB, help=store.DB_HELP
    )
    parser.add_argument("--no-db", action="store_true", help="do not write a database (no resume)")
    parser.add_argument("--date", help="publication date YYYY-MM-DD for inputs that carry none")
    parser.add_argument(
        "--actors",
        nargs="+",
        action="extend",
        default=[],
        metavar="FILE",
        help="extra actor dictionaries (YAML); give them after the PATHs or repeat --actors",
    )
    parser.add_argument(
        "--asserted-only",
        action="store_true",
        help="keep only asserted events (drop negated, hypothetical, ...)",
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
        help=f"refuse documents longer than this (default {MAX_DOC_CHARS:,})",
    )
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
    missing = [f for f in args.actors if not Path(f).is_file()]
    if missing:
        return f"actor file not found: {', '.join(missing)}"
    if args.paths.count("-") > 1:
        return "stdin (-) can be read only once"
    return None


def open_output(args: argparse.Namespace) -> tuple[IO[str] | None, set[str]]:
    """The JSONL stream and the doc_ids it already holds (appending on resume)."""
    if not args.output:
        return None, set()
    if args.output == "-":
        return sys.stdout, set()
    path = Path(args.output)
    if args.force or args.no_db:
        return path.open("w", encoding="utf-8"), set()
    already = ids_in_jsonl(path)
    return path.open("a", encoding="utf-8"), already


def run_code(args: argparse.Namespace) -> int:
    """`eventcoder code`: exit 0 all coded, 3 some failed, 2 usage error, 130/143 stopped by a signal."""
    problem = usage_problem(args)
    if problem:
        print(f"eventcoder code: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from eventcoder import ingest

    opts = RunOptions(
        actor_files=tuple(args.actors),
        asserted_only=args.asserted_only,
        workers=args.workers,
        batch_size=args.batch_size,
        force=args.force,
        max_chars=args.max_chars,
        progress=not args.no_progress and sys.stderr.isatty(),
    )
    try:
        conn = None if args.no_db else store.connect(args.db)
    except store.StoreError as exc:
        print(f"eventcoder code: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as exc:
        print(f"eventcoder code: cannot open database {args.db}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        jsonl, already = open_output(args)
    except OSError as exc:
        print(f"eventcoder code: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        if conn is not None:
            conn.close()
        return EXIT_USAGE
    summary = Summary()
    sink = Sink(conn, jsonl, already, summary, sys.stderr)
    stop = StopRequest(sys.stderr)
    stop.install()
    items = ingest.read_inputs(args.paths, default_date=args.date, stdin=sys.stdin, max_chars=args.max_chars)
    try:
        run_articles(items, opts, sink, stop)
    except _broken_pool_error() as exc:
        summary.errors += 1
        print(
            f"eventcoder: error: a worker process died ({exc}); finished batches are saved, "
            "run the same command again to resume",
            file=sys.stderr,
        )
    finally:
        stop.restore()
        if jsonl is not None and jsonl is not sys.stdout:
            jsonl.close()
        if conn is not None:
            conn.close()
    print(summary.line(), file=sys.stderr)
    return summary.exit_status()


def _broken_pool_error() -> type[Exception]:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool
