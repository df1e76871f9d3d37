"""What a run says while it runs: messages, the progress bar, the once-a-minute log line.

Unattended runs (stderr not a terminal: cron, systemd, `nohup`, CI) get one log
line a minute with documents, events, errors and rate instead of a bar; runs at
a terminal get a tqdm bar with total, rate and ETA when the total is known.
`--quiet` keeps only errors and the summary, `--verbose` adds a line per
document, and `--log FILE` copies every message, time-stamped, to a file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, TextIO

QUIET, NORMAL, VERBOSE = 0, 1, 2
LOG_EVERY_S = 60.0


@dataclass
class Counts:
    """What the periodic log line reports."""

    documents: int = 0
    events: int = 0
    errors: int = 0


class Reporter:
    """One place for every message of a run, so that levels, the bar and the log file agree."""

    def __init__(
        self,
        err: TextIO,
        level: int = NORMAL,
        log: TextIO | None = None,
        bar: bool = False,
        total: int | None = None,
        log_every_s: float = LOG_EVERY_S,
    ) -> None:
        self.err = err
        self.level = level
        self.log = log
        self.log_every_s = log_every_s
        self.started = time.monotonic()
        self.last_log = self.started
        self.bar = self._bar(bar and level > QUIET, total)
        self.periodic = not bar and level > QUIET

    def _bar(self, enabled: bool, total: int | None) -> Any:
        if not enabled:
            return None
        from tqdm import tqdm

        return tqdm(total=total, unit=" docs", file=self.err, dynamic_ncols=True, leave=False)

    def say(self, text: str, level: int = NORMAL) -> None:
        """Print `text` on stderr if the level allows; always copy it to the log file."""
        if self.level >= level:
            if self.bar is not None:
                self.bar.write(text, file=self.err)
            else:
                print(text, file=self.err, flush=True)
        self._to_log(text)

    def _to_log(self, text: str) -> None:
        if self.log is not None:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
            self.log.write(f"{stamp} {text}\n")
            self.log.flush()

    def advance(self, done: int, counts: Counts) -> None:
        """`done` more documents handled: move the bar, or log a line if a minute has passed."""
        if self.bar is not None:
            self.bar.update(done)
        now = time.monotonic()
        if now - self.last_log >= self.log_every_s:
            self.last_log = now
            rate = counts.documents / max(now - self.started, 1e-9)
            line = (
                f"eventcoder: progress: {counts.documents} documents, {counts.events} events, "
                f"{counts.errors} errors, {rate:.1f} documents/s"
            )
            if self.periodic:
                self.say(line)
            else:
                self._to_log(line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
