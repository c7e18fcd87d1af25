"""The pipeline API: a document that breaks a rule becomes a Failure; the batch goes on."""

import importlib

import pytest

import quidixit
from quidixit.model import Article, Failure


@pytest.mark.slow
def test_rule_crash_is_a_failure_and_the_batch_goes_on(monkeypatch):
    import quidixit.attribution as rules

    real = rules.find_statements

    def flaky(doc, lexicon, *, keep_boilerplate=False):
        if "BOOM" in doc.text:
            raise RuntimeError("boom")
        return real(doc, lexicon, keep_boilerplate=keep_boilerplate)

    monkeypatch.setattr(rules, "find_statements", flaky)
    arts = [
        Article(text="Le maire a déclaré que la route serait fermée."),
        Article(text="BOOM a dit que rien."),
        Article(text="Selon la police, trois personnes ont été blessées."),
    ]
    out = list(quidixit.analyze_many(arts))
    assert [type(x).__name__ for x in out] == ["Analysis", "Failure", "Analysis"]
    assert isinstance(out[1], Failure) and out[1].code == "QX150" and out[1].stage == "extract"
    assert "RuntimeError: boom" in out[1].message
    assert out[0].statements and out[2].statements


@pytest.mark.slow
def test_bad_inputs_in_a_batch_are_failures_with_codes():
    arts = [Article(text="   "), Article(text="a\x00b"), Article(text="Il a dit que oui, la ville changera.")]
    out = list(quidixit.analyze_many(arts))
    assert [getattr(x, "code", None) for x in out[:2]] == ["QX104", "QX103"]
    assert out[2].statements[0].speaker is not None


@pytest.mark.slow
def test_extract_stays_a_function_after_the_rules_are_imported():
    """Regression: the rules once lived in a subpackage named ``quidixit.extract``, whose
    first import replaced the function ``quidixit.extract`` by the module."""
    first = quidixit.extract("Le maire a déclaré que la route serait fermée.")
    importlib.import_module("quidixit.attribution.cues")  # what a user's own code may import

    assert callable(quidixit.extract)
    again = quidixit.extract("Le maire a déclaré que la route serait fermée.")
    assert [s.content.text for s in again] == [s.content.text for s in first] == ["la route serait fermée"]
