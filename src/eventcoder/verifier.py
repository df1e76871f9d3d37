"""The learned verifier: a small linear model that accepts or rejects each rule candidate.

Why: dependency rules find the words of an event well but cannot see whether the whole sentence makes it one
(a plan, an idiom, a pundit's opinion, a journalist's question).  On real news most rule candidates are wrong,
and the cues that tell them apart are lexical and spread over the sentence: exactly what a sparse linear model
over n-grams, the trigger, the rule and the parse handles well and cheaply.  Rules propose; the verifier gives
each scored candidate (asserted, PLOVER-typed, not a plain statement) a calibrated `confidence`, the
probability that the event is right as typed, and the `Coder` drops those below `min_confidence`.

The model is multinomial logistic regression over binary features, trained by
`training/verifier/train.py` on hand-coded real-news excerpts (labels we wrote; see
`training/verifier/README.md`).  Its weights ship as `data/models/verifier.npz` and are read with numpy; no
weights, no verification (candidates keep their rule confidence).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventcoder.events.repeats import PROPOSAL_RULE
from eventcoder.model import Document, Event, Mention
from eventcoder.ontology import Ontology

DATA_DIR = Path(__file__).resolve().parent / "data"
MODEL_PATH = DATA_DIR / "models" / "verifier.npz"
TYPES_PATH = DATA_DIR / "models" / "proposal_codes.yaml"
# A word no rule fired on becomes an event only when the model is at least this sure of one type.
PROPOSE_THRESHOLD = 0.5
# An accusation the model proposes must name whom it accuses, and not only ordinary people: "the police
# claimed the storm killed 30 people" and '"It was a terrorist attack," the envoy said' accuse no one,
# though their words are the words of accusations.  The rules decide those cases on their own evidence.
# Checked once the events stage has filled in targets (`without_unaimed_accusations`): it may find the
# accused later.
UNACCUSED_SECTORS = frozenset({"CVL"})
PROPOSABLE_POS = ("VERB", "NOUN")
HEADLINE = -1  # sentence index of headline events (see headline.py)
SHRINKAGE = 20  # training candidates of a type at which the model and the rule weigh the same
SOURCE_DEPS = ("nsubj", "agent", "poss", "amod", "compound")  # a passive subject is the patient
TARGET_DEPS = ("dobj", "dative", "pobj", "attr", "iobj")
NONE_LABEL = "NONE"
WINDOW = 3
QUOTE_MARKS = ("“", "”", '"')
# Words too common to tell anything; kept out of the bag-of-words features.
STOP = frozenset("the a an of to in and or for on at by with from as that this is was be it its".split())


def is_scored(event: Event) -> bool:
    """Candidates the verifier judges: what the real-news scorer counts as an event."""
    return event.modality == "asserted" and bool(event.plover.get("type")) and event.cameo_root != "01"


def rule_judged(event: Event) -> bool:
    """An event the rules have decided on: a scored one, or one whose modality says it did not happen."""
    return is_scored(event) or (event.modality != "asserted" and bool(event.plover.get("type")))


def trigger_token(doc: Doc, event: Event) -> Token | None:
    if event.trigger_token is None or not 0 <= event.trigger_token < len(doc):
        return None
    return doc[event.trigger_token]


def party_features(name: str, mention: Mention | None) -> list[str]:
    """What kind of source or target the rules chose: missing, its sector, whether it has a country."""
    if mention is None:
        return [f"{name}=none"]
    actor = mention.actor
    features = [f"{name}.kind={mention.kind}"]
    if actor is None:
        return [*features, f"{name}=unresolved"]
    features += [f"{name}.sector={actor.sector}", f"{name}.has_country={actor.country is not None}"]
    if actor.role:
        features.append(f"{name}.person")
    return features


def token_features(token: Token) -> list[str]:
    """The trigger in its parse: lemma, dependency to its head, auxiliaries, negation, object."""
    features = [
        f"lemma={token.lemma_.lower()}",
        f"dep={token.dep_}",
        f"pos={token.pos_}",
        f"head={token.head.lemma_.lower()}",
        f"head.dep={token.head.dep_}",
        f"path={token.dep_}>{token.head.dep_}>{token.head.head.dep_}",
    ]
    for child in token.children:
        if child.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "prt"):
            features.append(f"child.{child.dep_}={child.lower_}")
        elif child.dep_ in ("dobj", "attr", "pobj", "xcomp", "ccomp", "nsubj", "nsubjpass"):
            features.append(f"child.{child.dep_}={child.lemma_.lower()}")
            features.append(f"trigger+{child.dep_}={token.lemma_.lower()}+{child.lemma_.lower()}")
    features.append(f"tag={token.tag_}")
    return features


def window_features(sent: Span, token: Token) -> list[str]:
    """Words just before and after the trigger: idioms and hedges live there ("plans to", "a note")."""
    features = []
    for offset in range(-WINDOW, WINDOW + 1):
        i = token.i + offset
        if offset and sent.start <= i < sent.end:
            features.append(f"w{offset:+d}={sent.doc[i].lower_}")
    return features


def sentence_bag(sent: Span) -> list[str]:
    """Bag of lemmas and bigrams of the whole sentence: what it is about."""
    words = [t.lemma_.lower() for t in sent if not t.is_punct and not t.is_space]
    features = [f"bow={w}" for w in set(words) if w not in STOP]
    return features + [f"bi={a}_{b}" for a, b in set(zip(words, words[1:], strict=False))]


def sentence_shape(sent: Span) -> list[str]:
    """How the sentence is built: quote marks, a question, its length, the kinds of names in it."""
    text = sent.text
    words = sum(1 for t in sent if not t.is_punct and not t.is_space)
    quoted = any(mark in text for mark in QUOTE_MARKS)
    features = [
        f"has_quote={quoted}",
        f"question={text.rstrip().endswith('?')}",
        f"len={min(words // 10, 5)}",
    ]
    return features + [f"ent={e.label_}" for e in sent.ents]


def sentence_features(sent: Span) -> list[str]:
    return sentence_bag(sent) + sentence_shape(sent)


def candidate_features(doc: Document, event: Event) -> list[str]:
    """Every feature of one candidate, as strings (the model's vocabulary)."""
    plover = event.plover.get("type") or "-"
    rule = event.rule.split(":", 1)[-1]
    features = [
        "bias",
        f"type={plover}",
        f"root={event.cameo_root}",
        f"code={event.cameo}",
        f"rule={rule}",
        f"rule.file={event.rule.split(':', 1)[0]}",
        f"type+rule={plover}+{rule}",
        f"title={event.sentence_index < 0}",
        f"lead={event.sentence_index == 0}",
    ]
    features += party_features("src", event.source) + party_features("tgt", event.target)
    spacy_doc: Doc | None = doc.nlp_doc
    token = trigger_token(spacy_doc, event) if spacy_doc is not None else None
    if token is not None:
        # No bag of words here: what a sentence is about says little about whether a rule read it right, and
        # topic words learnt on US politics wrongly sink events of other news.
        features += token_features(token) + window_features(token.sent, token) + sentence_shape(token.sent)
        features.append(f"type+lemma={plover}+{token.lemma_.lower()}")
    else:
        features.append(f"trigger={event.trigger.lower()}")
    return features


def proposal_features(token: Token, sentence_index: int) -> list[str]:
    """Features of a word no rule fired on: the same cues as a candidate's, with rule `none`.
    `sentence_index` is -1 for the headline."""
    sent = token.sent
    return proposal_sentence_features(sent, sentence_index) + proposal_word_features(sent, token)


def proposal_sentence_features(sent: Span, sentence_index: int) -> list[str]:
    """The part of a proposal's features that every word of its sentence shares."""
    return ["bias", "rule=none", f"title={sentence_index < 0}", f"lead={sentence_index == 0}"] + (
        sentence_features(sent)
    )


def proposal_word_features(sent: Span, token: Token) -> list[str]:
    """The part of a proposal's features that is the word's own (no feature of the sentence part)."""
    return token_features(token) + window_features(sent, token)


def proposable(token: Token) -> bool:
    """A content verb or noun: the words an event can be anchored on."""
    return token.pos_ in PROPOSABLE_POS and token.is_alpha and not token.is_stop


def proposal_tokens(
    spacy_doc: Doc, covered: set[int], triggers: frozenset[str] | None = None
) -> Iterator[tuple[int, Token]]:
    """(sentence index, token) for every content verb and noun that no scored candidate is anchored on
    and, when `triggers` is given, whose lemma has been the trigger of hand-coded events."""
    for sentence_index, _sent, token in proposal_words(spacy_doc, covered, triggers):
        yield sentence_index, token


def proposal_words(
    spacy_doc: Doc, covered: set[int], triggers: frozenset[str] | None = None
) -> Iterator[tuple[int, Span, Token]]:
    """`proposal_tokens` with each word's sentence, which `Token.sent` would look up again word by word."""
    for sentence_index, sent in enumerate(spacy_doc.sents):
        for token in sent:
            if token.i in covered or not proposable(token):
                continue
            if triggers is None or token.lemma_.lower() in triggers:
                yield sentence_index, sent, token


@lru_cache(maxsize=1)
def proposal_codes() -> dict[str, str]:
    """PLOVER type -> the CAMEO code a learned proposal gets (the type's general code), checked on load."""
    from eventcoder.schemas.models import load_proposal_codes

    return load_proposal_codes(TYPES_PATH)


def mention_index(doc: Document) -> dict[int, Mention]:
    """Token index -> the smallest actor mention covering it."""
    index: dict[int, Mention] = {}
    for mention in sorted(doc.mentions, key=lambda m: m.token_start - m.token_end):
        for i in range(mention.token_start, mention.token_end):
            index[i] = mention
    return index


def argument(token: Token, deps: tuple[str, ...], mentions: dict[int, Mention]) -> Mention | None:
    """The mention filling one of `deps` of the trigger (through a preposition for pobj), or of the verb
    it depends on when it has none of its own (an xcomp or noun takes its governor's subject)."""
    for child in token.children:
        if child.dep_ in deps and child.i in mentions:
            return mentions[child.i]
        if child.dep_ == "prep" and "pobj" in deps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.i in mentions:
                    return mentions[grandchild.i]
    if "nsubj" in deps and token.dep_ in ("xcomp", "dobj", "conj") and token.head is not token:
        return argument(token.head, ("nsubj", "nsubjpass"), mentions)
    return None


def sentence_span(token: Token) -> tuple[int, int]:
    return token.sent.start_char, token.sent.end_char


def clause_span(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


@dataclass
class LinearModel:
    """Multinomial logistic regression over binary features: one weight row per feature."""

    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, classes)
    classes: list[str]
    # lemmas that triggered hand-coded events in training: the only words proposals are made on
    triggers: frozenset[str] = frozenset()
    # training rule candidates per proposed type: how much the model knows about each
    support: dict[str, int] = field(default_factory=dict)
    # isotonic map from a score to the precision measured out of fold: (scores, precisions), both rising
    calibration: tuple[list[float], list[float]] | None = None

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            vocabulary = {word: i for i, word in enumerate(json.loads(str(data["vocabulary"])))}
            triggers = frozenset(json.loads(str(data["triggers"]))) if "triggers" in data else frozenset()
            support = json.loads(str(data["support"])) if "support" in data else {}
            weights = data["weights"].astype(np.float32)
            calibration = json.loads(str(data["calibration"])) if "calibration" in data else None
            points = (calibration["scores"], calibration["precisions"]) if calibration else None
            return cls(vocabulary, weights, json.loads(str(data["classes"])), triggers, support, points)

    def save(self, path: Path) -> None:
        ordered = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            vocabulary=json.dumps(ordered),
            weights=self.weights.astype(np.float16),
            classes=json.dumps(self.classes),
            triggers=json.dumps(sorted(self.triggers)),
            support=json.dumps(self.support, sort_keys=True),
            calibration=json.dumps(
                {"scores": self.calibration[0], "precisions": self.calibration[1]}
                if self.calibration
                else None
            ),
        )

    def calibrated(self, score: float) -> float:
        """The precision that candidates of this score had out of fold in training (the score itself
        when the weights carry no calibration).  Why: the raw scores mix the model's probabilities with
        rule confidences (`shrunk`), which rank events but were not probabilities: on held-out real
        news, events scored 0.4-0.6 were right less often than those scored 0.2-0.4."""
        if not self.calibration:
            return score
        scores, precisions = self.calibration
        return float(np.interp(score, scores, precisions))

    def probabilities(self, features: list[str]) -> dict[str, float]:
        return self.softmax(self.logits(features))

    def logits(self, features: list[str]) -> np.ndarray:
        """Summed weights of the distinct known features.  Logits of two disjoint feature sets add up,
        which lets proposals compute their sentence's share once for all its words."""
        rows = sorted({self.vocabulary[f] for f in features if f in self.vocabulary})
        return self.weights[rows].sum(axis=0) if rows else np.zeros(len(self.classes), dtype=np.float32)

    def softmax(self, logits: np.ndarray) -> dict[str, float]:
        logits = logits - logits.max()
        exp = np.exp(logits)
        return dict(zip(self.classes, (exp / exp.sum()).tolist(), strict=True))


def shrunk(learned: float, rule_confidence: float, seen: int) -> float:
    """The model's probability weighed against the rule's confidence by how many candidates of the type
    the model was trained on."""
    share = seen / (seen + SHRINKAGE)
    return share * learned + (1 - share) * rule_confidence


ModalityOf = Callable[[Token], str]
# For a document, a function giving the source and target of an event on any of its words.
ArgumentsFor = Callable[[Document], Callable[[Token, str], tuple[Mention | None, Mention | None]]]


class Verifier:
    """Gives each scored candidate a learned confidence and proposes events on words no rule fired on;
    a no-op when no weights ship."""

    def __init__(
        self,
        path: Path | None = MODEL_PATH,
        modality_of: ModalityOf | None = None,
        arguments_for: ArgumentsFor | None = None,
    ) -> None:
        self.model = LinearModel.load(path) if path is not None and path.exists() else None
        self.modality_of = modality_of
        self.arguments_for = arguments_for
        self.ontology = Ontology.load()

    @property
    def active(self) -> bool:
        return self.model is not None

    def confidence(self, doc: Document, event: Event) -> float:
        """Probability that the event is right as typed: the model's, shrunk towards the rule's own
        confidence for types the model saw few candidates of.  With n training candidates of the type the
        model's share is n / (n + SHRINKAGE): a type met a handful of times in US political news (military
        aid, deployments) is not sunk by a model that knows little about it."""
        assert self.model is not None
        plover = event.plover.get("type") or ""
        learned = self.model.probabilities(candidate_features(doc, event)).get(plover, 0.0)
        return self.model.calibrated(shrunk(learned, event.confidence, self.model.support.get(plover, 0)))

    def run(self, doc: Document, in_title: bool = False) -> None:
        """Score every candidate the real-news measures count (the rule's confidence stays for the rest),
        then add the events the model proposes on words no rule fired on.  `in_title`: `doc` is a title."""
        if self.model is None:
            return
        for event in doc.events:
            if is_scored(event):
                event.confidence = round(self.confidence(doc, event), 3)
        doc.events.extend(self.proposals(doc, in_title))

    def proposals(self, doc: Document, in_title: bool = False) -> list[Event]:
        """Events on words no rule fired on, where the model is sure of one type."""
        spacy_doc: Doc | None = doc.nlp_doc
        if self.model is None or spacy_doc is None:
            return []
        # a word the rules read as negated, hypothetical or future is not proposed again as a fact
        covered = {e.trigger_token for e in doc.events if rule_judged(e) and e.trigger_token is not None}
        mentions = mention_index(doc)
        arguments = self.arguments_for(doc) if self.arguments_for is not None else None
        found = []
        shared: dict[int, np.ndarray] = {}  # sentence start -> logits of the features its words share
        for index, sent, token in proposal_words(spacy_doc, covered, self.model.triggers):
            sentence_index = HEADLINE if in_title else index
            if sent.start not in shared:
                shared[sent.start] = self.model.logits(proposal_sentence_features(sent, sentence_index))
            word = self.model.logits(proposal_word_features(sent, token))
            probabilities = self.model.softmax(shared[sent.start] + word)
            best = max((p, label) for label, p in probabilities.items() if label != NONE_LABEL)
            if best[0] >= PROPOSE_THRESHOLD:
                confidence = self.model.calibrated(best[0])
                event = self.proposed_event(
                    doc, token, sentence_index, best[1], confidence, mentions, arguments
                )
                if event is not None:
                    found.append(event)
        return found

    def proposed_event(
        self,
        doc: Document,
        token: Token,
        sentence_index: int,
        plover: str,
        confidence: float,
        mentions: dict[int, Mention],
        arguments: Callable[[Token, str], tuple[Mention | None, Mention | None]] | None = None,
    ) -> Event | None:
        """An event of type `plover` on `token`: source and target by the events stage's argument rules
        when it lends them, else (or where they find none) the word's own subject and object."""
        code = self.ontology.get(proposal_codes().get(plover, ""))
        if code is None:
            return None
        source, target = arguments(token, code.code) if arguments is not None else (None, None)
        source = source or argument(token, SOURCE_DEPS, mentions)
        target = target or argument(token, TARGET_DEPS, mentions)
        if target is source or (source is not None and target is not None and target.start == source.start):
            target = None
        modality = self.modality_of(token) if self.modality_of else "asserted"
        return Event(
            event_id=f"{doc.doc_id}-v{sentence_index}-{token.i}",
            doc_id=doc.doc_id,
            sentence_index=sentence_index,
            sentence=doc.text if sentence_index == HEADLINE else token.sent.text,
            span=(0, 0) if sentence_index == HEADLINE else clause_span(token),
            sentence_span=None if sentence_index == HEADLINE else sentence_span(token),
            trigger=token.text,
            source=source,
            target=target,
            **code.event_fields(),
            modality=modality,
            confidence=round(confidence, 3),
            rule=f"{PROPOSAL_RULE}{plover}",
            trigger_start=token.idx,
            trigger_token=token.i,
        )


def without_unaimed_accusations(events: list[Event]) -> list[Event]:
    """The events without the model's proposed accusations that accuse no party (see `accuses_someone`)."""
    return [e for e in events if not e.rule.startswith(PROPOSAL_RULE) or accuses_someone(e)]


def accuses_someone(event: Event) -> bool:
    """Whether a proposed event may stand: a proposed accusation needs a target that is a party (not a place,
    not only ordinary people); every other proposed type stands as it is."""
    if event.plover.get("type") != "ACCUSE":
        return True
    target = event.target
    if target is None or target.actor is None or target.kind == "place":
        return False
    return target.actor.sector not in UNACCUSED_SECTORS
