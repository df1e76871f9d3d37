"""Pass recode_test_launches (after arguments): a missile fired at no one is a show of force, not an attack.

"North Korea fires long-range rocket", "fired a missile that landed in the Sea of Japan", "launched the
rocket into space": the real-news guidelines code a launch with no target as MOBILIZE (a demonstration of
military power, CAMEO 150), and the dictionary's reading of "fire a missile" (ASSAULT 195) was wrong on
every such test.
A launch (`launch_codes`) of one of `test_launch_objects` is recoded when no party is its target: no target
mention that is not a place, no "at"/"on"/"against" phrase in its clause (`launch_target_preps`), no
"anti-" weapon ("anti-aircraft missiles"). What the launched weapon then did, told in a relative clause on it
("a missile that landed in the Sea of Japan"), is part of that launch when it names no party either: it is
dropped, not coded as a second, attacker-less ASSAULT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.candidates import Candidate
from eventcoder.events.context import SentenceContext
from eventcoder.events.rules import EventRules
from eventcoder.model import NO_RECIPIENT

if TYPE_CHECKING:
    from spacy.tokens import Token

NAME = "recode_test_launches"
# Written after the rule of a launch recoded as a show of force: it was fired at no one, so no later pass
# gives it a target (events/nearest.py).
AT_NO_ONE = NO_RECIPIENT


def recode_test_launches(ctx: SentenceContext) -> None:
    rules, table = ctx.rules, ctx.table
    for cand in table.live():
        if cand.code in rules.launch_codes and untargeted_launch(ctx, cand):
            table.recode(cand, rules.test_launch_code, cand.rule + AT_NO_ONE, NAME, "a launch at no one")
    launched = {o.i for c in table.live() if c.code == rules.test_launch_code for o in c.token.children}
    for cand in table.live():
        if _untargeted_aftermath(cand, launched):
            table.drop(cand, NAME, "what a missile fired at no one did next")


def _untargeted_aftermath(cand: Candidate, launched: set[int]) -> bool:
    """A relative clause on a weapon fired at no one ("a missile that landed in the sea") naming no party."""
    token = cand.token
    if token.dep_ != "relcl" or token.head.i not in launched:
        return False
    return not any(t is not None and t.kind != "place" for t in cand.targets)


def untargeted_launch(ctx: SentenceContext, cand: Candidate) -> bool:
    """A missile or rocket fired with no party as its target (the module docstring)."""
    rules, token = ctx.rules, cand.token
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(rules.lemma(o) in rules.test_launch_objects for o in objects):
        return False
    if any(t is not None and t.kind != "place" for t in cand.targets):
        return False
    # "anti-aircraft missiles" are aimed at something; so is a launch with an "at" phrase anywhere in its
    # clause ("fired a missile, but missed, at an American drone")
    aimed = any(t.lower_ == "anti" or t.lower_.startswith("anti-") for o in objects for t in o.subtree)
    return not aimed and not any(aimed_phrase(rules, t) for t in token.subtree)


def aimed_phrase(rules: EventRules, prep: Token) -> bool:
    """ "at an American drone", "on the town": a target phrase, not a time ("on Sunday")."""
    if prep.dep_ != "prep" or prep.lower_ not in rules.launch_target_preps:
        return False
    return any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in prep.children)
