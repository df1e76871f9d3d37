"""Schemas of data/clean/noise.yaml and data/clean/headlines.yaml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import field_validator

from eventcoder.datafiles import Strict, UniqueStrs, load_yaml


class NoiseGroup(Strict):
    reason: str
    patterns: list[str]


class Captions(Strict):
    max_lines: int
    max_words: int


class Headings(Strict):
    max_words: int
    top_lines: int


class NoiseFile(Strict):
    fragments: dict[str, str] = {}
    max_line_chars: int = 400
    captions: Captions
    headings: Headings
    rules: list[NoiseGroup]

    @field_validator("rules")
    @classmethod
    def _reasons_once(cls, rules: list[NoiseGroup]) -> list[NoiseGroup]:
        seen = [group.reason for group in rules]
        for reason in seen:
            if seen.count(reason) > 1:
                raise ValueError(f"duplicate reason {reason!r}")
        return rules


class HeadlinesFile(Strict):
    """data/clean/headlines.yaml: what a headline carries that is not its sentence."""

    labels: UniqueStrs
    publisher_separators: UniqueStrs
    publisher_words: UniqueStrs
    publisher_max_words: int
    attribution_tails: UniqueStrs
    bracket_tails: UniqueStrs
    plural_subjects: UniqueStrs
    passive_infinitive_verbs: UniqueStrs
    active_continuations: UniqueStrs


FILES: dict[str, Callable[[Path], Any]] = {
    "clean/noise.yaml": lambda path: load_yaml(path, NoiseFile),
    "clean/headlines.yaml": lambda path: load_yaml(path, HeadlinesFile),
}
