"""The alternative the claims job was measured against: pyspark.ml's MinHashLSH with an
approximate similarity join, on the same FreSaDa gold (and its time on generated statements).

    .venv/bin/python eval/claims/spark_minhashlsh.py [--distance 0.7] [--bench 20000]

Statements -> word 3-shingles (quidixit.claim_clusters.shingles, so the texts are compared the
same way) -> HashingTF (binary, 2^20) -> MinHashLSH (5 hash tables) -> approxSimilarityJoin of
the statements with themselves at Jaccard distance <= --distance -> pairs of the same speaker
-> connected components. Scored with make_gold.py's pairwise scorer at the verbatim level.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent / "bench"))


def lsh_pairs(spark, refs, distance: float):
    from pyspark.ml.feature import HashingTF, MinHashLSH
    from pyspark.sql import functions as F

    from quidixit.claim_clusters import VERBATIM_KINDS, quoted_words, shingles

    rows = [(r.statement_id, r.speaker, sorted(shingles(quoted_words(r.kind, r.text))))
            for r in refs if r.kind in VERBATIM_KINDS]
    rows = [x for x in rows if x[2]]
    df = spark.createDataFrame(rows, "id string, speaker string, sh array<string>")
    df = HashingTF(inputCol="sh", outputCol="v", numFeatures=1 << 20, binary=True).transform(df)
    model = MinHashLSH(inputCol="v", outputCol="h", numHashTables=5, seed=1).fit(df)
    t = time.perf_counter()
    pairs = (model.approxSimilarityJoin(df, df, distance, distCol="d")
             .where((F.col("datasetA.id") < F.col("datasetB.id")) & (F.col("datasetA.speaker") == F.col("datasetB.speaker")))
             .select(F.col("datasetA.id").alias("a"), F.col("datasetB.id").alias("b")).collect())
    return [(p["a"], p["b"]) for p in pairs], time.perf_counter() - t


def components(ids, pairs):
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    return {i: find(i) for i in ids}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--distance", type=float, default=0.7)
    ap.add_argument("--bench", type=int, default=0, help="also time both on this many generated statements")
    args = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    import make_gold as g

    from quidixit.claim_store import statements_for_claims
    from quidixit.run.spark import spark_session
    from quidixit.store import connect

    spark = spark_session("local[2]", {"spark.sql.shuffle.partitions": "8"}, app_name="minhashlsh")
    conn = connect(g.DB)
    sts = g._statements(conn)
    index: dict = {}
    for s in sts:
        index.setdefault(s["fid"], []).append(s)
    refs = statements_for_claims(conn)
    pairs, secs = lsh_pairs(spark, refs, args.distance)
    member = components([r.statement_id for r in refs], pairs)
    labels = [lab for lab in g.read_labels() if lab["label"] in ("verbatim", "different")]
    out = {"distance": args.distance, "verbatim": g.score(labels, member, index, {"verbatim"}), "join_seconds": round(secs, 2)}
    if args.bench:
        import bench_claims as b

        from quidixit.claim_clusters import cluster

        gen = b.generate(args.bench, b.real_quotes(b.FRESADA))
        _, lsh_secs = lsh_pairs(spark, gen, args.distance)
        t = time.perf_counter()
        cluster(gen)
        out["bench"] = {"n": args.bench, "minhashlsh_join_local2_s": round(lsh_secs, 2),
                        "quidixit_cluster_1core_s": round(time.perf_counter() - t, 2)}
    spark.stop()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
