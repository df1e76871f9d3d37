"""Check a real-news gold file against the format of realnews-guidelines.md, naming file and line.

    python gold/realnews/check.py gold/realnews/test.jsonl [more.jsonl ...]

Why: a gold file with a sentence that is not in its excerpt, or a type the scorer does not know, scores
silently wrong.  Exit status 1 when any problem is found.
"""

from __future__ import annotations

import json
import sys

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "negated", "hypothetical", "future"}
TOPICS = {"us-domestic", "us-foreign", "international", "uk-domestic", "business", "other"}
KEYS = {"sentence", "sentence_no", "trigger", "type", "cameo_root", "actor", "recipient", "modality",
        "historical", "ambiguous", "symmetric"}


def party_problems(party: object, name: str, sentence: str, required: bool) -> list[str]:
    if party is None:
        return [] if not required else [f"{name} is required (text may be null, code may not)"]
    if not isinstance(party, dict) or set(party) != {"text", "code"}:
        return [f"{name} must be {{text, code}}"]
    problems = []
    if party["text"] is not None and party["text"] not in sentence:
        problems.append(f"{name} text {party['text']!r} is not in the sentence")
    if not isinstance(party["code"], str) or not party["code"].isupper():
        problems.append(f"{name} code {party['code']!r} is not an upper-case CAMEO-style code")
    return problems


def event_problems(event: dict, excerpt: dict) -> list[str]:
    problems = []
    if set(event) != KEYS:
        problems.append(f"keys differ from the format: missing {sorted(KEYS - set(event))}, "
                        f"unknown {sorted(set(event) - KEYS)}")
        return problems
    sentence = event["sentence"]
    if event["sentence_no"] == 0:
        if sentence != excerpt["title"]:
            problems.append("sentence_no 0 must be the title")
    elif sentence not in excerpt["text"]:
        problems.append(f"sentence is not in the excerpt text: {sentence[:60]!r}")
    if event["trigger"] not in sentence:
        problems.append(f"trigger {event['trigger']!r} is not in the sentence")
    if event["type"] not in TYPES:
        problems.append(f"unknown PLOVER type {event['type']!r}")
    root = event["cameo_root"]
    if not (isinstance(root, str) and len(root) == 2 and root.isdigit() and 1 <= int(root) <= 20):
        problems.append(f"cameo_root {root!r} must be a two-digit string 01-20")
    if event["modality"] not in MODALITIES:
        problems.append(f"unknown modality {event['modality']!r}")
    for flag in ("historical", "ambiguous", "symmetric"):
        if not isinstance(event[flag], bool):
            problems.append(f"{flag} must be true or false")
    problems += party_problems(event["actor"], "actor", sentence, required=True)
    problems += party_problems(event["recipient"], "recipient", sentence, required=False)
    return problems


def check(path: str) -> int:
    count = 0
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                excerpt = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{path}:{line_no}: not JSON: {error}")
                count += 1
                continue
            if excerpt.get("id") in seen:
                print(f"{path}:{line_no}: duplicate excerpt id {excerpt.get('id')}")
                count += 1
            seen.add(excerpt.get("id"))
            if excerpt.get("topic") not in TOPICS:
                print(f"{path}:{line_no}: topic must be one of {sorted(TOPICS)}")
                count += 1
            for index, event in enumerate(excerpt.get("events", [])):
                for problem in event_problems(event, excerpt):
                    print(f"{path}:{line_no}: event {index}: {problem}")
                    count += 1
    return count


def main() -> None:
    problems = sum(check(path) for path in sys.argv[1:])
    print(f"{problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
