"""Shared fixtures: one spaCy pipeline and one Coder per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_STORY = SHARED / "samples" / "us-responds-to-russia-demands.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: shared data (../shared beside the checkout) is needed for this test")
    return path


@pytest.fixture(scope="session")
def nlp():
    from eventcoder.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def coder():
    from eventcoder.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def coder_keeping_all():
    """A Coder that keeps every scored event, for tests of actors and arguments: which events pass the
    verifier's default cut is the verifier's business, tested on its own."""
    from eventcoder.pipeline import Coder

    return Coder(min_confidence=0.0)


@pytest.fixture(scope="session")
def actor_resolver():
    from eventcoder.actors import ActorResolver

    return ActorResolver()


@pytest.fixture(scope="module")
def code(nlp, actor_resolver):
    """Parse one test sentence, resolve its actors and code its events (publication date 2023-05-01)."""
    from eventcoder.events import EventCoder
    from eventcoder.model import Document
    from eventcoder.nlp import parse

    coder = EventCoder()

    def code_text(text: str):
        doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2023-05-01"), nlp)
        actor_resolver.run(doc)
        coder.run(doc)
        return doc.events

    return code_text


def roots(events) -> set[str]:
    """The CAMEO roots of a list of events."""
    return {e.cameo_root for e in events}


def event_at(doc, word: str, nth: int = 0, source=None, modality: str = "asserted"):
    """A hand-made event whose trigger is the nth token spelled `word` (the events stage's contract).

    The time and geo stages are tested on events built this way, so their tests do not depend on
    which events the events stage happens to find.
    """
    from eventcoder.model import Event

    token = [t for t in doc.nlp_doc if t.text == word][nth]
    return Event(
        event_id=f"t-{token.i}",
        doc_id=doc.doc_id,
        sentence_index=0,
        sentence=token.sent.text,
        span=(token.sent.start_char, token.sent.end_char),
        trigger=token.text,
        source=source,
        target=None,
        cameo="190",
        cameo_root="19",
        quad_class=4,
        goldstein=-10.0,
        plover={"type": None, "mode": None, "context": None},
        modality=modality,
        trigger_token=token.i,
        trigger_start=token.idx,
    )


@pytest.fixture()
def postgres_url():
    """A fresh, empty PostgreSQL database on the test server, dropped afterwards.

    The server is named by EVENTCODER_TEST_POSTGRES (`.ci/run` starts one with .ci/postgres.sh);
    without it the test is skipped locally, and fails under CI, where the server must be there.
    """
    import os
    import uuid

    server = os.environ.get("EVENTCODER_TEST_POSTGRES")
    reason = "no PostgreSQL server: start one with `bash .ci/postgres.sh start` and export its URL as "
    reason += "EVENTCODER_TEST_POSTGRES"
    if not server:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    psycopg = pytest.importorskip("psycopg", reason="psycopg is missing: pip install 'eventcoder[postgres]'")
    name = f"eventcoder_t_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} ({exc})")
        pytest.skip(f"{reason} ({exc})")
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
