"""Schema of data/time/time.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from eventcoder.datafiles import Strict, Words, load_yaml


class Offset(Strict):
    """Where a vague period starts, relative to the publication date."""

    days: int | None = None
    weeks: int | None = None
    months: int | None = None
    years: int | None = None
    weekday: str | None = None


class VagueRule(Strict):
    pattern: str
    start: Offset
    precision: Literal["day", "week", "month", "year"]
    align: Literal["week", "month", "year"] | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        import re

        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from None
        return value


class TimeFile(Strict):
    entity_labels: Words
    modifier_dependencies: Words
    temporal_prepositions: Words
    future_auxiliaries: Words
    future_governors: Words
    temporal_words: Words
    weekdays: Words
    vague: list[VagueRule] = []


FILES = {"time/time.yaml": lambda path: load_yaml(path, TimeFile)}
