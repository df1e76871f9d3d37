"""What an input is written in: its character encoding and its language.

Both guesses are recorded on the document (`encoding`, `language`) so that a
user can see why an article came out as mojibake or with no events. Encoding
detection uses `charset-normalizer` (maintained, pure Python, already pulled in
by requests-based tools); language detection uses `py3langid` (the maintained
fork of langid.py by the author of trafilatura, with its model inside the wheel,
so it works offline). See docs/decisions.md.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Any

UTF8 = "utf-8"
# A language guess on fewer words than this is noise (a caption, a table row).
MIN_LANGUAGE_WORDS = 12
LANGUAGE_SAMPLE_CHARS = 3000
_SURROGATE = re.compile("[\ud800-\udfff]")


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def looks_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text with every other byte NUL."""
    if len(head) < 16:
        return None
    sample = head[: len(head) - len(head) % 2]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def guess_encoding(sample: bytes) -> str:
    """The most likely encoding of `sample`: BOM, then strict UTF-8, then charset-normalizer.

    `sample` may be cut in the middle of a UTF-8 sequence; a trailing partial
    character does not count against UTF-8.
    """
    announced = bom_encoding(sample) or looks_utf16(sample)
    if announced:
        return announced
    if _is_utf8(sample):
        return UTF8
    from charset_normalizer import from_bytes

    if _plausibly_western(sample):
        return "cp1252"
    matches = list(from_bytes(sample[:200_000]))
    if not matches or matches[0].encoding in ("ascii", "utf_8"):
        return "cp1252"  # undecodable as UTF-8, and nothing better: the usual newsroom culprit
    best = matches[0]
    for match in matches:  # ties (short Western text fits cp1250/1252/1257 alike): the commonest wins
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01
        if tied and match.encoding == "cp1252":
            return "cp1252"
    return str(best.encoding).replace("_", "-")


_WESTERN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
_TYPOGRAPHY = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac\u00a0\u00b0\u00a3\u00ab\u00bb")


def _plausibly_western(sample: bytes) -> bool:
    """Mostly-ASCII text whose other bytes are, as Windows-1252, accented letters and typography.

    charset-normalizer cannot tell cp1252 from cp1250 or cp1257 on a few accented
    letters; cp1252 is by far the commonest. Cyrillic or Greek text decodes to
    accented letters too, but then most letters are non-ASCII.
    """
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    odd = [c for c in text if ord(c) > 127]
    if not odd or any(c not in _TYPOGRAPHY and not _WESTERN.match(c) for c in odd):
        return False
    letters = len(_WESTERN.findall(text))
    return sum(1 for c in odd if _WESTERN.match(c)) <= 0.15 * max(letters, 1)


def _is_utf8(sample: bytes) -> bool:
    try:
        sample.decode(UTF8)
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data"
    return True


def decode_bytes(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, warning): decoded with the guessed encoding, a warning unless it was UTF-8."""
    encoding = guess_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return data.decode(UTF8, "replace"), UTF8, "not valid UTF-8; undecodable bytes replaced with U+FFFD"
    if encoding in (UTF8, "utf-8-sig", "utf-16"):
        return text.lstrip("\ufeff"), encoding, None
    return text.lstrip("\ufeff"), encoding, f"not UTF-8; decoded as {encoding} (detected)"


def lone_surrogates(text: str) -> str | None:
    """The first lone surrogate in `text`, escaped (`\\ud83d`), or None: such text cannot be stored."""
    match = _SURROGATE.search(text)
    return f"\\u{ord(match.group()):04x}" if match else None


def without_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of the text's language; (None, 0) when too short to tell."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.split()) < MIN_LANGUAGE_WORDS:
        return None, 0.0
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)
