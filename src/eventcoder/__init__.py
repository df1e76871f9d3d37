"""eventcoder: offline political event coding from news text.

from eventcoder import Coder
doc = Coder().code(text, date="2022-01-26", title="...")

db = eventcoder.open_db("eventcoder.db")   # pandas DataFrames: db.events(), db.records(), db.quotes()
"""

from eventcoder.model import Actor, Article, Document, Event, Mention, Place, Quote, Sentence

__all__ = [
    "Coder", "open_db", "Actor", "Article", "Document", "Event", "Mention", "Place", "Quote", "Sentence",
]  # fmt: skip
__version__ = "0.1.0"


def __getattr__(name: str):  # lazy: importing eventcoder must not load spaCy
    if name == "Coder":
        from eventcoder.pipeline import Coder

        return Coder
    if name == "open_db":
        from eventcoder.dataset import open_db

        return open_db
    raise AttributeError(name)
