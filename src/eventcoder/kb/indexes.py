"""`eventcoder kb index`: build the prebuilt indexes (actors lexicon, gazetteer) into the user cache
now, so that the first `code` run and each of its workers start from them (`make install` runs it).
Without it the first process builds them, a couple of seconds, and every later one reads them."""

from __future__ import annotations

import time


def run_index() -> int:
    """Build or read each index and say where it is and what it cost."""
    from eventcoder import geo
    from eventcoder.actors.kb import alias_tokenizer, builtin_lexicon
    from eventcoder.kb.cache import cache_dir

    folder = cache_dir()
    before = set(folder.glob("*.pickle")) if folder.is_dir() else set()
    for name, load in (("actors", lambda: builtin_lexicon(alias_tokenizer)), ("gazetteer", geo.gazetteer)):
        started = time.perf_counter()
        load()
        seconds = time.perf_counter() - started
        found = (
            sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)
            if folder.is_dir()
            else []
        )
        if not found:
            print(f"{name}: built in {seconds:.1f} s, but {folder} is not writable: every process builds it")
        else:
            state = "built" if found[-1] not in before else "already built, read"
            print(f"{name}: {found[-1]} ({state} in {seconds:.1f} s)")
    return 0
