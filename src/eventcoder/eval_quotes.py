"""Score the quotes stage against PolNeAR attribution annotations (BRAT standoff).

PolNeAR marks, for each attribution, a Source, a Cue and a Content span (Content and
Source may be discontinuous, written "a b;c d"), tied together by an `E` line. We
compare gold attributions with the predicted `Quote`s of each article:

- content, exact: the predicted parts cover the same characters as the gold parts
  (outer whitespace ignored);
- content, overlap: the two share at least half of the tokens of each (so neither a
  three-word fragment of a long gold span nor a whole paragraph around a short one
  counts);
- speaker: the attribution matched on content (overlap) and the predicted speaker
  span overlaps the gold Source span.

Matching is one-to-one, greedy by overlap. Scores are given for all attributions and
for direct quotes (gold content containing a quotation mark; on the predicted side,
quotes whose content contains one). Predictions that are not attributions are left
out: quotes with neither cue nor speaker (scare quotes, titles) and quotes nested
inside another predicted quote's content (PolNeAR gives each token to at most one
attribution).

Texts are coded without the clean stage, straight from the raw .txt, so every offset
is an offset into the annotated file. An article annotated by several annotators
(`name_<annotator>.ann`) is scored against the first file by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.model import Document, Quote
from eventcoder.scoring import precision_recall_f1

QUOTE_MARKS = set('"\u201c\u201d\u00ab\u00bb')
TOKEN_RE = re.compile(r"\w+|[^\w\s]")
ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}\.ann$")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]


@dataclass
class Predicted:
    content: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    cue: str | None


# -- reading PolNeAR ---------------------------------------------------------------------


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for piece in field.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    """Gold attributions of one .ann file (E lines resolved through their T lines)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("T") and len(cells) >= 2:
            _label, _, offsets = cells[1].partition(" ")
            spans[cells[0]] = _spans(offsets)
        elif line.startswith("E") and len(cells) >= 2:
            events.append(dict(p.split(":", 1) for p in cells[1].split() if ":" in p))
    gold = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), [])
        if not content:
            continue
        gold.append(
            GoldAttribution(
                content=content,
                source=spans.get(ev.get("Source", ""), []),
                cue=spans.get(ev.get("Cue", ""), []),
            )
        )
    return gold


def polnear_articles(path: Path) -> list[tuple[Path, Path]]:
    """(text file, annotation file) pairs under a PolNeAR folder (a split or the whole set).

    Several annotators' files for one article: the first by name is used.
    """
    pairs: list[tuple[Path, Path]] = []
    for ann_dir in sorted(p for p in path.rglob("attributions") if p.is_dir()):
        text_dir = ann_dir.parent / "text"
        chosen: dict[str, Path] = {}
        for ann in sorted(ann_dir.glob("*.ann")):
            stem = ANNOTATOR_SUFFIX.sub("", ann.name)
            chosen.setdefault(stem, ann)
        for stem, ann in sorted(chosen.items()):
            txt = text_dir / f"{stem}.txt"
            if txt.exists():
                pairs.append((txt, ann))
    return pairs


# -- coding without the clean stage --------------------------------------------------------


def code_raw(coder: Any, texts: list[tuple[str, str]]) -> Iterable[Document]:
    """Run nlp, actors, events and quotes on raw texts, so offsets stay those of the files."""
    from eventcoder import nlp

    docs = (Document(doc_id=doc_id, raw_text=text, text=text) for doc_id, text in texts)
    for doc in nlp.parse_many(docs, coder.nlp, batch_size=8):
        coder.actors.run(doc)
        coder.events.run(doc)
        coder.quotes.run(doc)
        yield doc


def predictions(doc: Document) -> list[Predicted]:
    """The attributions a document's quotes claim, outermost only."""
    quotes = [q for q in doc.quotes if q.cue or q.speaker]
    outer: list[Quote] = []
    for q in sorted(quotes, key=lambda q: -(q.span[1] - q.span[0])):
        if not any(o.span[0] <= q.span[0] and q.span[1] <= o.span[1] for o in outer):
            outer.append(q)
    out = []
    for q in sorted(outer, key=lambda q: q.span[0]):
        speaker = (q.speaker.start, q.speaker.end) if q.speaker else None
        out.append(Predicted(content=list(q.parts or [q.span]), speaker=speaker, cue=q.cue))
    return out


# -- scoring --------------------------------------------------------------------------------


def _token_set(text: str, parts: list[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word and punctuation tokens inside `parts` (quote marks ignored)."""
    out = set()
    for a, b in parts:
        for m in TOKEN_RE.finditer(text, a, b):
            if m.group() not in QUOTE_MARKS:
                out.add(m.start())
    return frozenset(out)


def _chars(text: str, parts: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for a, b in parts for i in range(a, b) if not text[i].isspace())


def _is_direct(text: str, parts: list[tuple[int, int]]) -> bool:
    return any(ch in QUOTE_MARKS for a, b in parts for ch in text[a:b])


def _overlap_ok(p: frozenset[int], g: frozenset[int]) -> bool:
    if not p or not g:
        return False
    inter = len(p & g)
    return inter * 2 >= len(p) and inter * 2 >= len(g)


def _spans_touch(a: tuple[int, int] | None, gold: list[tuple[int, int]]) -> bool:
    return a is not None and any(a[0] < b and s < a[1] for s, b in gold)


def score_article(
    text: str, gold: list[GoldAttribution], pred: list[Predicted], counts: dict[str, Any]
) -> None:
    """Add one article's matches to `counts` (per subset: all, direct)."""
    g_tok = [_token_set(text, g.content) for g in gold]
    p_tok = [_token_set(text, p.content) for p in pred]
    g_chr = [_chars(text, g.content) for g in gold]
    p_chr = [_chars(text, p.content) for p in pred]
    g_used = _match_by_overlap(g_tok, p_tok)
    g_direct = [_is_direct(text, g.content) for g in gold]
    p_direct = [_is_direct(text, p.content) for p in pred]
    exact_g = {i for i, gc in enumerate(g_chr) for j, pc in enumerate(p_chr) if gc == pc}
    exact_p = {j for j, pc in enumerate(p_chr) for gc in g_chr if gc == pc}
    for subset in ("all", "direct"):
        c = counts[subset]
        gsel = [i for i in range(len(gold)) if subset == "all" or g_direct[i]]
        psel = [j for j in range(len(pred)) if subset == "all" or p_direct[j]]
        _count_subset(c, gold, pred, gsel, psel, g_used, exact_g, exact_p)


def _count_subset(
    c: dict[str, Any],
    gold: list[GoldAttribution],
    pred: list[Predicted],
    gsel: list[int],
    psel: list[int],
    g_used: dict[int, int],
    exact_g: set[int],
    exact_p: set[int],
) -> None:
    """Add one subset's (all, or direct quotes only) counts of one article."""
    p_used = set(g_used.values())
    c["gold"] += len(gsel)
    c["pred"] += len(psel)
    c["exact_gold"] += sum(1 for i in gsel if i in exact_g)
    c["exact_pred"] += sum(1 for j in psel if j in exact_p)
    c["overlap_gold"] += sum(1 for i in gsel if i in g_used)
    c["overlap_pred"] += sum(1 for j in psel if j in p_used)
    c["gold_source"] += sum(1 for i in gsel if gold[i].source)
    c["pred_speaker"] += sum(1 for j in psel if pred[j].speaker)
    by_pred = {j: i for i, j in g_used.items()}
    c["speaker_gold"] += sum(
        1 for i in gsel if i in g_used and _spans_touch(pred[g_used[i]].speaker, gold[i].source)
    )
    c["speaker_pred"] += sum(
        1 for j in psel if j in by_pred and _spans_touch(pred[j].speaker, gold[by_pred[j]].source)
    )


def _match_by_overlap(g_tok: list[frozenset[int]], p_tok: list[frozenset[int]]) -> dict[int, int]:
    """One-to-one gold -> prediction matching, largest token overlap first."""
    pairs = []
    for i, gt in enumerate(g_tok):
        for j, pt in enumerate(p_tok):
            if _overlap_ok(pt, gt):
                pairs.append((len(pt & gt), i, j))
    pairs.sort(reverse=True)
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _, i, j in pairs:
        if i not in g_used and j not in p_used:
            g_used[i] = j
            p_used.add(j)
    return g_used


def _prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> dict[str, float]:
    p, r, f = precision_recall_f1(tp_pred, pred, tp_gold, gold)
    return {"precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def _empty_counts() -> dict[str, Any]:
    keys = (
        "gold",
        "pred",
        "exact_gold",
        "exact_pred",
        "overlap_gold",
        "overlap_pred",
        "gold_source",
        "pred_speaker",
        "speaker_gold",
        "speaker_pred",
    )
    return {k: 0 for k in keys}


def _summary(c: dict[str, int]) -> dict[str, Any]:
    return {
        "gold": c["gold"],
        "predicted": c["pred"],
        "content_exact": _prf(c["exact_pred"], c["pred"], c["exact_gold"], c["gold"]),
        "content_overlap": _prf(c["overlap_pred"], c["pred"], c["overlap_gold"], c["gold"]),
        "speaker": _prf(c["speaker_pred"], c["pred_speaker"], c["speaker_gold"], c["gold_source"]),
    }


def evaluate_polnear(path: Path, coder: Any, misses: int = 0, limit: int | None = None) -> dict[str, Any]:
    """Score `coder`'s quotes against the PolNeAR folder `path` (e.g. polnear/dev).

    `misses` > 0 collects that many missed or mismatched direct quotes for inspection.
    """
    pairs = polnear_articles(Path(path))
    if limit is not None:
        pairs = pairs[:limit]
    counts = {"all": _empty_counts(), "direct": _empty_counts()}
    missed: list[dict[str, Any]] = []
    texts = [(txt.stem, txt.read_text(encoding="utf-8")) for txt, _ in pairs]
    for (txt, ann), doc in zip(pairs, code_raw(coder, texts), strict=True):
        gold = read_ann(ann)
        pred = predictions(doc)
        score_article(doc.text, gold, pred, counts)
        if misses and len(missed) < misses:
            missed.extend(_misses(doc.text, txt.stem, gold, pred, misses - len(missed)))
        doc.nlp_doc = None
    return {
        "path": str(path),
        "articles": len(pairs),
        "direct": _summary(counts["direct"]),
        "all": _summary(counts["all"]),
        "misses": missed,
    }


def _misses(
    text: str, name: str, gold: list[GoldAttribution], pred: list[Predicted], n: int
) -> list[dict[str, Any]]:
    """Gold direct quotes with no prediction matching them, with what was predicted nearby."""
    out = []
    p_tok = [_token_set(text, p.content) for p in pred]
    for g in gold:
        if not _is_direct(text, g.content):
            continue
        gt = _token_set(text, g.content)
        match = next((p for p, pt in zip(pred, p_tok, strict=True) if _overlap_ok(pt, gt)), None)
        ok = match is not None and (not g.source or _spans_touch(match.speaker, g.source))
        if ok:
            continue
        near = [p for p, pt in zip(pred, p_tok, strict=True) if pt & gt]
        out.append(
            {
                "article": name,
                "gold_content": " | ".join(text[a:b] for a, b in g.content),
                "gold_source": " | ".join(text[a:b] for a, b in g.source),
                "predicted": [
                    {
                        "content": " | ".join(text[a:b] for a, b in p.content),
                        "speaker": text[p.speaker[0] : p.speaker[1]] if p.speaker else None,
                        "cue": p.cue,
                    }
                    for p in near
                ],
            }
        )
        if len(out) >= n:
            break
    return out


def format_polnear_report(result: dict[str, Any]) -> str:
    """A plain-text table of the scores, then any collected misses."""
    lines = [f"PolNeAR attributions: {result['path']} ({result['articles']} articles)", ""]
    header = f"{'subset':<8} {'gold':>6} {'pred':>6}  {'measure':<16} {'P':>6} {'R':>6} {'F1':>6}"
    lines.append(header)
    lines.append("-" * len(header))
    for subset in ("direct", "all"):
        s = result[subset]
        for key, label in (
            ("content_exact", "content exact"),
            ("content_overlap", "content >=50%"),
            ("speaker", "speaker"),
        ):
            m = s[key]
            lines.append(
                f"{subset:<8} {s['gold']:>6} {s['predicted']:>6}  {label:<16} "
                f"{m['precision']:>6.1f} {m['recall']:>6.1f} {m['f1']:>6.1f}"
            )
    for miss in result.get("misses", []):
        lines.append("")
        lines.append(f"MISS {miss['article']}")
        lines.append(f"  gold   [{miss['gold_source']}] {miss['gold_content'][:200]}")
        for p in miss["predicted"]:
            lines.append(f"  pred   [{p['speaker']}] ({p['cue']}) {p['content'][:200]}")
    return "\n".join(lines)
