"""The statement list's escaping is markupsafe's, character for character, on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from quidixit.ui.hits import _esc, statement_list


@given(st.one_of(st.text(), st.integers(), st.none()))
def test_escape_is_markupsafes(value):
    assert _esc(value) == str(escape(value))


@given(st.text(min_size=1))
def test_no_value_gets_out_of_its_text_or_attribute(text):
    row = {"content_text": text, "kind": "direct", "speaker_id": text, "speaker": text, "speaker_role": text,
           "speaker_type": text, "cue_text": text, "outlet": text, "published": text, "article_id": text, "idx": 0,
           "title": text}
    html = str(statement_list([row], {}, lambda p: "/base" + p))
    escaped = str(escape(text))
    assert html.count("<") == statement_list([dict(row, **{k: "x" for k in row if k != "idx"})], {}, lambda p: "/base" + p).count("<")
    assert ("<" not in text) or escaped in html
    assert 'href="/base/speakers/' in html and 'href="/base/outlets/' in html and 'href="/base/articles/' in html
