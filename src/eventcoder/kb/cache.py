"""Prebuilt indexes in the user cache: the knowledge-base lexicon and the gazetteer, built once per
version of their data files and read back by every later process and worker.

Why: building the actors lexicon (40,000 names through the schema checker and the tokenizer) and the
gazetteer (GeoNames JSON) took seconds per process, and `code --workers N` spawns N fresh processes.
An index is a pickle named `<kind>-<key>.pickle`, where the key is a digest of every file it was
built from (data files and the module that builds it), so editing a data file or the loader builds
a new one and the old one is dropped after a day unused (two checkouts may share the cache).

The cache lives in `$EVENTCODER_CACHE_DIR`, else `$XDG_CACHE_HOME/eventcoder` or
`~/.cache/eventcoder`.  An unreadable or unwritable cache only means building each time.

Both building and reading run with the cyclic garbage collector paused: they allocate hundreds of
thousands of objects that hold no cycles to collect, and the collector's passes over them were
half of the load time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
STALE_INDEX_S = 86_400


def cache_dir() -> Path:
    """Where prebuilt indexes are kept."""
    own = os.environ.get("EVENTCODER_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventcoder"


def content_key(paths: Iterable[Path], *extra: str) -> str:
    """A digest of the files' names and bytes (missing files count as absent) and of `extra`."""
    digest = hashlib.blake2b(digest_size=12)
    for path in paths:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0absent")
    for value in extra:
        digest.update(value.encode())
    return digest.hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restored to its previous state afterwards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_or_build(kind: str, key: str, build: Callable[[], T], expected: type[T]) -> T:
    """The index `kind` for `key` from the cache, else `build()` (then stored for the next process).
    One process builds at a time: workers that start together with no index wait for the first
    one's and read it, instead of each building it (N builds at once on shared cores)."""
    path = cache_dir() / f"{kind}-{key}.pickle"
    with collector_paused():
        cached = _read(path, expected)
        if cached is not None:
            return cached
        with _build_lock(path):
            cached = _read(path, expected)  # built by another process while this one waited
            if cached is not None:
                return cached
            value = build()
            _store(path, value, kind)
    return value


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `<index>.lock` beside the index (released when the process dies too);
    where no lock can be had (no fcntl, an unwritable cache) building goes on without one."""
    handle = None
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.with_suffix(".lock").open("ab")
        fcntl.flock(handle, fcntl.LOCK_EX)
    except (ImportError, OSError):
        pass
    try:
        yield
    finally:
        if handle is not None:
            handle.close()  # closing releases the lock


def _read(path: Path, expected: type[T]) -> T | None:
    try:
        data = path.read_bytes()
        value = pickle.loads(data)  # noqa: S301 - our own index, keyed on the files it was built from
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if not isinstance(value, expected):
        return None
    try:
        if time.time() - path.stat().st_mtime > STALE_INDEX_S / 2:
            os.utime(path)  # in use: not stale
    except OSError:
        pass
    return value


def _store(path: Path, value: object, kind: str) -> None:
    """Write the index atomically (workers may build it at the same time) and drop indexes of the
    same kind left unused for a day; failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        for old in [*path.parent.glob(f"{kind}-*.pickle"), *path.parent.glob(f"{kind}-*.lock")]:
            if old.stem != path.stem and time.time() - old.stat().st_mtime > STALE_INDEX_S:
                old.unlink(missing_ok=True)  # an index of files that have changed since
    except OSError:
        pass
