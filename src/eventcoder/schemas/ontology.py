"""Schemas of data/ontology/: the CAMEO code table and the PLOVER types."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator

from eventcoder.datafiles import Strict, Words, load_tsv, load_yaml

CAMEO_COLUMNS = (
    "code",
    "root",
    "name",
    "goldstein",
    "quad_class",
    "plover_type",
    "plover_mode",
    "plover_context",
)


class CameoRow(Strict):
    """One row of cameo.tsv (cells are strings; numbers are checked to parse)."""

    code: Annotated[str, Field(pattern=r"^\d{2,4}$")]
    root: Annotated[str, Field(pattern=r"^\d{2}$")]
    name: Annotated[str, Field(min_length=1)]
    goldstein: str
    quad_class: Annotated[str, Field(pattern=r"^[1-4]$")]
    plover_type: str
    plover_mode: str
    plover_context: str

    @field_validator("goldstein")
    @classmethod
    def _number(cls, value: str) -> str:
        float(value)  # ValueError names the cell
        return value


class PloverTypeSpec(Strict):
    quad_class: Annotated[int, Field(ge=1, le=4)]
    about: str
    modes: dict[str, str]


class PloverFile(Strict):
    types: dict[str, PloverTypeSpec]
    contexts: Words
    roots: dict[Annotated[str, Field(pattern=r"^\d{2}$")], str]


def load_cameo(path: Path) -> list[CameoRow]:
    rows = load_tsv(path, CameoRow, CAMEO_COLUMNS, key="code")
    return rows


FILES = {
    "ontology/cameo.tsv": load_cameo,
    "ontology/plover.yaml": lambda path: load_yaml(path, PloverFile),
}
