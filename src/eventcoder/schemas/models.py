"""Schema of data/models/proposal_codes.yaml: the CAMEO code a learned proposal of each PLOVER type gets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, RootModel, ValidationInfo

from eventcoder.datafiles import check_codes, load_yaml

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


def _known_code(value: str, info: ValidationInfo) -> str:
    return check_codes(value, info)


class ProposalCodes(RootModel[dict[PloverType, Annotated[str, AfterValidator(_known_code)]]]):
    """PLOVER type -> CAMEO code; unknown types and unknown codes are errors with file and line."""


def load_proposal_codes(path: Path) -> dict[str, str]:
    from eventcoder.ontology import Ontology

    codes = load_yaml(path, ProposalCodes, context={"codes": Ontology.load().codes}).root
    return {str(plover): code for plover, code in codes.items()}


FILES = {"models/proposal_codes.yaml": load_proposal_codes}
