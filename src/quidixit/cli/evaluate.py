"""`quidixit evaluate`: score statements against annotated articles."""

from __future__ import annotations

import json
import sys
import time

import click

from ..errors import QuidixitError

__all__ = ["evaluate_cmd"]


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("system", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (the reference scorer's --json object).")
@click.option(
    "--names",
    is_flag=True,
    help="Also measure speaker_name_acc at 0.5: does the resolved speaker name name the gold speaker "
    "(the reference scorer's --names).",
)
@click.option("-n", "--workers", default=1, show_default=True, help="Worker processes for the extraction (without SYSTEM).")
@click.option("--model", default=None, help="spaCy model for the extraction (default: the language's default model).")
@click.option("--lang", default=None, help="Language of the gold texts (default: each record's \"language\" field, else fr).")
@click.option(
    "--save-system",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the extractor's output (SYSTEM JSONL) to this file, to score it again or elsewhere.",
)
def evaluate_cmd(gold, system, as_json, names, workers, model, lang, save_system):
    """Score statements against GOLD.jsonl (annotated articles).

    With SYSTEM.jsonl, score that output; without, run quidixit on the gold
    texts first. Same rules and numbers as the team's reference scorer
    (tools/score.py): content overlap at 0.3 / 0.5 / 0.8 and exact, precision
    on "full" articles only, recall on all, speaker and cue accuracy on
    matched pairs. When the gold statements have a kind, recall by gold kind
    follows the table.

    \b
    Example:
      quidixit evaluate eval/gold/wikinews-fr-full.gold.jsonl --names
      quidixit evaluate gold.jsonl system.jsonl --json
    """
    from ..evaluate import check_gold, load_jsonl, score

    try:
        gold_records = load_jsonl(gold)
        check_gold(gold_records, gold)
        failures = []
        elapsed = None
        if system:
            system_records = load_jsonl(system)
            system_name = system
        else:
            from ..about import __version__
            from ..evaluate import system_records as run_system
            from ..pipeline import load

            langs = {lang or g.get("language") or "fr" for g in gold_records}
            if workers <= 1:
                for one in sorted(langs):
                    load(one, model)  # outside the timing: the model loads once in this process
            t0 = time.perf_counter()
            system_records, failures = run_system(gold_records, workers=workers, model=model, lang=lang or "fr")
            elapsed = time.perf_counter() - t0
            system_name = f"quidixit {__version__}"
            if save_system:
                with open(save_system, "w", encoding="utf-8") as f:
                    for rec in system_records:
                        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        report = score(gold_records, system_records, gold=gold, system=system_name, names=names)
    except QuidixitError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(1)
    if failures:
        report.extra["extraction_failures"] = [f.to_dict() for f in failures]
    if elapsed is not None:
        report.extra["extraction_seconds"] = round(elapsed, 3)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=1, ensure_ascii=False))
        return
    click.echo(report.render())
    if elapsed is not None:
        n = report.counts.articles
        click.echo(f"extraction: {n} articles in {elapsed:.1f} s ({n / elapsed if elapsed else 0:.1f} docs/s), "
                   f"{len(failures)} failed")
    for f in failures:
        click.echo(f"failed: {f.source}: {f.message}", err=True)
