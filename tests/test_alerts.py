"""Escalation alerts on generated weekly series: a known jump alerts, a quiet series does not."""

from __future__ import annotations

import json
import math
import sqlite3
from datetime import date, timedelta

import pytest

from eventcoder.alerts import AlertSettings, find_alerts, parse_window, poisson_sf
from eventcoder.cli import main
from eventcoder.store import connect

AS_OF = date(2025, 3, 30)


class Series:
    """Events written straight into a fresh database: per week, how many and of which QuadClass."""

    def __init__(self, path) -> None:
        self.path = path
        self.conn = connect(path)
        self.n = 0

    def week(
        self,
        weeks_ago: int,
        source: str,
        target: str,
        count: int,
        quad: int = 4,
        goldstein: float = -9.0,
        place: str | None = None,
        modality: str = "asserted",
    ) -> None:
        """`count` events in the week that ends `weeks_ago` weeks before AS_OF (0: the latest window)."""
        end = AS_OF - timedelta(days=7 * weeks_ago)
        rows = []
        for i in range(count):
            self.n += 1
            day = end - timedelta(days=i % 7)
            rows.append(
                (
                    f"d{self.n}",
                    0,
                    f"e{self.n}",
                    f"{source}GOV",
                    source,
                    f"{target}GOV",
                    target,
                    quad,
                    goldstein,
                    modality,
                    day.isoformat(),
                    place or target,
                )
            )
        with self.conn:
            self.conn.executemany(
                "INSERT INTO documents (doc_id, date, status) VALUES (?, ?, 'coded')",
                [(r[0], r[10]) for r in rows],
            )
            self.conn.executemany(
                "INSERT INTO events (doc_id, ordinal, event_id, source_code, source_country, target_code,"
                " target_country, quad_class, goldstein, modality, date, location_country)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def alerts(self, **settings):
        return find_alerts(self.conn, AlertSettings(**settings))


@pytest.fixture
def series(tmp_path):
    made = Series(tmp_path / "alerts.db")
    yield made
    made.conn.close()


def quiet_history(
    series: Series, source="AAA", target="BBB", per_week=2, weeks=range(0, 9), place=None
) -> None:
    for weeks_ago in weeks:
        series.week(weeks_ago, source, target, per_week, place=place)


def test_poisson_tail_matches_the_closed_form():
    assert poisson_sf(0, 2.0) == 1.0
    assert poisson_sf(3, 1.0) == pytest.approx(1 - math.exp(-1) * (1 + 1 + 0.5))
    assert poisson_sf(1, 0.5) == pytest.approx(1 - math.exp(-0.5))
    assert 0 < poisson_sf(60, 2.0) < 1e-40


def test_a_known_jump_in_material_conflict_alerts_and_links_its_evidence(series):
    quiet_history(series, weeks=range(1, 9))
    series.week(0, "AAA", "BBB", 12)
    report = series.alerts()
    dyads = [a for a in report.alerts if a.kind == "dyad"]
    assert [a.unit for a in dyads] == ["AAA->BBB"]
    alert = dyads[0]
    assert alert.conflict_count == 12 and alert.baseline_rate == pytest.approx((16 + 0.5) / 8, abs=1e-3)
    assert alert.p_value < 1e-4 and "material conflict 12" in alert.reasons[0]
    assert alert.evidence == {
        "since": "2025-03-24",
        "until": "2025-03-30",
        "modality": "asserted",
        "dyad": "AAA:BBB",
    }
    assert report.as_of == "2025-03-30" and report.baseline_windows == 8


def test_a_quiet_series_raises_no_alert(series):
    quiet_history(series)
    report = series.alerts()
    assert report.alerts == [] and report.units_tested == 2 and report.note is None


def test_a_jump_below_the_minimum_count_does_not_alert(series):
    quiet_history(series, "CCC", "DDD", per_week=1, weeks=range(5, 9))  # an empty recent baseline
    series.week(0, "AAA", "BBB", 2)
    assert [a for a in series.alerts().alerts if a.unit == "AAA->BBB"] == []
    assert any(a.unit == "AAA->BBB" for a in series.alerts(min_count=2).alerts)


def test_only_asserted_events_count(series):
    quiet_history(series, weeks=range(1, 9))
    series.week(0, "AAA", "BBB", 12, modality="hypothetical")
    assert series.alerts().alerts == []


def test_a_drop_in_goldstein_alerts_even_at_a_steady_count(series):
    for weeks_ago in range(1, 9):
        series.week(weeks_ago, "AAA", "BBB", 4, quad=1, goldstein=3.0)
    series.week(0, "AAA", "BBB", 4, quad=3, goldstein=-5.0)  # verbal conflict: no material count rise
    alert = next(a for a in series.alerts().alerts if a.unit == "AAA->BBB")
    assert alert.conflict_count == 0 and alert.goldstein_z < -2.5
    assert "mean Goldstein -5.00 vs baseline 3.00" in alert.reasons[0]


def test_alerts_are_ranked_by_strength(series):
    quiet_history(series, "AAA", "BBB", weeks=range(1, 9))
    quiet_history(series, "CCC", "DDD", weeks=range(1, 9))
    series.week(0, "AAA", "BBB", 8)
    series.week(0, "CCC", "DDD", 20)
    units = [a.unit for a in series.alerts().alerts if a.kind == "dyad"]
    assert units == ["CCC->DDD", "AAA->BBB"]


def test_countries_alert_on_where_events_happened(series):
    quiet_history(series, place="EEE", weeks=range(1, 9))
    series.week(0, "AAA", "BBB", 12, place="EEE")
    assert {(a.kind, a.unit) for a in series.alerts().alerts} == {("dyad", "AAA->BBB"), ("country", "EEE")}


def test_too_short_a_history_says_why_there_are_no_alerts(series):
    series.week(0, "AAA", "BBB", 12)
    report = series.alerts()
    assert report.alerts == [] and "no baseline" in report.note


def test_windows_are_parsed_or_refused():
    assert parse_window("7d") == 7 and parse_window("2w") == 14 and parse_window("10") == 10
    for bad in ("", "0d", "a week", "-3d", "7h"):
        with pytest.raises(ValueError, match="window"):
            parse_window(bad)


def test_cli_prints_ranked_alerts_with_evidence_commands(series, capsys):
    quiet_history(series, weeks=range(1, 9))
    series.week(0, "AAA", "BBB", 12)
    assert main(["alerts", "--db", str(series.path), "--window", "7d"]) == 0
    out = capsys.readouterr().out
    assert "1. dyad AAA->BBB: material conflict 12" in out
    assert f"eventcoder events --db {series.path} --since 2025-03-24 --until 2025-03-30" in out
    assert main(["alerts", "--db", str(series.path), "--json", "--as-of", "2025-03-30"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["alerts"][0]["unit"] == "AAA->BBB" and report["settings"]["window_days"] == 7


def test_cli_refuses_bad_settings_and_a_missing_database(tmp_path, capsys):
    assert main(["alerts", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err
    sqlite3.connect(tmp_path / "x.db").close()
    assert main(["alerts", "--db", str(tmp_path / "x.db"), "--window", "soon"]) == 2
    assert "window 'soon'" in capsys.readouterr().err
    assert main(["alerts", "--db", str(tmp_path / "x.db"), "--as-of", "March"]) == 2
