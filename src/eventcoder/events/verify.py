"""The verifier hook: where a learned model may accept, reject or retype candidates.

The rules propose; a verifier, when one is installed, judges each live candidate from
`Candidate.features()` (trigger lemma, rule id, proposed CAMEO code, dependency path, sentence).
Without one (the default) the pass does nothing, so rule-only coding is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from eventcoder.events.context import SentenceContext

NAME = "verify"


@dataclass(frozen=True)
class Verdict:
    """A verifier's answer: keep (optionally with another code) or reject, and why."""

    accept: bool
    code: str | None = None  # a CAMEO code to retype the candidate to
    reason: str = ""


class Verifier(Protocol):
    def judge(self, features: dict[str, object]) -> Verdict: ...


def verify(ctx: SentenceContext, verifier: Verifier | None) -> None:
    """Apply the verifier's verdicts through the table, so the trace says what it decided."""
    if verifier is None:
        return
    table = ctx.table
    for cand in table.live():
        verdict = verifier.judge(cand.features())
        if not verdict.accept:
            table.drop(cand, NAME, verdict.reason or "rejected by the verifier")
        elif verdict.code and verdict.code != cand.code and ctx.rules.ontology.get(verdict.code):
            table.recode(cand, verdict.code, f"{cand.rule}+verify", NAME, verdict.reason or "retyped")
