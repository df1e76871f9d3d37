"""Shared fixtures: one spaCy pipeline and one Coder per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_STORY = SHARED / "samples" / "us-responds-to-russia-demands.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: shared data (../shared beside the checkout) is needed for this test")
    return path


@pytest.fixture(scope="session")
def nlp():
    from eventcoder.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def coder():
    from eventcoder.pipeline import Coder

    return Coder()
