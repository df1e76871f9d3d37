"""The candidate table: every trigger the events stage considers in a sentence, with its trace.

Why a table: rules interact (a light verb gives way to its nominal object, a control verb absorbs
the event it controls, a purpose clause is its act's claim). When each rule flipped flags on
shared dicts, two rules could each silence one half of an event and the sentence yielded nothing,
with no record of why. Here passes change candidates only through the table's methods, each of
which appends a `Step` to the candidate's trace: which pass added, changed, dropped or restored
it, and why. `eventcoder explain` prints that trace; a learned verifier (see `verify.py`) reads
`Candidate.features()` and accepts, rejects or retypes candidates through the same methods.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventcoder.model import Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Step:
    """One thing a pass did to a candidate."""

    pass_name: str
    action: str  # added | changed | dropped | restored | set
    reason: str


@dataclass(eq=False)
class Candidate:
    """A trigger found in the sentence and everything the passes learn about it.

    Fields are public and each is written by one pass (named in the comment); other passes read
    them. Whether the candidate is still live is the table's business (`dropped_by`).
    """

    token: Token
    code: str  # CAMEO code proposed so far (triggers; recode passes may change it)
    rule: str  # rule id: "verbs.yaml:impose+$sanctions", extended by recode passes
    kind: str  # verb | noun
    consumed_object: bool = False  # triggers: the pattern used the object (a nominal object is not separate)
    received: bool = False  # triggers: the subject undergoes the act ("faced criticism from X", "drew fire")
    governor: Token | None = None  # interactions: for a nominal trigger, the verb whose subject is the source
    target_from: Token | None = None  # recode/interactions: token whose target to borrow (control verbs)
    target_token: Token | None = None  # recode: token naming the target directly ("said China must ...")
    modality: str | None = None  # modality pass
    sources: list[Mention | None] = field(default_factory=list)  # arguments pass
    targets: list[Mention] = field(default_factory=list)  # arguments pass
    events: list[Event] = field(default_factory=list)  # drafts (emit), recoded (recode), final (rank)
    dropped_by: str | None = None  # the pass that dropped it (None: live)
    trace: list[Step] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return self.dropped_by is None

    @property
    def anchor(self) -> Token:
        """Where the candidate sits in its clause: a nominal trigger's governing verb, else itself."""
        if self.kind == "noun" and self.governor is not None:
            return self.governor
        return self.token

    def features(self) -> dict[str, Any]:
        """What a learned verifier sees: trigger lemma, rule id, proposed type, path, sentence."""
        return {
            "trigger_lemma": self.token.lemma_.lower(),
            "trigger": self.token.text,
            "kind": self.kind,
            "rule": self.rule,
            "cameo": self.code,
            "dependency_path": dependency_path(self.token),
            "sentence": self.token.sent.text,
            "modality": self.modality,
        }

    def describe(self) -> str:
        state = "live" if self.live else f"dropped by {self.dropped_by}"
        return f"{self.token.text}@{self.token.i} {self.kind} {self.code} [{self.rule}] ({state})"


def dependency_path(token: Token) -> str:
    """The labels from the token up to the sentence root ("dobj<ccomp<ROOT")."""
    labels = [token.dep_]
    current = token
    while current.head.i != current.i:
        current = current.head
        labels.append(current.dep_)
    return "<".join(labels)


class CandidateTable:
    """The candidates of one sentence, keyed by the token index of the slot they fill.

    A nominal trigger may be keyed by the noun that counts it ("a new round of talks" is keyed at
    "round"), which is where the clause's other rules look for it. Insertion order is kept.
    """

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        self._by_key: dict[int, Candidate] = {}
        self.found: list[Candidate] = []  # every candidate the trigger pass proposed, placed or not
        self.question = sent.text.rstrip().endswith("?")

    # -- reading ---------------------------------------------------------------------------------
    def get(self, key: int) -> Candidate | None:
        """The candidate at a slot, live or dropped."""
        return self._by_key.get(key)

    def __contains__(self, key: int) -> bool:
        return key in self._by_key

    def all(self) -> list[Candidate]:
        """Every placed candidate, live or dropped, in insertion order."""
        return list(self._by_key.values())

    def live(self) -> list[Candidate]:
        return [c for c in self._by_key.values() if c.live]

    def in_order(self) -> Iterator[Candidate]:
        """Live candidates in sentence order (what is emitted)."""
        return iter(sorted(self.live(), key=lambda c: c.token.i))

    def __bool__(self) -> bool:
        return bool(self._by_key)

    # -- writing (every change leaves a step in the trace) ----------------------------------------
    def propose(self, cand: Candidate, pass_name: str, reason: str) -> None:
        """A trigger found, not yet placed in the table."""
        cand.trace.append(Step(pass_name, "found", reason))
        self.found.append(cand)

    def add(self, key: int, cand: Candidate, pass_name: str, reason: str) -> None:
        self._by_key[key] = cand
        cand.trace.append(Step(pass_name, "added", reason))

    def drop(self, cand: Candidate, pass_name: str, reason: str) -> None:
        if cand.dropped_by is None:
            cand.dropped_by = pass_name
        cand.trace.append(Step(pass_name, "dropped", reason))

    def restore(self, cand: Candidate, pass_name: str, reason: str) -> None:
        cand.dropped_by = None
        cand.trace.append(Step(pass_name, "restored", reason))

    def recode(self, cand: Candidate, code: str, rule: str, pass_name: str, reason: str) -> None:
        old = cand.code
        cand.code, cand.rule = code, rule
        cand.trace.append(Step(pass_name, "changed", f"{old} -> {code}: {reason}"))

    def note(self, cand: Candidate, pass_name: str, reason: str) -> None:
        """Record what a pass set on the candidate (modality, actors) without changing its fate."""
        cand.trace.append(Step(pass_name, "set", reason))
