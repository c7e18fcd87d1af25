"""Shared paths for the reader tests: in-repo fixtures, and the team's ../shared data when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "read"
SHARED = REPO / ".." / "shared"
SAMPLE = REPO / "src" / "quidixit" / "data" / "sample"


def shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the team's shared data (../shared next to the repo) is needed for this test")
    return path
