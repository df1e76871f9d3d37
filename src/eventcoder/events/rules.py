"""The events stage's knowledge, loaded once from data/events/*.yaml (checked by
`eventcoder.schemas.events`) into lemma-indexed lookups the passes read.

Nothing here decides anything: passes ask `EventRules` which patterns a lemma has, which class
a complement-taking verb belongs to, or which prefix map recodes an embedded event.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from eventcoder.modality import ModalityLexicon
from eventcoder.ontology import Ontology
from eventcoder.schemas.events import DATA_DIR, ComplementClass, EventsRules, MapName, load_events_rules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventcoder.model import Actor

NO_EVENT = "-"  # a pattern with this code blocks the lemma's other patterns: "fight the epidemic"
ANY = "*"  # an `obj` constraint that any direct object satisfies: "returned two paintings"
_CONSTRAINTS = (
    "prt",
    "obj",
    "objmod",
    "prep",
    "pobj",
    "mod",
    "xcomp",
    "subj",
    "oprd",
    "clause",
    "addressee",
    "received",
    "bare",
    "of",
    "that_clause",
)
_FLAGS = ("addressee", "received", "bare", "that_clause")  # constraints written as their name in a rule id


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
    subj: frozenset[str] | None = None
    oprd: frozenset[str] | None = None
    clause: frozenset[str] | None = None
    addressee: bool = False
    received: bool = False  # the subject undergoes the act ("faced criticism"): see verbs.yaml
    bare: bool = False  # no direct object: see verbs.yaml
    of: frozenset[str] | None = None  # the head of a noun's "of" phrase: see nouns.yaml
    that_clause: bool = False  # a finite "that" clause after the verb: see verbs.yaml
    family: str | None = None

    @property
    def specificity(self) -> int:
        fields = (self.obj, self.objmod, self.prt, self.prep, self.pobj, self.xcomp, self.mod, self.of)
        flags = self.addressee + self.bare + self.that_clause
        return sum(1 for f in (*fields, self.subj, self.oprd, self.clause) if f) + flags


@dataclass(frozen=True)
class Topic:
    """What is asked for, promised or given ("military aid"), and the code it gives per family."""

    name: str
    heads: frozenset[str]
    mods: frozenset[str] | None
    codes: dict[str, str]


class EventRules:
    """Patterns, classes, code maps and control words of data/events/, as lookups."""

    def __init__(self, data_dir: str | Path = DATA_DIR) -> None:
        checked = load_events_rules(data_dir)
        self.classes = {k: frozenset(w.lower() for w in v) for k, v in checked.classes.root.items()}
        self.verbs = self._index(checked.verbs.model_dump(exclude_none=True), "verbs.yaml")
        self.nouns = self._index(checked.nouns.model_dump(exclude_none=True), "nouns.yaml")
        self.lex = ModalityLexicon.from_control(checked.control.model_dump())
        self.ontology = Ontology.load()
        self._load_families(checked)
        self._load_control(checked)

    def _load_families(self, checked: EventsRules) -> None:
        families = checked.families
        self.topics = [
            Topic(
                name=t.name,
                heads=self.lemma_set(t.heads) or frozenset(),
                mods=self.lemma_set(t.mods),
                codes={
                    k: v
                    for k, v in t.model_dump(exclude_none=True).items()
                    if k not in ("name", "heads", "mods")
                },
            )
            for t in families.topics
        ]
        # every map families.yaml must have (schemas.events.MapName)
        self.maps: dict[str, dict[str, str]] = {
            name: dict(getattr(families, name)) for name in get_args(MapName)
        }
        self.future_cooperation = self.maps[families.future_cooperation]
        self.future_conflict = self.maps[families.future_conflict]

    def _load_control(self, checked: EventsRules) -> None:
        control = checked.control
        self.complement_class: dict[str, ComplementClass] = {}
        self.complement_class_name: dict[str, str] = {}
        for name, spec in control.complement_classes.items():
            for lemma in spec.lemmas:
                self.complement_class.setdefault(lemma, spec)
                self.complement_class_name.setdefault(lemma, name)
        self.complement_classes = dict(control.complement_classes)
        self.say_verbs = frozenset(control.say_verbs)
        self.intent_report_verbs = frozenset(control.intent_report_verbs)
        self.first_person = frozenset(control.first_person)
        self.possibility_aux = frozenset(control.possibility_aux)
        self.hedge_adverbs = frozenset(control.hedge_adverbs)
        self.wished_states = frozenset(control.wished_states)
        self.commentary_roots = frozenset(control.commentary_roots)
        self.commentator_heads = frozenset(control.commentator_heads)
        self.commentator_sectors = frozenset(control.commentator_sectors)
        self.stance_lemmas = frozenset(control.stance_lemmas)
        self.hazard_roots = frozenset(control.hazard_roots)
        self.metaphor_lemmas = frozenset(control.metaphor_lemmas)
        self.visit_codes = frozenset(control.visit_codes)
        self.casualty_lemmas = frozenset(control.casualty_lemmas)
        self.armed_sectors = frozenset(control.armed_sectors)
        self.violent_modifiers = frozenset(control.violent_modifiers)
        self.business_roots = frozenset(control.business_roots)
        self.business_sectors = frozenset(control.business_sectors)
        self.hazard_heads = frozenset(control.hazard_heads)
        self.disaster_heads = frozenset(control.disaster_heads)
        self.obligation_aux = frozenset(control.obligation_aux)
        self.urging_predicates = frozenset(control.urging_predicates)
        self.discourse_imperatives = frozenset(control.discourse_imperatives)
        self.named_event_nouns = frozenset(control.named_event_nouns)
        self.named_event_mods = frozenset(control.named_event_mods)
        self.named_event_preps = frozenset(control.named_event_preps)
        self.named_event_entities = frozenset(control.named_event_entities)
        self.restatement_determiners = frozenset(control.restatement_determiners)
        self.background_deps = frozenset(control.background_deps)
        self.participle_event_codes = tuple(control.participle_event_codes)
        self.participle_speech_roots = frozenset(control.participle_speech_roots)
        self.hedged_judgement_aux = frozenset(control.hedged_judgement_aux)
        self.admission_verbs = frozenset(control.admission_verbs)
        self.admission_code = control.admission_code
        self.allegation_verbs = frozenset(control.allegation_verbs)
        self.allegation_codes = tuple(control.allegation_codes)
        self.allegation_light_verbs = frozenset(control.allegation_light_verbs)
        self.background_preps = frozenset(control.background_preps)
        self.background_marks = frozenset(control.background_marks)
        self.light_verbs = frozenset(control.light_verbs)
        self.occurrence_verbs = frozenset(control.occurrence_verbs)
        self.sequel_verbs = frozenset(control.sequel_verbs)
        self.agent_preps = frozenset(control.agent_preps)
        self.patient_possessor_nouns = frozenset(control.patient_possessor_nouns)
        self.holding_places = frozenset(control.holding_places)
        self.transparent_nouns = frozenset(control.transparent_nouns)
        self.statement_nouns = frozenset(control.statement_nouns)
        self.reference_nouns = frozenset(control.reference_nouns)
        self.stative_passives = frozenset(control.stative_passives)
        self.purpose_roots = frozenset(control.purpose_roots)
        self.protest_roots = frozenset(control.protest_roots)
        self.grievance_roots = frozenset(control.grievance_roots)
        self.grievance_preps = frozenset(control.grievance_preps)
        self.grievance_cause_preps = frozenset(control.grievance_cause_preps)
        self.gratitude_cause_preps = frozenset(control.gratitude_cause_preps)
        self.noun_negators = frozenset(control.noun_negators)
        self.own_actor_preps = frozenset(control.own_actor_preps)
        self.quantity_heads = frozenset(control.quantity_heads)
        self.statement_code = control.statement_code
        self.decline_comment_code = control.decline_comment_code
        self.addressee_roots = frozenset(control.addressee_roots)
        self.condition_target_roots = frozenset(control.condition_target_roots)
        self.scene_free_roots = frozenset(control.scene_free_roots)
        self.scene_preps = frozenset(control.scene_preps)
        self.own_state_free_roots = frozenset(control.own_state_free_roots)
        self.nearest_target_hops = control.nearest_target_hops
        self.leaving_office_words = frozenset(control.leaving_office_words)
        self.attribution_words = frozenset(control.attribution_words)
        self.speech_act_roots = frozenset(control.speech_act_roots)
        self.own_forces_sectors = frozenset(control.own_forces_sectors)
        self.ordered_withdrawal_codes = tuple(control.ordered_withdrawal_codes)
        self.launch_codes = frozenset(control.launch_codes)
        self.likelihood_verbs = frozenset(control.likelihood_verbs)
        self.protest_experiencer_verbs = frozenset(control.protest_experiencer_verbs)
        self.announced_yield_prefixes = tuple(control.announced_yield_prefixes)
        self.announced_yield_code = control.announced_yield_code
        self.person_nouns = frozenset(control.person_nouns)
        self.test_launch_objects = frozenset(control.test_launch_objects)
        self.test_launch_code = control.test_launch_code
        self.launch_target_preps = frozenset(control.launch_target_preps)
        self.own_possessives = frozenset(control.own_possessives)
        self.commanding_sectors = frozenset(None if s == "-" else s for s in control.commanding_sectors)
        self.refusal_roots = frozenset(control.refusal_roots)
        self.future_cooperation_roots = frozenset(control.future_cooperation_roots)
        self.future_conflict_roots = frozenset(control.future_conflict_roots)
        self.unrealised_mods = frozenset(control.unrealised_modifiers)
        self.headline_news_mods = frozenset(control.headline_news_modifiers)
        self.unrealised_heads = frozenset(control.unrealised_heads)
        self.unrealised_governors = frozenset(control.unrealised_governors)
        self.impending_verbs = frozenset(control.impending_verbs)
        self.enacting_verbs = frozenset(control.enacting_verbs)
        self.deferred_roots = frozenset(control.deferred_roots)
        self.exposure_words = frozenset(control.exposure_words)
        self.target_preps = tuple(control.target_preps)
        self.noun_target_preps = tuple(control.noun_target_preps)
        self.place_preps = tuple(control.place_preps)
        self.lemma_fixes = dict(control.lemma_fixes)
        self.light_preps = {k: tuple(v) for k, v in control.light_preps.items()}
        self.noun_control = dict(control.noun_complement_classes)
        self.verbal_attack_lemmas = frozenset(control.verbal_attack_lemmas)
        self.plain_protest_code = control.plain_protest_code
        self.protesting_states = frozenset(None if s == "-" else s for s in control.protesting_states)
        self.military_strike_lemmas = frozenset(control.military_strike_lemmas)
        self.labour_strike_code = control.labour_strike_code
        self.military_strike_code = control.military_strike_code
        self.military_strike_preps = frozenset(control.military_strike_preps)
        self.labour_strike_governors = frozenset(control.labour_strike_governors)
        self.violent_attack_code = control.violent_attack_code
        self.verbal_attack_code = control.verbal_attack_code
        self.verbal_attack_preps = frozenset(control.verbal_attack_preps)
        self.verbal_attack_sources = frozenset(control.verbal_attack_sources)
        self.verbal_attack_targets = frozenset(control.verbal_attack_targets)
        self.violence_cues = frozenset(control.violence_cues)
        self.time_nouns = frozenset(control.time_nouns)
        self.consult_roots = frozenset(control.consult_roots)
        self.travel_lemmas = frozenset(control.travel_lemmas)
        self.political_sectors = frozenset(control.political_sectors)
        self.partner_lemmas = frozenset(control.partner_lemmas)
        self.aid_roots = frozenset(control.aid_roots)
        self.domestic_recipient_sectors = frozenset(control.domestic_recipient_sectors)
        self.spending_lemmas = frozenset(control.spending_lemmas)
        self.budget_lemmas = frozenset(control.budget_lemmas)
        self.domestic_money_words = frozenset(control.domestic_money_words)
        self.generic_subjects = frozenset(control.generic_subjects)
        self.inanimate_subjects = frozenset(control.inanimate_subjects)
        self.feeling_verbs = frozenset(control.feeling_verbs)
        self.meeting_occasion_preps = frozenset(control.meeting_occasion_preps)

    # -- loading helpers ---------------------------------------------------------------------------
    def lemma_set(self, value: str | list[str] | None) -> frozenset[str] | None:
        """A YAML constraint (word, list, or $class) as a set of lower-case lemmas."""
        if value is None:
            return None
        items = value if isinstance(value, list) else [value]
        out: set[str] = set()
        for item in items:
            text = str(item).lower()
            if text.startswith("$") and len(text) > 1:
                out |= self.classes[text[1:]]
            else:
                out.add(text)
        return frozenset(out)

    def _index(self, raw: dict[str, list[dict[str, Any]]], filename: str) -> dict[str, list[Pattern]]:
        """lemma -> patterns, most specific first, so lookups never scan other lemmas."""
        index: dict[str, list[Pattern]] = {}
        for lemma, specs in raw.items():
            patterns = [self._pattern(lemma.lower(), item, filename) for item in specs]
            patterns.sort(key=lambda p: -p.specificity)
            index[lemma.lower()] = patterns
        return index

    def _pattern(self, lemma: str, item: dict[str, Any], filename: str) -> Pattern:
        parts = [lemma]
        for key in _CONSTRAINTS:
            value = item.get(key)
            if value not in (None, False):
                word = key if key in _FLAGS else "to-verb" if value is True else str(value[0])
                parts.append(f"clause:{word}" if key == "clause" else word)
        xcomp = item.get("xcomp")
        return Pattern(
            lemma=lemma,
            code=item["code"],
            rule=f"{filename}:" + "+".join(parts),
            obj=self.lemma_set(item.get("obj")),
            objmod=self.lemma_set(item.get("objmod")),
            prt=self.lemma_set(item.get("prt")),
            prep=self.lemma_set(item.get("prep")),
            pobj=self.lemma_set(item.get("pobj")),
            xcomp=True if xcomp is True else self.lemma_set(xcomp),
            mod=self.lemma_set(item.get("mod")),
            subj=self.lemma_set(item.get("subj")),
            oprd=self.lemma_set(item.get("oprd")),
            clause=self.lemma_set(item.get("clause")),
            addressee=bool(item.get("addressee")),
            received=bool(item.get("received")),
            bare=bool(item.get("bare")),
            of=self.lemma_set(item.get("of")),
            that_clause=bool(item.get("that_clause")),
            family=item.get("family"),
        )

    # -- lookups -----------------------------------------------------------------------------------
    def lemma(self, token: Token) -> str:
        """The token's lemma, with the parser's known mis-lemmatisations repaired ("staged" -> "stag")."""
        lemma = token.lemma_.lower()
        return self.lemma_fixes.get(lemma, lemma) if token.pos_ == "VERB" else lemma

    def control_of(self, lemma: str) -> ComplementClass | None:
        """The complement class of a complement-taking verb ("pledge" -> vow)."""
        return self.complement_class.get(lemma)

    def noun_control_of(self, lemma: str) -> ComplementClass | None:
        """The complement class a nominal trigger behaves like ("demand that Israel ease ...")."""
        return self.complement_classes.get(self.noun_control.get(lemma, ""))

    def commands_state(self, actor: Actor | None) -> bool:
        """The actor is a state, its government or its military (control.yaml `commanding_sectors`): one
        side of the state, which commands its forces and speaks for the country."""
        return actor is not None and actor.sector in self.commanding_sectors

    def same_state_side(self, one: Actor, other: Actor) -> bool:
        """Both actors stand for one country's state ("Moscow" and "Russian jets"), so neither is the other's
        target or the other's accused."""
        return one.country == other.country and self.commands_state(one) and self.commands_state(other)


def by_prefix(table: dict[str, str], code: str) -> str | None:
    """The value of the longest key that prefixes `code` ("" is the default)."""
    for size in range(len(code), -1, -1):
        value = table.get(code[:size])
        if value is not None:
            return value
    return None
