"""Claims at corpus scale on Spark: the same clustering as the store's, sharded by speaker.

Claims never cross speakers, so the job repartitions the statements by their speaker key
and runs :func:`quidixit.claim_clusters.cluster` (datasketch MinHash LSH, the containment
check, the paraphrase level) on each speaker's statements in ``mapInArrow`` (Arrow
batches in and out: no pandas, and Spark Connect supports it); the
paraphrase level gets the document frequencies of the whole corpus (computed by Spark,
broadcast), so the result is the one ``cluster()`` gives on all statements at once.
Why not ``pyspark.ml.feature.MinHashLSH`` with ``approxSimilarityJoin``: that join
compares across speakers before it can drop the pairs of two speakers, needs a
vocabulary-sized feature vector per statement, and gives a Jaccard distance only, not
the containment that lets a cut version join the full one; measured on the claims gold
it finds fewer pairs (recall 0.829 against 0.878) in twice the time (docs/claims.md).

    quidixit spark-claims OUTPUT          # OUTPUT of `quidixit spark`: writes OUTPUT/claims/
    quidixit load-parquet OUTPUT --db corpus.db   # loads articles, statements and claims

Output ``claims/part-*.parquet``: one row per statement of a claim, columns
:data:`CLAIM_ROW_COLUMNS` (the claim's fields repeated on each of its statements).
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from quidixit.claim_clusters import ClaimSettings, StatementRef, cluster, document_frequencies, speaker_block

__all__ = ["CLAIM_ROW_COLUMNS", "REF_COLUMNS", "claim_rows", "cluster_dataframe", "statements_dataframe", "run",
           "read_claim_rows", "write_claim_rows"]

REF_COLUMNS = ("statement_id", "article_id", "speaker", "speaker_name", "kind", "text", "outlet", "published")
CLAIM_ROW_COLUMNS = (
    "claim_id", "speaker", "speaker_name", "claim_text", "canonical_statement_id", "first_statement_id",
    "first_article_id", "first_outlet", "first_published", "first_reason", "n_statements", "n_articles",
    "n_outlets", "n_misquotes", "since", "until",
    "statement_id", "level", "variant", "misquote", "similarity", "quoted", "reference_id", "differences",
)
_INTS = {"n_statements", "n_articles", "n_outlets", "n_misquotes"}
_BOOLS = {"variant", "misquote"}


def _arrow_types():
    import pyarrow as pa

    return {c: pa.int64() if c in _INTS else pa.bool_() if c in _BOOLS else pa.float64() if c == "similarity"
            else pa.string() for c in CLAIM_ROW_COLUMNS}


class _LazyArrow(dict):
    def __missing__(self, key):
        self.update(_arrow_types())
        return dict.__getitem__(self, key)


_ARROW = _LazyArrow()


def claim_rows(claims) -> Iterator[dict[str, Any]]:
    """Claims as flat rows, one per statement (:data:`CLAIM_ROW_COLUMNS`)."""
    for c in claims:
        f = c.first
        head = {
            "claim_id": c.id, "speaker": c.speaker, "speaker_name": c.speaker_name, "claim_text": c.text,
            "canonical_statement_id": c.canonical_statement_id, "first_statement_id": f.statement_id,
            "first_article_id": f.article_id, "first_outlet": f.outlet, "first_published": f.published,
            "first_reason": c.first_reason, "n_statements": len(c.members), "n_articles": c.articles,
            "n_outlets": c.outlets, "n_misquotes": c.misquotes, "since": c.since, "until": c.until,
        }
        for m in c.members:
            yield {**head, "statement_id": m.statement_id, "level": m.level, "variant": m.variant,
                   "misquote": m.misquote, "similarity": float(m.similarity),
                   "quoted": m.text if m.level == "verbatim" else None, "reference_id": m.reference,
                   "differences": json.dumps([d.__dict__ for d in m.differences], ensure_ascii=False)
                   if m.differences else None}


def _schema():
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    return StructType([
        StructField(c, LongType() if c in _INTS else BooleanType() if c in _BOOLS
                    else DoubleType() if c == "similarity" else StringType())
        for c in CLAIM_ROW_COLUMNS
    ])


def cluster_dataframe(statements, settings: ClaimSettings | None = None):
    """Statements (a DataFrame with :data:`REF_COLUMNS`) -> claim rows (a DataFrame with
    :data:`CLAIM_ROW_COLUMNS`), each speaker's statements clustered together in ``mapInArrow``."""
    from pyspark.sql import functions as F

    settings = settings or ClaimSettings()
    spark = statements.sparkSession
    sdf = statements.where(F.col("speaker").isNotNull()).select(*REF_COLUMNS)
    # document frequencies of the content words over the whole corpus, for the paraphrase level
    terms = F.udf(lambda t: sorted(set(_terms(t or ""))), "array<string>")
    n = sdf.count()
    df_rows = (sdf.select(F.explode(terms("text")).alias("w")).groupBy("w").count().collect())
    doc_freq = spark.sparkContext.broadcast(({r["w"]: r["count"] for r in df_rows}, n))

    schema = _schema()

    def per_partition(batches):
        # all of a speaker's statements are in one partition (repartitioned by speaker)
        import pyarrow as pa

        groups: dict[str, list[StatementRef]] = {}
        for batch in batches:
            for row in batch.to_pylist():
                groups.setdefault(row["speaker"], []).append(StatementRef(*(row[c] for c in REF_COLUMNS)))
        arrow_schema = pa.schema([(f.name, _ARROW[f.name]) for f in schema.fields])
        for speaker in sorted(groups):
            rows = list(claim_rows(cluster(groups[speaker], settings, doc_freq=doc_freq.value)))
            if rows:
                yield pa.RecordBatch.from_pylist(rows, schema=arrow_schema)

    parts = max(1, spark.sparkContext.defaultParallelism * 4)
    return sdf.repartition(parts, "speaker").mapInArrow(per_partition, schema)


def _terms(text: str) -> list[str]:
    from quidixit.claim_clusters import _content_terms

    return _content_terms(text)


def statements_dataframe(spark, output: str):
    """The statements of a ``quidixit spark`` OUTPUT with their article's outlet and date,
    and the speaker key the store would block them by when it has no corpus speaker id."""
    from pyspark.sql import functions as F

    out = output.rstrip("/")
    st = spark.read.parquet(f"{out}/statements")
    ar = spark.read.parquet(f"{out}/articles").select(F.col("id").alias("article_id"), "outlet", "published")
    block = F.udf(lambda name, typ: speaker_block(None, name, typ), "string")
    return (st.join(ar, "article_id", "left")
              .select(F.col("id").alias("statement_id"), "article_id",
                      block("speaker_name", "speaker_type").alias("speaker"), "speaker_name", "kind",
                      F.col("content_text").alias("text"), "outlet", "published"))


def run(output: str, *, spark=None, master: str | None = None, conf: dict[str, str] | None = None,
        settings: ClaimSettings | None = None, mode: str = "overwrite") -> int:
    """Cluster the statements of a ``quidixit spark`` OUTPUT into OUTPUT/claims/. Returns the rows written."""
    from quidixit.run.spark import spark_session

    spark = spark or spark_session(master, conf)
    rows = cluster_dataframe(statements_dataframe(spark, output), settings).cache()
    try:
        rows.write.mode(mode).parquet(f"{output.rstrip('/')}/claims")
        return rows.count()
    finally:
        rows.unpersist()


def read_claim_rows(output: str, batch_size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    """The rows of OUTPUT/claims/ in batches (pyarrow, no Spark)."""
    import pyarrow.dataset as ds

    data = ds.dataset(f"{output.rstrip('/')}/claims", format="parquet")
    for batch in data.to_batches(batch_size=batch_size):
        yield batch.to_pylist()


def write_claim_rows(conn, rows: Iterable[dict[str, Any]]) -> None:
    """Claim rows into the store's claim tables (replacing what those statements had)."""
    seen: set[str] = set()
    for r in rows:
        if r["claim_id"] not in seen:
            seen.add(r["claim_id"])
            conn.execute(
                "INSERT OR REPLACE INTO claims (id, speaker, speaker_id, speaker_name, text, canonical_statement_id, "
                "first_statement_id, first_article_id, first_outlet, first_published, first_reason, n_statements, "
                "n_articles, n_outlets, n_misquotes, since, until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r["claim_id"], r["speaker"], None if r["speaker"].startswith("name:") else r["speaker"],
                 r["speaker_name"], r["claim_text"], r["canonical_statement_id"], r["first_statement_id"],
                 r["first_article_id"], r["first_outlet"], r["first_published"], r["first_reason"], r["n_statements"],
                 r["n_articles"], r["n_outlets"], r["n_misquotes"], r["since"], r["until"]),
            )
        conn.execute(
            "INSERT OR REPLACE INTO claim_statements (statement_id, claim_id, speaker, level, variant, misquote, "
            "similarity, quoted, reference_id, differences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (r["statement_id"], r["claim_id"], r["speaker"], r["level"], int(r["variant"]), int(r["misquote"]),
             r["similarity"], r["quoted"], r["reference_id"], r["differences"]),
        )

