"""`eventcoder explain "SENTENCE" [--date D]`: what each events pass did, for when an event is wrong.

Prints, sentence by sentence, the candidates the trigger pass found, then pass by pass what each
pass did to them (placed, dropped, recoded, restored, modality, actors), ending with the events
emitted. The rule ids it shows ("verbs.yaml:impose+$sanctions") name the data file entry to edit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventcoder.events.coder import EventCoder, SentenceReport


def add_explain_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "text", metavar="SENTENCE", help="text to explain, a path to a text file, or - for stdin"
    )
    parser.add_argument("--date", help="publication date YYYY-MM-DD (picks people's roles on that date)")


def run_explain(args: argparse.Namespace) -> int:
    from eventcoder import nlp
    from eventcoder.actors import ActorResolver
    from eventcoder.model import Document

    text = _read_text(args.text)
    doc = nlp.parse(Document(doc_id="explain", raw_text=text, text=text, date=args.date), nlp.load_pipeline())
    ActorResolver().run(doc)
    coder = EventCoder()
    for number, report in enumerate(coder.explain(doc)):
        print("\n".join(describe(report, coder.passes, number)))
    return 0


def describe(report: SentenceReport, passes: list[str], number: int = 0) -> list[str]:
    """The report as lines: candidates, then each pass's steps, then the events."""
    lines = [f"sentence {number}: {report.sentence.strip()}"]
    if not report.candidates:
        return [*lines, "  no trigger found", ""]
    lines.append("  candidates found:")
    lines += [f"    {c.token.text}@{c.token.i} {c.kind}: {c.trace[0].reason}" for c in report.candidates]
    for name in passes:
        steps = [(c, s) for c in report.candidates for s in c.trace if s.pass_name == name]
        if name == "find_triggers":
            continue
        lines.append(f"  {name}:" + ("" if steps else " -"))
        lines += [f"    {c.token.text}@{c.token.i}: {s.action}: {s.reason}" for c, s in steps]
    lines.append("  events:" + ("" if report.events else " none"))
    for e in report.events:
        source = e.source.text if e.source else "-"
        target = e.target.text if e.target else "-"
        lines.append(
            f"    {e.cameo} {e.plover.get('type') or '-'} {source} -> {target} [{e.modality}] "
            f"'{e.trigger}' conf {e.confidence} rule {e.rule}"
        )
    return [*lines, ""]


def _read_text(arg: str) -> str:
    """The argument is a file to read, "-" for stdin, or the text itself."""
    if arg == "-":
        return sys.stdin.read()
    return Path(arg).read_text(encoding="utf-8") if _names_a_file(arg) else arg


def _names_a_file(arg: str) -> bool:
    """A sentence longer than the system allows a file name ("File name too long") is text, not a path."""
    if len(arg) >= 1024 or "\n" in arg:
        return False
    try:
        return Path(arg).is_file()
    except OSError:
        return False
