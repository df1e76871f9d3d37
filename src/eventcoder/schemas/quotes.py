"""Schema of data/quotes/cues.tsv."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from eventcoder.datafiles import Strict, load_tsv

CUE_COLUMNS = ("cue", "group", "frames")


class CueRow(Strict):
    cue: Annotated[str, Field(min_length=1)]
    group: Annotated[str, Field(min_length=1)]
    frames: Annotated[str, Field(pattern=r"^[cxo]*$")]


FILES = {"quotes/cues.tsv": lambda path: load_tsv(path, CueRow, CUE_COLUMNS, key="cue")}
