"""Schemas of data/eval/: how gold labels of each benchmark map onto our codes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, RootModel

from eventcoder.datafiles import UniqueStrs, load_yaml

CodePrefix = Annotated[str, Field(pattern=r"^\d{2,4}$")]


class LabelPrefixes(RootModel[dict[str, Annotated[list[CodePrefix], Field(min_length=1)]]]):
    """india_police.yaml: sentence label -> CAMEO code prefixes that predict it."""


class PentaClass(RootModel[dict[int, UniqueStrs]]):
    """pentaclass.yaml: class number -> CAMEO roots."""


class LegacyPlover(RootModel[dict[str, str]]):
    """plover_legacy.yaml: old category -> current category."""


SCHEMAS: dict[str, type[LabelPrefixes] | type[PentaClass] | type[LegacyPlover]] = {
    "india_police.yaml": LabelPrefixes,
    "pentaclass.yaml": PentaClass,
    "plover_legacy.yaml": LegacyPlover,
}


def load_eval_mapping(path: Path) -> dict[Any, Any]:
    """One data/eval/ mapping, checked by the schema its file name selects."""
    return dict(load_yaml(path, SCHEMAS[path.name]).root)


FILES = {f"eval/{name}": load_eval_mapping for name in SCHEMAS}
