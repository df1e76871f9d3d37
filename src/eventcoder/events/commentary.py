"""Pass drop_commentary (after arguments): speech by commentators is opinion, not a state act.

Real news quotes economists, analysts, pollsters and reporters at length: "some economists warned
another rise could come", "CNN asked Duckworth ...", "experts warn that deaths may dwarf ...". Their
warnings, criticisms and calls are not events between political actors (the real-news guidelines:
experts', operatives' and pundits' opinions and journalists' questions are not coded). A speech
event (roots in control.yaml's `commentary_roots`) whose every source is a commentator, by the
head word of the mention (`commentator_heads`) or by the actor's sector (`commentator_sectors`), is
dropped. Material acts by the same people (a reporter arrested, a journalist attacked) are kept.
"""

from __future__ import annotations

from eventcoder.events.context import SentenceContext
from eventcoder.model import Mention
from eventcoder.syntax import subject_of

NAME = "drop_commentary"
WHY = "comments; speech by commentators is not a state act"


def drop_commentary(ctx: SentenceContext) -> None:
    rules, table = ctx.rules, ctx.table
    for cand in table.in_order():
        if cand.code[:2] not in rules.commentary_roots:
            continue
        sources = [m for m in cand.sources if m is not None]
        if sources and all(is_commentator(ctx, m) for m in sources):
            table.drop(cand, NAME, f"'{sources[0].text}' {WHY}")
        elif not sources:
            # "A leading analyst criticised ...": no actor mention, but the subject names a commentator
            subject = subject_of(cand.anchor)
            if subject is not None and subject.lemma_.lower() in rules.commentator_heads:
                table.drop(cand, NAME, f"'{subject.text}' {WHY}")


def is_commentator(ctx: SentenceContext, mention: Mention) -> bool:
    """A journalist, analyst, economist, pollster ...: by the actor's sector or the phrase's head word."""
    rules = ctx.rules
    if mention.actor is not None and mention.actor.sector in rules.commentator_sectors:
        return True
    spacy_doc = ctx.doc.nlp_doc
    if spacy_doc is None or mention.token_end <= mention.token_start:
        return False
    head = spacy_doc[mention.token_start : mention.token_end].root
    return head.lemma_.lower() in rules.commentator_heads
