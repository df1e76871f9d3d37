"""CAMEO and PLOVER as data: codes, names, Goldstein values, QuadClass, PLOVER mapping.

The facts live in `data/ontology/cameo.tsv` and `data/ontology/plover.yaml`; this module
only loads them (once per process, they never change at run time) and answers lookups,
so the events stage and the `eventcoder codes` command read the same table.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data" / "ontology"


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code with everything an event needs from the codebook."""

    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    def plover(self) -> dict[str, str | None]:
        """The PLOVER triple as stored on `Event.plover`."""
        return {"type": self.plover_type, "mode": self.plover_mode, "context": self.plover_context}

    def event_fields(self) -> dict[str, Any]:
        """The fields an `Event` coded with this code takes from the ontology (one place makes them)."""
        return {
            "cameo": self.code,
            "cameo_root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover(),
        }


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int
    about: str
    modes: dict[str, str]


def quad_class_of(root: str) -> int:
    """QuadClass from a CAMEO root: 1 = 01-05, 2 = 06-08, 3 = 09-13, 4 = 14-20."""
    number = int(root)
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


class Ontology:
    """Lookups by CAMEO code and PLOVER type. Build it with `Ontology.load()` (cached)."""

    def __init__(
        self,
        codes: dict[str, CameoCode],
        plover: dict[str, PloverType],
        contexts: list[str],
        roots: dict[str, str],
    ) -> None:
        self.codes = codes
        self.plover_types = plover
        self.contexts = contexts
        self.root_about = roots

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> Ontology:
        """Read the data files once per process."""
        from eventcoder.datafiles import load_yaml
        from eventcoder.schemas.ontology import PloverFile

        codes = _read_cameo(DATA_DIR / "cameo.tsv")
        raw = load_yaml(DATA_DIR / "plover.yaml", PloverFile).model_dump()
        plover = {
            name: PloverType(
                name, int(spec["quad_class"]), spec.get("about", ""), dict(spec.get("modes") or {})
            )
            for name, spec in raw["types"].items()
        }
        roots = {str(k): str(v) for k, v in raw.get("roots", {}).items()}
        return Ontology(codes, plover, list(raw.get("contexts", [])), roots)

    def get(self, code: str) -> CameoCode | None:
        return self.codes.get(code)

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def roots(self) -> list[CameoCode]:
        return [c for c in self.codes.values() if len(c.code) == 2]

    def under(self, root: str) -> list[CameoCode]:
        """Every code of one root, the root itself first."""
        return [c for c in self.codes.values() if c.root == root]

    def search(self, word: str) -> list[CameoCode]:
        """Codes whose name, code or PLOVER type contains `word` (case-insensitive)."""
        needle = word.lower()
        return [
            c
            for c in self.codes.values()
            if needle in c.name.lower()
            or c.code.startswith(needle)
            or needle in (c.plover_type or "").lower()
        ]


def _read_cameo(path: Path) -> dict[str, CameoCode]:
    """Parse cameo.tsv (comment lines start with #, then a header), checked by its schema."""
    from eventcoder.schemas.ontology import load_cameo

    codes: dict[str, CameoCode] = {}
    for row in load_cameo(path):
        codes[row.code] = CameoCode(
            code=row.code,
            root=row.root,
            name=row.name,
            goldstein=float(row.goldstein),
            quad_class=int(row.quad_class),
            plover_type=row.plover_type or None,
            plover_mode=row.plover_mode or None,
            plover_context=row.plover_context or None,
        )
    return codes


# -- CLI: eventcoder codes ---------------------------------------------------------
def add_codes_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plover", action="store_true", help="list PLOVER types with their modes instead")
    parser.add_argument("--root", metavar="NN", help="only codes under this CAMEO root (01-20)")
    parser.add_argument("--search", metavar="WORD", help="only codes whose name contains WORD")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run_codes(args: argparse.Namespace) -> int:
    """List CAMEO codes (filtered) or PLOVER types; exit 2 on an unknown root."""
    import sys

    onto = Ontology.load()
    if args.plover:
        return _print_plover(onto, bool(args.json))
    selected = list(onto.codes.values())
    if args.root:
        root = str(args.root).zfill(2)
        if root not in onto.codes:
            print(f"eventcoder codes: unknown CAMEO root {args.root!r} (expected 01-20)", file=sys.stderr)
            return 2
        selected = [c for c in selected if c.root == root]
    if args.search:
        wanted = {c.code for c in onto.search(args.search)}
        selected = [c for c in selected if c.code in wanted]
    if args.json:
        print(json.dumps([asdict(c) for c in selected], indent=1))
        return 0
    for c in selected:
        indent = "  " * (len(c.code) - 2)
        plover = "/".join(x for x in (c.plover_type, c.plover_mode) if x) or "-"
        print(f"{c.code:<5} {indent}{c.name:<62} {c.goldstein:>5g}  Q{c.quad_class}  {plover}")
    return 0


def _print_plover(onto: Ontology, as_json: bool) -> int:
    if as_json:
        payload: dict[str, Any] = {
            "types": {name: asdict(t) for name, t in onto.plover_types.items()},
            "contexts": onto.contexts,
        }
        print(json.dumps(payload, indent=1))
        return 0
    for t in onto.plover_types.values():
        print(f"{t.name:<10} Q{t.quad_class}  {t.about}")
        for mode, about in t.modes.items():
            print(f"    {mode:<16} {about}")
    print("contexts: " + ", ".join(onto.contexts))
    return 0
