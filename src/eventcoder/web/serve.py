"""`eventcoder serve`: the dashboard and JSON API over a database, with uvicorn.

It binds to 127.0.0.1 unless `--host` says otherwise: the server has no login, so anyone who can reach the
port can read the whole database and make the server code text. Another host is allowed, with a warning.
"""

from __future__ import annotations

import argparse
import sys

from eventcoder import store

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
EXIT_USAGE = 2


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="eventcoder.db", help="SQLite database (default eventcoder.db)")
    parser.add_argument(
        "--host", default="127.0.0.1",
        help="address to bind (default 127.0.0.1, this machine only; others can reach any other address)",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def run_serve(args: argparse.Namespace) -> int:
    """Check the database, say where the dashboard is, and serve until Ctrl-C."""
    if not store.may_exist(args.db):
        print(
            f"eventcoder serve: no database at {args.db} (run `eventcoder code ... --db {args.db}`)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not 0 < args.port < 65536:
        print(f"eventcoder serve: --port {args.port} is not a port number (1-65535)", file=sys.stderr)
        return EXIT_USAGE
    from eventcoder.store import StoreError, connect

    try:  # the store's own check: a file that is not an eventcoder database (of this schema) is said so
        connect(args.db, readonly=True).close()
    except StoreError as exc:
        print(f"eventcoder serve: {exc}", file=sys.stderr)
        return EXIT_USAGE
    import uvicorn

    from eventcoder.web.app import create_app

    shown = f"[{args.host}]" if ":" in args.host else args.host
    if args.host in LOCAL_HOSTS:
        print(
            f"eventcoder serve: http://{shown}:{args.port}/ (this machine only; --host to listen elsewhere)"
        )
    else:
        print(
            f"eventcoder serve: WARNING: listening on {args.host}:{args.port}, "
            "reachable from other machines; "
            "there is no login: anyone who can reach it can read the database and use POST /api/code",
            file=sys.stderr,
        )
    print(f"eventcoder serve: database {args.db}; API docs at /docs; Ctrl-C stops", flush=True)
    uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning")
    return 0
