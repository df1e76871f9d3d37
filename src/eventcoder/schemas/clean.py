"""Schema of data/clean/noise.yaml."""

from __future__ import annotations

from pydantic import field_validator

from eventcoder.datafiles import Strict, load_yaml


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


FILES = {"clean/noise.yaml": lambda path: load_yaml(path, NoiseFile)}
