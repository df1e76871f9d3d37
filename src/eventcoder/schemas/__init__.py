"""File schemas for every shipped rule and dictionary file, by stage.

`SHIPPED` maps a path under src/eventcoder/data/ to the function that loads (and so checks) it;
the test suite loads every shipped file through it. A stage adds its files by defining `FILES`
in its schema module and listing it here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventcoder.schemas import actors, clean, eval, events, geo, models, ontology, quotes, time

SHIPPED: dict[str, Callable[[Path], Any]] = {
    **actors.FILES,
    **events.FILES,
    **ontology.FILES,
    **time.FILES,
    **quotes.FILES,
    **clean.FILES,
    **geo.FILES,
    **eval.FILES,
    **models.FILES,
}
