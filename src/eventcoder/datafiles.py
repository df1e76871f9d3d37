"""One checker for every rule and dictionary file (YAML and TSV) the stages load.

Why: rules are data an analyst edits without touching Python, so a mistake in them must fail
loudly and point at the line, not load silently. A misspelt key ("conditional_mark") once
switched condition detection off and no test noticed. Every file is read through this module
and validated against a pydantic model (one per file shape) that forbids unknown keys, checks
types, rejects duplicate keys and entries, and (through the validation context) checks
references such as `$class` names and CAMEO codes.

API (small on purpose):

    load_yaml(path, Model, context=None) -> Model
    load_tsv(path, RowModel, columns, key=None, context=None) -> list[RowModel]

Both raise `DataFileError(path, line, message)`, whose text is `path:line: message` (one line
per problem found). Models derive from `Strict` (unknown keys forbidden, no type coercion) and
use the list types below (`Words`: a list of lower-case words without repeats).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, ValidationInfo

__all__ = [
    "DataFileError",
    "Strict",
    "Words",
    "UniqueStrs",
    "load_yaml",
    "load_tsv",
    "read_yaml",
    "unique",
    "check_class_refs",
    "check_codes",
]

ModelT = TypeVar("ModelT", bound=BaseModel)


class DataFileError(ValueError):
    """A rule or dictionary file that does not follow its schema: `path:line: message`."""

    def __init__(
        self, path: str | Path, line: int, message: str, more: Sequence[tuple[int, str]] = ()
    ) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.problems = [(line, message), *more]
        super().__init__("\n".join(f"{self.path}:{n}: {m}" for n, m in self.problems))


class Strict(BaseModel):
    """Base of every file schema: unknown keys are errors, values are not coerced ("010" stays a
    string; an unquoted `no` that YAML reads as false is a type error, not the word "no")."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def unique(items: list[Any]) -> list[Any]:
    """Reject repeated entries in a list (a repeat is dead weight, often a typo for another word)."""
    seen: set[Any] = set()
    for item in items:
        key = item.lower() if isinstance(item, str) else item
        if key in seen:
            raise ValueError(f"duplicate entry {item!r}")
        seen.add(key)
    return items


UniqueStrs = Annotated[list[str], AfterValidator(unique)]
Words = UniqueStrs  # a word list: strings, each once


def check_class_refs(value: Any, info: ValidationInfo) -> Any:
    """Every `$name` in a constraint must name a class of classes.yaml (context key "classes")."""
    classes = (info.context or {}).get("classes")
    if classes is None:
        return value
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str) and item.startswith("$") and item[1:] not in classes:
            raise ValueError(f"unknown class {item!r} (classes.yaml defines {', '.join(sorted(classes))})")
    return value


def check_codes(value: Any, info: ValidationInfo) -> Any:
    """A CAMEO code (or a collection of them) must exist in the ontology (context key "codes")."""
    codes = (info.context or {}).get("codes")
    if codes is None:
        return value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str) and item not in codes and item != "-":
            raise ValueError(f"unknown CAMEO code {item!r}")
    return value


# -- YAML with line marks ---------------------------------------------------------------------
class _LineDict(dict[Any, Any]):
    """A YAML mapping that remembers the line of each key (1-based)."""

    lines: dict[Any, int]
    line: int


class _LineList(list[Any]):
    """A YAML sequence that remembers the line of each item (1-based)."""

    lines: list[int]
    line: int


class _DuplicateKey(Exception):
    def __init__(self, line: int, key: Any) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.line = line


def _loader_class() -> type:
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: people.yaml is large

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: yaml.MappingNode) -> _LineDict:
        loader.flatten_mapping(node)
        out = _LineDict()
        out.lines = {}
        out.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise _DuplicateKey(key_node.start_mark.line + 1, key)
            out[key] = loader.construct_object(value_node, deep=True)
            out.lines[key] = key_node.start_mark.line + 1
        return out

    def construct_sequence(loader: Any, node: yaml.SequenceNode) -> _LineList:
        out = _LineList(loader.construct_object(child, deep=True) for child in node.value)
        out.lines = [child.start_mark.line + 1 for child in node.value]
        out.line = node.start_mark.line + 1
        return out

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return LineLoader


_LOADER = _loader_class()


def read_yaml(path: str | Path) -> Any:
    """Parse a YAML file keeping line marks; syntax errors and duplicate keys name the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, 0, f"cannot read: {exc.strerror or exc}") from exc
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader with line marks
    except _DuplicateKey as exc:
        raise DataFileError(path, exc.line, str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise DataFileError(path, line, f"YAML syntax: {exc.problem or exc}") from None


def load_yaml(path: str | Path, model: type[ModelT], context: dict[str, Any] | None = None) -> ModelT:
    """Read `path` and validate it as `model`; an empty file validates as an empty mapping."""
    data = read_yaml(path)
    if data is None:
        data = _LineDict()
        data.lines, data.line = {}, 1
    return _validate(path, model, data, context)


def _validate(path: str | Path, model: type[ModelT], data: Any, context: dict[str, Any] | None) -> ModelT:
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        problems = [(_line_of(data, err), _message(err)) for err in exc.errors()]
        (line, message), *more = problems
        raise DataFileError(path, line, message, more) from None


def _line_of(data: Any, err: Any) -> int:
    """The line of the deepest node on the error's location path (union tags are skipped); for a
    repeated entry, the line of the repeat."""
    node, line = data, getattr(data, "line", 1)
    for part in err["loc"]:
        if isinstance(node, _LineDict) and part in node:
            line, node = node.lines[part], node[part]
        elif isinstance(node, _LineList) and isinstance(part, int) and 0 <= part < len(node):
            line, node = node.lines[part], node[part]
    if isinstance(node, _LineList) and "duplicate entry" in str(err["msg"]):
        seen: set[Any] = set()
        for item, item_line in zip(node, node.lines, strict=True):
            key = item.lower() if isinstance(item, str) else repr(item)
            if key in seen:
                return item_line
            seen.add(key)
    return line


def _message(err: Any) -> str:
    where = ".".join(str(p) for p in err["loc"] if not _is_union_tag(p))
    kind = err["type"]
    if kind in ("extra_forbidden", "missing"):
        adjective = "unknown" if kind == "extra_forbidden" else "missing"
        inside = f" (in {where.rsplit('.', 1)[0]})" if "." in where else ""
        return f"{adjective} key {str(err['loc'][-1])!r}{inside}"
    message = str(err["msg"]).removeprefix("Value error, ")
    if kind in ("string_pattern_mismatch", "literal_error", "string_type", "int_type", "bool_type"):
        message = f"{err['input']!r}: {message}"
    return f"{where}: {message}" if where else message


def _is_union_tag(part: Any) -> bool:
    """pydantic names the union member it tried ("str", "list[Pattern]") in the location."""
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "float", "bool", "dict", "list"))


# -- TSV ----------------------------------------------------------------------------------------
def load_tsv(
    path: str | Path,
    row_model: type[ModelT],
    columns: Sequence[str],
    key: str | None = None,
    context: dict[str, Any] | None = None,
) -> list[ModelT]:
    """Rows of a tab-separated file: `#` comment lines and blank lines are skipped; the first other
    line is the header, which must list `columns` (in order) unless the file has no header at all
    (then its first line already is a row and must have as many cells). Cells are stripped
    strings; a missing trailing cell is "". `key` names a column whose values must be unique."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(path, 0, f"cannot read: {exc.strerror or exc}") from exc
    rows: list[ModelT] = []
    seen: dict[str, int] = {}
    header_done = False
    for number, text in enumerate(lines, start=1):
        if not text.strip() or text.startswith("#"):
            continue
        cells = [c.strip() for c in text.split("\t")]
        if not header_done:
            header_done = True
            if cells == list(columns):
                continue
            if cells[0] == columns[0]:
                raise DataFileError(path, number, f"header {cells} should be {list(columns)}")
        if len(cells) > len(columns):
            raise DataFileError(path, number, f"{len(cells)} cells, expected at most {len(columns)}")
        record = dict(zip(columns, cells + [""] * (len(columns) - len(cells)), strict=True))
        try:
            row = row_model.model_validate(record, context=context)
        except ValidationError as exc:
            problems = [(number, _message(err)) for err in exc.errors()]
            (line, message), *more = problems
            raise DataFileError(path, line, message, more) from None
        if key is not None:
            value = record[key].lower()
            if value in seen:
                raise DataFileError(
                    path, number, f"duplicate {key} {record[key]!r} (first on line {seen[value]})"
                )
            seen[value] = number
        rows.append(row)
    return rows
