"""quidixit ingest --reanalyze (issue 10): articles of an older extractor version are
analysed again, idempotent and resumable; the others are left alone."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from quidixit import corpus
from quidixit.about import extractor_version
from quidixit.cli import main
from quidixit.model import Article
from quidixit.store import TALLIES_COUNTED, connect

pytestmark = pytest.mark.slow

TEXTS = ["« Nous partirons demain », a déclaré Jean Dupont, le maire de Lyon.",
         "« La grève continuera », a affirmé Marie Curie, la secrétaire du syndicat."]


def test_reanalyze_replaces_only_older_analyses_and_is_idempotent(tmp_path):
    db = tmp_path / "r.db"
    arts = [Article(t, id=f"r{i}", language="fr", published="22 juin 2012") for i, t in enumerate(TEXTS)]
    first = corpus.ingest(arts, db=db, progress=False)
    assert first.new == 2 and first.ok
    conn = connect(db)
    before = [r[0] for r in conn.execute("SELECT id FROM statements ORDER BY id")]
    assert conn.execute("SELECT published FROM articles WHERE id = 'r0'").fetchone()[0] == "2012-06-22"
    # r0 as an older extractor left it: another version, a statement that is not there any more
    conn.execute("UPDATE articles SET extractor_version = 'old' WHERE id = 'r0'")
    conn.execute("UPDATE statements SET content_text = 'stale' WHERE article_id = 'r0'")
    conn.close()

    r = CliRunner().invoke(main, ["ingest", "--reanalyze", "--db", str(db), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "1 stored article analysed again" in r.output
    conn = connect(db)
    assert [r[0] for r in conn.execute("SELECT id FROM statements ORDER BY id")] == before
    assert conn.execute("SELECT count(*) FROM statements WHERE content_text = 'stale'").fetchone()[0] == 0
    assert {r[0] for r in conn.execute("SELECT extractor_version FROM articles")} == {extractor_version()}
    assert conn.execute("SELECT n FROM counts WHERE facet = ''").fetchone()[0] == len(before)
    # and the counts the pages read (tallies, schema 7) are those of the statements now stored
    assert sorted(map(tuple, conn.execute("SELECT * FROM tallies"))) == \
        sorted(map(tuple, conn.execute(f"SELECT * FROM ({TALLIES_COUNTED}) WHERE n > 0 OR articles > 0")))
    again = corpus.ingest([], db=db, progress=False, reanalyze=True)
    assert (again.reanalyzed, again.new) == (0, 0)  # nothing left: idempotent


def test_ingest_without_sources_needs_reanalyze(tmp_path):
    r = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 2 and "QX401" in r.output and "--reanalyze" in r.output
