"""The `code` command's front: which engine codes the inputs.

`--engine local` (the default) is `runner`: worker processes on this machine into SQLite or
PostgreSQL. `--engine ray` is `scale`: a Ray cluster (or a local Ray instance) into Parquet, then
loaded. Both take the same options; choosing between them here keeps the dependencies one way
(scale builds on runner, runner knows nothing of Ray).
"""

from __future__ import annotations

import argparse
import sys

from eventcoder import runner


def add_code_arguments(parser: argparse.ArgumentParser) -> None:
    runner.add_code_arguments(parser)
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local: worker processes on this machine; ray: a Ray cluster, Parquet output in -o DIR "
        "(see docs/scale.md)",
    )
    parser.add_argument(
        "--address",
        help="with --engine ray: the cluster (auto, ray://host:10001); default: start a local one",
    )


def run_code(args: argparse.Namespace) -> int:
    """`eventcoder code`: the local runner, or with `--engine ray` the Ray runner (same exit statuses)."""
    if getattr(args, "engine", "local") != "ray":
        return runner.run_code(args)
    problem = runner.usage_problem(args)
    if problem:
        print(f"eventcoder code: {problem}", file=sys.stderr)
        return runner.EXIT_USAGE
    from eventcoder.scale import run_code_ray

    return run_code_ray(args)
