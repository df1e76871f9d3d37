"""Events stage: CAMEO/PLOVER events from the dependency parse, with modality.

Why patterns over the parse rather than a classifier: every event must be explainable
(which words fired, which rule) and editable by an analyst without retraining, and it
must run at parser speed on a laptop. The patterns live in data/events/*.yaml:

- verbs.yaml   verb lemma (+ object / particle / preposition / complement) -> CAMEO code
- nouns.yaml   nominal triggers ("talks", "invasion", "deployment") -> CAMEO code
- families.yaml code refinements by topic ("appealed for aid" 023) and by embedded event
               ("pledged to send aid" 033x, "threatened to cut ties" 1313, "refused to lift" 124x)
- control.yaml modality words, complement-taking verbs, light verbs, say verbs

One pass over the tokens of each sentence finds candidate triggers through lemma-indexed
dicts (built once in `__init__`); the few structural steps after that (control verbs,
nominal triggers, future cooperation/conflict) only look at those candidates.
Source and target come from the actors stage (`Document.mentions`), falling back to
spaCy entities when no mention covers the words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.modality import ModalityLexicon, modality_of
from eventcoder.model import Document, Event, Mention
from eventcoder.ontology import Ontology

DATA_DIR = Path(__file__).parent / "data" / "events"

_SUBJECT_DEPS = ("nsubj", "csubj")
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_QUANTITY_HEADS = {
    "$",
    "million",
    "billion",
    "worth",
    "ton",
    "tonne",
    "lot",
    "amount",
    "package",
    "shipment",
    "batch",
    "consignment",
    "number",
    "dozen",
    "hundred",
    "thousand",
    "percent",
    "%",
}
_MAX_ACTORS = 3
NO_EVENT = "-"  # a pattern with this code blocks the lemma's other patterns: "fight the epidemic"
ANY = "*"  # an `obj` constraint that any direct object satisfies: "returned two paintings"


def make_event_id(doc_id: str, sentence_index: int, trigger_token: int, cameo: str) -> str:
    """A stable id: the same document, sentence, trigger and code always give the same id."""
    key = f"{doc_id}|{sentence_index}|{trigger_token}|{cameo}"
    return "ev:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Pattern:
    """One verb or noun pattern from the YAML files (constraints are lemma sets)."""

    lemma: str
    code: str
    rule: str
    obj: frozenset[str] | None = None
    objmod: frozenset[str] | None = None
    prt: frozenset[str] | None = None
    prep: frozenset[str] | None = None
    pobj: frozenset[str] | None = None
    xcomp: frozenset[str] | bool | None = None
    mod: frozenset[str] | None = None
    family: str | None = None

    @property
    def specificity(self) -> int:
        fields = (self.obj, self.objmod, self.prt, self.prep, self.pobj, self.xcomp, self.mod)
        return sum(1 for f in fields if f)


@dataclass(frozen=True)
class Topic:
    name: str
    heads: frozenset[str]
    mods: frozenset[str] | None
    codes: dict[str, str]


@dataclass
class Candidate:
    """A trigger found in the sentence, before actors and modality are attached."""

    token: Any
    code: str
    rule: str
    kind: str  # verb | noun
    consumed_object: bool = False  # the pattern used the object (so a nominal object is not separate)
    governor: Any = None  # for nominal triggers: the verb whose subject is the source
    modality: str | None = None  # forced modality (set by a control verb)
    target_from: Any = None  # token whose target to borrow (control verbs)
    target_token: Any = None  # token naming the target directly ("said China must ...")
    derived: bool = False
    suppressed: bool = False
    statement: bool = False


@dataclass
class _Lexicon:
    classes: dict[str, frozenset[str]] = field(default_factory=dict)


class EventCoder:
    """Finds and codes events in parsed documents. Build once; call `run(doc)` per document."""

    def __init__(self, data_dir: str | Path = DATA_DIR) -> None:
        from eventcoder.schemas.events import load_events_rules

        rules = load_events_rules(data_dir)

        def read(name: str) -> Any:
            """A checked file as plain data (see eventcoder.schemas.events)."""
            return getattr(rules, name.removesuffix(".yaml")).model_dump(exclude_none=True)

        self.classes = {k: frozenset(str(w).lower() for w in v) for k, v in read("classes.yaml").items()}
        self.verbs = self._index(read("verbs.yaml"), "verbs.yaml")
        self.nouns = self._index(read("nouns.yaml"), "nouns.yaml")
        control = read("control.yaml")
        families = read("families.yaml")
        self.lex = ModalityLexicon.from_control(control)
        self.topics = [
            Topic(
                name=str(t["name"]),
                heads=self._set(t["heads"]) or frozenset(),
                mods=self._set(t.get("mods")),
                codes={k: str(v) for k, v in t.items() if k not in ("name", "heads", "mods")},
            )
            for t in families.get("topics", [])
        ]
        self.maps: dict[str, dict[str, str]] = {
            name: {str(k): str(v) for k, v in families[name].items()}
            for name in ("intent", "vow", "threat", "refuse", "demand", "appeal", "deny")
        }
        self.future_cooperation = self.maps[str(families.get("future_cooperation", "intent"))]
        self.future_conflict = self.maps[str(families.get("future_conflict", "threat"))]
        self.complement_class: dict[str, dict[str, Any]] = {}
        for name, spec in control.get("complement_classes", {}).items():
            for lemma in spec.get("lemmas", []):
                self.complement_class.setdefault(str(lemma), {"name": name, **spec})
        self.say_verbs = frozenset(control.get("say_verbs", []))
        self.obligation_aux = frozenset(str(w) for w in control.get("obligation_aux", []))
        self.background_deps = frozenset(control.get("background_deps", []))
        self.background_preps = frozenset(control.get("background_preps", []))
        self.unrealised_mods = frozenset(control.get("unrealised_modifiers", []))
        self.unrealised_heads = frozenset(control.get("unrealised_heads", []))
        self.light_verbs = frozenset(control.get("light_verbs", []))
        self.occurrence_verbs = frozenset(control.get("occurrence_verbs", []))
        self.target_preps = tuple(control.get("target_preps", []))
        self.noun_target_preps = tuple(control.get("noun_target_preps", []))
        self.agent_preps = frozenset(control.get("agent_preps", ["by"]))
        self.lemma_fixes = {str(k): str(v) for k, v in (control.get("lemma_fixes") or {}).items()}
        self.transparent_nouns = frozenset(control.get("transparent_nouns", []))
        self.light_preps = {
            str(k): tuple(str(p) for p in v) for k, v in (control.get("light_preps") or {}).items()
        }
        self.statement_nouns = frozenset(control.get("statement_nouns", []))
        noun_control = control.get("noun_complement_classes") or {}
        self.noun_control = {str(k): str(v) for k, v in noun_control.items()}
        self.purpose_roots = frozenset(str(r) for r in control.get("purpose_roots", ["02", "10", "14"]))
        self.protest_roots = frozenset(str(r) for r in control.get("protest_roots", ["14"]))
        self.background_marks = frozenset(control.get("background_marks", []))
        self.stative_passives = frozenset(control.get("stative_passives", []))
        self.grievance_roots = frozenset(str(r) for r in control.get("grievance_roots", []))
        self.grievance_preps = frozenset(control.get("grievance_preps", []))
        self.place_preps = tuple(control.get("place_preps", ["in", "into", "at"]))
        self.ontology = Ontology.load()

    # -- loading -----------------------------------------------------------------------
    def _set(self, value: Any) -> frozenset[str] | None:
        """A YAML constraint (word, list, or $class) as a set of lower-case lemmas."""
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        out: set[str] = set()
        for item in items:
            text = str(item).lower()
            if text.startswith("$"):
                out |= self.classes.get(text[1:], frozenset())
            else:
                out.add(text)
        return frozenset(out)

    def _index(self, raw: dict[str, Any], filename: str) -> dict[str, list[Pattern]]:
        """lemma -> patterns, most specific first, so lookups never scan other lemmas."""
        index: dict[str, list[Pattern]] = {}
        for lemma, spec in raw.items():
            specs = spec if isinstance(spec, list) else [spec]
            patterns = []
            for item in specs:
                if not isinstance(item, dict):
                    item = {"code": item}
                patterns.append(self._pattern(str(lemma).lower(), item, filename))
            patterns.sort(key=lambda p: -p.specificity)
            index[str(lemma).lower()] = patterns
        return index

    def _pattern(self, lemma: str, item: dict[str, Any], filename: str) -> Pattern:
        parts = [lemma]
        for key in ("prt", "obj", "objmod", "prep", "pobj", "mod", "xcomp"):
            if item.get(key) not in (None, False):
                value = item[key]
                label = value if isinstance(value, str) else ("to-verb" if value is True else value[0])
                parts.append(str(label))
        xcomp = item.get("xcomp")
        code = str(item["code"])
        if code != NO_EVENT and code not in self.ontology_codes():
            raise ValueError(f"{filename}: {lemma}: unknown CAMEO code {code!r}")
        return Pattern(
            lemma=lemma,
            code=code,
            rule=f"{filename}:" + "+".join(parts),
            obj=self._set(item.get("obj")),
            objmod=self._set(item.get("objmod")),
            prt=self._set(item.get("prt")),
            prep=self._set(item.get("prep")),
            pobj=self._set(item.get("pobj")),
            xcomp=True if xcomp is True else self._set(xcomp),
            mod=self._set(item.get("mod")),
            family=item.get("family"),
        )

    @staticmethod
    def ontology_codes() -> dict[str, Any]:
        return Ontology.load().codes

    # -- running -----------------------------------------------------------------------
    def run(self, doc: Document) -> None:
        """Fill `doc.events` from the parse and the actor mentions."""
        doc.events = []
        spacy_doc = doc.nlp_doc
        if spacy_doc is None:
            return
        index = _MentionIndex(doc)
        for sentence_index, sent in enumerate(spacy_doc.sents):
            doc.events.extend(self._code_sentence(doc, sent, sentence_index, index))

    def _code_sentence(
        self, doc: Document, sent: Any, sentence_index: int, index: _MentionIndex
    ) -> list[Event]:
        verbs: dict[int, Candidate] = {}
        nouns: list[Candidate] = []
        for token in sent:  # the one pass over the tokens
            lemma = self.lemma(token)
            if (
                token.dep_ in self.background_deps
                and token.head.dep_ != "ROOT"
                and token.head.lemma_.lower() not in self.statement_nouns
                and token.head.lemma_.lower() not in self.noun_control
            ):
                continue  # participle modifiers are background, unless the parse hung the clause on them
            if token.pos_ == "VERB" and lemma in self.verbs and not _nominal_gerund(token):
                found = self._match_verb(token, lemma)
                if found:
                    verbs[token.i] = found
            elif token.pos_ in ("NOUN", "PROPN") and (lemma in self.nouns or token.lower_ in self.nouns):
                found = self._match_noun(token, lemma if lemma in self.nouns else token.lower_)
                if found:
                    nouns.append(found)
        if not verbs and not nouns:
            return []
        candidates = dict(verbs)
        for noun in nouns:
            self._place_noun(noun, candidates)
        self._apply_control(candidates)
        self._absorb_purposes(candidates)
        self._drop_background(candidates)
        question = sent.text.rstrip().endswith("?")
        events: list[Event] = []
        for cand in sorted(candidates.values(), key=lambda c: c.token.i):
            if cand.suppressed:
                continue
            events.extend(self._events_for(doc, sent, sentence_index, cand, index, question, candidates))
        events = self._future_recodes(_share_arguments(events, sent.doc), candidates)
        return _rank_statements(events)

    def lemma(self, token: Any) -> str:
        """The token's lemma, with the parser's known mis-lemmatisations repaired ("staged" -> "stag")."""
        lemma = token.lemma_.lower()
        return self.lemma_fixes.get(lemma, lemma) if token.pos_ == "VERB" else lemma

    # -- trigger matching --------------------------------------------------------------------
    def _match_verb(self, token: Any, lemma: str) -> Candidate | None:
        feats = _VerbFeatures(token)
        for pattern in self.verbs[lemma]:
            if not self._fits(pattern, feats):
                continue
            if pattern.code == NO_EVENT:
                return None
            code, rule = pattern.code, pattern.rule
            if pattern.family:
                topic = self._topic(pattern.family, feats.topic_tokens())
                if topic:
                    code, rule = topic.codes[pattern.family], f"{rule}+topic:{topic.name}"
            return Candidate(
                token, code, rule, "verb", consumed_object=bool(pattern.obj) or bool(pattern.family)
            )
        return None

    @staticmethod
    def _fits(p: Pattern, f: _VerbFeatures) -> bool:
        if p.obj is not None and not (p.obj & f.object_lemmas) and not (ANY in p.obj and f.objects):
            return False
        if p.objmod is not None and not (p.objmod & f.object_mods):
            return False
        if p.prt is not None and not (p.prt & f.particles):
            return False
        if p.prep is not None and not (p.prep & set(f.preps)):
            return False
        if p.pobj is not None and not any(t.lemma_.lower() in p.pobj for ts in f.preps.values() for t in ts):
            return False
        if p.xcomp is True and not f.xcomps:
            return False
        if isinstance(p.xcomp, frozenset) and not any(x.lemma_.lower() in p.xcomp for x in f.xcomps):
            return False
        return True

    def _topic(self, family: str, tokens: list[Any]) -> Topic | None:
        for topic in self.topics:
            if family not in topic.codes:
                continue
            for tok in tokens:
                if tok.lemma_.lower() not in topic.heads and tok.lower_ not in topic.heads:
                    continue
                if topic.mods is None or any(c.lemma_.lower() in topic.mods for c in tok.children):
                    return topic
        return None

    def _match_noun(self, token: Any, lemma: str) -> Candidate | None:
        mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
        for pattern in self.nouns[lemma]:
            if pattern.mod is not None and not (pattern.mod & mods):
                continue
            return Candidate(token, pattern.code, pattern.rule, "noun")
        return None

    def _place_noun(self, noun: Candidate, candidates: dict[int, Candidate]) -> None:
        """Keep a nominal trigger unless a verb event already covers it (see nouns.yaml header)."""
        token = noun.token
        if token.dep_ in ("compound", "amod", "nmod") or (
            token.dep_ == "pobj" and token.head.lower_ in self.background_preps
        ):
            return  # "peace talks process", "after days of fighting": circumstances, not the report
        governor = _governing_verb(token)
        noun.governor = governor
        if governor is not None and _nominal_gerund(governor):
            return  # "a proposal for signing a deal": part of a noun phrase, not a report
        if governor is None:
            candidates[token.i] = noun
            return
        verb = candidates.get(governor.i)
        lemma = self.lemma(governor)
        slot = self._slot(token)
        direct = slot.dep_ in ("dobj", "nsubjpass", "attr") and slot.head.i == governor.i
        if (
            slot.dep_ == "pobj"
            and slot.head.head.i == governor.i
            and slot.head.lower_ in self.light_preps.get(lemma, ())
        ):
            # "took part in joint exercises", "insisted on its demands": the noun is the event
            if verb is not None and verb.kind == "verb" and not verb.consumed_object:
                verb.suppressed = True
            direct, lemma, verb = True, "participate", None
        token = slot
        if verb is not None and verb.kind == "verb":
            if direct and lemma in self.light_verbs and not verb.consumed_object:
                verb.suppressed = True  # "declared a ceasefire": the noun says what happened
                candidates[noun.token.i] = noun
            return
        if direct and (lemma in self.light_verbs or lemma == "participate"):
            candidates[noun.token.i] = noun
        elif token.dep_ in ("nsubj",) and lemma in self.occurrence_verbs:
            candidates[token.i] = noun
        elif (
            not direct and self._has_own_actor(noun.token) and not self._inside_event(noun.token, candidates)
        ):
            candidates[noun.token.i] = noun

    def _slot(self, token: Any) -> Any:
        """Where a nominal event sits in its clause, looking through quantity and series nouns:
        in "began a new round of joint exercises" the exercises fill the object slot of "began"."""
        for _ in range(2):
            head = token.head
            counted = head.head.lemma_.lower() in self.transparent_nouns
            if token.dep_ == "pobj" and head.lower_ == "of" and counted:
                token = head.head
            else:
                break
        return token

    def _unrealised_noun(self, token: Any) -> bool:
        """ "a potential invasion", "fears of an invasion": the nominal event has not happened."""
        if any(c.dep_ == "amod" and c.lemma_.lower() in self.unrealised_mods for c in token.children):
            return True
        head = token.head
        return (
            token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.unrealised_heads
        )

    @staticmethod
    def _has_own_actor(token: Any) -> bool:
        """A stand-alone nominal event needs its own participants ("Russia's deployment",
        "talks between A and B"); bare mentions ("the deal") are references, not reports."""
        for child in token.children:
            if child.dep_ == "poss":
                return True
            if child.dep_ == "prep" and child.lower_ in (
                "by",
                "between",
                "among",
                "of",
                "against",
                "on",
                "with",
                "from",
                "to",
                "into",
            ):
                return any(g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN", "PRON") for g in child.children)
        return False

    @staticmethod
    def _inside_event(token: Any, candidates: dict[int, Candidate]) -> bool:
        for anc in token.ancestors:
            if anc.i in candidates:
                return True
            if anc.pos_ == "VERB":
                return False
        return False

    # -- control verbs: "pledged to send", "threatened to cut", "refused to lift", "denied attacking"
    def _apply_control(self, candidates: dict[int, Candidate]) -> None:
        for cand in list(candidates.values()):
            if cand.kind == "noun":
                # "its demand that Israel ease restrictions": the noun controls its complement
                spec = self.complement_class.get(self.noun_control.get(cand.token.lemma_.lower(), ""))
                spec = spec if spec and spec.get("recode") else None
            elif cand.code == "010":
                self._obligation(cand, candidates)
                continue
            else:
                spec = self.complement_class.get(self.lemma(cand.token))
            if not spec:
                continue
            embedded = self._embedded_event(cand.token, candidates)
            if embedded is None:
                continue
            if spec.get("suppress"):
                embedded.suppressed = True
                continue
            recode = spec.get("recode")
            if recode:
                new = _by_prefix(self.maps[str(recode)], embedded.code)
                if new:
                    cand.code = new
                    cand.rule = f"{cand.rule}+{recode}:{embedded.rule.split(':', 1)[-1]}"
                    cand.target_from = embedded.token
                    # one event, as PLOVER and CAMEO code it: "pledged to send aid" is 033x alone;
                    # a denial keeps the denied event (with modality "denied") beside the 016
                    embedded.suppressed = not spec.get("keep_embedded", False)

    def _absorb_purposes(self, candidates: dict[int, Candidate]) -> None:
        """A purpose clause is the claim of the act it serves, not a second event: "staged
        rallies to demand reforms", "began a hunger strike to protest the ruling" are one PROTEST
        each, and "telephoned X to discuss Y" one consultation, as CAMEO and PLOVER code them."""
        for cand in candidates.values():
            if cand.suppressed or cand.token.dep_ not in ("advcl", "xcomp", "acl", "pcomp", "prep", "relcl"):
                continue
            current = cand.token
            for _ in range(3):
                if current.dep_ not in ("advcl", "xcomp", "acl", "pcomp", "prep", "pobj", "relcl"):
                    break
                current = current.head
                owner = candidates.get(current.i) or self._noun_object_candidate(current, candidates)
                if owner is None or owner is cand:
                    continue
                claim = cand.code[:2] in self.purpose_roots and owner.code[:2] in self.protest_roots
                own_clause = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cand.token.children)
                same = (
                    owner.code[:2] == cand.code[:2]
                    and cand.token.dep_ in ("xcomp", "advcl")
                    and not own_clause
                )
                if claim or same:
                    cand.suppressed = True
                    if owner.target_from is None:
                        owner.target_from = cand.token  # whom the claim is addressed to
                    break

    def _drop_background(self, candidates: dict[int, Candidate]) -> None:
        """Events in a circumstance clause ("until their demands are met", "as the opposition
        threatened ...", "after troops fired on protesters") set the scene for the report; they
        are not what the sentence reports, so they are not coded when the sentence has a
        main event of its own."""
        background = []
        for cand in candidates.values():
            if cand.suppressed:
                continue
            anchor = cand.governor if cand.kind == "noun" and cand.governor is not None else cand.token
            for anc in [anchor, *anchor.ancestors][:4]:
                if anc.dep_ == "relcl" or (
                    anc.dep_ == "advcl"
                    and any(c.dep_ == "mark" and c.lower_ in self.background_marks for c in anc.children)
                ):
                    background.append(cand)
                    break
        if len(background) < sum(1 for c in candidates.values() if not c.suppressed):
            for cand in background:
                cand.suppressed = True

    @staticmethod
    def _noun_object_candidate(verb: Any, candidates: dict[int, Candidate]) -> Candidate | None:
        """The nominal event a light verb carries ("staged rallies"), if it is a candidate."""
        for child in verb.children:
            if child.dep_ == "dobj" and child.i in candidates and candidates[child.i].kind == "noun":
                return candidates[child.i]
        return None

    def _obligation(self, cand: Candidate, candidates: dict[int, Candidate]) -> None:
        """ "X said Y must withdraw": a statement carrying an obligation is a demand on Y."""
        for child in cand.token.children:
            if child.dep_ != "ccomp":
                continue
            if not any(a.dep_ == "aux" and a.lower_ in self.obligation_aux for a in child.children):
                continue
            embedded = candidates.get(child.i)
            new = _by_prefix(self.maps["demand"], embedded.code) if embedded else "100"
            cand.code = new or "100"
            cand.rule = f"{cand.rule}+obligation" + (
                f":{embedded.rule.split(':', 1)[-1]}" if embedded else ""
            )
            cand.target_token = _subject_of(child)
            if embedded is not None:
                embedded.suppressed = True
            return

    @staticmethod
    def _embedded_event(token: Any, candidates: dict[int, Candidate]) -> Candidate | None:
        """The event in the verb's complement: "to send aid", "that it attacked", "attacking"."""
        for child in token.children:
            infinitive = child.dep_ == "advcl" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in child.children
            )  # "demanded parties to allow ...", parsed as a purpose clause
            if (
                child.dep_ in ("xcomp", "ccomp")
                or infinitive
                or (child.dep_ in ("dobj", "acl") and child.pos_ in ("VERB", "AUX"))
            ):
                found = candidates.get(child.i)
                if found:
                    return found
                for grand in child.children:  # "agreed to hold talks": noun under the complement verb
                    if grand.dep_ in ("dobj", "xcomp") and grand.i in candidates:
                        return candidates[grand.i]
            if child.dep_ == "prep":
                for grand in child.children:
                    if grand.dep_ == "pcomp" and grand.i in candidates:
                        return candidates[grand.i]
            if child.dep_ == "dobj" and child.i in candidates:
                return candidates[child.i]
        return None

    # -- events ------------------------------------------------------------------------------------
    def _events_for(
        self,
        doc: Document,
        sent: Any,
        sentence_index: int,
        cand: Candidate,
        index: _MentionIndex,
        question: bool,
        candidates: dict[int, Candidate],
    ) -> list[Event]:
        token = cand.token
        if cand.kind == "verb":
            sources, targets = self._verb_actors(token, index)
            modality = modality_of(
                token, self.lex, question=question and not _reported(token, self.say_verbs)
            )
        else:
            sources, targets = self._noun_actors(token, cand.governor, index)
            negated = any(c.lower_ in ("no",) and c.dep_ == "det" for c in token.children)
            anchor = cand.governor if cand.governor is not None else token
            modality = (
                "negated"
                if negated
                else "hypothetical"
                if self._unrealised_noun(token)
                else modality_of(
                    anchor, self.lex, question=question and not _reported(anchor, self.say_verbs)
                )
            )
        if cand.target_token is not None and not targets:
            targets = [m for m in index.for_conjuncts(cand.target_token) if m]
        if cand.code[:2] in ("02", "10") and not targets:
            targets = self._complement_subjects(token, index)
            if not targets and cand.kind == "noun" and cand.governor is not None:
                targets = self._complement_subjects(cand.governor, index)
        if cand.target_from is not None and not targets:
            embedded = candidates.get(cand.target_from.i)
            if embedded is not None:
                emb_token = embedded.token
                _, targets = (
                    self._verb_actors(emb_token, index)
                    if embedded.kind == "verb"
                    else self._noun_actors(emb_token, embedded.governor, index)
                )
        if not targets and cand.kind == "verb":
            # "threatened to deliver blows to the United States": the complement names the target
            controls = self.lemma(token) in self.complement_class
            for child in token.children:
                if child.pos_ in ("VERB", "AUX") and (
                    child.dep_ == "xcomp" or (child.dep_ == "ccomp" and controls)
                ):
                    targets = self._objects(child, index, [s for s in sources if s is not None])
                    break
        if cand.kind == "verb" and cand.code[:2] in self.grievance_roots:
            # "complained to the UN over Israeli raids": the target is what the grievance is about
            about = [
                m
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ in self.grievance_preps
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for m in (index.for_conjuncts(pobj) or self._owners(pobj, index))
                if m is not None and _has_country(m)
            ]
            targets = about or targets
        code = self.ontology.get(cand.code)
        if code is None:
            return []
        if code.root == "13" and not targets:
            targets = self._conditional_subjects(token, index)
        sources = list(sources[:_MAX_ACTORS]) or [None]
        target_slots: list[Mention | None] = list(targets[:_MAX_ACTORS])
        if not target_slots:
            target_slots = [None]
        trigger_text = self._trigger_text(cand)
        anchor = cand.governor if cand.kind == "noun" and cand.governor is not None else token
        prominence = _prominence(anchor)
        left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
        events = []
        for source in sources:
            for target in target_slots:
                if source is not None and target is not None and source.start == target.start:
                    continue
                confidence = 0.45 + (0.2 if source and source.actor else 0.05 if source else 0)
                confidence += 0.15 if target and target.actor else 0.05 if target else 0
                confidence += 0.1 if len(cand.code) > 3 or not cand.code.endswith("0") else 0
                confidence += prominence - (0.1 if (cand.modality or modality) != "asserted" else 0)
                events.append(
                    Event(
                        event_id=make_event_id(doc.doc_id, sentence_index, token.i, cand.code),
                        doc_id=doc.doc_id,
                        sentence_index=sentence_index,
                        sentence=sent.text,
                        span=(left, right),
                        trigger=trigger_text,
                        source=source,
                        target=target,
                        cameo=code.code,
                        cameo_root=code.root,
                        quad_class=code.quad_class,
                        goldstein=code.goldstein,
                        plover=code.plover(),
                        modality=cand.modality or modality,
                        confidence=round(min(confidence, 0.95), 2),
                        rule=cand.rule,
                        trigger_start=token.idx,
                        trigger_token=token.i,
                    )
                )
        return events

    @staticmethod
    def _trigger_text(cand: Candidate) -> str:
        token = cand.token
        words = [token]
        for child in token.children:
            if child.dep_ in ("prt",) or (cand.kind == "noun" and child.dep_ == "compound"):
                words.append(child)
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))

    def _future_recodes(self, events: list[Event], candidates: dict[int, Candidate]) -> list[Event]:
        """PLOVER: future cooperation is AGREE (03x); future or possible force is THREATEN (13x).

        PLOVER asks for the single category rather than category + auxiliary mode, so the
        future event is replaced by the (asserted) statement of intent or threat, whose rule
        says so ("...+future->13"). Events inside a condition or a control verb's complement
        are left alone: they are already accounted for.
        """
        out: list[Event] = []
        for event in events:
            cand = candidates.get(event.trigger_token) if event.trigger_token is not None else None
            refusal = self._refusal(event, cand) if cand is not None else None
            if refusal is not None:
                out.append(refusal)
                continue
            if (
                event.modality not in ("future", "hypothetical")
                or cand is None
                or cand.kind != "verb"
                or _controlled(candidates, cand.token.i, self.complement_class, self.say_verbs)
                or _in_condition(cand.token.i, candidates, self.lex)
            ):
                out.append(event)
                continue
            root = int(event.cameo_root)
            table = (
                self.future_cooperation if 4 <= root <= 8 else self.future_conflict if root >= 14 else None
            )
            new = _by_prefix(table, event.cameo) if table else None
            code = self.ontology.get(new) if new else None
            if code is None:
                out.append(event)
                continue
            out.append(
                Event(
                    **{
                        **event.__dict__,
                        "event_id": make_event_id(
                            event.doc_id, event.sentence_index, cand.token.i, code.code
                        ),
                        "cameo": code.code,
                        "cameo_root": code.root,
                        "quad_class": code.quad_class,
                        "goldstein": code.goldstein,
                        "plover": code.plover(),
                        "modality": "asserted",
                        "rule": f"{event.rule}+{event.modality}->{code.root}",
                    }
                )
            )
        return _dedupe(out)

    def _refusal(self, event: Event, cand: Candidate) -> Event | None:
        """ "will not accept refugees", "would not meet their demands": a cooperative act the
        source says it will not do is a rejection (12x), asserted, as PLOVER codes it."""
        token = cand.token
        if event.modality != "negated" or cand.kind != "verb" or not ("03" <= event.cameo_root <= "08"):
            return None
        children = list(token.children)
        if not any(c.dep_ == "neg" for c in children):
            return None
        modal = self.lex.future_aux | self.lex.hypothetical_aux
        if not any(c.dep_ == "aux" and (c.lower_ in modal or c.lemma_ in modal) for c in children):
            return None
        new = _by_prefix(self.maps["refuse"], event.cameo)
        code = self.ontology.get(new) if new else None
        if code is None:
            return None
        return Event(
            **{
                **event.__dict__,
                "event_id": make_event_id(event.doc_id, event.sentence_index, token.i, code.code),
                "cameo": code.code,
                "cameo_root": code.root,
                "quad_class": code.quad_class,
                "goldstein": code.goldstein,
                "plover": code.plover(),
                "modality": "asserted",
                "rule": f"{event.rule}+negated->{code.root}",
            }
        )

    # -- actors ---------------------------------------------------------------------------------
    def _verb_actors(self, token: Any, index: _MentionIndex) -> tuple[list[Mention | None], list[Mention]]:
        subject = _subject_of(token)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        if passive and self.lemma(token) in self.stative_passives:
            # "Israel is opposed to French mediation": an adjectival passive, its subject acts
            passive = any(c.dep_ == "agent" for c in token.children)
        sources: list[Mention | None] = []
        targets: list[Mention] = []
        if passive:
            for prep in token.children:
                if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ in self.agent_preps):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            sources.extend(index.for_conjuncts(pobj))
            if subject is not None:
                targets.extend(m for m in index.for_conjuncts(subject) if m)
        elif subject is not None:
            sources.extend(index.for_conjuncts(subject))
            if not any(sources) and subject.pos_ == "PRON":
                sources.extend(self._speaker(token, index))
        elif token.dep_ == "ROOT":
            sources.extend(_stranded_subjects(token, index))
        source_list = [s for s in sources if s is not None]
        if not passive or not targets:
            targets.extend(self._objects(token, index, source_list))
        slots: list[Mention | None] = list(source_list) or [None]
        return slots, targets

    def _objects(
        self, token: Any, index: _MentionIndex, sources: list[Mention] | None = None
    ) -> list[Mention]:
        """Target of a verbal event, best evidence first.

        1. an actor direct/indirect object that names a country or organisation;
        2. the owner of a non-actor object ("rejected Iraq's proposal", "an Indian offer",
           "calls by Kofi Annan", "denounced Serbia's suppression of ..."): in CAMEO the
           target of a reaction is whoever made the thing reacted to;
        3. the object of a target preposition ("sanctions on Belarus", "withdraw from Lebanon");
        4. the place where it happened ("imposed a curfew in Cizre", "massed troops along the
           border"): CAMEO codes a location as the target when no one else is named;
        5. an object that names only a sector ("peacekeepers", "23 people").
        Mentions that merely repeat the source ("withdraw its troops") are skipped.
        """
        sources = sources or []
        own = {_actor_key(s) for s in sources if s.actor is not None}
        own_starts = {s.start for s in sources}

        def usable(mentions: list[Mention | None]) -> list[Mention]:
            return [
                m
                for m in mentions
                if m is not None
                and m.start not in own_starts
                and not m.text.lower().endswith(("self", "selves"))  # "blew themselves up"
                and not self._event_noun(m, token.doc)
                and not (m.kind == "pronoun" and m.actor is not None and _actor_key(m) in own)
            ]

        objects = [c for c in token.children if c.dep_ in ("dobj", "dative", "iobj")]
        direct = {o.i for o in objects if o.dep_ == "dobj"}
        if not direct:
            shifted = _shifted_objects(token)
            objects.extend(shifted)
            direct = {o.i for o in shifted}
        named: list[Mention] = []
        weak: list[Mention] = []
        for obj in objects:
            if obj.i in direct and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                if index.at(obj, strict=True) is not None:
                    found = usable(index.for_conjuncts(obj))
                    named.extend(m for m in found if _has_country(m))
                    weak.extend(m for m in found if not _has_country(m))
            elif obj.dep_ in ("dative", "iobj"):
                named.extend(usable(index.for_conjuncts(obj)))
            if obj.i in direct and not named:
                # parse repair: "send Ukraine weapons" is often parsed with "Ukraine" as a compound
                for child in obj.children:
                    if child.dep_ == "compound" and child.i == token.i + 1 and child.pos_ == "PROPN":
                        mention = index.at(child, strict=True)
                        if mention is not None:
                            named.extend(usable([mention]))
        if named:
            return named
        for obj in objects:
            if obj.i in direct and index.at(obj, strict=True) is None:
                owners = usable(self._owners(obj, index))
                if owners:
                    return owners
        holders = [token] + [o for o in objects if o.i in direct]
        for obj in objects:  # "$200 million in equipment to Ukraine": look inside the quantity too
            if obj.i in direct and (obj.lemma_.lower() in _QUANTITY_HEADS or obj.pos_ == "NUM"):
                for prep in obj.children:
                    if prep.dep_ == "prep":
                        holders.extend(p for p in prep.children if p.dep_ == "pobj")
        # the object's own complement first ("tightened the blockade of Serbia with Albania's help")
        nominal = [o for o in objects if o.i in direct and o.pos_ == "NOUN"]
        for prep_name in self.noun_target_preps:
            found = usable([m for o in nominal for m in self._prep_objects(o, (prep_name,), index)])
            if found:
                return found
        for prep_name in self.target_preps:
            found = usable([m for h in holders for m in self._prep_objects(h, (prep_name,), index)])
            if found:
                return found
        # "lifted a state of emergency in Darfur": the place may hang off the object's complement
        holders += [g for o in nominal for p in o.children if p.lower_ == "of" for g in p.children]
        places = usable([m for h in holders for m in self._prep_objects(h, self.place_preps, index)])
        places = [m for m in places if m.actor is not None and _has_country(m)][:1]
        if not places:
            # "killed 23 people when they blew themselves up in Tel Aviv": the scene may be set
            # in an adverbial clause of the same sentence
            scenes = [c for c in token.children if c.dep_ == "advcl"]
            places = usable([m for h in scenes for m in self._prep_objects(h, self.place_preps, index)])
            places = [m for m in places if m.actor is not None and _has_country(m)][:1]
        return places or weak

    def _speaker(self, token: Any, index: _MentionIndex) -> list[Mention | None]:
        """An unresolved pronoun subject of reported speech is, by default, the speaker:
        in "NATO confirmed it would tighten the blockade", "it" is NATO."""
        current = token
        for _ in range(3):
            if current.dep_ not in ("ccomp", "conj", "xcomp") or current.head.i == current.i:
                return []
            current = current.head
            if self.lemma(current) in self.say_verbs:
                subject = _subject_of(current)
                return index.for_conjuncts(subject) if subject is not None else []
        return []

    def _event_noun(self, mention: Mention, spacy_doc: Any) -> bool:
        """A mention headed by an event noun ("joint military exercises", "the talks") is what
        happened, not a participant, even when the actors stage gave it a sector."""
        head = spacy_doc[mention.token_end - 1]
        return mention.kind == "nominal" and head.lemma_.lower() in self.nouns

    @staticmethod
    def _prep_objects(holder: Any, preps: tuple[str, ...], index: _MentionIndex) -> list[Mention | None]:
        """Mentions that are objects of the holder's prepositions named in `preps`."""
        found: list[Mention | None] = []
        for prep in holder.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found.extend(index.for_conjuncts(pobj))
        return found

    def _owners(self, noun: Any, index: _MentionIndex) -> list[Mention | None]:
        """Who a non-actor noun belongs to: its possessor, a naming modifier ("U.S. request"),
        or a "by"/"from" phrase ("calls by Kofi Annan", "an offer from Kabul")."""
        found: list[Mention | None] = []
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.i < noun.i):
                mention = index.at(child, strict=True) or _compound_owner(child, index)
                if mention is not None and mention.kind != "place":
                    found.append(mention)
            elif child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
                found.extend(g for p in child.children if p.dep_ == "pobj" for g in index.for_conjuncts(p))
            elif child.dep_ == "acl" and child.tag_ == "VBN":  # "crimes committed by Croat forces"
                for agent in child.children:
                    if agent.dep_ == "agent":
                        found.extend(
                            g for p in agent.children if p.dep_ == "pobj" for g in index.for_conjuncts(p)
                        )
        return found

    def _noun_actors(
        self, token: Any, governor: Any, index: _MentionIndex
    ) -> tuple[list[Mention | None], list[Mention]]:
        sources: list[Mention | None] = []
        targets: list[Mention] = []
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.i < token.i):
                mention = index.at(child)
                if mention is not None and mention.kind != "place":
                    sources.append(mention)
            elif child.dep_ == "prep":
                pobjs = [g for g in child.children if g.dep_ == "pobj"]
                for pobj in pobjs:
                    if child.lower_ in self.agent_preps or child.lower_ == "from":
                        sources.extend(index.for_conjuncts(pobj))
                    elif child.lower_ == "between" or child.lower_ == "among":
                        both = [m for m in index.for_conjuncts(pobj) if m]
                        sources.extend(both[:1])
                        targets.extend(both[1:])
                    elif child.lower_ in self.noun_target_preps:
                        found = [m for m in index.for_conjuncts(pobj) if m]
                        # "an investigation into crimes committed by Croat forces": the crimes' authors
                        found = found or [m for m in self._owners(pobj, index) if m]
                        targets.extend(found)
        if not [s for s in sources if s] and governor is not None:
            subject = _subject_of(governor)
            if subject is not None and subject.i != token.i:
                sources.extend(index.for_conjuncts(subject))
        if not targets and governor is not None and token.dep_ in ("dobj",):
            for prep in governor.children:
                if prep.dep_ == "prep" and prep.lower_ in self.target_preps:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            targets.extend(m for m in index.for_conjuncts(pobj) if m)
        if not targets:  # "imposed a curfew in Cizre", "a hunger strike in Tehran": the place
            holders = [token] + ([governor] if governor is not None and token.dep_ == "dobj" else [])
            own = {m.start for m in sources if m is not None}
            places = [
                m
                for h in holders
                for m in self._prep_objects(h, self.place_preps, index)
                if m is not None and m.start not in own and m.actor is not None and _has_country(m)
            ]
            targets.extend(places[:1])
        return [s for s in sources if s is not None] or [None], targets

    @staticmethod
    def _complement_subjects(token: Any, index: _MentionIndex) -> list[Mention]:
        """Whom a demand or appeal is addressed to: "demanded that the US cancel ..."."""
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp", "acl"):
                for grand in child.children:
                    if grand.dep_ in ("nsubj", "nsubjpass"):
                        return [m for m in index.for_conjuncts(grand) if m]
        return []

    def _conditional_subjects(self, token: Any, index: _MentionIndex) -> list[Mention]:
        """A threat's target is often the subject of its condition: "... if Russia invades"."""
        for child in token.subtree:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in self.lex.conditional_marks for m in child.children
            ):
                subject = _subject_of(child)
                if subject is not None:
                    return [m for m in index.for_conjuncts(subject) if m]
        return []


# -- parse helpers ----------------------------------------------------------------------------------
class _VerbFeatures:
    """The children of a verb that patterns test, gathered once per candidate verb."""

    def __init__(self, token: Any) -> None:
        self.token = token
        passive = any(c.dep_ == "auxpass" for c in token.children)
        obj_deps = ("dobj", "nsubjpass") if passive else ("dobj",)
        objects = [c for c in token.children if c.dep_ in obj_deps]
        objects += [c for o in list(objects) for c in o.conjuncts]
        # "$200 million in military equipment": the quantity's complement is the real object
        for obj in list(objects):
            if obj.lemma_.lower() in _QUANTITY_HEADS or obj.pos_ == "NUM" or obj.text == "$":
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "worth"):
                        objects.extend(p for p in prep.children if p.dep_ == "pobj")
                for child in obj.children:
                    if child.dep_ in ("compound", "nmod", "quantmod") and child.pos_ != "NUM":
                        objects.append(child)
        self.objects = objects
        self.object_lemmas = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
        self.object_mods = {
            c.lemma_.lower() for o in objects for c in o.children if c.dep_ in ("amod", "compound", "nmod")
        }
        self.particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        self.preps: dict[str, list[Any]] = {}
        for child in token.children:
            if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP":
                self.preps.setdefault(child.lower_, []).extend(g for g in child.children if g.dep_ == "pobj")
            # "put troops on alert": the preposition may hang off the object
        for obj in objects:
            for child in obj.children:
                if child.dep_ == "prep":
                    self.preps.setdefault(child.lower_, []).extend(
                        g for g in child.children if g.dep_ == "pobj"
                    )
        self.xcomps = [c for c in token.children if c.dep_ == "xcomp"]

    def topic_tokens(self) -> list[Any]:
        tokens = list(self.objects)
        for name in ("for", "of", "on", "to"):
            tokens.extend(self.preps.get(name, []))
        return tokens


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _misread_main_verb(verb: Any) -> bool:
    """A clause on a noun that is really the sentence's main verb: finite ("groups donated"),
    or a bare participle in a sentence whose root is a noun, i.e. that has no verb otherwise."""
    if verb.head.pos_ not in ("NOUN", "PROPN") or verb.head.i == verb.i:
        return False
    if verb.tag_ in _FINITE_TAGS:
        return True
    root = verb.sent.root
    return (
        verb.tag_ == "VBN"
        and root.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("agent", "auxpass") for c in verb.children)
    )


def _subject_of(token: Any, hops: int = 7) -> Any:
    """The subject of a verb, inherited through xcomp/conj/relative clauses when it has none."""
    current = token
    for _ in range(hops):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS or c.dep_ == "nsubjpass"]
        if subjects:
            # several subjects are a parse error ("If A invades B, C will close ..."): the nearest wins
            child = min(subjects, key=lambda c: (c.i > current.i, abs(current.i - c.i)))
            if child.lower_ in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return current.head
            return child
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "acl" and _misread_main_verb(current):
            # "Doctors from two aid groups donated ...": the main verb parsed as a clause on the
            # noun before it; that noun is its subject
            return current.head
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.i != current.i:
            # "issued a declaration demanding ...": the issuer demands
            current = _governing_verb(current.head) or current.head
            continue
        if current.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and current.head.i != current.i:
            current = current.head
            # "accused X of attacking", "took steps, including sending ...": climb to the clause's verb
            for _ in range(3):
                if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
                    break
                current = current.head
            continue
        return None
    return None


_SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "amod", "npadvmod", "csubj", "prep", "pobj"})


def _prominence(token: Any) -> float:
    """How central a trigger is to what the sentence reports: the main clause (or the clause a
    statement reports) scores higher than background in adverbial, relative or participle clauses,
    so the one event a sentence is about can be picked by confidence."""
    current = token
    for _ in range(8):
        if current.dep_ == "ROOT" or current.head.i == current.i:
            return 0.05
        if current.dep_ in _SUBORDINATE_DEPS:
            return -0.15
        current = current.head
    return 0.0


def _nominal_gerund(token: Any) -> bool:
    """ "its involvement in killing", "a proposal for signing a treaty": a gerund inside a noun
    phrase names an activity, it does not report one."""
    head = token.head
    return token.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN")


def _governing_verb(token: Any) -> Any:
    for anc in token.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return anc
    return None


def _reported(token: Any, say_verbs: frozenset[str]) -> bool:
    """True when the token sits in the complement of a say verb ("he asked whether ...")."""
    return any(anc.lemma_.lower() in say_verbs for anc in token.ancestors)


def _controlled(
    candidates: dict[int, Candidate], token_index: int, classes: dict[str, Any], say_verbs: frozenset[str]
) -> bool:
    """True when a complement-taking verb already accounts for the event ("plans to send")."""
    cand = candidates.get(token_index)
    if cand is None:
        return False
    token = cand.token
    for anc in [token, *token.ancestors][:4]:
        if anc.dep_ in ("xcomp", "ccomp", "dobj", "pcomp"):
            head = anc.head.lemma_.lower()
            spec = classes.get(head)
            if (
                spec
                and not spec.get("in_place")
                and not spec.get("future_recode")
                and not (anc.dep_ == "ccomp" and head in say_verbs)
            ):
                return True
    return False


def _in_condition(token_index: int, candidates: dict[int, Candidate], lex: ModalityLexicon) -> bool:
    cand = candidates.get(token_index)
    if cand is None:
        return False
    for anc in [cand.token, *cand.token.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in lex.conditional_marks for c in anc.children):
            return True
    return False


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    """The value of the longest key that prefixes `code` ("" is the default)."""
    for size in range(len(code), -1, -1):
        value = table.get(code[:size])
        if value is not None:
            return value
    return None


def _share_arguments(events: list[Event], spacy_doc: Any) -> list[Event]:
    """Conjoined events of the same root share participants ("sent $200 million in equipment
    and let others send Ukraine weapons"): fill a missing source or target from a conjunct.
    Unlinked events in one sentence do not share: they usually involve different parties."""

    def family(token: Any) -> set[int]:
        found = {token.i}
        while token.dep_ in ("conj", "xcomp", "ccomp") and token.head.i != token.i:
            token = token.head
            found.add(token.i)
        return found

    def linked(a: Event, b: Event) -> bool:
        if a.trigger_token is None or b.trigger_token is None:
            return False
        return bool(family(spacy_doc[a.trigger_token]) & family(spacy_doc[b.trigger_token]))

    for event in events:
        for other in events:
            if other is event or other.cameo_root != event.cameo_root or not linked(event, other):
                continue
            if event.target is None and other.target is not None and other.target is not event.source:
                event.target = other.target
            if event.source is None and other.source is not None and other.source is not event.target:
                event.source = other.source
    return events


def _actor_key(mention: Mention) -> tuple[str | None, str | None]:
    actor = mention.actor
    return (actor.code, actor.country) if actor else (None, None)


def _has_country(mention: Mention) -> bool:
    """True when the mention names a state or an organisation (not just a sector like MIL)."""
    actor = mention.actor
    return actor is not None and (actor.country is not None or actor.code[:3] in ("IGO", "NGO", "IMG"))


def _is_statement(event: Event) -> bool:
    return event.cameo == "010"


def _rank_statements(events: list[Event]) -> list[Event]:
    """Keep "X said ..." beside the events X reports, but never as the sentence's main event.

    Reported speech codes the reported event (Y -> Z) *and* the statement by X, so an analyst sees
    who made the claim. A statement is only worth keeping when its speaker is a coded actor; and it
    ranks below every other event of its sentence, so a consumer picking one event per sentence
    (PentaClass, dashboards) gets what was reported rather than the act of reporting it.
    """
    others = [e for e in events if not _is_statement(e)]
    if not others:
        return events
    floor = min(e.confidence for e in others)
    kept = []
    for event in events:
        if not _is_statement(event):
            kept.append(event)
        elif event.source is not None and event.source.actor is not None and event.source.actor.code:
            event.confidence = round(max(0.05, min(event.confidence, floor - 0.05)), 2)
            kept.append(event)
    return kept


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[str, int | None, int | None]] = set()
    out = []
    for event in events:
        key = (
            event.cameo,
            event.source.start if event.source else None,
            event.target.start if event.target else None,
        )
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


class _MentionIndex:
    """Token -> actor mention lookups over `Document.mentions`, with a spaCy-entity fallback."""

    _ENTITY_LABELS = ("GPE", "NORP", "ORG", "PERSON", "FAC", "LOC")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_token: dict[int, list[Mention]] = {}
        for mention in doc.mentions:
            for i in range(mention.token_start, mention.token_end):
                self.by_token.setdefault(i, []).append(mention)
        self.entities: dict[int, Any] = {}
        for ent in doc.nlp_doc.ents:
            if ent.label_ in self._ENTITY_LABELS:
                for i in range(ent.start, ent.end):
                    self.entities[i] = ent
        self._fallback: dict[int, Mention] = {}

    def at(self, token: Any, strict: bool = False) -> Mention | None:
        """The smallest mention containing the token, else (unless strict) a mention in its own phrase."""
        found = self.by_token.get(token.i)
        if found:
            return min(found, key=lambda m: m.token_end - m.token_start)
        if strict:
            ent = self.entities.get(token.i)
            return self._entity_mention(ent) if ent is not None else None
        left, right = _own_span(token)
        inside = {m.mention_id: m for i in range(left, right + 1) for m in self.by_token.get(i, [])}
        if inside:
            # "its European Community partners": the named actor, not the possessive pronoun;
            # among several, the one nearest the head word
            doc = token.doc
            return min(
                inside.values(),
                key=lambda m: (
                    m.kind == "pronoun" and doc[m.token_start].dep_ == "poss",
                    abs(token.i - (m.token_end - 1)),
                    m.token_end - m.token_start,
                ),
            )
        for i in [token.i, *range(left, right + 1)]:
            ent = self.entities.get(i)
            if ent is not None:
                return self._entity_mention(ent)
        return None

    def for_conjuncts(self, token: Any) -> list[Mention | None]:
        """One mention per conjunct: "Russia and China" -> [Russia, China]."""
        out: list[Mention | None] = []
        seen: set[int] = set()
        for tok in [token, *token.conjuncts]:
            mention = self.at(tok)
            if mention is not None and mention.start not in seen:
                seen.add(mention.start)
                out.append(mention)
        return out

    def _entity_mention(self, ent: Any) -> Mention:
        cached = self._fallback.get(ent.start)
        if cached is None:
            sentence_index = 0
            for i, sentence in enumerate(self.doc.sentences):
                if sentence.start <= ent.start_char < sentence.end:
                    sentence_index = i
                    break
            cached = Mention(
                mention_id=-1 - len(self._fallback),
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                sentence_index=sentence_index,
                token_start=ent.start,
                token_end=ent.end,
                actor=None,
                kind="name",
                rule=f"events:spacy-entity:{ent.label_}",
            )
            self._fallback[ent.start] = cached
        return cached


def _stranded_subjects(verb: Any, index: _MentionIndex) -> list[Mention]:
    """Subjects of a main verb the parser left subjectless ("With the signing of a memorandum,
    the government and the rebels have agreed ..." often hangs the subject on the opening
    phrase): the actor phrase standing right before the verb and its auxiliaries, with the
    phrases it is coordinated with."""
    helpers = [c.i for c in verb.children if c.dep_ in ("aux", "neg", "advmod") and c.i < verb.i]
    first = min([verb.i, *helpers])
    if first == 0:
        return []
    before = verb.doc[first - 1]
    mention = index.at(before, strict=True)
    if mention is None or mention.actor is None:
        return []
    found = {mention.start: mention}
    current = before
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
        head_mention = index.at(current, strict=True)
        if head_mention is None or head_mention.actor is None:
            break
        found[head_mention.start] = head_mention
    return [found[k] for k in sorted(found)]


def _shifted_objects(verb: Any) -> list[Any]:
    """Objects moved behind an "as" phrase ("denounced as a crime Serbia's crackdown"): the
    parser tends to hang them on the "as" noun as an apposition, so the verb looks objectless."""
    found: list[Any] = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found.extend(c for c in pobj.children if c.dep_ == "appos" and c.pos_ == "NOUN")
    return found


def _compound_owner(token: Any, index: _MentionIndex) -> Mention | None:
    """A naming modifier nested inside a compound ("a Security Council resolution": the
    Council owns the resolution although the parser attaches it to "resolution")."""
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            mention = index.at(child, strict=True) or _compound_owner(child, index)
            if mention is not None:
                return mention
    return None


def _own_span(token: Any) -> tuple[int, int]:
    """The token's phrase without its conjuncts, relative clauses and appositions."""
    left, right = token.left_edge.i, token.right_edge.i
    for child in token.children:
        if child.i > token.i and child.dep_ in ("conj", "cc", "relcl", "appos", "punct", "acl"):
            right = min(right, child.left_edge.i - 1)
    return left, right
