"""``quidixit claims``: the same utterance followed across outlets (a thin command over
:func:`quidixit.corpus.claims`)."""

from __future__ import annotations

import click

from .corpus import _errors_to_cli, db_option, table


@click.command("claims")
@db_option
@click.option("--speaker", help="Only claims of this speaker (any of their names).")
@click.option("--min-outlets", default=0, show_default=True, type=click.IntRange(min=0),
              help="Only claims reported by at least this many outlets.")
@click.option("--min-articles", default=2, show_default=True, type=click.IntRange(min=1),
              help="Only claims reported by at least this many articles (1: every statement's claim).")
@click.option("--since", help="With a statement published on or after this date (ISO: 2017, 2017-05, 2017-05-03).")
@click.option("--until", help="With a statement published on or before this date (ISO prefix, inclusive).")
@click.option("--misquotes", is_flag=True, help="Only claims with a possible misquote (words changed, not just cut).")
@click.option("--limit", default=0, show_default=True, type=click.IntRange(min=0), help="At most this many (0: all).")
@click.option("--format", "format_", default="text", show_default=True,
              type=click.Choice(["text", "jsonl", "csv", "parquet"]),
              help="text: one block per claim; jsonl: one claim a line; csv, parquet: one row per statement.")
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- for standard output).")
@click.option("--rebuild", is_flag=True, help="Recompute every claim first (a store written without datasketch).")
@_errors_to_cli
def claims_cmd(db, speaker, min_outlets, min_articles, since, until, misquotes, limit, format_, output, rebuild):
    """Claims: one speaker's same utterance reported by several articles, with its
    first appearance, its outlets and its wording variants, most outlets first.

    \b
    Example:
      quidixit claims --db corpus.db --min-outlets 3 --since 2017-05
      quidixit claims --db corpus.db --speaker Macron --format jsonl
    """
    from ..corpus import claims, export_claims

    found = claims(db, speaker=speaker, min_outlets=min_outlets, min_articles=min_articles, since=since,
                   until=until, misquotes=misquotes, limit=limit or None, rebuild=rebuild)
    if format_ != "text":
        n = export_claims(found, output, format_)
        if output != "-":
            click.echo(f"Wrote {n} {'claims' if format_ == 'jsonl' else 'rows'} to {output}.", err=True)
        return
    lines = []
    for c in found:
        f = c["first"]
        lines.append(f"{c['id']}  {c['speaker'] or '?'} · {c['outlets']} outlets, {c['articles']} articles · {len(c['statements'])} statements"
                     f" · {c['since'] or '?'} → {c['until'] or '?'}" + (f" · {c['misquotes']} possible misquote(s)"
                                                                        if c["misquotes"] else ""))
        lines.append(f"  « {' '.join(c['text'].split())} »")
        lines.append(f"  first: {f['outlet'] or '(no outlet)'} {f['published'] or ''} ({f['reason']})")
        rows = [{"published": (s["published"] or "")[:10], "outlet": s["outlet"], "kind": s["kind"],
                 "level": s["level"], "flag": "MISQUOTE?" if s["misquote"] else ("variant" if s["variant"] else ""),
                 "text": s["text"]} for s in c["statements"]]
        lines.append("  " + table(rows, ("published", "outlet", "kind", "level", "flag", "text"),
                                  {"outlet": 20, "text": 70}).replace("\n", "\n  "))
        lines.append("")
    text = "\n".join(lines) if lines else "No claims found."
    if output == "-":
        click.echo(text.rstrip("\n"))
    else:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
