"""Run the extraction on Apache Spark: the same step code as the local runner,
sharded by Spark.

Spark only reads, shards and writes. Everything that touches a document runs
in :func:`analyze_partition`, which calls :func:`quidixit.pipeline.analyze_many`
(the very function the local runner calls) and turns each result into the flat
rows of :mod:`quidixit.rows`. The spaCy model is loaded once per executor Python
process (``quidixit.pipeline.load`` is cached at module level, and Spark reuses
its Python workers), never per record or per partition.

Output, under ``OUTPUT/``::

    articles/lang=fr/year=2012/part-*.parquet    quidixit.rows.ARTICLE_COLUMNS
    statements/lang=fr/year=2012/part-*.parquet  quidixit.rows.STATEMENT_COLUMNS
    errors/part-*.parquet                        ERROR_COLUMNS

``lang`` and ``year`` are derived partition columns (the language the article
was analysed as; the first year found in ``published``, null when none), so
the row columns stay exactly those of :mod:`quidixit.rows`. See ``docs/scale.md``.

pyspark is imported inside the functions that need it: this module imports
without it, and :func:`analyze_partition` runs without it.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from quidixit.errors import Errors, UsageError
from quidixit.model import Analysis, Article, Failure, Skipped
from quidixit.rows import ARTICLE_COLUMNS, STATEMENT_COLUMNS, article_row, statement_rows

__all__ = [
    "ERROR_COLUMNS",
    "PARTITION_COLUMNS",
    "FORMATS",
    "SparkSummary",
    "run",
    "spark_session",
    "analyze_partition",
    "articles_from_lines",
    "articles_from_records",
    "articles_from_warc",
    "detect_format",
    "error_row",
    "with_language",
    "read_output",
    "load_parquet",
]

ERROR_COLUMNS = ("source", "article_id", "stage", "code", "message")
PARTITION_COLUMNS = ("lang", "year")
FORMATS = ("jsonl", "parquet", "warc")

# Split inputs into pieces of about this size: ~2,500 French news articles,
# a couple of minutes of one core, so a lost task costs little to redo.
DEFAULT_SPLIT_BYTES = 8 * 1024 * 1024

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
    ".warc": "warc", ".arc": "warc",
}


# --------------------------------------------------------------------------
# The step code. Runs in executor Python workers; no pyspark needed.
# --------------------------------------------------------------------------

def detect_format(path: str) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` from a file name (``.gz``/``.bz2`` ignored)."""
    name = path.rstrip("/").rsplit("/", 1)[-1].lower()
    for comp in (".gz", ".bz2", ".zst"):
        if name.endswith(comp):
            name = name[: -len(comp)]
    for suffix, fmt in _SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    return None


def _year(published: str | None) -> int | None:
    m = _YEAR.search(published or "")
    return int(m.group(1)) if m else None


def error_row(item: Failure | Skipped) -> tuple:
    if isinstance(item, Skipped):
        from quidixit.pipeline import SUPPORTED_LANGUAGES

        message = Errors.QX109.format(path=item.source, language=item.language, supported=", ".join(SUPPORTED_LANGUAGES))
        return (item.source, item.article_id, "skip", "QX109", message)
    return (item.source, item.article_id, item.stage, item.code, item.message)


def _failure(source: str, message: str, stage: str, article_id: str | None = None) -> Failure:
    return Failure(source, message, stage, article_id, message[1:6] if message.startswith("[QX") else None)


def _local(path: str) -> str:
    """``file:/a/b`` -> ``/a/b``, so that sources read the same as the local readers'."""
    return path[5:] if path.startswith("file:/") and not path.startswith("file://") else path


def articles_from_lines(path: str, lines: Iterable[tuple[int, str]]) -> Iterator[Article | Failure]:
    """JSONL lines ``(line number, text)`` of ``path`` -> Article, or Failure for a bad line.

    Each object goes through the JSONL reader's own ``article_from_object``, so
    an article read here is the one the local runner reads (source ``path:line``).
    """
    from quidixit.read.jsonl import article_from_object

    path = _local(path)
    for lineno, line in lines:
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield _failure(where, Errors.QX105.format(path=path, line=lineno, reason=f"{e.msg} at column {e.colno}"), "read")
            continue
        if not isinstance(obj, dict):
            reason = f"a JSON {type(obj).__name__}, not an object"
            yield _failure(where, Errors.QX105.format(path=path, line=lineno, reason=reason), "read")
            continue
        yield article_from_object(obj, where, source=path, line=lineno)


def articles_from_records(records: Iterable[tuple[str, int, dict[str, Any]]]) -> Iterator[Article | Failure]:
    """Parquet rows ``(file, row index, columns)`` -> Article; needs a ``text`` column,
    reads the same columns as a JSONL object (source ``file:row``, from 1)."""
    from quidixit.read.jsonl import article_from_object

    for path, index, record in records:
        path = _local(path)
        obj = {k: v for k, v in record.items() if v is not None}
        if "n_statements" in obj and isinstance(obj.get("meta"), str):  # a quidixit articles/ dataset read back
            obj.pop("id", None)  # the stable id is recomputed; the external one is in meta
            try:
                obj.update(json.loads(obj.pop("meta")) or {})
            except ValueError:
                pass
        for derived in ("source", "boilerplate", "scare_quotes", "n_statements", *PARTITION_COLUMNS):
            obj.pop(derived, None)
        yield article_from_object(obj, f"{path}:{index + 1}", source=path, line=index + 1)


def articles_from_warc(path: str, data: bytes) -> Iterator[Article | Failure]:
    """The articles of one WARC/ARC file's bytes, through the readers' WARC module."""
    from quidixit.read.warc import read_warc

    path = _local(path)
    try:
        yield from read_warc(io.BytesIO(data), path)
    except Exception as err:  # a broken file is one error row, never a failed task
        yield _failure(path, Errors.QX505.format(path=path, reason=f"{type(err).__name__}: {err}"), "read")


def with_language(items: Iterable[Article | Failure], settings: dict) -> Iterator[Article | Failure | Skipped]:
    """The readers' steps, as ``quidixit.read.read_sources`` applies them: dates and
    outlets normalised (``quidixit.read.normalise_article``), then the language an
    article gives, else the detected one; others become Skipped."""
    from quidixit.read import normalise_article
    from quidixit.read import with_language as step
    from quidixit.read.language import normalize_language

    languages = settings.get("languages")
    wanted = None if languages is None else {normalize_language(x) for x in languages}
    detect = settings.get("detect_language", True)
    for item in items:
        yield step(normalise_article(item), wanted, detect) if isinstance(item, Article) else item


def _analyze_chunk(chunk: list, settings: dict) -> list:
    """Like ``quidixit.run.local._work``: articles analysed, the rest passed through in place.

    If the extraction raises on a chunk, its articles are redone one by one, so
    that only the article that breaks it becomes an error row (QX501).
    """
    from quidixit.pipeline import analyze_many

    def analyzed(todo: list[Article]) -> list:
        return list(
            analyze_many(
                todo,
                lang=settings["lang"],
                model=settings["model"],
                keep_boilerplate=settings["keep_boilerplate"],
                batch_size=settings["batch_size"],
            )
        )

    todo = [a for a in chunk if isinstance(a, Article)]
    try:
        done = analyzed(todo)
    except Exception:
        done = []
        for art in todo:
            try:
                done.extend(analyzed([art]))
            except Exception as err:
                art = art.with_id()
                src = art.source or art.id or "?"
                done.append(_failure(src, Errors.QX501.format(source=src, reason=f"{type(err).__name__}: {err}"), "extract", art.id))
    it = iter(done)
    return [next(it) if isinstance(a, Article) else a for a in chunk]


def _result_rows(item: Analysis | Failure | Skipped, lang: str) -> Iterator[tuple]:
    if isinstance(item, Analysis):
        a = item.article
        from quidixit.pipeline import article_language

        part = (article_language(a, lang), _year(a.published))
        arow = article_row(item)
        yield ("article", tuple(arow[c] for c in ARTICLE_COLUMNS) + part, None, None)
        for srow in statement_rows(item):
            yield ("statement", None, tuple(srow[c] for c in STATEMENT_COLUMNS) + part, None)
    else:
        yield ("error", None, None, error_row(item))


def analyze_partition(items: Iterable[Article | Failure | Skipped], settings: dict) -> Iterator[tuple]:
    """One partition in, tagged rows out: ``(table, article, statement, error)``.

    ``table`` is "article", "statement" or "error"; the other fields are the row
    tuples in the column order of ``quidixit.rows`` plus the partition columns.
    Articles first go through the readers' language step (:func:`with_language`).
    A bad document becomes an error row; nothing here raises for one document.
    """
    lang = settings["lang"]
    it = iter(with_language(items, settings))
    while chunk := list(itertools.islice(it, settings["chunk_size"])):
        for item in _analyze_chunk(chunk, settings):
            try:
                yield from _result_rows(item, lang)
            except Exception as err:
                src = getattr(getattr(item, "article", None), "source", None) or "?"
                yield ("error", None, None, error_row(_failure(src, Errors.QX501.format(source=src, reason=err), "extract")))


# --------------------------------------------------------------------------
# The executor: Spark reads, shards and writes.
# --------------------------------------------------------------------------

def _schemas():
    from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType

    ints = {"n_statements", "idx", "content_start", "content_end", "cue_start", "cue_end", "speaker_start", "speaker_end"}

    def struct(columns):
        fields = [
            StructField(c, DoubleType() if c == "confidence" else IntegerType() if c in ints else StringType())
            for c in columns
        ]
        return StructType(fields)

    part = [StructField("lang", StringType()), StructField("year", IntegerType())]
    article = StructType(struct(ARTICLE_COLUMNS).fields + part)
    statement = StructType(struct(STATEMENT_COLUMNS).fields + part)
    error = struct(ERROR_COLUMNS)
    return StructType([
        StructField("table", StringType(), False),
        StructField("article", article),
        StructField("statement", statement),
        StructField("error", error),
    ])


def spark_session(master: str | None = None, conf: dict[str, str] | None = None, app_name: str = "quidixit"):
    """A SparkSession with quidixit's settings; reuses the active one (spark-submit)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit: its settings rule
    if (master or "").startswith("local") or (master is None and not submitted):
        # Local workers must run this interpreter, the one that has quidixit and the model.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {
        "spark.python.worker.reuse": "true",  # one model load per Python worker, kept across tasks
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.sources.partitionOverwriteMode": "static",
        "spark.executorEnv.OMP_NUM_THREADS": "1",  # spaCy on CPU: one thread per task (spark.task.cpus=1)
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel(os.environ.get("QUIDIXIT_SPARK_LOG", "ERROR"))
    return spark


def _list_files(spark, inputs: Sequence[str]) -> list[tuple[str, int]]:
    """Files (URI, size) under the inputs, through Hadoop's FileSystem: local, hdfs://, s3a://, globs, folders."""
    jvm = spark.sparkContext._jvm
    hconf = spark.sparkContext._jsc.hadoopConfiguration()
    out: list[tuple[str, int]] = []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(hconf)
        statuses = fs.globStatus(path)
        if not statuses:
            raise UsageError(Errors.QX101.format(path=given))
        for st in statuses:
            if st.isDirectory():
                it = fs.listFiles(st.getPath(), True)
                found = []
                while it.hasNext():
                    f = it.next()
                    name = f.getPath().getName()
                    if not name.startswith(("_", ".")):
                        found.append((f.getPath().toString(), f.getLen()))
                out.extend(sorted(found))
            else:
                out.append((st.getPath().toString(), st.getLen()))
    return out


# Every input becomes rows of one "documents" DataFrame (DOCUMENT_COLUMNS); one mapInArrow
# step turns them into articles with the readers' own functions and analyses them.
DOCUMENT_COLUMNS = ("format", "path", "split", "pos", "line", "data", "record")


def _documents_schema():
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

    return StructType([
        StructField("format", StringType(), False),
        StructField("path", StringType()),
        StructField("split", LongType()),   # jsonl: the byte where the line's file split starts
        StructField("pos", LongType()),     # parquet: the row index in its file
        StructField("line", StringType()),  # jsonl: one line
        StructField("data", BinaryType()),  # warc: the file's bytes
        StructField("record", StringType()),  # parquet: the row's columns as JSON
    ])


def _jsonl_documents(spark, paths: list[str]):
    from pyspark.sql import functions as F

    df = spark.read.text(paths).select(
        F.lit("jsonl").alias("format"), F.col("_metadata.file_path").alias("path"),
        F.col("_metadata.file_block_start").alias("split"), F.lit(None).cast("long").alias("pos"),
        F.col("value").alias("line"), F.lit(None).cast("binary").alias("data"), F.lit(None).cast("string").alias("record"))
    return df


def _numbered_lines(jsonl):
    """The lines with their line numbers in their file (in ``pos``), before any shuffle: one
    light counting pass over the lines (no NLP) gives the lines before each file split, and
    each split's lines come in order within their task."""
    counts = sorted((r["path"], r["split"], r["count"]) for r in jsonl.groupBy("path", "split").count().collect())
    offsets: dict[tuple[str, int], int] = {}
    done: dict[str, int] = {}
    for path, split, n in counts:
        offsets[(path, split)] = done.get(path, 0)
        done[path] = done.get(path, 0) + n

    def number(batches):
        seen: dict[tuple[str, int], int] = {}
        for batch in batches:
            rows = batch.to_pylist()
            for row in rows:
                key = (row["path"], row["split"])
                seen[key] = seen.get(key, 0) + 1
                row["pos"] = offsets.get(key, 0) + seen[key]
            yield type(batch).from_pylist(rows, schema=batch.schema)

    return jsonl.mapInArrow(number, jsonl.schema)


def _parquet_documents(spark, paths: list[str]):
    from pyspark.sql import functions as F

    df = spark.read.parquet(*paths)
    cols = [c for c in df.columns if c not in ("_file", "_row")]
    return df.select(
        F.lit("parquet").alias("format"), F.col("_metadata.file_path").alias("path"),
        F.lit(None).cast("long").alias("split"), F.col("_metadata.row_index").alias("pos"),
        F.lit(None).cast("string").alias("line"), F.lit(None).cast("binary").alias("data"),
        F.to_json(F.struct(*[F.col(f"`{c}`") for c in cols]), {"ignoreNullFields": "false"}).alias("record"))


def _warc_documents(spark, paths: list[str]):
    from pyspark.sql import functions as F

    return spark.read.format("binaryFile").load(paths).select(
        F.lit("warc").alias("format"), F.col("path"), F.lit(None).cast("long").alias("split"),
        F.lit(None).cast("long").alias("pos"), F.lit(None).cast("string").alias("line"), F.col("content").alias("data"),
        F.lit(None).cast("string").alias("record"))


def articles_from_documents(rows: Iterable[dict[str, Any]]) -> Iterator[Article | Failure]:
    """Rows of the documents DataFrame -> Article (or Failure), through the readers:
    a JSONL line with its line number in its file, a Parquet row, a WARC file's records."""
    for row in rows:
        fmt = row["format"]
        if fmt == "jsonl":
            yield from articles_from_lines(row["path"], [(row["pos"], row["line"])])
        elif fmt == "parquet":
            yield from articles_from_records([(row["path"], row["pos"], json.loads(row["record"]))])
        elif fmt == "warc":
            yield from articles_from_warc(row["path"], row["data"])


def _analyze_arrow(batches, settings: dict, arrow_schema) -> Iterator:
    """mapInArrow: Arrow batches of documents in, Arrow batches of tagged rows out."""
    import pyarrow as pa

    def rows():
        for batch in batches:
            yield from batch.to_pylist()

    def as_dict(tagged: tuple) -> dict:
        table, article, statement, error = tagged
        out = {"table": table, "article": None, "statement": None, "error": None}
        for name, value, columns in (("article", article, ARTICLE_COLUMNS + PARTITION_COLUMNS),
                                     ("statement", statement, STATEMENT_COLUMNS + PARTITION_COLUMNS),
                                     ("error", error, ERROR_COLUMNS)):
            if value is not None:
                out[name] = dict(zip(columns, value))
        return out

    buf: list[dict] = []
    for tagged in analyze_partition(articles_from_documents(rows()), settings):
        buf.append(as_dict(tagged))
        if len(buf) >= 256:
            yield pa.RecordBatch.from_pylist(buf, schema=arrow_schema)
            buf = []
    if buf:
        yield pa.RecordBatch.from_pylist(buf, schema=arrow_schema)


@dataclass(frozen=True)
class SparkSummary:
    output: str
    files: int
    articles: int
    statements: int
    errors: int
    partitions: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def run(
    inputs: Sequence[str],
    output: str,
    *,
    spark=None,
    master: str | None = None,
    conf: dict[str, str] | None = None,
    input_format: str | None = None,
    lang: str | None = None,
    model: str | None = None,
    keep_boilerplate: bool = False,
    languages: Sequence[str] | None = None,
    detect_language: bool = True,
    batch_size: int = 16,
    chunk_size: int = 32,
    partitions: int | None = None,
    split_bytes: int = DEFAULT_SPLIT_BYTES,
    mode: str = "errorifexists",
) -> SparkSummary:
    """Analyse the articles in ``inputs`` on Spark and write Parquet under ``output``.

    ``inputs`` are files, folders or globs that Spark's Hadoop layer can read
    (local paths, ``hdfs://``, ``s3a://``); the format comes from each file's
    name unless ``input_format`` says. ``partitions`` forces the number of
    analysis tasks (a shuffle of the articles); by default inputs are split
    into pieces of about ``split_bytes``, and small inputs over 4 tasks per
    core. ``languages`` and ``detect_language`` work as in
    :func:`quidixit.read.read_sources` (default: every supported language, each article
    analysed in its own; ``lang`` forces one for all). ``mode`` is Spark's save mode
    ("errorifexists" or "overwrite").
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import to_arrow_schema

    if input_format is not None and input_format not in FORMATS:
        raise UsageError(Errors.QX401.format(message=f"unknown input format {input_format!r}; use one of {', '.join(FORMATS)}"))
    spark = spark or spark_session(master, conf)
    sc = spark.sparkContext
    if languages is None and not lang:
        from quidixit.languages import SUPPORTED_LANGUAGES

        languages = SUPPORTED_LANGUAGES
    settings = {
        "lang": lang, "model": model, "keep_boilerplate": keep_boilerplate,
        "batch_size": batch_size, "chunk_size": chunk_size,
        "languages": None if languages is None else tuple(languages), "detect_language": detect_language,
    }

    files = _list_files(spark, inputs)
    by_format: dict[str, list[tuple[str, int]]] = {f: [] for f in FORMATS}
    for path, size in files:
        fmt = input_format or detect_format(path)
        if fmt is None:
            raise UsageError(Errors.QX503.format(path=path))
        by_format[fmt].append((path, size))
    total = sum(size for _, size in files) or 1
    want = max(4 * sc.defaultParallelism, math.ceil(total / split_bytes))
    # file splits of about split_bytes, and enough of them to fill the cluster
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(max(4096, min(split_bytes, math.ceil(total / want)))))
    spark.conf.set("spark.sql.files.openCostInBytes", "4096")

    sources = []
    if by_format["jsonl"]:
        sources.append(_numbered_lines(_jsonl_documents(spark, [p for p, _ in by_format["jsonl"]])))
    if by_format["parquet"]:
        sources.append(_parquet_documents(spark, [p for p, _ in by_format["parquet"]]))
    if by_format["warc"]:
        sources.append(_warc_documents(spark, [p for p, _ in by_format["warc"]]))
    if not sources:
        raise UsageError(Errors.QX401.format(message=f"no input files under {', '.join(inputs)}"))
    documents = sources[0]
    for more in sources[1:]:
        documents = documents.unionByName(more)
    try:
        n_parts = documents.rdd.getNumPartitions()
    except Exception:  # Spark Connect has no RDDs: keep the input's splits
        n_parts = None
    if partitions:
        documents = documents.repartition(partitions)
        n_parts = partitions
    elif n_parts is not None and n_parts < sc.defaultParallelism:
        n_parts = 2 * sc.defaultParallelism
        documents = documents.repartition(n_parts)

    schema = _schemas()
    arrow_schema = to_arrow_schema(schema)
    tagged = documents.mapInArrow(lambda batches: _analyze_arrow(batches, settings, arrow_schema), schema)
    tagged = tagged.persist(StorageLevel.MEMORY_AND_DISK)  # analysed once, written three times
    try:
        out = output.rstrip("/")
        (tagged.where(F.col("table") == "article").select("article.*")
            .write.mode(mode).partitionBy(*PARTITION_COLUMNS).parquet(f"{out}/articles"))
        (tagged.where(F.col("table") == "statement").select("statement.*")
            .write.mode(mode).partitionBy(*PARTITION_COLUMNS).parquet(f"{out}/statements"))
        (tagged.where(F.col("table") == "error").select("error.*").coalesce(1)
            .write.mode(mode).parquet(f"{out}/errors"))
        counts = {r["table"]: r["count"] for r in tagged.groupBy("table").count().collect()}
        return SparkSummary(
            output=out,
            files=len(files),
            articles=counts.get("article", 0),
            statements=counts.get("statement", 0),
            errors=counts.get("error", 0),
            partitions=n_parts or 0,
        )
    finally:
        tagged.unpersist()


# --------------------------------------------------------------------------
# Back from Parquet: a Spark output into the SQLite store (pyarrow, no Spark).
# --------------------------------------------------------------------------

_SKIP_LANGUAGE = re.compile(r"unsupported language '([^']*)'")


def _failure_from_error(row: dict[str, Any]) -> Failure | Skipped:
    if row.get("stage") == "skip":
        m = _SKIP_LANGUAGE.search(row.get("message") or "")
        return Skipped(row["source"], "language", m.group(1) if m else None, row.get("article_id"))
    return Failure(row["source"], row["message"], row.get("stage") or "extract", row.get("article_id"), row.get("code"))


def read_output(output: str, *, batch_size: int = 500) -> Iterator[list[Analysis | Failure | Skipped]]:
    """The Analyses, Failures and Skipped of a ``run`` output, in batches.

    Reads one (lang, year) partition at a time: its statements are held in
    memory while its articles stream, so memory follows the largest partition.
    """
    import pyarrow.dataset as ds

    from quidixit.rows import analysis_from_rows

    out = output.rstrip("/")
    for name in ("articles", "statements"):
        if not _exists(f"{out}/{name}"):
            raise UsageError(Errors.QX504.format(path=output, missing=name))
    articles = ds.dataset(f"{out}/articles", format="parquet", partitioning="hive")
    statements = ds.dataset(f"{out}/statements", format="parquet", partitioning="hive")
    groups: dict[str, list] = {}
    for frag in articles.get_fragments():
        groups.setdefault(str(frag.partition_expression), []).append(frag)
    for frags in groups.values():
        expr = frags[0].partition_expression
        by_article: dict[str, list[dict]] = {}
        for row in (statements.to_table(filter=expr).to_pylist() if statements.files else ()):
            by_article.setdefault(row["article_id"], []).append(row)
        for frag in frags:
            for batch in frag.to_batches(batch_size=batch_size):
                yield [analysis_from_rows(a, by_article.get(a["id"], ())) for a in batch.to_pylist()]
    if _exists(f"{out}/errors"):
        errors = ds.dataset(f"{out}/errors", format="parquet")
        for batch in errors.to_batches(batch_size=batch_size):
            yield [_failure_from_error(r) for r in batch.to_pylist()]


def _exists(path: str) -> bool:
    import pyarrow.fs as pafs

    try:
        fs, inner = pafs.FileSystem.from_uri(path)
    except (ValueError, TypeError):
        fs, inner = pafs.LocalFileSystem(), os.path.abspath(path)
    return fs.get_file_info(inner).type == pafs.FileType.Directory


def load_parquet(output: str, db: str, *, batch_size: int = 500) -> dict[str, int]:
    """Load a ``run`` output (``articles/``, ``statements/``, ``errors/``) into the
    SQLite store at ``db``, through the store's single writer. Articles already
    stored are left as they are. Returns the counts of the store's run record."""
    from quidixit.store import Store

    counts = {"read": 0, "new": 0, "present": 0, "skipped": 0, "failed": 0, "statements": 0}
    with Store(db) as store:
        run_id = store.start_run([output], workers=0)
        store.defer_claims = True  # claims once at the end, not per batch
        for items in read_output(output, batch_size=batch_size):
            done = store.write_batch(items, run_id)
            counts["read"] += len(items)
            for key in ("new", "present", "skipped", "failed", "statements"):
                counts[key] += done[key]
        store.defer_claims = False
        if _exists(f"{output.rstrip('/')}/claims"):  # `quidixit spark-claims` has clustered them
            from quidixit.run.spark_claims import read_claim_rows, write_claim_rows

            store.conn.execute("BEGIN IMMEDIATE")
            try:
                for rows in read_claim_rows(output):
                    write_claim_rows(store.conn, rows)
                store.conn.execute("COMMIT")
            except BaseException:
                store.conn.execute("ROLLBACK")
                raise
        elif counts["new"]:
            from quidixit import claim_store

            if claim_store.available():
                store.rebuild_claims()
        store.finish_run(run_id, counts)
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point for ``spark-submit .../quidixit/run/spark.py INPUT --output DIR``."""
    from quidixit.cli.spark import spark_cmd

    spark_cmd.main(args=list(argv) if argv is not None else sys.argv[1:], prog_name="quidixit spark")


if __name__ == "__main__":  # spark-submit runs this file as a script
    main()
