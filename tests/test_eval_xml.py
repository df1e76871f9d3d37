"""`eventcoder eval` on a PETRARCH validation file with one malformed tag: warned by line, then read."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.eval_formats import read_petrarch

RECORD = (
    '<Sentence date="2015010{n}" id="s-{n}" sentence="True" source="wire">\n'
    '<EventCoding sentenceid="s-{n}" eventcode="{code}" sourcecode="FRA" targetcode="DEU"{end}\n'
    "<Text>France and Germany met on day {n}.</Text>\n</Sentence>\n"
)


def test_one_malformed_tag_is_reported_with_its_line_and_the_rest_recovered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "".join(RECORD.format(n=n, code="036", end="/>" if n != 2 else "") for n in (1, 2, 3))
    path = tmp_path / "validation.xml"
    path.write_text(f"<Sentences>\n{body}</Sentences>\n", encoding="utf-8")
    items = read_petrarch(path)
    assert [i.item_id for i in items] == ["s-1", "s-2", "s-3"]
    assert [e.cameo for e in items[2].events] == ["036"]
    warning = capsys.readouterr().err
    assert f"{path}:8:" in warning and "malformed XML" in warning
