"""Schemas of data/events/*.yaml: trigger patterns, word classes, code families and control words.

The events stage loads these files only through `load_events_rules`, so a misspelt key, a
`$class` that classes.yaml does not define or a CAMEO code the ontology does not know stops the
load with `path:line: message` instead of silently switching a rule off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, RootModel

from eventcoder.datafiles import Strict, Words, check_class_refs, check_codes, load_yaml, unique

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"

Code = Annotated[str, Field(pattern=r"^(\d{2,4}|-)$"), AfterValidator(check_codes)]
Root = Annotated[str, Field(pattern=r"^\d{2}$")]
# A lemma as spaCy writes one: no spaces or underscores (a pseudo-lemma like "be_going" never matches).
Lemma = Annotated[str, Field(pattern=r"^[^\s_A-Z]+$")]
Lemmas = Annotated[list[Lemma], AfterValidator(unique)]
Term = Annotated[str, Field(pattern=r"^(\$[a-z_]+|[^\s_A-Z$]+|\$)$")]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


# A pattern constraint: one lemma or $class, or a list of them.
Constraint = Annotated[
    list[Term], BeforeValidator(_as_list), AfterValidator(unique), AfterValidator(check_class_refs)
]
Family = Literal["appeal", "demand", "reject", "intent", "aid"]
Modality = Literal["asserted", "future", "hypothetical", "negated", "denied", "question"]


class VerbPattern(Strict):
    """One verbal trigger pattern (verbs.yaml); constraints narrow when it fires."""

    code: Code
    obj: Constraint | None = None
    objmod: Constraint | None = None
    prt: Constraint | None = None
    prep: Constraint | None = None
    pobj: Constraint | None = None
    xcomp: bool | Constraint | None = None  # true: any infinitive complement
    subj: Constraint | None = None  # the subject's head or modifier: "the missiles hit", "a rocket landed"
    oprd: Constraint | None = None  # what the object is called: "called him a liar", "described it as a sham"
    addressee: bool | None = None  # true: a "to" clause with a party of its own ("wants Congress to act")
    # true: the subject is on the receiving end ("faced criticism from X", "came under fire", "drew
    # condemnation"): the subject (or what it belongs to) is the target, a "from" phrase the source
    received: bool | None = None
    clause: Constraint | None = None  # a noun of the reported clause: "warned that there could be walkouts"
    bare: bool | None = None  # true: no direct object ("the protesters dispersed", "seized on his remarks")
    that_clause: bool | None = None  # true: a finite "that" clause after the verb ("demonstrates that ...")
    family: Family | None = None


class NounPattern(Strict):
    """One nominal trigger pattern (nouns.yaml); `mod` is an adjective or compound modifier."""

    code: Code
    mod: Constraint | None = None
    of: Constraint | None = None  # the head of its "of" phrase: "the release of the report" is a publication
    prep: Constraint | None = None  # a preposition of the noun: "a news conference with the king"
    pobj: Constraint | None = None  # the object of such a preposition: "the war on fake news"


def _as_pattern_list(value: Any) -> Any:
    """`say: "010"` and `declare: {code: ...}` are shorthands for a one-pattern list."""
    items = value if isinstance(value, list) else [value]
    return [{"code": item} if isinstance(item, str) else item for item in items]


VerbPatterns = Annotated[list[VerbPattern], BeforeValidator(_as_pattern_list)]
NounPatterns = Annotated[list[NounPattern], BeforeValidator(_as_pattern_list)]


class VerbsFile(RootModel[dict[Lemma, VerbPatterns]]):
    """verbs.yaml: verb lemma -> patterns, most specific tried first."""


class NounsFile(RootModel[dict[str, NounPatterns]]):
    """nouns.yaml: noun lemma (or word form) -> patterns."""


class ClassesFile(RootModel[dict[str, Words]]):
    """classes.yaml: class name -> lemmas, written "$name" in patterns."""


class Topic(Strict):
    """A topic of families.yaml: what is asked for, promised or given refines the code."""

    name: str
    heads: Constraint
    mods: Constraint | None = None
    appeal: Code | None = None
    demand: Code | None = None
    reject: Code | None = None
    intent: Code | None = None
    aid: Code | None = None


PrefixMap = Annotated[dict[Annotated[str, Field(pattern=r"^\d{0,4}$")], Code], AfterValidator(check_codes)]
MapName = Literal["intent", "vow", "vow_not", "threat", "refuse", "demand", "demand_not", "appeal", "deny"]


class FamiliesFile(Strict):
    """families.yaml: topics, and the prefix maps that recode an embedded event."""

    topics: list[Topic]
    intent: PrefixMap
    vow: PrefixMap
    vow_not: PrefixMap
    threat: PrefixMap
    refuse: PrefixMap
    demand: PrefixMap
    demand_not: PrefixMap
    appeal: PrefixMap
    deny: PrefixMap
    future_cooperation: MapName
    future_conflict: MapName


class ComplementClass(Strict):
    """A class of complement-taking verbs (control.yaml complement_classes)."""

    lemmas: Lemmas
    modality: Modality
    recode: MapName | None = None  # the families.yaml map that gives the controlling verb's code
    negated_recode: MapName | None = None  # the map for a negated complement ("vowed not to")
    keep_embedded: bool = False  # a recoded verb keeps the embedded event beside its own
    suppress: bool = False  # the complement is the content of an accusation, not an event
    in_place: bool = False  # adjectives: the embedded event is recoded in place
    future_recode: bool = False  # the embedded future event is recoded (PLOVER AGREE / THREATEN)
    past_asserted: bool = False  # asserted only under a past tense ("tried to", not "is trying to")


class ModalAux(Strict):
    future: Words
    hypothetical: Words


class ControlFile(Strict):
    """control.yaml: modality words, complement classes and the structural word lists."""

    negators: Words
    pending_adverbs: Words
    pending_marks: Words
    rejected_alternatives: Words
    preventing_verbs: Lemmas
    past_time_words: Words
    modal_aux: ModalAux
    conditional_marks: Words
    complement_classes: dict[str, ComplementClass]
    obligation_aux: Words
    urging_predicates: Lemmas
    discourse_imperatives: Lemmas
    named_event_nouns: Lemmas
    named_event_mods: Lemmas
    named_event_preps: Words
    named_event_entities: list[str]
    restatement_determiners: Words
    background_deps: Words
    participle_event_codes: list[Code]
    participle_speech_roots: list[Root]
    hedged_judgement_aux: Words
    admission_verbs: Lemmas
    admission_code: Code
    allegation_verbs: Lemmas
    allegation_codes: list[Code]
    allegation_light_verbs: Lemmas
    background_preps: Words
    unrealised_modifiers: Lemmas
    headline_news_modifiers: Lemmas = []
    unrealised_heads: Lemmas
    proposal_heads: Lemmas
    unrealised_governors: Lemmas
    impending_verbs: Lemmas = []
    enacting_verbs: Lemmas = []
    deferred_roots: list[Root] = []
    exposure_words: Lemmas
    say_verbs: Lemmas
    intent_report_verbs: Lemmas
    first_person: Words
    possibility_aux: Words
    hedge_adverbs: Words
    wished_states: Lemmas
    commentary_roots: list[Root]
    commentator_heads: Lemmas
    commentator_sectors: Words
    stance_lemmas: Lemmas
    hazard_roots: list[Root]
    hazard_heads: Lemmas
    disaster_heads: Lemmas
    metaphor_lemmas: Lemmas
    casualty_lemmas: Lemmas
    armed_sectors: Words
    violent_modifiers: Lemmas
    business_roots: list[Root]
    business_sectors: Words
    light_verbs: Lemmas
    lemma_fixes: dict[str, Lemma]
    transparent_nouns: Lemmas
    light_preps: dict[Lemma, Words]
    statement_nouns: Lemmas
    reference_nouns: Lemmas
    noun_complement_classes: dict[Lemma, str]
    background_marks: Words
    purpose_roots: list[Root]
    protest_roots: list[Root]
    occurrence_verbs: Lemmas
    sequel_verbs: Lemmas
    target_preps: Words
    place_preps: Words
    noun_target_preps: Words
    stative_passives: Lemmas
    grievance_roots: list[Root]
    grievance_preps: Words
    grievance_cause_preps: Words
    gratitude_cause_preps: Words
    agent_preps: Words
    patient_possessor_nouns: Lemmas
    holding_places: Lemmas
    noun_negators: Words
    own_actor_preps: Words
    quantity_heads: Words
    statement_code: Code
    decline_comment_code: Code
    addressee_roots: list[Root]
    condition_target_roots: list[Root]
    scene_free_roots: list[Root]
    scene_preps: Words
    own_state_free_roots: list[Root]
    nearest_target_hops: int
    leaving_office_words: Lemmas
    attribution_words: Words
    speech_act_roots: list[Root]
    own_forces_sectors: list[str]
    ordered_withdrawal_codes: list[Code]
    launch_codes: list[Code]
    likelihood_verbs: Lemmas
    protest_experiencer_verbs: Lemmas
    announced_yield_prefixes: list[Code]
    announced_yield_code: Code
    person_nouns: Lemmas
    test_launch_objects: Lemmas
    test_launch_code: Code
    launch_target_preps: Words
    own_possessives: Words
    commanding_sectors: list[str]
    refusal_roots: list[Root]
    future_cooperation_roots: list[Root]
    future_conflict_roots: list[Root]
    verbal_attack_lemmas: Lemmas
    plain_protest_code: Code
    protesting_states: list[str]
    military_strike_lemmas: Lemmas
    labour_strike_code: Code
    military_strike_code: Code
    military_strike_preps: Words
    labour_strike_governors: Lemmas
    violent_attack_code: Code
    verbal_attack_code: Code
    verbal_attack_preps: Words
    verbal_attack_sources: Words
    verbal_attack_targets: Words
    violence_cues: Lemmas
    time_nouns: Lemmas
    consult_roots: list[Root]
    travel_lemmas: Lemmas
    visit_codes: list[Code]
    political_sectors: Words
    partner_lemmas: Lemmas
    aid_roots: list[Root]
    domestic_recipient_sectors: Words
    spending_lemmas: Lemmas
    budget_lemmas: Lemmas
    domestic_money_words: Lemmas
    generic_subjects: Words
    inanimate_subjects: Lemmas
    feeling_verbs: Lemmas
    meeting_occasion_preps: Words


class EventsRules(Strict):
    """Everything data/events/ holds, checked together (patterns refer to classes and codes)."""

    classes: ClassesFile
    verbs: VerbsFile
    nouns: NounsFile
    families: FamiliesFile
    control: ControlFile


def _codes() -> set[str]:
    from eventcoder.ontology import Ontology

    return set(Ontology.load().codes)


def load_events_rules(data_dir: str | Path = DATA_DIR) -> EventsRules:
    """Load and cross-check the five events files (classes first: the others refer to it)."""
    data = Path(data_dir)
    classes = _expand_classes(data / "classes.yaml", load_yaml(data / "classes.yaml", ClassesFile))
    context = {"classes": set(classes.root), "codes": _codes()}
    control = load_yaml(data / "control.yaml", ControlFile, context)
    _check_noun_classes(data / "control.yaml", control)
    return EventsRules(
        classes=classes,
        verbs=load_yaml(data / "verbs.yaml", VerbsFile, context),
        nouns=load_yaml(data / "nouns.yaml", NounsFile, context),
        families=load_yaml(data / "families.yaml", FamiliesFile, context),
        control=control,
    )


def _expand_classes(path: Path, classes: ClassesFile) -> ClassesFile:
    """A class may list another ("hazards: [$ills, storm, ...]"): its words are put in its place, so patterns
    see one flat word list.  An unknown or circular reference names the class's line."""
    from eventcoder.datafiles import DataFileError, read_yaml

    raw = classes.root
    flat: dict[str, list[str]] = {}

    def words_of(name: str, seen: tuple[str, ...]) -> list[str]:
        if name in flat:
            return flat[name]
        out: list[str] = []
        for word in raw[name]:
            ref = word[1:] if word.startswith("$") and len(word) > 1 else None
            if ref is not None and (ref not in raw or ref in seen):
                problem = "circular reference" if ref in seen else "unknown class"
                line = read_yaml(path).lines[name]
                raise DataFileError(path, line, f"{name}: {problem} {word!r}")
            out += words_of(ref, (*seen, ref)) if ref is not None else [word]
        flat[name] = list(dict.fromkeys(out))
        return flat[name]

    for name in raw:
        words_of(name, (name,))
    return ClassesFile(flat)


def _check_noun_classes(path: Path, control: ControlFile) -> None:
    """noun_complement_classes must name classes of complement_classes."""
    from eventcoder.datafiles import DataFileError, read_yaml

    for noun, name in control.noun_complement_classes.items():
        if name not in control.complement_classes:
            lines = read_yaml(path)["noun_complement_classes"].lines
            raise DataFileError(path, lines[noun], f"noun_complement_classes.{noun}: unknown class {name!r}")


FILES = {
    "events/classes.yaml": lambda path: load_events_rules(path.parent),
    "events/verbs.yaml": lambda path: load_events_rules(path.parent),
    "events/nouns.yaml": lambda path: load_events_rules(path.parent),
    "events/families.yaml": lambda path: load_events_rules(path.parent),
    "events/control.yaml": lambda path: load_events_rules(path.parent),
}
