"""US officials the knowledge base lacks, placed by what is written with their name: a party-and-region tag
("Sen. X, R-Ariz.", names.yaml `party_tags`), a state written before the title ("Texas Gov. X"), and the
abbreviated governor's title ("Gov. X").  The stories are about another state, so the article's context
would otherwise give them that state.  The names are invented; sentences are our own."""

from __future__ import annotations

import pytest

from eventcoder.model import Document
from eventcoder.nlp import parse

OPENING = "Iran launched missiles at a tanker in the Gulf on Tuesday. "


def codes(nlp, actor_resolver, text: str) -> dict[str, str]:
    doc = parse(Document(doc_id="t", raw_text=text, text=text, date="2021-03-02"), nlp)
    actor_resolver.run(doc)
    return {m.text: m.actor.code for m in doc.mentions if m.actor is not None}


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        ("Sen. Marla Quint, R-Ariz., condemned the attack.", "Sen. Marla Quint, R-Ariz.", "USALEG"),
        ("Rep. Oren Vask, D-Calif., said Tehran must stop.", "Rep. Oren Vask, D-Calif.", "USALEG"),
        ("Representative Dana Pruitt (R-Ind.) said so.", "Representative Dana Pruitt (R-Ind.)", "USALEG"),
        ("Lyle Fenn (R-GA) agreed with him.", "Lyle Fenn (R-GA)", "USALEG"),
    ],
)
def test_a_party_tag_makes_a_member_of_congress(nlp, actor_resolver, sentence, mention, code):
    assert codes(nlp, actor_resolver, OPENING + sentence)[mention] == code


def test_a_state_before_the_title_places_the_official(nlp, actor_resolver):
    found = codes(nlp, actor_resolver, OPENING + "Texas Gov. Hal Brenner condemned the attack.")
    assert found["Texas Gov. Hal Brenner"] == "USAGOV"


def test_the_abbreviated_governor_title_is_a_government_office(nlp, actor_resolver):
    text = "Protesters marched in Harrisburg, Pennsylvania. Gov. Hal Brenner praised them."
    assert codes(nlp, actor_resolver, text)["Gov. Hal Brenner"] == "USAGOV"


def test_a_hyphenated_word_after_a_name_is_no_party_tag(nlp, actor_resolver):
    found = codes(nlp, actor_resolver, OPENING + "Minister Ali Rezaei, D-Day veteran, spoke.")
    assert not found.get("Minister Ali Rezaei", "").startswith("USA")
