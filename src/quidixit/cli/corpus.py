"""Corpus commands: ingest, search, speakers, stats, export.

Each command opens the store, calls one function of :mod:`quidixit.corpus`
and prints its result; library errors become one-line messages on stderr.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any, Sequence

import click

from ..errors import QuidixitError, UsageError
from ..languages import SUPPORTED_LANGUAGES
from ..model import KINDS
from . import time_limit_option

DB_HELP = "The store (SQLite file). Default: $QUIDIXIT_DB, else quidixit.db in the current directory."


def db_option(f):
    return click.option("--db", envvar="QUIDIXIT_DB", default="quidixit.db", show_default=True,
                        type=click.Path(dir_okay=False), help=DB_HELP)(f)


def _errors_to_cli(f):
    """QuidixitError -> its coded message on stderr and exit 2 (usage) or 1 (anything else)."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except QuidixitError as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(2 if isinstance(err, UsageError) else 1)

    return wrapper


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int] | None = None) -> str:
    """A plain text table (no colours, no terminal-width games: stable for tests and pipes)."""
    widths = widths or {}

    def cell(v: Any, c: str) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.split())
        w = widths.get(c)
        return s if not w or len(s) <= w else s[: w - 1] + "…"

    cells = [[cell(r.get(c), c) for c in columns] for r in rows]
    size = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(size[i]) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * n for n in size])]
    out += [line(row) for row in cells]
    return "\n".join(out)


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    from ..csvfile import csv_text  # cells safe for spreadsheets

    return csv_text(rows, columns, lineterminator="\n").rstrip("\n")


# --------------------------------------------------------------------------- ingest


@click.command("ingest")
@click.argument("sources", nargs=-1, required=False)
@db_option
@click.option("-n", "--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Worker processes for extraction.")
@click.option("--format", "format_", default=None, help="Input format, e.g. text, jsonl, html, warc (default: guessed per file).")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(min=1), help="Articles per transaction.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress line on stderr.")
@click.option("--reanalyze", is_flag=True,
              help="Also analyse again the stored articles of an older extractor version (their statements are replaced).")
@click.option("--lang", type=click.Choice(SUPPORTED_LANGUAGES), default=None,
              help="Analyse every article in this language. Default: each article in its own language "
                   "(given by the input or detected), French when unknown; other languages are skipped.")
@time_limit_option
@_errors_to_cli
def ingest_cmd(sources, db, workers, format_, batch_size, progress, reanalyze, lang, time_limit):
    """Analyse SOURCE files and add them to the corpus store.

    Articles already in the store (same URL or same text, whatever the file
    they come from) are not analysed again: re-running after a crash finishes
    the job. With --reanalyze (`quidixit ingest --reanalyze --db corpus.db`),
    articles analysed by an older extractor version are analysed again and their
    statements replaced (SOURCES may then be left out); that too can be stopped
    and run again. Documents that fail are recorded in the errors table; the
    command then exits with status 1 (everything else is stored).

    \b
    Example:
      quidixit ingest articles.jsonl pages/ --db corpus.db -n 2
    """
    from ..corpus import ingest
    from ..errors import Errors

    if not sources and not reanalyze:
        raise UsageError(Errors.QX401.format(message="Give SOURCE files or folders to ingest, or --reanalyze."))
    summary = ingest(list(sources), db=db, workers=workers, format=format_, progress=progress, batch_size=batch_size,
                     time_limit=time_limit or None, reanalyze=reanalyze, lang=lang)
    click.echo(str(summary))
    if not summary.ok:
        shown = summary.failures[:20]
        for f in shown:
            click.echo(f"  {f.message}", err=True)
        if summary.failed > len(shown):
            click.echo(f"  ... and {summary.failed - len(shown)} more: see the errors table of {db}.", err=True)
        sys.exit(1)


# --------------------------------------------------------------------------- search

SEARCH_COLUMNS = ("published", "outlet", "speaker", "kind", "cue", "content")
SEARCH_FIELDS = ("id", "article_id", "kind", "field", "speaker", "speaker_id", "speaker_text", "speaker_type", "speaker_role",
                 "cue", "content", "content_start", "content_end", "confidence", "outlet", "published", "title", "url")


@click.command("search")
@click.argument("query", required=False, default="")
@db_option
@click.option("--speaker", help="Only statements of this speaker (any of their names: \"Lavrov\", \"Sergueï Lavrov\").")
@click.option("--speaker-type", "speaker_type", help="Only speakers of this type (person, organization, ..., none).")
@click.option("--outlet", help="Only articles of this outlet (case-insensitive).")
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind of statement.")
@click.option("--since", help="Published on or after this day, month or year (2017-05-03, 2017-05, 2017; inclusive).")
@click.option("--until", help="Published on or before this day, month or year (inclusive: 2017-05 keeps all of May).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0), help="At most this many (0: no limit).")
@click.option("--format", "format_", default="table", show_default=True, type=click.Choice(["table", "jsonl", "csv"]))
@_errors_to_cli
def search_cmd(query, db, speaker, speaker_type, outlet, kind, since, until, limit, format_):
    """Full-text search over statements: content, speaker, role, cue and article title
    (accents and case do not matter). The same search as the web UI and corpus.search.

    Words are all required; use "a phrase", prefix*, OR and NOT.

    \b
    Example:
      quidixit search "terroristes" --speaker Lavrov --since 2017 --format jsonl
    """
    from ..corpus import search

    rows = search(db, query, speaker=speaker, speaker_type=speaker_type, outlet=outlet, kind=kind, since=since,
                  until=until, limit=limit or None)
    if format_ == "jsonl":
        for r in rows:
            click.echo(json.dumps({k: r[k] for k in SEARCH_FIELDS}, ensure_ascii=False))
    elif format_ == "csv":
        from ..rows import RECORD_COLUMNS

        click.echo(_csv(rows, RECORD_COLUMNS))  # the one CSV layout of a statement
    else:
        shown = [dict(r, published=(r["published"] or "")[:10],
                      speaker=r["speaker"] or (f"“{r['speaker_text']}”" if r["speaker_text"] else None)) for r in rows]
        click.echo(table(shown, SEARCH_COLUMNS, {"outlet": 20, "speaker": 28, "cue": 20, "content": 90}))


# --------------------------------------------------------------------------- speakers


@click.command("speakers")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0), help="At most this many (0: all).")
@click.option("--type", "type_", default=None, help="Only this speaker type (person, organization, document, ...).")
@click.option("--name", "name", default=None, help="Only speakers with a name containing this (accents and case do not matter).")
@click.option("--format", "format_", default="table", show_default=True, type=click.Choice(["table", "jsonl"]))
@_errors_to_cli
def speakers_cmd(db, limit, type_, name, format_):
    """The most quoted speakers, with their other names and roles.

    \b
    Example:
      quidixit speakers --limit 10 --type person
    """
    from ..corpus import speakers

    rows = speakers(db, limit or None, type=type_, query=name)
    if format_ == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    shown = [dict(r, aliases=" | ".join(a for a in r["aliases"] if a != r["name"]), roles=" | ".join(r["roles"]))
             for r in rows]
    click.echo(table(shown, ("name", "type", "statements", "articles", "aliases", "roles"),
                     {"name": 30, "aliases": 40, "roles": 40}))


# --------------------------------------------------------------------------- stats


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


@click.command("stats")
@db_option
@click.option("--format", "format_", default="table", show_default=True, type=click.Choice(["table", "json"]))
@click.option("--voice", is_flag=True,
              help="The voice share instead: of the articles' characters (boilerplate left out), the share attributed "
                   "(verbatim: direct quotations; paraphrase: the other kinds) and the outlet's own voice.")
@click.option("--period", type=click.Choice(["year", "month", "day"]), default=None,
              help="With --voice: one row per outlet and period of publication.")
@_errors_to_cli
def stats_cmd(db, format_, voice, period):
    """Per outlet: articles, statements per article, kinds, speaker types, top speakers
    (and, with --voice, how much of the outlet's text is its own voice).

    \b
    Example:
      quidixit stats --db corpus.db --voice --period month
    """
    from ..corpus import stats

    if voice or period:
        return _voice_table(db, format_, period)
    result = stats(db)
    if format_ == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    rows = []
    for o in result["outlets"]:
        row = {"outlet": o["outlet"], "articles": o["articles"], "statements": o["statements"],
               "per_article": f"{o['statements_per_article']:.2f}"}
        row.update({k: _pct(v) for k, v in o["kinds"].items()})
        row["anonymous"] = _pct(o["anonymous"])
        row.update({t: _pct(v) for t, v in o["speaker_types"].items()})
        row["top_speakers"] = ", ".join(f"{name} ({n})" for name, n in o["top_speakers"][:3])
        rows.append(row)
    cols = ("outlet", "articles", "statements", "per_article", *KINDS, "anonymous", "person", "organization",
            "document", "top_speakers")
    click.echo(table(rows, cols, {"outlet": 24, "top_speakers": 60}))


def _voice_table(db, format_: str, period: str | None) -> None:
    from ..corpus import voice

    rows = voice(db, period=period)
    if format_ == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    shown = [dict(r, **{k: _pct(r[k]) for k in ("attributed", "verbatim", "paraphrase", "own")}) for r in rows]
    cols = ("outlet", *(("period",) if period else ()), "articles", "chars", "attributed", "verbatim", "paraphrase", "own")
    click.echo(table(shown, cols, {"outlet": 24}))


# --------------------------------------------------------------------------- export


EXPORT_RECORDS = {"jsonl": "articles", "csv": "statements", "parquet": "statements", "webannotation": "annotations",
                  "claimreview": "ClaimReview drafts", "labelstudio": "Label Studio tasks", "brat": "articles"}


@click.command("export")
@db_option
@click.option("--format", "format_", default="jsonl", show_default=True, type=click.Choice(list(EXPORT_RECORDS)),
              help="jsonl: one interchange JSON object per article; csv, parquet: one row per statement; "
                   "webannotation: W3C Web Annotation JSON-LD; claimreview: schema.org ClaimReview drafts; "
                   "labelstudio: Label Studio tasks with predictions (and TASKS.config.xml, the labelling config); "
                   "brat: a folder of .txt/.ann files and annotation.conf (see docs/format.md).")
@click.option("-o", "--output", required=True,
              help="Output file, or - for standard output (not parquet); a folder for brat.")
@click.option("--no-text", is_flag=True, help="jsonl: leave the article texts out.")
@click.option("--parts", is_flag=True, help="webannotation: also one annotation per cue and per speaker mention.")
@_errors_to_cli
def export_cmd(db, format_, output, no_text, parts):
    """Write the whole store as JSONL, CSV, Parquet, or for another tool.

    \b
    Example:
      quidixit export --format brat -o brat/ --db corpus.db
    """
    from ..corpus import export

    n = export(db, output, format_, with_text=not no_text, parts=parts)
    click.echo(f"Wrote {n} {EXPORT_RECORDS[format_]} to {output}.", err=True)


# --------------------------------------------------------------------------- import-brat


@click.command("import-brat")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, help="The gold JSONL file to write, or - for standard output.")
@_errors_to_cli
def import_brat_cmd(folder, output):
    """Read brat annotations (as exported, then corrected) back as gold JSONL for `quidixit evaluate`.

    Each ID.ann with its ID.txt is one gold article (id: the file name;
    scope: full): its Content annotations, linked by Said to a Speaker and by
    Introduces to a Cue, with their Kind and the speaker's name (the
    AnnotatorNotes of the Speaker).

    \b
    Example:
      quidixit import-brat brat/ -o gold.jsonl && quidixit evaluate gold.jsonl
    """
    from ..export.brat import read_gold, write_gold

    n = write_gold(read_gold(folder), sys.stdout if output == "-" else output)
    click.echo(f"Wrote {n} gold articles to {output}.", err=True)
