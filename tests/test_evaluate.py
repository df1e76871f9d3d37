"""`eventcoder eval`: gold readers, scoring rules and the command, on small hand-written gold files.

The scoring tests feed hand-built coded documents (what the pipeline would produce) so each
expected figure can be worked out by hand; the end-to-end tests run the real pipeline and
check what does not depend on how good the stages currently are (gold totals, skips, output).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eventcoder import eval_formats as ef
from eventcoder import evaluate as ev
from eventcoder.model import Actor, Document, Event, Mention, Place, Quote

DATA = Path(__file__).resolve().parent / "data" / "eval"
SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


# -- building coded documents by hand -------------------------------------------------------------
def mention(
    text: str,
    words: str,
    code: str | None,
    country: str | None = None,
    sector: str | None = None,
    occurrence: int = 0,
) -> Mention:
    """A mention of `words` in `text` (the n-th occurrence), resolved to `code`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    actor = Actor(code=code, country=country, sector=sector) if code else None
    return Mention(0, words, start, start + len(words), 0, 0, 1, actor=actor)


def event(
    text: str,
    cameo: str,
    source: Mention | None = None,
    target: Mention | None = None,
    plover: str | None = None,
    confidence: float = 0.5,
    **extra: object,
) -> Event:
    return Event(
        event_id=f"e-{cameo}",
        doc_id="d",
        sentence_index=0,
        sentence=text,
        span=(0, len(text)),
        trigger="x",
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=0,
        goldstein=0.0,
        plover={"type": plover, "mode": extra.pop("mode", None), "context": extra.pop("context", None)},
        confidence=confidence,
        **extra,  # type: ignore[arg-type]
    )


def doc(
    item: ef.GoldItem, *events: Event, mentions: list[Mention] | None = None, quotes: int = 0
) -> Document:
    document = Document(doc_id=item.item_id, raw_text=item.text, text=item.text)
    document.events = list(events)
    document.mentions = mentions or []
    document.quotes = [
        Quote(f"q{i}", "x", "direct", None, "said", "assert", (0, 1), 0) for i in range(quotes)
    ]
    return document


def items(name: str, fmt: str) -> dict[str, ef.GoldItem]:
    return {i.item_id: i for i in ef.read_gold(DATA / name, fmt)}


# -- readers -------------------------------------------------------------------------------------
def test_format_is_guessed_from_each_gold_file():
    assert ef.detect_format(DATA / "mini-petrarch.xml") == "petrarch"
    assert ef.detect_format(DATA / "mini-plover.json") == "plover"
    assert ef.detect_format(DATA / "mini-class.tsv") == "cameo-class"
    assert ef.detect_format(DATA / "mini-ner.txt") == "cameo-ner"
    assert ef.detect_format(DATA / "mini-india.jsonl") == "india-police"


def test_petrarch_reader_keeps_codes_noevents_and_marks_private_codes():
    gold = items("mini-petrarch.xml", "petrarch")
    assert gold["MINI-01"].text == "The French president visited Berlin on Friday."
    assert gold["MINI-01"].date == "2023-03-03"
    assert [e.cameo for e in gold["MINI-02"].events] == ["036", "036", "111"]
    assert gold["MINI-03"].events == [] and gold["MINI-03"].skip_reason is None
    assert "901" in (gold["MINI-04"].skip_reason or "")


def test_plover_reader_maps_old_categories_and_compound_actors():
    gold = items("mini-plover.json", "plover")
    assert gold["MINI-P2"].events[0].plover == "REQUEST"
    assert gold["MINI-P3"].events[0].plover == "ACCUSE"
    compound = gold["MINI-P1"].events[0]
    assert [a.code for a in compound.sources] == ["CHL", "PER"] and compound.targets == []
    assert gold["MINI-P1"].events[0].date is None  # the placeholder date is not a gold date
    assert gold["MINI-P2"].events[0].date == "2023-05-02"


def test_ner_reader_rebuilds_text_and_spans():
    gold = list(ef.read_gold(DATA / "mini-ner.txt", "cameo-ner"))
    third = gold[2]
    assert third.text == "Ukraine's army shelled the town."
    assert [(s.role, third.text[s.start : s.end]) for s in third.spans] == [
        ("S", "Ukraine's army"),
        ("T", "the town"),
    ]
    assert [s.role for s in gold[1].spans] == ["R", "R"]
    text, offsets = ef.rebuild_text(["Baghdad", "’", "s", "troops", "(", "NW", ")", "left", "."])
    assert text == "Baghdad’s troops (NW) left."
    assert text[offsets[3][0] : offsets[3][1]] == "troops"


# -- scoring rules ------------------------------------------------------------------------------
def test_petrarch_scores_distinct_codes_multi_event_and_noevents():
    gold = items("mini-petrarch.xml", "petrarch")
    one, two, none = gold["MINI-01"], gold["MINI-02"], gold["MINI-03"]
    coded = [
        (one, doc(one, event(one.text, "042")), None),
        (two, doc(two, event(two.text, "036"), event(two.text, "112")), None),
        (none, doc(none, event(none.text, "010")), None),
    ]
    result = ev.Scores.to_dict(ev.score_petrarch(coded, misses=5))
    code = result["fields"]["full code"]
    assert (code["tp"], code["fp"], code["fn"]) == (2, 2, 1)
    assert code["f1"] == pytest.approx(4 / 7, abs=1e-4)
    root = result["fields"]["CAMEO root"]
    assert (root["tp"], root["fp"], root["fn"]) == (3, 1, 0)
    detected = result["fields"]["event detected"]
    assert (detected["tp"], detected["fp"], detected["fn"]) == (2, 1, 0)
    assert result["accuracy"]["event codes (sentences)"]["hit"] == 1
    assert [m["id"] for m in result["misses"]] == ["MINI-02", "MINI-03"]


def test_plover_scores_types_dyads_compounds_and_attributes():
    gold = items("mini-plover.json", "plover")
    p1, p2, p3 = gold["MINI-P1"], gold["MINI-P2"], gold["MINI-P3"]
    chile, peru = mention(p1.text, "Chile", "CHL", "CHL"), mention(p1.text, "Peru", "PER", "PER")
    ghana = mention(p2.text, "Ghanaian government", "GHAGOV", "GHA", "GOV")
    togo = mention(p2.text, "Togo", "TGO", "TGO")
    opposition = mention(p3.text, "Opposition leaders", "BOLGOV", "BOL", "GOV")
    lome = Place(text="Lome", name="Lomé", country="TGO", latitude=None, longitude=None)
    coded = [
        # the compound coded once per member: the second is not a false positive
        (
            p1,
            doc(
                p1,
                event(p1.text, "057", chile, peru, "AGREE"),
                event(p1.text, "057", peru, chile, "AGREE"),
                mentions=[chile, peru],
            ),
            None,
        ),
        (
            p2,
            doc(
                p2,
                event(
                    p2.text,
                    "1041",
                    ghana,
                    togo,
                    "REQUEST",
                    context="diplomatic",
                    date="2023-05-02",
                    location=lome,
                ),
                event(p2.text, "036", ghana, togo, "CONSULT"),
                mentions=[ghana, togo],
            ),
            None,
        ),
        (p3, doc(p3, mentions=[opposition]), None),
    ]
    result = ev.Scores.to_dict(ev.score_plover(coded, misses=0))
    fields = {k: (v["tp"], v["fp"], v["fn"]) for k, v in result["fields"].items()}
    assert fields["event detected"] == (2, 1, 1)
    assert fields["PLOVER type"] == (2, 1, 1)
    assert fields["source"] == (2, 1, 1)
    assert fields["target"] == (1, 2, 0)
    assert fields["dyad + type"] == (1, 2, 2)
    accuracy = {k: (v["hit"], v["total"]) for k, v in result["accuracy"].items()}
    assert accuracy["source country"] == (2, 2)
    assert accuracy["source sector"] == (1, 1)
    assert accuracy["target country"] == (1, 1)
    assert accuracy["context"] == (1, 2)  # the AGREE event carries no context
    assert accuracy["event location"] == (1, 1)
    assert accuracy["event date"] == (1, 1)
    assert accuracy["actor country (mentions)"] == (5, 5)
    assert accuracy["actor sector (mentions)"] == (1, 2)
    per_type = {k: (v["tp"], v["fp"], v["fn"]) for k, v in result["breakdown"].items()}
    assert per_type == {"AGREE": (1, 0, 0), "REQUEST": (1, 0, 0), "CONSULT": (0, 1, 0), "ACCUSE": (0, 0, 1)}


def test_pentaclass_picks_one_event_per_sentence_and_falls_back_on_quotes():
    gold = list(ef.read_gold(DATA / "mini-class.tsv", "cameo-class"))
    said, signed, fired, threatened = gold
    coded = [
        (said, doc(said, quotes=1), None),  # no event, but attributed speech: a statement
        (signed, doc(signed, event(signed.text, "057")), None),
        # equal confidence: the specific event beats the statement; less confident events lose
        (
            fired,
            doc(
                fired,
                event(fired.text, "010"),
                event(fired.text, "190"),
                event(fired.text, "040", confidence=0.4),
            ),
            None,
        ),
        (threatened, doc(threatened), None),  # nothing at all: no class, counted wrong
    ]
    result = ev.Scores.to_dict(ev.score_cameo_class(coded, misses=3))
    assert result["accuracy"]["PentaClass"] == {"value": 0.75, "hit": 3, "total": 4}
    assert result["breakdown"]["3"]["fn"] == 1
    assert result["misses"][0]["produced"] == "no class"
    more_confident = doc(fired, event(fired.text, "010", confidence=0.9), event(fired.text, "190"))
    assert ev.sentence_pentaclass(more_confident)[0] == 0


def test_ner_spans_exact_and_overlap():
    s1, s2, s3 = ef.read_gold(DATA / "mini-ner.txt", "cameo-ner")
    coded = [
        (
            s1,
            doc(
                s1,
                event(
                    s1.text,
                    "190",
                    mention(s1.text, "Rebels", "REB"),
                    mention(s1.text, "police station", "COP"),
                ),
            ),
            None,
        ),
        (
            s2,
            doc(s2, event(s2.text, "036", mention(s2.text, "Chad", "TCD"), mention(s2.text, "Niger", "NER"))),
            None,
        ),
        (s3, doc(s3), None),
    ]
    result = ev.Scores.to_dict(ev.score_cameo_ner(coded, misses=0))
    fields = {k: (v["tp"], v["fp"], v["fn"]) for k, v in result["fields"].items()}
    assert fields["source (exact)"] == (2, 0, 2)
    assert fields["target (exact)"] == (1, 1, 3)
    assert fields["target (overlap)"] == (2, 0, 2)
    assert fields["actor span, any role (exact)"] == (3, 1, 3)
    assert fields["actor span, any role (overlap)"] == (4, 0, 2)
    assert result["fields"]["actor span, any role (overlap)"]["f1"] == pytest.approx(0.8)


def test_india_police_labels_from_cameo_codes():
    s0, s1, s2, s3 = ef.read_gold(DATA / "mini-india.jsonl", "india-police")
    coded = [
        (s0, doc(s0, event(s0.text, "173")), None),
        (s1, doc(s1), None),
        (s2, doc(s2), None),
        (s3, doc(s3, event(s3.text, "190")), None),
    ]
    fields = {
        k: (v["tp"], v["fp"], v["fn"])
        for k, v in ev.Scores.to_dict(ev.score_india_police(coded, misses=0))["fields"].items()
    }
    assert fields["label ARREST"] == (1, 0, 0)
    assert fields["label FORCE"] == (0, 1, 1)
    assert fields["label KILL"] == (1, 0, 0)  # "opened fire" (190) killing two is a police killing
    assert fields["label ANY_ACTION"] == (2, 0, 1)


def test_targets_report_whether_met():
    result = {"accuracy": {"PentaClass": {"value": 0.7}}}
    (target,) = ev.targets_for("cameo-class", result)
    assert target["met"] and target["threshold"] == 0.65
    assert not ev.targets_for("cameo-class", {"accuracy": {}})[0]["met"]


def test_polnear_folder_is_recognised_and_dev_preferred(tmp_path):
    for split in ("train", "dev"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir()
    assert ef.detect_format(tmp_path) == "polnear"
    assert ev.polnear_split(tmp_path) == tmp_path / "dev"
    assert ev.polnear_split(tmp_path / "train") == tmp_path / "train"


# -- the command, with the real pipeline -----------------------------------------------------------
def run_command(
    argv: list[str], capsys: pytest.CaptureFixture[str], coder: object = None
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    ev.add_eval_arguments(parser)
    status = ev.run_eval(parser.parse_args(argv), coder=coder)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_unknown_gold_file_is_a_usage_error(tmp_path, capsys):
    odd = tmp_path / "notes.md"
    odd.write_text("# nothing to score here\n")
    status, _, err = run_command([str(odd)], capsys)
    assert status == ev.EXIT_USAGE and "cannot read" in err


@pytest.mark.slow
def test_eval_command_scores_every_format_as_json(coder, capsys):
    names = ["mini-petrarch.xml", "mini-plover.json", "mini-class.tsv", "mini-ner.txt", "mini-india.jsonl"]
    status, out, _ = run_command([str(DATA / n) for n in names] + ["--json", "--misses", "1"], capsys, coder)
    assert status == 0
    results = {Path(r["gold"]).name: r for r in json.loads(out)["results"]}
    petrarch = results["mini-petrarch.xml"]
    assert (petrarch["scored"], petrarch["skipped"]) == (3, 1)
    code = petrarch["fields"]["full code"]
    assert code["tp"] + code["fn"] == 3  # 042, 036, 111: duplicates of 036 count once
    plover = results["mini-plover.json"]["fields"]["PLOVER type"]
    assert plover["tp"] + plover["fn"] == 3
    assert results["mini-class.tsv"]["accuracy"]["PentaClass"]["total"] == 4
    spans = results["mini-ner.txt"]["fields"]["actor span, any role (overlap)"]
    assert spans["tp"] + spans["fn"] == 6
    arrest = results["mini-india.jsonl"]["fields"]["label ARREST"]
    assert arrest["tp"] + arrest["fn"] == 1
    assert all(len(r["misses"]) <= 1 for r in results.values())


@pytest.mark.slow
def test_eval_command_prints_a_readable_table(coder, capsys):
    status, out, _ = run_command(
        [str(DATA / "mini-plover.json"), "--misses", "2", "--limit", "2"], capsys, coder
    )
    assert status == 0
    assert "2 sentences scored" in out
    assert "PLOVER type" in out and "targets" in out and "(target >= 75%)" in out


# -- the shared gold files (read only; no coding) ---------------------------------------------------
def shared(name: str) -> Path:
    path = SHARED_EVAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared gold data (../shared beside the checkout) is needed")
    return path


def test_shared_gold_files_read_completely():
    plover = ef.read_gold(shared("plover-gsr-dev.json"), "plover")
    assert len(plover) == 167 and all(i.events for i in plover)
    assert {i.category for i in plover} <= set(ef.load_mapping("plover_legacy.yaml").values()) | {
        "AGREE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "CONCEDE",
        "ASSAULT",
        "RETREAT",
        "COERCE",
        "SUPPORT",
        "AID",
        "SANCTION",
        "CONSULT",
        "MOBILIZE",
        "COOPERATE",
    }
    petrarch = ef.read_gold(shared("petrarch-unittest-records.xml"), "petrarch")
    assert len(petrarch) == 284 and all(i.text for i in petrarch)
    ner = ef.read_gold(shared("conflibert-cameo-ner-train.txt"), "cameo-ner")
    assert len(ner) == 1153
    assert all(i.text[s.start : s.end].strip() for i in ner for s in i.spans)
