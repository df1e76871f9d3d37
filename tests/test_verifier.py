"""The learned verifier and headline events, on sentences we wrote."""

from __future__ import annotations

import numpy as np
import pytest

from eventcoder.model import Document
from eventcoder.verifier import MODEL_PATH, NONE_LABEL, LinearModel, Verifier, is_scored


def test_model_round_trip_keeps_probabilities(tmp_path):
    model = LinearModel(
        {"bias": 0, "lemma=condemn": 1},
        np.array([[0.0, 0.0], [2.0, -1.0]]),
        ["ACCUSE", NONE_LABEL],
        frozenset({"condemn"}),
    )
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = LinearModel.load(path)
    assert loaded.triggers == frozenset({"condemn"})
    probabilities = loaded.probabilities(["bias", "lemma=condemn", "unknown feature"])
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert probabilities["ACCUSE"] > 0.9
    assert loaded.probabilities(["unknown"])["ACCUSE"] == pytest.approx(0.5)


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="no shipped verifier weights")
def test_proposals_score_each_word_as_training_did(nlp):
    """Proposals add their sentence's shared logits to each word's own; the sum must give what the
    training script's single feature list gives, or the shipped weights would score unseen features."""
    from eventcoder.verifier import proposal_features, proposal_sentence_features, proposal_word_features

    model = LinearModel.load(MODEL_PATH)
    doc = nlp("The minister accused the opposition of lying and demanded an apology on Monday.")
    sent = next(doc.sents)
    shared = proposal_sentence_features(sent, 2)
    for token in sent:
        own = proposal_word_features(sent, token)
        assert not set(own) & set(shared), "the two parts share no feature, so their logits add up"
        split = model.softmax(model.logits(shared) + model.logits(own))
        whole = model.probabilities(proposal_features(token, 2))
        assert split == pytest.approx(whole, abs=1e-5)


def test_calibration_maps_scores_to_held_out_precision_and_survives_a_round_trip(tmp_path):
    model = LinearModel({"bias": 0}, np.zeros((1, 2)), ["ACCUSE", NONE_LABEL])
    assert model.calibrated(0.37) == pytest.approx(0.37)  # no calibration: the score itself
    model.calibration = ([0.1, 0.5, 0.8], [0.05, 0.4, 0.9])
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = LinearModel.load(path)
    assert loaded.calibrated(0.5) == pytest.approx(0.4)
    assert loaded.calibrated(0.3) == pytest.approx(0.225)  # between two measured points
    assert loaded.calibrated(0.0) == pytest.approx(0.05) and loaded.calibrated(1.0) == pytest.approx(0.9)
    scores = [loaded.calibrated(x / 20) for x in range(21)]
    assert scores == sorted(scores)  # a higher score never means a lower confidence


@pytest.mark.skipif(not MODEL_PATH.exists(), reason="no shipped verifier weights")
def test_shipped_weights_give_every_scored_event_a_probability(coder):
    doc = coder.code(
        "Germany condemned the Russian strike on a hospital in Kharkiv, calling it a war crime.",
        date="2024-03-01",
    )
    scored = [e for e in doc.events if is_scored(e)]
    assert scored, "the rules find the condemnation"
    assert all(0.0 <= e.confidence <= 1.0 for e in scored)
    assert all(e.confidence >= coder.min_confidence for e in scored)


def test_rules_only_keeps_rule_confidence(nlp):
    from eventcoder.pipeline import Coder

    rules = Coder(verify=False)
    assert not rules.verifier.active
    doc = rules.code("Germany condemned the Russian strike on a hospital in Kharkiv.", date="2024-03-01")
    assert any(is_scored(e) for e in doc.events)


def test_weak_events_are_dropped_and_strong_kept(coder):
    text = "Germany condemned the Russian strike on a hospital in Kharkiv."
    coder.min_confidence = 0.0
    confidences = sorted(e.confidence for e in coder.code(text, date="2024-03-01").events if is_scored(e))
    assert confidences
    coder.min_confidence = confidences[-1] + 1e-6
    kept = [e for e in coder.code(text, date="2024-03-01").events if is_scored(e)]
    assert len(kept) < len(confidences)


@pytest.fixture(autouse=True)
def restore_threshold(coder):
    """Tests that change the shared coder's threshold put it back."""
    before = coder.min_confidence
    yield
    coder.min_confidence = before


def proposals(coder, verifier, text, plover):
    """The events `verifier` proposes of type `plover` on `text`, after the real actors stage."""
    from eventcoder import nlp as nlp_stage

    parsed = coder.nlp(text)
    doc = Document(doc_id="d", raw_text=parsed.text, text=parsed.text)
    nlp_stage.attach(doc, parsed)
    coder.actors.run(doc)
    doc.events = []
    verifier.run(doc)
    return [e for e in doc.events if e.rule == f"verifier:propose-{plover}"]


def test_proposal_takes_subject_and_object_as_source_and_target(coder):
    """A model that is sure "lambast" is an accusation proposes one where no rule fired."""
    model = LinearModel(
        {"bias": 0, "lemma=lambast": 1},
        np.array([[0.0, 0.0], [6.0, -6.0]]),
        ["ACCUSE", NONE_LABEL],
        frozenset({"lambast"}),
    )
    verifier = Verifier(path=None)
    verifier.model = model
    proposed = proposals(coder, verifier, "Turkey lambasted Sweden over the protest.", "ACCUSE")
    assert len(proposed) == 1
    event = proposed[0]
    assert event.trigger == "lambasted"
    assert event.source is not None and event.source.actor.country == "TUR"
    assert event.target is not None and event.target.actor.country == "SWE"
    assert event.cameo_root == "11"


def test_proposed_nominal_event_takes_its_light_verb_subject_as_source(coder):
    """ "X is engaged in talks with Y": a proposal on a noun finds its actors the way rule candidates do
    (the governing verb's subject), not only among the noun's own children."""
    model = LinearModel(
        {"bias": 0, "lemma=talk": 1},
        np.array([[0.0, 0.0], [6.0, -6.0]]),
        ["CONSULT", NONE_LABEL],
        frozenset({"talk"}),
    )
    verifier = Verifier(path=None, arguments_for=coder.events.arguments_for)
    verifier.model = model
    text = "The Ukrainian defence minister is engaged in talks with rebel leaders."
    proposed = proposals(coder, verifier, text, "CONSULT")
    assert len(proposed) == 1
    assert proposed[0].source is not None and proposed[0].source.actor.code == "UKRGOV"
    assert proposed[0].target is not None and proposed[0].target.text == "rebel leaders"


def test_headline_event_is_coded_on_the_title(coder):
    doc = coder.code(
        "The weather was mild on Tuesday.",
        date="2024-03-01",
        title="Germany condemns Russian strike on Kharkiv hospital",
    )
    headline = [e for e in doc.events if e.sentence_index == -1]
    assert headline and all(e.sentence == doc.title for e in headline)
    assert all(e.trigger_token is None for e in headline)


def test_headline_told_again_in_the_lead_is_a_mention_of_its_own(coder):
    """The title is a sentence of its own: its event is kept beside the lead's, as hand coders code it."""
    coder.min_confidence = 0.0
    doc = coder.code(
        "Germany on Tuesday condemned the Russian strike on a hospital in Kharkiv.",
        date="2024-03-01",
        title="Germany condemns Russian strike on Kharkiv hospital",
    )
    accusations = [
        e
        for e in doc.events
        if e.plover.get("type") == "ACCUSE"
        and e.source
        and e.source.actor
        and e.source.actor.country == "DEU"
    ]
    assert sorted(e.sentence_index for e in accusations) == [-1, 0]


@pytest.mark.parametrize("value", ["2", "-0.1", "high"])
def test_min_confidence_outside_0_1_is_a_usage_error(value, capsys):
    from eventcoder.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["code", "story.txt", "--min-confidence", value])
    assert stopped.value.code == 2
    assert "--min-confidence" in capsys.readouterr().err


def test_a_non_default_threshold_changes_the_coder_version():
    """A database coded at another threshold is re-coded, not silently resumed."""
    from eventcoder.identity import DEFAULT_MIN_CONFIDENCE, coder_options, coder_version

    assert coder_options() == coder_options(min_confidence=DEFAULT_MIN_CONFIDENCE) == ()
    assert coder_version((), False, coder_options(min_confidence=0.0)) != coder_version((), False, ())


def test_title_case_headlines_are_parsed_in_sentence_case_keeping_names():
    from eventcoder.headline import sentence_case

    body = "Officials in Turkey said that a Russian jet crossed into its airspace near Syria."
    title = "Turkey Says It Shot Down A Russian Warplane Near Border With Syria"
    recased = sentence_case(title, body)
    assert recased == "Turkey says it shot down a Russian warplane near border with Syria"
    assert len(recased) == len(title)  # offsets into the title stay valid
    assert sentence_case("Blair and Brown criticised by MPs", body) == "Blair and Brown criticised by MPs"
    assert sentence_case("PUTIN WARNS THE WEST", "Analysts said that Putin spoke.") == "Putin warns the west"


def test_a_title_case_headline_event_is_found(coder):
    doc = coder.code(
        "Officials in Turkey said that a Russian jet crossed into its airspace near Syria.",
        date="2015-11-24",
        title="Turkey Shoots Down Russian Warplane Near Syrian Border",
    )
    headline = [e for e in doc.events if e.sentence_index == -1]
    assert any(e.plover.get("type") == "ASSAULT" for e in headline)


@pytest.mark.parametrize(
    "text",
    [
        "Belgium has begun withdrawing its soldiers from Mali, the Belgian defence minister said on Friday.",
        "Norway donated two million dollars to the Red Cross in Sudan, the Norwegian foreign minister said.",
        "The Chilean president will meet the Peruvian president in Lima next week, his office announced.",
    ],
)
def test_after_verification_a_statement_still_ranks_below_what_it_reports(coder, text):
    """One event per sentence (PentaClass, dashboards) is the reported act, not the act of reporting it."""
    events = coder.code(text, date="2024-03-01").events
    statements = [e for e in events if e.cameo == "010"]
    reported = [e for e in events if e.cameo_root not in ("01", None)]
    assert reported, "the rules find the reported act"
    assert all(s.confidence < r.confidence for s in statements for r in reported)


def load_training_script():
    """training/verifier/train.py is a script, not part of the package: load it from its path."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "training" / "verifier" / "train.py"
    spec = importlib.util.spec_from_file_location("verifier_training", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_learning_curve_ranking_measures_reward_right_candidates_scored_first():
    train = load_training_script()
    good = [(0.9, True), (0.8, True), (0.3, False), (0.2, False)]
    bad = [(0.9, False), (0.8, False), (0.3, True), (0.2, True)]
    assert train.average_precision(good) == 1.0
    assert train.average_precision(bad) < 0.5
    # half of the right candidates are kept after one wrong one in the bad ranking: precision 1/3
    assert train.precision_at_recall(good, 0.5) == 1.0
    assert train.precision_at_recall(bad, 0.5) == 1 / 3


def test_default_training_gold_leaves_out_every_held_out_check():
    """train4 and train5 are held-out checks and train8 and train9 compare weights: the verifier's default
    training set must not list them."""
    train = load_training_script()
    assert set(train.HELD_OUT_GOLD) >= {"train4-", "train5-", "train8-", "train9-"}
    names = [path.name for path in train.training_gold()]
    assert names, "the training gold is found"
    assert not [name for name in names if name.startswith(("train4-", "train5-", "train8-", "train9-"))]
    assert "train3-a.jsonl" in names


def _proposed(plover: str, target, rule: str | None = None):
    """A bare event of `plover` against `target` (a Mention or None), proposed by the model unless `rule`."""
    from eventcoder.events.repeats import PROPOSAL_RULE
    from eventcoder.model import Event

    rule = rule or f"{PROPOSAL_RULE}{plover}"
    return Event(
        event_id="ev:p", doc_id="d", sentence_index=0, sentence="The minister claimed it was a plot.",
        span=(0, 35), trigger="claimed", source=None, target=target, cameo="110", cameo_root="11",
        quad_class=3, goldstein=-2.0, plover={"type": plover}, modality="asserted", rule=rule, confidence=0.7,
    )


def _party(code: str, country: str, sector: str):
    from eventcoder.model import Actor, Mention

    return Mention(0, code, 0, 3, 0, 0, 1, Actor(code, country, sector, code))


def test_a_proposed_accusation_stands_only_against_a_party():
    """The model's accusation needs someone accused who is not just ordinary people; rule events and
    other proposed types are never dropped by this check."""
    from eventcoder.verifier import without_unaimed_accusations

    against_ministry = _proposed("ACCUSE", _party("KENGOV", "KEN", "GOV"))
    against_no_one = _proposed("ACCUSE", None)
    against_villagers = _proposed("ACCUSE", _party("KENCVL", "KEN", "CVL"))
    protest = _proposed("PROTEST", None)
    rule_event = _proposed("ACCUSE", None, rule="verbs.yaml:accuse")
    events = [against_ministry, against_no_one, against_villagers, protest, rule_event]
    kept = without_unaimed_accusations(events)
    assert kept == [against_ministry, protest, rule_event]
