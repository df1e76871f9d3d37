"""Schemas of data/geo/: the rules file and the two TSV tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from eventcoder.datafiles import Strict, Words, load_tsv, load_yaml

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
REGION_COLUMNS = ("name", "aliases", "country", "latitude", "longitude", "feature_class")
BORDER_COLUMNS = ("country_a", "country_b", "latitude", "longitude")


class Preferred(Strict):
    country: ISO3
    admin1: str | None = None


class GeoFile(Strict):
    place_labels: Words
    locative_prepositions: Words
    weak_prepositions: Words
    place_nouns: Words
    border_nouns: Words
    actor_dependencies: Words
    clause_dependencies: Words
    verb_only_clause_dependencies: Words
    clause_mates: Words
    preferred: dict[str, Preferred] = {}
    min_alternate_population: int = 100_000


def _coordinate(value: str) -> str:
    if value:
        float(value)
    return value


class RegionRow(Strict):
    name: Annotated[str, Field(min_length=1)]
    aliases: str
    country: Annotated[str, Field(pattern=r"^([A-Z]{3})?$")]
    latitude: str
    longitude: str
    feature_class: Annotated[str, Field(pattern=r"^[ALHTPSUV]?$")]

    _numbers = field_validator("latitude", "longitude")(classmethod(lambda cls, v: _coordinate(v)))


class BorderRow(Strict):
    country_a: ISO3
    country_b: ISO3
    latitude: str
    longitude: str

    _numbers = field_validator("latitude", "longitude")(classmethod(lambda cls, v: _coordinate(v)))


def load_table(path: Path) -> list[RegionRow] | list[BorderRow]:
    """regions.tsv or borders.tsv, by file name."""
    if path.name == "borders.tsv":
        return load_tsv(path, BorderRow, BORDER_COLUMNS)
    return load_tsv(path, RegionRow, REGION_COLUMNS, key="name")


FILES = {
    "geo/geo.yaml": lambda path: load_yaml(path, GeoFile),
    "geo/regions.tsv": load_table,
    "geo/borders.tsv": load_table,
}
