"""The web tests' shared set-up: one database coded from the bundled samples (plus a hostile article) per
test session, and the real server (uvicorn) on a free localhost port.

The database is coded once per process with the real `eventcoder code` command (in-process) and cached, so
the API and browser test modules share it.
"""

from __future__ import annotations

import atexit
import json
import shutil
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
ARTIFACTS = ROOT / "test-artifacts" / "web"

HOSTILE_ID = 'hostile <b>&amp; "quotes" / ?x=1#frag'
# Article text is untrusted: every trick below must show up as text, and none may run.
HOSTILE_TEXT = (
    "Russian troops attacked the city of Kharkiv on Monday, Ukraine's defence ministry said. "
    "<script>window.__pwned = 'script in text'</script> "
    "<img src=x onerror=\"window.__pwned = 'img in text'\"> "
    "<a href=\"javascript:window.__pwned = 'link in text'\">click here</a> "
    "<b>bold?</b> &lt;escaped&gt; {{ 7*7 }} "
    "Odd Unicode: \u202ereversed\u202c, zero\u200bwidth, emoji \U0001f680, combining e\u0301, "
    "Arabic \u0645\u0631\u062d\u0628\u0627.\n\n"
    "\"We will not let <script>window.__pwned = 'quote'</script> stand,\" "
    "Ukrainian President Volodymyr Zelensky said."
)
HOSTILE = {
    "id": HOSTILE_ID,
    "date": "2025-06-30",
    "title": "<b>Bold</b> headline <script>window.__pwned = 'title'</script>",
    "source": "<i>Evil</i> Times",
    "url": "javascript:window.__pwned = 'url'",
    "text": HOSTILE_TEXT,
}


def _cleanup(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


@lru_cache(maxsize=1)
def coded_db() -> Path:
    """examples/articles and the hostile article coded into a fresh database (once per process)."""
    from eventcoder.cli import main

    folder = Path(tempfile.mkdtemp(prefix="eventcoder-web-"))
    atexit.register(_cleanup, folder)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "samples.db"
    status = main(["code", str(EXAMPLES), str(hostile), "--db", str(db)])
    assert status == 0, f"coding the samples failed with status {status}"
    return db


@lru_cache(maxsize=1)
def empty_db() -> Path:
    """A database with the schema and no rows."""
    from eventcoder.store import connect

    folder = Path(tempfile.mkdtemp(prefix="eventcoder-web-empty-"))
    atexit.register(_cleanup, folder)
    db = folder / "empty.db"
    connect(db).close()
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(db: Path):
    """The dashboard on a free 127.0.0.1 port, in a thread; yields its base URL."""
    import uvicorn

    from eventcoder.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def fetch(url: str, data: Any = None, method: str | None = None) -> tuple[int, Any, dict[str, str]]:
    """(status, parsed JSON or text, headers) of one request; HTTP errors are returned, not raised."""
    body = None
    headers = {}
    if data is not None:
        body = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, raw, got = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as err:
        status, raw, got = err.code, err.read(), dict(err.headers)
    text = raw.decode("utf-8")
    if got.get("content-type", "").startswith("application/json"):
        return status, json.loads(text), got
    return status, text, got
