"""The data model's interchange JSON and flat rows: what goes out comes back,
an unresolved speaker (``name`` None) included."""

from __future__ import annotations

import json

from quidixit.model import Analysis, Article, Content, Cue, Speaker, Statement
from quidixit.rows import analysis_from_rows, article_row, statement_rows

TEXT = "Ils ont affirmé que la grève continuerait. Selon Paul Martin, rien n'est joué."


def _analysis() -> Analysis:
    unresolved = Statement(
        "indirect", Content(20, 41, TEXT[20:41]), Cue(4, 15, "ont affirmé", "affirmer"),
        Speaker(0, 3, "Ils", None, "unknown"), 0.85,
    )
    named = Statement(
        "according_to", Content(61, 77, TEXT[61:77]), Cue(43, 48, "Selon", "selon"),
        Speaker(49, 59, "Paul Martin", "Paul Martin", "person"), 0.9,
    )
    return Analysis(Article(text=TEXT, title="Grève : rien n'est joué").with_id(), (unresolved, named))


def test_unresolved_speaker_is_null_in_json_and_comes_back_null():
    an = _analysis()
    d = json.loads(json.dumps(an.to_dict()))
    assert d["statements"][0]["speaker"] == {"start": 0, "end": 3, "text": "Ils", "name": None, "type": "unknown", "role": None}
    back = Analysis.from_dict(d, TEXT)
    assert back.statements == an.statements
    assert back.statements[0].speaker.name is None  # not "Ils"


def test_speaker_without_a_name_key_gives_its_mention_and_an_empty_name_gives_none():
    base = {"start": 0, "end": 3, "text": "Ils", "type": "group"}
    assert Speaker.from_dict(base).name == "Ils"  # files written before names existed
    assert Speaker.from_dict(dict(base, name="")).name is None
    assert Speaker.from_dict(dict(base, name=None)).name is None


def test_unresolved_speaker_survives_the_flat_rows():
    an = _analysis()
    rows = statement_rows(an)
    assert (rows[0]["speaker_text"], rows[0]["speaker_name"], rows[0]["speaker_type"]) == ("Ils", None, "unknown")
    back = analysis_from_rows(article_row(an), rows)
    assert back.statements == an.statements
    assert back.statements[0].speaker.name is None
