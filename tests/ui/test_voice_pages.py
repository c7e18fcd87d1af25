"""Voice share in the UI (issue 13): one line on the article page, a chart on the outlet page, and the
same numbers in their JSON."""

from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("datasette", reason="the UI needs `pip install datasette`")

from quidixit import corpus  # noqa: E402
from quidixit.ui import make_datasette  # noqa: E402
from quidixit.voice import voice_share  # noqa: E402


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def ds(store_path):
    d = make_datasette(store_path)
    run(d.invoke_startup())
    return d


def get(ds, path):
    return run(ds.client.get(path))


def test_article_page_has_the_voice_line_and_json_the_numbers(ds, store_path):
    an = next(a for a in corpus.analyses(store_path) if a.article.id == "art-lemonde-1")
    v = voice_share(an)
    assert 0 < v.attributed < v.chars
    r = get(ds, "/articles/art-lemonde-1")
    assert r.status_code == 200
    assert f'<dd class="qx-voice" title="' in r.text and f">{v.line()}</dd>" in r.text
    data = json.loads(get(ds, "/articles/art-lemonde-1.json").text)
    assert data["voice"] == v.to_dict()


def test_outlet_page_has_the_voice_chart_and_json_per_month(ds, store_path):
    r = get(ds, "/outlets/lemonde.fr")
    assert r.status_code == 200
    assert "Whose voice: verbatim, paraphrase, the outlet's own" in r.text
    assert 'class="qx-bar qx-voice-verbatim"' in r.text and "outlet&#39;s own voice" in r.text
    data = json.loads(get(ds, "/outlets/lemonde.fr.json").text)
    expected = {r["outlet"]: r for r in corpus.voice(store_path)}["lemonde.fr"]
    assert data["voice"] == {k: v for k, v in expected.items() if k not in ("outlet", "period")}
    months = corpus.voice(store_path, period="month", outlet="lemonde.fr")
    assert data["voice_per_month"] == [{k: v for k, v in m.items() if k != "outlet"} for m in months
                                       if m["outlet"] != "(all)"]
