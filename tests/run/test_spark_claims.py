"""The claims job on Spark (local mode): the same claims as quidixit.claim_clusters.cluster
on all statements at once, and back into the store through load-parquet."""

from __future__ import annotations

import os

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'quidixit[spark]'")
pa = pytest.importorskip("pyarrow")
import pyarrow.dataset as ds  # noqa: E402

from claims_corpus import analyses  # noqa: E402
from quidixit.claim_clusters import StatementRef, cluster, speaker_block  # noqa: E402
from quidixit.rows import ARTICLE_COLUMNS, STATEMENT_COLUMNS, article_row, statement_rows  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from quidixit.run.spark import spark_session

    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "4"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    """A `quidixit spark` output of the generated multi-outlet corpus, written with pyarrow."""
    out = tmp_path_factory.mktemp("spark-claims") / "out"
    arts, sts = [], []
    for an in analyses():
        a = article_row(an)
        arts.append({**{c: a[c] for c in ARTICLE_COLUMNS}, "lang": "fr", "year": 2024})
        sts += [{**{c: r[c] for c in STATEMENT_COLUMNS}, "lang": "fr", "year": 2024} for r in statement_rows(an)]
    part = ds.partitioning(pa.schema([("lang", pa.string()), ("year", pa.int32())]), flavor="hive")
    ds.write_dataset(pa.Table.from_pylist(arts), str(out / "articles"), format="parquet", partitioning=part)
    ds.write_dataset(pa.Table.from_pylist(sts), str(out / "statements"), format="parquet", partitioning=part)
    return out


def local_rows(analyses_):
    from quidixit.run.spark_claims import claim_rows

    refs = []
    for an in analyses_:
        a = an.article
        for r in statement_rows(an):
            refs.append(StatementRef(r["id"], a.id, speaker_block(None, r["speaker_name"], r["speaker_type"]),
                                     r["speaker_name"], r["kind"], r["content_text"], a.outlet, a.published))
    return list(claim_rows(cluster(refs)))


def test_same_claims_as_the_local_clustering(spark, output):
    from quidixit.run.spark_claims import CLAIM_ROW_COLUMNS, run

    n = run(str(output), spark=spark)
    got = ds.dataset(str(output / "claims"), format="parquet").to_table().to_pylist()
    assert n == len(got) == 6  # every statement with a speaker
    want = local_rows(analyses())
    key = lambda r: r["statement_id"]  # noqa: E731
    assert [{c: r[c] for c in CLAIM_ROW_COLUMNS} for r in sorted(got, key=key)] == sorted(want, key=key)
    dupont = [r for r in got if r["speaker_name"] == "Jean Dupont" and r["n_statements"] == 4]
    assert len(dupont) == 4 and {r["n_outlets"] for r in dupont} == {3}
    assert sum(r["misquote"] for r in dupont) == 1


def test_load_parquet_brings_the_claims(spark, output, tmp_path):
    from quidixit import claims
    from quidixit.run.spark import load_parquet
    from quidixit.run.spark_claims import run

    run(str(output), spark=spark)
    db = tmp_path / "loaded.db"
    load_parquet(str(output), str(db))
    (c,) = claims(db, speaker="Jean Dupont")
    assert c["outlets"] == 3 and c["first"]["outlet"] == "Le Monde" and c["misquotes"] == 1
