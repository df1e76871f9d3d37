"""A headline's actors read with the article under it.

Why: a headline names the article's actors in short ("Blair rejects Tory offer", "Jowell rejects jibe",
"MPs criticise Brown", "Supreme Court rejects limits") and leaves their state to the story; the body names
them in full ("Tony Blair", "Culture Secretary Tessa Jowell") and says where the story is.  The title is
parsed on its own (headline.py), so alone it cannot tell who "Blair" is or whose "Supreme Court" it is.  So,
after the title's own actors are resolved: a name the title leaves unknown (or does not resolve at all) takes
the actor of the body mention with the same name, or of the one person of the body with that family name; a
sector actor with no state takes the body's context country, as the body's own do.
"""

from __future__ import annotations

from copy import copy

from eventcoder.actors.context import context_rules, takes_context
from eventcoder.model import Actor, Document, Mention

PERSON_TAGS = ("PROPN",)


def read_with_body(title: Document, body: Document) -> None:
    """Fill the title's unknown names from the body's mentions, then its stateless sectors from the body's
    context country (see the module docstring)."""
    if title.nlp_doc is None:
        return
    known = body_names(body)
    for mention in title.mentions:
        _borrow(mention, known, body.context_country)
    new = _unmentioned_names(title, known)
    if new:
        _insert(title, new)
    _give_context(title, body.context_country)


def _insert(title: Document, new: list[Mention]) -> None:
    """Add mentions, keeping the list in text order and its ids (and antecedent links) in step."""
    mentions = sorted([*title.mentions, *new], key=lambda m: (m.start, -m.end))
    renumber = {m.mention_id: i for i, m in enumerate(mentions) if m.mention_id >= 0}
    for i, mention in enumerate(mentions):
        mention.mention_id = i
        if mention.antecedent is not None:
            mention.antecedent = renumber.get(mention.antecedent)
    title.mentions = mentions


def body_names(body: Document) -> dict[str, Actor | None]:
    """The body's named actors by their whole text and, for people, by family name (lower case); a key
    two different actors share maps to None (ambiguous)."""
    found: dict[str, Actor | None] = {}

    def put(key: str, actor: Actor) -> None:
        if key not in found:
            found[key] = actor
            return
        before = found[key]
        if before is not None and before.code != actor.code:
            found[key] = None

    for m in body.mentions:
        a = m.actor
        if a is None or not a.code or m.kind not in ("name", "nominal") or not (a.country or a.name):
            continue
        put(_key(m.text), a)
        if m.is_person or a.role:
            words = m.text.replace("’", "'").split("'")[0].split()
            if words:
                put(words[-1].lower(), a)
    return found


def _key(text: str) -> str:
    text = text.replace("’", "'").split("'s")[0].strip().lower()
    return text[4:] if text.startswith("the ") else text


def _borrow(mention: Mention, known: dict[str, Actor | None], country: str | None) -> None:
    """Give a title mention the body's actor of that name when the title left it unknown.  A name no
    dictionary knows ("Huckabee", "Straw") has only the state the title's own words suggest ("Huckabee
    vows support for Israel" names only Israel), so it takes the body's, or the article's context state."""
    actor = mention.actor
    if mention.kind != "name" or (actor is not None and actor.code and (actor.country or actor.name)):
        if not _unknown_name(mention):
            return
    found = known.get(_key(mention.text))
    if found is not None:
        mention.actor = copy(found)
        mention.rule += f"; the article's {found.name or found.code} (same name in the body)"
    elif actor is not None and actor.country and actor.country != country:
        actor.country, actor.code = country, country or ""
        mention.rule += f"; the article's context state {country or 'unknown'}, not the title's"


def _unknown_name(mention: Mention) -> bool:
    """A person or body that no dictionary entry, title or sector word identifies."""
    a = mention.actor
    return mention.kind == "name" and a is not None and not (a.entry or a.sector or a.role)


def _unmentioned_names(title: Document, known: dict[str, Actor | None]) -> list[Mention]:
    """Proper nouns of the title no mention covers that name one of the body's people ("Blair")."""
    assert title.nlp_doc is not None
    covered = {i for m in title.mentions for i in range(m.token_start, m.token_end)}
    made: list[Mention] = []
    for token in title.nlp_doc:
        if token.i in covered or token.pos_ not in PERSON_TAGS:
            continue
        found = known.get(token.lower_)
        if found is None or not found.role:
            continue  # only people: a body name is not read into any capitalised title word
        made.append(
            Mention(
                mention_id=-1,
                text=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                sentence_index=0,
                token_start=token.i,
                token_end=token.i + 1,
                actor=copy(found),
                kind="name",
                rule=f"family name of the article's {found.name or found.code} (named in full in the body)",
                is_person=True,
            )
        )
    return made


def _give_context(title: Document, country: str | None) -> None:
    """Sector actors of the title with no state take the body's context country."""
    title.context_country = country
    if not country:
        return
    rules = context_rules()
    for m in title.mentions:
        a = m.actor
        if a is None or m.kind in ("group", "place") or not a.sector or not takes_context(a, rules):
            continue
        a.country = country
        a.code = country + a.sector
        m.rule += f"; country {country} from the article's context"
