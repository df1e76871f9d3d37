"""Events stage: CAMEO/PLOVER events from the dependency parse, with modality.

Why patterns over the parse rather than a classifier: every event must be explainable (which
words fired, which rule) and editable by an analyst without retraining, and it must run at
parser speed on a laptop. The patterns live in data/events/*.yaml (checked by
`eventcoder.schemas.events`); the stage is a list of small named passes over one candidate table
per sentence (see `coder.py` for the list and `docs/events.md` for how to add a rule).
"""

from eventcoder.events.candidates import Candidate, CandidateTable, Step
from eventcoder.events.coder import EventCoder, SentenceReport
from eventcoder.events.recode import make_event_id
from eventcoder.events.rules import ANY, NO_EVENT, EventRules
from eventcoder.events.verify import Verdict, Verifier

__all__ = [
    "ANY",
    "NO_EVENT",
    "Candidate",
    "CandidateTable",
    "EventCoder",
    "EventRules",
    "SentenceReport",
    "Step",
    "Verdict",
    "Verifier",
    "make_event_id",
]
