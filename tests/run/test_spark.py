"""The Spark runner in local mode: same rows as the local runner, bad documents as error rows.

Real Spark (local[2], SPARK_LOCAL_IP=127.0.0.1), one job over a small bundled
sample (JSONL + WARC + Parquet), shared by the tests of this module.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'quidixit[spark]'")
pa = pytest.importorskip("pyarrow")
import pyarrow.dataset as ds  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from quidixit.model import Analysis, Article, Failure  # noqa: E402
from quidixit.model import text_key  # noqa: E402
from quidixit.rows import ARTICLE_COLUMNS, STATEMENT_COLUMNS, article_row, statement_rows  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "quidixit" / "data" / "sample"
SHARED_WIKINEWS = REPO / ".." / "shared" / "data" / "wikinews-fr" / "articles.jsonl"
N_JSONL, N_PARQUET = 10, 3

BAD_LINES = [
    '{"text": "Il a dit", broken json',  # QX105
    '{"title": "no text field"}',  # QX106
    '{"text": "   "}',  # QX104
    json.dumps({"text": "Un texte\u0000binaire, a-t-il dit."}),  # QX103 (from the analysis check)
]
BAD_CODES = ["QX105", "QX106", "QX104", "QX103"]


def _wikinews_lines() -> list[str]:
    for path in (SAMPLE / "wikinews-fr.jsonl", SHARED_WIKINEWS):
        if path.exists():
            lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            return lines[: N_JSONL + N_PARQUET]
    pytest.skip(f"no Wikinews sample: neither {SAMPLE / 'wikinews-fr.jsonl'} nor {SHARED_WIKINEWS} exists")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("spark-in")
    lines = _wikinews_lines()
    jsonl = tmp / "articles.jsonl"
    good = lines[:N_JSONL]
    # bad records in the middle, so that they share a task with good ones
    jsonl.write_text("\n".join(good[:5] + BAD_LINES + good[5:]) + "\n", encoding="utf-8")
    objs = [json.loads(x) for x in lines[N_JSONL:]]
    parquet = tmp / "more.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": o["id"], "title": o["title"], "date": o["date"], "text": o["text"]} for o in objs]), parquet)
    paths = {"jsonl": jsonl, "parquet": parquet}
    warc = SAMPLE / "wikinews-fr.warc.gz"
    if warc.exists():
        shutil.copy(warc, tmp / "pages.warc.gz")
        paths["warc"] = tmp / "pages.warc.gz"
    return paths


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from quidixit.run.spark import spark_session

    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "4"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def output(spark, inputs, tmp_path_factory):
    from quidixit.run.spark import run

    out = tmp_path_factory.mktemp("spark-out") / "out"
    summary = run([str(p) for p in inputs.values()], str(out), spark=spark)
    return out, summary


@pytest.fixture(scope="module")
def local(inputs) -> list:
    """The local runner's results on the same articles (Parquet rows read as the JSONL reader reads objects)."""
    from quidixit.read import read_sources
    from quidixit.read.jsonl import article_from_object
    from quidixit.run.local import run
    from quidixit.run.spark import with_language

    items = list(read_sources([str(p) for k, p in inputs.items() if k != "parquet"]))
    path = str(inputs["parquet"])
    objs = pq.read_table(path).to_pylist()
    items += with_language(
        [article_from_object(o, f"{path}:{i}", source=path, line=i) for i, o in enumerate(objs, 1)],
        {"languages": ("fr",), "detect_language": True},
    )
    return list(run(items, workers=1))


def _rows(out: Path, name: str, columns) -> list[dict]:
    table = ds.dataset(out / name, format="parquet", partitioning="hive").to_table()
    return sorted(({c: r[c] for c in columns} for r in table.to_pylist()), key=lambda r: (r["id"], r.get("idx", 0)))


def test_statements_equal_the_local_runner(output, local):
    out, _ = output
    expected = sorted(
        (r for an in local if isinstance(an, Analysis) for r in statement_rows(an)), key=lambda r: (r["id"], r["idx"])
    )
    got = _rows(out, "statements", STATEMENT_COLUMNS)
    assert len(got) == len(expected)
    assert got == expected


def test_articles_equal_the_local_runner(output, local):
    out, summary = output
    expected = sorted((article_row(an) for an in local if isinstance(an, Analysis)), key=lambda r: r["id"])
    got = _rows(out, "articles", ARTICLE_COLUMNS)
    assert [r["source"] for r in got] == [r["source"] for r in expected]
    assert got == expected
    assert summary.articles == len(expected) >= N_JSONL + N_PARQUET


def test_bad_records_are_error_rows(output, local, inputs):
    out, summary = output
    errors = ds.dataset(out / "errors", format="parquet").to_table().to_pylist()
    jsonl = str(inputs["jsonl"])
    bad = sorted((e["source"], e["code"]) for e in errors if e["source"].startswith(jsonl))
    assert bad == [(f"{jsonl}:{6 + i}", code) for i, code in enumerate(BAD_CODES)]
    expected = sorted((f.source, f.stage, f.code, f.message) for f in local if isinstance(f, Failure))
    assert sorted((e["source"], e["stage"], e["code"], e["message"]) for e in errors) == expected
    assert summary.errors == len(errors)


def test_partitioned_by_language_and_year(output):
    out, _ = output
    assert (out / "articles" / "lang=fr" / "year=2012").is_dir()
    assert (out / "articles" / "_SUCCESS").exists()
    table = ds.dataset(out / "statements", format="parquet", partitioning="hive").to_table()
    assert set(table.column("lang").to_pylist()) <= {"fr"}


def test_load_parquet_into_the_store(output, local, tmp_path):
    from quidixit.cli import main
    from quidixit.store import Store

    out, summary = output
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(main, ["load-parquet", str(out), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    # one article once (issue 10): the sample WARC's pages are the JSONL's first articles again
    analyses = [an for an in local if isinstance(an, Analysis)]
    unique = len({text_key(an.article.text, an.article.title) for an in analyses})
    assert unique < summary.articles
    assert (counts["new"], counts["present"]) == (unique, summary.articles - unique)
    assert counts["failed"] == summary.errors
    with Store(db) as store:
        assert store.count("articles") == unique
        assert store.count("errors") == summary.errors
        kept = {r[0] for r in store.conn.execute("SELECT id FROM articles")}
        stored = {r[0] for r in store.conn.execute("SELECT id FROM statements")}
    assert stored == {r["id"] for an in analyses if an.article.id in kept for r in statement_rows(an)}
    assert counts["statements"] == len(stored)
    again = json.loads(CliRunner().invoke(main, ["load-parquet", str(out), "--db", str(db), "--json"]).output)
    assert again["new"] == 0 and again["present"] == summary.articles


def test_cli_reuses_the_session_and_refuses_to_overwrite(spark, inputs, tmp_path):
    from quidixit.cli import main

    out = tmp_path / "cli-out"
    args = ["spark", str(inputs["parquet"]), "--output", str(out), "--master", "local[2]"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{N_PARQUET} articles, ")
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1
    assert "already exists; pass --overwrite" in again.output


def test_an_extraction_crash_is_one_error_row(monkeypatch):
    """No Spark needed: the partition step itself. One article that makes the
    extraction raise becomes a QX501 row; its chunk's other articles are kept."""
    import quidixit.pipeline
    from quidixit.run.spark import analyze_partition

    real = quidixit.pipeline.analyze_many

    def fragile(articles, **kw):
        articles = list(articles)
        if any("BOOM" in a.text for a in articles):
            raise RuntimeError("rule crashed")
        return real(articles, **kw)

    monkeypatch.setattr(quidixit.pipeline, "analyze_many", fragile)
    items = [Article(text="« Nous partirons », a dit le maire.", source="a"), Article(text="BOOM a-t-il dit.", source="b")]
    settings = {"lang": "fr", "model": None, "keep_boilerplate": False, "batch_size": 16, "chunk_size": 32,
                "languages": None, "detect_language": False}
    rows = list(analyze_partition(items, settings))
    tables = [r[0] for r in rows]
    assert tables.count("article") == 1 and tables.count("error") == 1
    error = next(r[3] for r in rows if r[0] == "error")
    assert error[0] == "b" and error[2] == "extract" and error[3] == "QX501"
    assert "rule crashed" in error[4]
