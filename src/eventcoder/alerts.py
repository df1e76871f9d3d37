"""Trends and escalation alerts: which dyads and countries turned more conflictual lately.

For each unit (a directed country dyad A->B, from the actors' countries, and each country where events took
place) the latest window of `window_days` days is compared with the unit's own baseline: the
`baseline_windows` windows of the same length just before it. Only asserted events count.

Two documented tests, each with a minimum count so that one stray event never raises an alert:

- Material conflict (QuadClass 4) count, one-sided Poisson test. The baseline rate is the mean count per
  baseline window, `lam = (baseline conflict events + 0.5) / baseline windows` (the 0.5 keeps a unit with an
  empty baseline from having a rate of exactly zero, where any event would be "infinitely" surprising). The
  p-value is P(X >= k) for X ~ Poisson(lam) and k the latest window's count. Alert when k >= `min_count` and
  p < `alpha`.
- Mean Goldstein score, z-test. z = (mean of the latest window - baseline mean) / (sd / sqrt(n)), with sd the
  baseline events' standard deviation (at least 1 Goldstein point, so a baseline of identical events cannot
  make a tiny change look huge) and n the latest window's event count. Alert when n >= `min_count`, the
  baseline has at least `min_count` events and z <= `z_threshold` (a drop towards conflict).

Alerts are ranked by p-value (the Goldstein test's normal lower tail when it is the only reason), then by the
latest count. Each carries the event filters that show its evidence (`evidence` below, used by the web page
and printed by the CLI as an `eventcoder events` command).

The windows are counted back from `as_of` (default: the latest asserted event date in the database), so a
database of old news still gets alerts about its own last week.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from eventcoder import store

DEFAULT_WINDOW_DAYS = 7
DEFAULT_BASELINE_WINDOWS = 8
DEFAULT_MIN_COUNT = 3
DEFAULT_ALPHA = 0.01
DEFAULT_Z_THRESHOLD = -2.5
BASELINE_OFFSET = 0.5  # added to the baseline count: an empty baseline still has a positive rate
MIN_SD = 1.0  # Goldstein points
EXIT_USAGE = 2

_WINDOW = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# unit kind -> (SQL expression naming the unit, SQL condition that the unit exists)
_UNITS: dict[str, tuple[str, str]] = {
    "dyad": (
        "source_country || '->' || target_country",
        "source_country IS NOT NULL AND target_country IS NOT NULL",
    ),
    "country": ("location_country", "location_country IS NOT NULL"),
}


def parse_window(text: str) -> int:
    """`7d`, `2w` or `10` (days) as a number of days; ValueError with the accepted forms otherwise."""
    match = _WINDOW.match(text or "")
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"window {text!r}: use a positive number of days or weeks, e.g. 7d, 14d or 2w")
    days = int(match.group(1))
    return days * 7 if match.group(2).lower() == "w" else days


@dataclass
class AlertSettings:
    """What an alert run compares; the defaults are the CLI's and the web page's."""

    window_days: int = DEFAULT_WINDOW_DAYS
    baseline_windows: int = DEFAULT_BASELINE_WINDOWS
    min_count: int = DEFAULT_MIN_COUNT
    alpha: float = DEFAULT_ALPHA
    z_threshold: float = DEFAULT_Z_THRESHOLD
    as_of: str | None = None  # YYYY-MM-DD; None: the latest asserted event date

    def check(self) -> None:
        """ValueError naming the setting that cannot be used."""
        if self.window_days < 1:
            raise ValueError("window must be at least 1 day")
        if self.baseline_windows < 1:
            raise ValueError("baseline must be at least 1 window")
        if self.min_count < 1:
            raise ValueError("min_count must be at least 1")
        if not 0 < self.alpha < 1:
            raise ValueError("alpha must be between 0 and 1")
        if self.as_of is not None and not _DATE.match(self.as_of):
            raise ValueError("as_of must look like YYYY-MM-DD")


@dataclass
class WindowStats:
    """Counts of one unit in one window (or summed over the baseline windows)."""

    events: int = 0
    conflict: int = 0
    goldstein_sum: float = 0.0
    goldstein_squares: float = 0.0

    def add(self, other: WindowStats) -> None:
        self.events += other.events
        self.conflict += other.conflict
        self.goldstein_sum += other.goldstein_sum
        self.goldstein_squares += other.goldstein_squares

    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.events if self.events else None

    def goldstein_sd(self) -> float:
        if not self.events:
            return MIN_SD
        mean = self.goldstein_sum / self.events
        variance = max(self.goldstein_squares / self.events - mean * mean, 0.0)
        return max(math.sqrt(variance), MIN_SD)


@dataclass
class Alert:
    """One unit whose latest window is more conflictual than its own baseline."""

    kind: str  # dyad | country
    unit: str  # "USA->RUS" or "UKR"
    window_start: str
    window_end: str
    conflict_count: int
    baseline_rate: float  # expected material-conflict events per window
    p_value: float
    events: int
    goldstein_mean: float | None
    goldstein_baseline: float | None
    goldstein_z: float | None
    reasons: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)  # event filters showing the evidence

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AlertReport:
    as_of: str | None
    settings: AlertSettings
    baseline_windows: int  # windows actually available (the database may start later)
    units_tested: int
    alerts: list[Alert]
    note: str | None = None  # why there can be no alerts, when so

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "settings": asdict(self.settings),
            "baseline_windows": self.baseline_windows,
            "units_tested": self.units_tested,
            "alerts": [a.to_dict() for a in self.alerts],
            "note": self.note,
        }


# -- statistics ---------------------------------------------------------------
def poisson_sf(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam), summed from k upward (no cancellation for small p-values)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    log_term = k * math.log(lam) - lam - math.lgamma(k + 1)
    if log_term < -745:  # exp underflows: the tail is 0 in double precision
        return 0.0
    term = math.exp(log_term)
    total = 0.0
    i = k
    while term > 0 and (term > total * 1e-17 or i < lam) and i < k + 100_000:
        total += term
        i += 1
        term *= lam / i
    return min(total, 1.0)


def normal_cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2))


def score_unit(latest: WindowStats, baseline: WindowStats, n_windows: int, settings: AlertSettings) -> dict:
    """Both tests for one unit: rate, p-value, Goldstein z and the reasons to alert (empty: none)."""
    rate = (baseline.conflict + BASELINE_OFFSET) / n_windows
    p_value = poisson_sf(latest.conflict, rate)
    reasons = []
    if latest.conflict >= settings.min_count and p_value < settings.alpha:
        reasons.append(
            f"material conflict {latest.conflict} in the window vs {rate:.2f} expected"
            f" (Poisson p={p_value:.2g})"
        )
    z = None
    base_mean = baseline.goldstein_mean()
    latest_mean = latest.goldstein_mean()
    if latest_mean is not None and base_mean is not None and baseline.events >= settings.min_count:
        z = (latest_mean - base_mean) / (baseline.goldstein_sd() / math.sqrt(latest.events))
        if latest.events >= settings.min_count and z <= settings.z_threshold:
            reasons.append(f"mean Goldstein {latest_mean:.2f} vs baseline {base_mean:.2f} (z={z:.2f})")
            if len(reasons) == 1:
                p_value = normal_cdf(z)
    return {"rate": rate, "p_value": p_value, "z": z, "reasons": reasons}


# -- data ---------------------------------------------------------------------
def latest_date(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT max(date) FROM events WHERE modality = 'asserted' AND date IS NOT NULL"
    ).fetchone()
    return row[0] if row and row[0] else None


def earliest_date(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT min(date) FROM events WHERE modality = 'asserted' AND date IS NOT NULL"
    ).fetchone()
    return row[0] if row and row[0] else None


def window_stats(
    conn: sqlite3.Connection, kind: str, as_of: str, window_days: int, n_windows: int
) -> dict[str, dict[int, WindowStats]]:
    """unit -> window index (0 the latest, 1.. the baseline) -> counts, from one grouped query."""
    unit_sql, exists_sql = _UNITS[kind]
    first = (date.fromisoformat(as_of) - timedelta(days=window_days * (n_windows + 1) - 1)).isoformat()
    days = store.dialect(conn).days_between(":as_of", "substr(date, 1, 10)")
    sql = f"""
        SELECT {unit_sql} AS unit,
               CAST({days} / CAST(:w AS INTEGER) AS INTEGER) AS win,
               count(*), sum(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END), sum(goldstein),
               sum(goldstein * goldstein)
        FROM events
        WHERE modality = 'asserted' AND {exists_sql}
          AND substr(date, 1, 10) BETWEEN :first AND :as_of
        GROUP BY unit, win
    """
    stats: dict[str, dict[int, WindowStats]] = {}
    for unit, win, n, conflict, g_sum, g_squares in conn.execute(
        sql, {"as_of": as_of, "w": window_days, "first": first}
    ):
        if win is None or not 0 <= win <= n_windows:
            continue
        stats.setdefault(unit, {})[int(win)] = WindowStats(n, conflict or 0, g_sum or 0.0, g_squares or 0.0)
    return stats


def available_windows(conn: sqlite3.Connection, as_of: str, settings: AlertSettings) -> int:
    """Baseline windows that lie inside the database's date range (at most `settings.baseline_windows`)."""
    first = earliest_date(conn)
    if first is None:
        return 0
    # window k (1, 2, ...) ends k windows before as_of; it counts once the data reach into it
    days_before = (date.fromisoformat(as_of) - date.fromisoformat(first[:10])).days
    return max(0, min(settings.baseline_windows, days_before // settings.window_days))


def _evidence(kind: str, unit: str, start: str, end: str) -> dict[str, str]:
    filters = {"since": start, "until": end, "modality": "asserted"}
    if kind == "dyad":
        source, _, target = unit.partition("->")
        filters["dyad"] = f"{source}:{target}"
    else:
        filters["country"] = unit
    return filters


def find_alerts(conn: sqlite3.Connection, settings: AlertSettings | None = None) -> AlertReport:
    """Every dyad and country whose latest window rose in conflict against its own baseline, ranked."""
    settings = settings or AlertSettings()
    settings.check()
    as_of = settings.as_of or latest_date(conn)
    if as_of is None:
        return AlertReport(None, settings, 0, 0, [], "no dated asserted events in the database")
    n_windows = available_windows(conn, as_of, settings)
    if n_windows < 1:
        note = f"the database spans less than two {settings.window_days}-day windows: no baseline to compare"
        return AlertReport(as_of, settings, 0, 0, [], note)
    end = date.fromisoformat(as_of)
    start = (end - timedelta(days=settings.window_days - 1)).isoformat()
    alerts: list[Alert] = []
    tested = 0
    for kind in _UNITS:
        for unit, windows in window_stats(conn, kind, as_of, settings.window_days, n_windows).items():
            tested += 1
            latest = windows.get(0, WindowStats())
            baseline = WindowStats()
            for index in range(1, n_windows + 1):
                baseline.add(windows.get(index, WindowStats()))
            result = score_unit(latest, baseline, n_windows, settings)
            if result["reasons"]:
                alerts.append(
                    Alert(
                        kind, unit, start, as_of, latest.conflict, round(result["rate"], 3),
                        result["p_value"],
                        latest.events, _rounded(latest.goldstein_mean()), _rounded(baseline.goldstein_mean()),
                        _rounded(result["z"]), result["reasons"], _evidence(kind, unit, start, as_of),
                    )
                )  # fmt: skip
    alerts.sort(key=lambda a: (a.p_value, -a.conflict_count, a.kind != "dyad", a.unit))
    return AlertReport(as_of, settings, n_windows, tested, alerts)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# -- command ------------------------------------------------------------------
def add_alerts_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="eventcoder.db", help="SQLite database (default eventcoder.db)")
    parser.add_argument(
        "--window", default=f"{DEFAULT_WINDOW_DAYS}d", help="latest window: 7d, 14d, 2w (default 7d)"
    )
    parser.add_argument(
        "--baseline", type=int, default=DEFAULT_BASELINE_WINDOWS,
        help=f"baseline windows before the latest one (default {DEFAULT_BASELINE_WINDOWS})",
    )  # fmt: skip
    parser.add_argument(
        "--min-count", type=int, default=DEFAULT_MIN_COUNT,
        help=f"events needed in the window before a unit can alert (default {DEFAULT_MIN_COUNT})",
    )  # fmt: skip
    parser.add_argument("--alpha", type=float, default=DEFAULT_ALPHA, help="p-value threshold (default 0.01)")
    parser.add_argument(
        "--as-of", help="last day of the latest window, YYYY-MM-DD (default: latest event date)"
    )
    parser.add_argument("--limit", type=int, default=50, help="at most N alerts (0: all; default 50)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _evidence_command(alert: Alert, db: str) -> str:
    flags = " ".join(f"--{k} {v}" for k, v in alert.evidence.items() if k != "country")
    if "country" in alert.evidence:
        return f"(events located in {alert.unit}: eventcoder serve --db {db}, page /?country={alert.unit})"
    return f"eventcoder events --db {db} {flags}"


def print_report(report: AlertReport, db: str, limit: int) -> None:
    shown = report.alerts[:limit] if limit > 0 else report.alerts
    if report.note:
        print(f"no alerts: {report.note}")
        return
    print(
        f"as of {report.as_of}: latest {report.settings.window_days} days vs {report.baseline_windows} "
        f"baseline windows; {report.units_tested} dyads and countries tested, {len(report.alerts)} alerts"
    )
    for rank, alert in enumerate(shown, 1):
        print(f"{rank:>3}. {alert.kind} {alert.unit}: {'; '.join(alert.reasons)}")
        print(f"     evidence: {_evidence_command(alert, db)}")


def run_alerts(args: argparse.Namespace) -> int:
    """`eventcoder alerts`: rank the dyads and countries whose conflict rose in the latest window."""

    from eventcoder.store import connect

    try:
        settings = AlertSettings(
            parse_window(args.window), args.baseline, args.min_count, args.alpha, as_of=args.as_of
        )
        settings.check()
    except ValueError as exc:
        print(f"eventcoder alerts: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not store.may_exist(args.db):
        print(
            f"eventcoder alerts: no database at {args.db} (run `eventcoder code ... --db {args.db}`)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        conn = connect(args.db, readonly=True)
    except store.StoreError as exc:
        print(f"eventcoder alerts: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = find_alerts(conn, settings)
    finally:
        conn.close()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(report, args.db, args.limit)
    return 0
