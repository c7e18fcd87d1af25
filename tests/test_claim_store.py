"""Claims in the store: tables kept by the single writer, incremental, the API and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import quidixit
from claims_corpus import ALTERED, CUT, ORIGINAL, analyses
from quidixit.claim_store import rebuild
from quidixit.cli import main
from quidixit.store import MIGRATIONS, SCHEMA_VERSION, Store, _migrate_claims, connect, migrate


def statement_id(store, article_id, idx=0):
    return store.conn.execute("SELECT id FROM statements WHERE article_id = ? AND idx = ?", (article_id, idx)).fetchone()[0]


def claim_of(store, sid):
    return store.conn.execute("SELECT claim_id FROM claim_statements WHERE statement_id = ?", (sid,)).fetchone()[0]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "claims.db"
    with Store(path) as store:
        store.write_batch(analyses())
    return path


def test_one_claim_across_three_outlets(db):
    (c,) = quidixit.claims(db, speaker="Jean Dupont")
    assert c["outlets"] == 3 and c["articles"] == 4
    assert c["text"] == ORIGINAL
    assert c["first"]["outlet"] == "Le Monde" and c["first"]["published"] == "2024-03-05"
    assert c["first"]["article_id"] == "lemonde-1"
    assert (c["since"], c["until"]) == ("2024-03-05", "2024-03-07")
    by_article = {s["article_id"]: s for s in c["statements"]}
    assert set(by_article) == {"lemonde-1", "libe-1", "libe-2", "figaro-1"}
    assert by_article["figaro-1"]["misquote"] and by_article["figaro-1"]["variant"]
    assert by_article["libe-1"]["variant"] and not by_article["libe-1"]["misquote"]
    assert not by_article["libe-2"]["variant"]
    assert [s["article_id"] for s in c["statements"]] == ["lemonde-1", "libe-1", "libe-2", "figaro-1"]


def test_jsonl_shape(db):
    (c,) = quidixit.claims(db, speaker="Dupont")
    assert {"id", "speaker", "text", "outlets", "first", "statements"} <= set(c)
    assert {"article_id", "outlet", "published"} <= set(c["first"])
    assert {"statement_id", "article_id", "outlet", "published", "kind", "text", "variant"} <= set(c["statements"][0])


def test_other_statement_and_other_speaker_stay_apart(db):
    with Store(db) as store:
        other = claim_of(store, statement_id(store, "lemonde-1", 1))
        orig = claim_of(store, statement_id(store, "lemonde-1", 0))
        durand = claim_of(store, statement_id(store, "ouest-1", 0))
    assert len({other, orig, durand}) == 3
    assert quidixit.claims(db, speaker="Marie Durand") == []  # one statement: not listed by default
    assert len(quidixit.claims(db, speaker="Marie Durand", min_articles=1)) == 1


def test_incremental_equals_rebuild_and_keeps_ids(tmp_path):
    path = tmp_path / "inc.db"
    items = analyses()
    with Store(path) as store:
        for an in items:  # one batch per article: every statement joins or starts a claim
            store.write_batch([an])
        inc = {r[0]: r[1] for r in store.conn.execute("SELECT statement_id, claim_id FROM claim_statements")}
        n_claims = store.count("claims")
        store.conn.execute("BEGIN")
        rebuild(store.conn)
        store.conn.execute("COMMIT")
        again = {r[0]: r[1] for r in store.conn.execute("SELECT statement_id, claim_id FROM claim_statements")}
        assert inc == again and store.count("claims") == n_claims
        first_id = claim_of(store, statement_id(store, "lemonde-1"))
    with Store(tmp_path / "batch.db") as store:
        store.write_batch(items)
        assert claim_of(store, statement_id(store, "lemonde-1")) == first_id


def test_a_later_article_joins_the_existing_claim(tmp_path):
    path = tmp_path / "late.db"
    first, *rest = analyses()
    with Store(path) as store:
        store.write_batch([first])
        cid = claim_of(store, statement_id(store, "lemonde-1"))
        store.write_batch(rest)
        assert claim_of(store, statement_id(store, "figaro-1")) == cid
        assert tuple(store.conn.execute("SELECT n_outlets, n_misquotes FROM claims WHERE id = ?", (cid,)).fetchone()) == (3, 1)


def test_migration_builds_claims_of_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    conn = connect(path)
    before_claims = MIGRATIONS.index(_migrate_claims)  # the version the claims migration starts from
    migrate(conn, to=before_claims)
    conn.close()
    # write with a store that stops before the claims migration: simulate with the current one, then drop the tables
    with Store(path) as store:
        store.write_batch(analyses())
        store.conn.execute("DROP TABLE claim_statements")
        store.conn.execute("DROP TABLE claims")
        for (trigger,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                             "(name LIKE 'tallies_%' OR name LIKE 'speaker_aliases_a%' OR name = 'articles_bd')").fetchall():
            store.conn.execute(f"DROP TRIGGER {trigger}")  # and what version 7 added
        store.conn.execute("DROP TABLE tallies")
        store.conn.execute("DROP TABLE speaker_aliases_fts")
        store.conn.execute("DROP INDEX statements_outlet_published")
        store.conn.execute("ALTER TABLE statements DROP COLUMN outlet_id")
        store.conn.execute("ALTER TABLE articles DROP COLUMN voice")
        store.conn.execute(f"PRAGMA user_version = {before_claims}")
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.count("claims") > 0
    (c,) = quidixit.claims(path, speaker="Dupont")
    assert c["outlets"] == 3


def test_deleting_an_article_drops_its_claim_rows(db):
    with Store(db) as store:
        store.conn.execute("DELETE FROM articles WHERE id = 'figaro-1'")
        assert store.conn.execute("SELECT count(*) FROM claim_statements cs LEFT JOIN statements s ON s.id = "
                                  "cs.statement_id WHERE s.id IS NULL").fetchone()[0] == 0


def test_filters(db):
    assert len(quidixit.claims(db, min_outlets=3)) == 1
    assert quidixit.claims(db, min_outlets=4) == []
    assert len(quidixit.claims(db, since="2024-03-07")) == 1
    assert quidixit.claims(db, until="2024-03-04") == []
    assert len(quidixit.claims(db, misquotes=True)) == 1
    with pytest.raises(quidixit.UsageError, match=r"\[QX401\] Bad --since date"):
        quidixit.claims(db, since="last week")


def test_export_carries_claim_ids(db, tmp_path):
    from quidixit.corpus import export

    out = tmp_path / "st.csv"
    export(db, out, "csv")
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.endswith(",claim_id")
    assert all(r.rsplit(",", 1)[1] for r in rows)  # every statement with a speaker has its claim


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_text(db):
    r = invoke("claims", "--db", str(db), "--speaker", "Jean Dupont")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split("  ", 1)[1] == "Jean Dupont · 3 outlets, 4 articles · 4 statements · 2024-03-05 → 2024-03-07 · 1 possible misquote(s)"
    assert lines[2] == "  first: Le Monde 2024-03-05 (earliest publication date (2024-03-05))"
    assert "MISQUOTE?" in r.output and "Le Figaro" in r.output


def test_cli_jsonl(db):
    r = invoke("claims", "--db", str(db), "--format", "jsonl", "--min-outlets", "2")
    assert r.exit_code == 0
    (line,) = r.output.splitlines()
    c = json.loads(line)
    assert c["speaker"] == "Jean Dupont" and c["outlets"] == 3
    assert [s["variant"] for s in c["statements"]] == [False, True, False, True]
    texts = [s["text"] for s in c["statements"]]
    assert texts[1] == CUT and texts[3] == ALTERED


def test_cli_bad_date_is_a_usage_error(db):
    r = CliRunner().invoke(main, ["claims", "--db", str(db), "--since", "hier"])
    assert r.exit_code == 2 and "[QX401]" in r.output


def test_cli_csv_and_parquet(db, tmp_path):
    r = invoke("claims", "--db", str(db), "--format", "csv", "--min-articles", "1")
    assert r.output.splitlines()[0].startswith("claim_id,speaker,")
    pq = tmp_path / "c.parquet"
    r = invoke("claims", "--db", str(db), "--format", "parquet", "-o", str(pq))
    import pyarrow.parquet as p

    assert p.read_table(pq).num_rows == 4


def test_incremental_over_months_equals_rebuild(tmp_path):
    """Articles a year apart, written one by one: the update re-clusters only the window around
    each new statement (with the whole claims it touches), and ends where a rebuild ends."""
    from claims_corpus import article

    from quidixit.claim_store import statements_for_claims
    from quidixit.claim_clusters import cluster

    quote = "Nous allons réformer le code du travail par ordonnances avant la fin de l'été prochain"
    other = "La sécurité des Français est la première des libertés et nous la garantirons partout"
    items = [
        article("m1", "Le Monde", "2023-01-10", [(quote, "Jean Dupont")], "m1"),
        article("f1", "Le Figaro", "2023-01-12", [(quote + " sans attendre", "Jean Dupont")], "f1"),
        article("m2", "Le Monde", "2023-09-01", [(other, "Jean Dupont")], "m2"),
        article("l2", "Libération", "2023-09-03", [(other, "Jean Dupont")], "l2"),
        article("x1", "La Croix", "2023-01-20", [(quote, "Jean Dupont")], "x1"),  # late: joins the January claim
        article("u1", "Ouest-France", None, [(other, "Jean Dupont")], "u1"),  # undated: may join any
    ]
    path = tmp_path / "months.db"
    with Store(path) as store:
        for an in items:
            store.write_batch([an])
        inc = {r[0]: r[1] for r in store.conn.execute("SELECT statement_id, claim_id FROM claim_statements")}
        rows = {tuple(r) for r in store.conn.execute("SELECT * FROM claims")}
        assert len({inc[statement_id(store, a)] for a in ("m1", "f1", "x1")}) == 1
        assert len({inc[statement_id(store, a)] for a in ("m2", "l2", "u1")}) == 1
        assert inc[statement_id(store, "m1")] != inc[statement_id(store, "m2")]
        store.conn.execute("BEGIN")
        rebuild(store.conn)
        store.conn.execute("COMMIT")
        assert {r[0]: r[1] for r in store.conn.execute("SELECT statement_id, claim_id FROM claim_statements")} == inc
        assert {tuple(r) for r in store.conn.execute("SELECT * FROM claims")} == rows
        assert len(cluster(statements_for_claims(store.conn))) == store.count("claims")
