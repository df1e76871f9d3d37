"""The `eventcoder` command line.

Each subcommand lives with the stage that owns it: the module named in
`SUBCOMMANDS` provides `add_arguments(parser)` and `run(args) -> int`
(exit status). This file only wires them together, so adding a command never
means editing another stage's code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# command -> (module that implements it, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "code": ("eventcoder.engines", "code articles (files, folders, or - for JSONL on stdin) into events"),
    "events": ("eventcoder.queries", "list coded events from the database"),
    "records": ("eventcoder.queries", "list event records: events grouped across articles, with counts"),
    "quotes": ("eventcoder.queries", "list attributed quotes from the database"),
    "actors": ("eventcoder.actors", "show how each actor mention in a text resolves, and why"),
    "kb": ("eventcoder.kb.petrarch", "convert the PETRARCH/Phoenix actor dictionaries into our data files"),
    "explain": ("eventcoder.events.explain", "show pass by pass how the events of a sentence are coded"),
    "codes": ("eventcoder.ontology", "list CAMEO codes and PLOVER types"),
    "eval": ("eventcoder.evaluate", "score eventcoder against gold files"),
    "export": ("eventcoder.export", "export the database (JSONL or GDELT-style TSV)"),
    "alerts": ("eventcoder.alerts", "rank the dyads and countries whose conflict rose in the latest window"),
    "serve": ("eventcoder.web.serve", "the local web dashboard and JSON API over the database"),
    "load": ("eventcoder.load", "load the Parquet output of `code --engine ray` into a database"),
}

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventcoder",
        description="Code news articles into political events, quotes and actors, offline.",
    )
    parser.add_argument("--version", action="version", version="eventcoder 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        adder = getattr(module, f"add_{name}_arguments")
        adder(sub_parser)
        sub_parser.set_defaults(handler=getattr(module, f"run_{name}"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:  # `eventcoder events | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def entry() -> None:
    """The `eventcoder` command: `main`, then exit without tearing down the interpreter.

    Freeing the model and the dictionaries object by object takes seconds on a
    busy machine; after a stop request a user (or systemd) waits for the exit, and
    every file has been closed by then.
    """
    import os

    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(status)


if __name__ == "__main__":
    entry()
