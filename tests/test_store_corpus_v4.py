"""Store version 4 (issue 10): named speakers only, one article once, the migration of
older stores, and replacing an article's statements (re-analysis)."""

from __future__ import annotations

import json
import sqlite3

from quidixit.model import Analysis, Article, Content, Speaker, Statement
from quidixit.read import read_sources
from quidixit.store import SCHEMA_VERSION, Store, connect, is_named, migrate, speaker_id
from quidixit.model import text_key


def said(text, content, name, typ="person"):
    i = text.index(content)
    return Statement("indirect", Content(i, i + len(content), content), None, Speaker(0, 3, text[:3], name, typ))


def an(text, *sts, url=None, title=None, id=None):
    return Analysis(Article(text, id=id, url=url, title=title).with_id(), tuple(sts))


def test_regression_10_pronouns_and_bare_nouns_are_not_corpus_speakers(tmp_path):
    text = "Ils disent que A. La direction dit que B. Lavrov dit que C. Le ministère de la Santé dit que D."
    with Store(tmp_path / "s.db") as s:
        s.write_batch([an(text, said(text, "A", "Ils", "unknown"), said(text, "B", "direction", "organization"),
                          said(text, "C", "Sergueï Lavrov"), said(text, "D", "ministère de la Santé", "organization"),
                          said(text, "que", "président de la République"))])
        names = [r[0] for r in s.conn.execute("SELECT name FROM speakers ORDER BY name")]
        assert names == ["Sergueï Lavrov", "ministère de la Santé"]
        local = s.conn.execute("SELECT speaker_name FROM statements WHERE speaker_id IS NULL ORDER BY 1").fetchall()
        assert [r[0] for r in local] == ["Ils", "direction", "président de la République"]  # kept, but local


def test_is_named_both_ways():
    for yes in ("Sergueï Lavrov", "NASA", "La Poste", "l'ONU", "président Obama", "Nations unies"):
        assert is_named(yes), yes
    for no in ("Ils", "eux", "Nous", "Ce dernier", "direction", "documentaire", "le maire", "", None,
               "porte-parole de la police", "classement mondial 2011-2012"):
        assert not is_named(no), no
    assert is_named("ministère de l'Intérieur", "organization") and not is_named("président de la République", "person")


def test_two_different_martins_stay_apart_and_a_surname_joins_the_only_full_name(tmp_path):
    t = "Martin dit que A. Paul Martin dit que B. Anne Martin dit que C. Lavrov dit que D. Serguei Lavrov dit que E."
    with Store(tmp_path / "s.db") as s:
        s.write_batch([an(t, said(t, "A", "Martin"), said(t, "B", "Paul Martin"), said(t, "C", "Anne Martin"),
                          said(t, "D", "Lavrov"), said(t, "E", "Serguei Lavrov"))])
        sid = dict(s.conn.execute("SELECT speaker_name, speaker_id FROM statements").fetchall())
    assert sid["Paul Martin"] != sid["Anne Martin"] and sid["Martin"] not in (sid["Paul Martin"], sid["Anne Martin"])
    assert sid["Lavrov"] == sid["Serguei Lavrov"] == speaker_id("serguei lavrov")


def test_regression_10_one_article_once_whatever_the_reader(tmp_path):
    text = "Le maire a dit que le pont ouvrira."
    with Store(tmp_path / "s.db") as s:
        first = s.write_batch([an(text, url="https://www.example.org/a/1")])
        same_url = s.write_batch([an(text + " Mise à jour.", url="http://example.org/a/1/")])
        same_text = s.write_batch([an("Titre\n\n" + text.replace(" ", "\u202f", 1), title="Titre", url="https://x.org/2")])
        assert (first["new"], same_url["present"], same_text["present"]) == (1, 1, 1)
        assert s.count("articles") == 1


def test_the_sample_jsonl_and_warc_copies_are_one_article_each():
    from pathlib import Path

    sample = Path(__file__).parents[1] / "src/quidixit/data/sample"
    jsonl = {text_key(a.text, a.title) for a in read_sources([sample / "wikinews-fr.jsonl"])}
    warc = [a for a in read_sources([sample / "wikinews-fr.warc.gz"])]
    assert len(warc) == 10 and all(text_key(a.text, a.title) in jsonl for a in warc)
    assert {a.outlet for a in warc} == {"Wikinews (fr)"}  # fr.wikinews.org, named
    read = list(read_sources([sample]))
    assert not any("ATTRIBUTION" in (a.source or "") for a in read)  # not an article


def test_migration_to_v4_normalises_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    migrate(conn, to=3)
    conn.execute("INSERT INTO outlets (id, name) VALUES (1, 'fr.wikinews.org'), (2, 'Wikinews (fr)')")
    for aid, outlet, published, text in [("a", 2, "22 juin 2012", "Texte un."), ("b", 1, "22 juin 2012", "Texte  un."),
                                         ("c", 2, "hier", "Texte deux.")]:
        conn.execute("INSERT INTO articles (id, outlet_id, published, text) VALUES (?, ?, ?, ?)", (aid, outlet, published, text))
    for i, (aid, name) in enumerate([("a", "Ils"), ("b", "Lavrov"), ("c", "Lavrov")]):
        conn.execute("INSERT INTO statements (id, article_id, idx, kind, content_start, content_end, content_text, "
                     "speaker_name, speaker_type) VALUES (?, ?, 0, 'indirect', 0, 5, 'Texte', ?, 'person')", (f"s{i}", aid, name))
    conn.close()
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
        c = s.conn
        rows = {r[0]: (r[1], json.loads(r[2] or "{}"), r[3]) for r in c.execute("SELECT id, published, meta, outlet_id FROM articles")}
        assert set(rows) == {"a", "c"}  # "b" was the same text again
        assert rows["a"][:2] == ("2012-06-22", {"published_raw": "22 juin 2012"}) and rows["c"][0] is None
        assert [r[0] for r in c.execute("SELECT name FROM outlets")] == ["Wikinews (fr)"]
        assert c.execute("SELECT published FROM statements WHERE id = 's0'").fetchone()[0] == "2012-06-22"
        assert c.execute("SELECT n FROM counts WHERE facet = ''").fetchone()[0] == 2
        assert c.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'texte'").fetchone()[0] == 2


def test_replace_gives_the_new_statements_and_recounts_speakers(tmp_path):
    text = "Lavrov dit que A. Borne dit que B."
    a = an(text, said(text, "A", "Serguei Lavrov"))
    with Store(tmp_path / "s.db") as s:
        s.write_batch([a])
        b = Analysis(a.article, (said(text, "B", "Élisabeth Borne"),))
        assert s.write_batch([b])["present"] == 1  # not replaced unless asked
        out = s.write_batch([b], replace=True)
        assert (out["new"], out["replaced"]) == (0, 1)
        assert [r[0] for r in s.conn.execute("SELECT name FROM speakers")] == ["Élisabeth Borne"]
        assert [r[0] for r in s.conn.execute("SELECT content_text FROM statements")] == ["B"]
        assert s.conn.execute("SELECT n FROM counts WHERE facet = ''").fetchone()[0] == 1
        again = s.write_batch([b], replace=True)  # idempotent
        assert again["replaced"] == 1 and s.count("statements") == 1


def test_regression_10_title_and_initialled_mentions_join_the_full_name(tmp_path):
    t = "Obama dit que A. B. Obama dit que B. président Obama dit que C. Barack Obama dit que D."
    with Store(tmp_path / "s.db") as s:
        s.write_batch([an(t, said(t, "A", "Obama"), said(t, "B", "B. Obama"), said(t, "C", "président Obama"),
                          said(t, "D", "Barack Obama"))])
        assert [r[0] for r in s.conn.execute("SELECT name FROM speakers")] == ["Barack Obama"]
        assert s.conn.execute("SELECT n_statements FROM speakers").fetchone()[0] == 4
    # two full names with that initial: the initialled one stays apart
    t2 = "Paul Martin dit que A. Pierre Martin dit que B. P. Martin dit que C."
    with Store(tmp_path / "t.db") as s:
        s.write_batch([an(t2, said(t2, "A", "Paul Martin"), said(t2, "B", "Pierre Martin"), said(t2, "C", "P. Martin"))])
        assert sorted(r[0] for r in s.conn.execute("SELECT name FROM speakers")) == ["P. Martin", "Paul Martin", "Pierre Martin"]


def test_migration_to_v4_rekeys_title_words_and_unlinks_pronouns(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    migrate(conn, to=3)
    conn.execute("INSERT INTO articles (id, text) VALUES ('a', 'x')")
    rows = [("président Obama", "president obama"), ("Barack Obama", "barack obama"), ("Ils", "ils")]
    for i, (name, key) in enumerate(rows):
        sid = speaker_id(key)
        conn.execute("INSERT INTO speakers (id, name, key, family, type, n_statements, n_articles) VALUES (?, ?, ?, ?, 'person', 1, 1)",
                     (sid, name, key, key.split()[-1]))
        conn.execute("INSERT INTO speaker_aliases (alias, speaker_id, key, family, type, n_statements) VALUES (?, ?, ?, ?, 'person', 1)",
                     (name, sid, key, key.split()[-1]))
        conn.execute("INSERT INTO statements (id, article_id, idx, kind, content_start, content_end, content_text, speaker_name, "
                     "speaker_type, speaker_id) VALUES (?, 'a', ?, 'indirect', 0, 1, 'x', ?, 'person', ?)", (f"s{i}", i, name, sid))
    conn.close()
    with Store(path) as s:
        speakers = s.conn.execute("SELECT name, n_statements FROM speakers").fetchall()
        assert [tuple(r) for r in speakers] == [("Barack Obama", 2)]
        linked = dict(s.conn.execute("SELECT speaker_name, speaker_id FROM statements").fetchall())
        assert linked == {"président Obama": speaker_id("barack obama"), "Barack Obama": speaker_id("barack obama"), "Ils": None}
