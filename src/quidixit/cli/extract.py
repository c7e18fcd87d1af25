"""`quidixit extract`: the statements of articles, on standard output.

Reads files or standard input with :func:`quidixit.read.read_sources`, analyses
the articles with :func:`quidixit.run.local.run` and writes one result per
article, in input order. A document that cannot be read gets one line on
stderr and the batch goes on; the command then exits with status 1.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, TextIO

import click

from ..errors import Errors, QuidixitError, SetupError, UsageError
from ..model import Analysis, Failure, Skipped
from ..languages import DEFAULT_MODELS, SUPPORTED_LANGUAGES, default_model
from ..read import FORMATS
from . import time_limit_option

__all__ = ["extract_cmd", "analysis_record", "statement_line", "article_block", "KIND_STYLES", "OUTPUT_FORMATS"]

OUTPUT_FORMATS = ("json", "jsonl", "text")
# the formats of quidixit.export: written once every article is analysed, to --output
EXPORT_FORMATS = ("webannotation", "claimreview", "labelstudio", "brat")

# One colour per statement kind in `--format text` on a terminal.
KIND_STYLES = {
    "direct": "bold green",
    "indirect": "cyan",
    "mixed": "magenta",
    "according_to": "yellow",
    "headline": "bold blue",
}

# Optional dependencies (the ``corpus`` extra), by top-level module: what needs them.
OPTIONAL = {
    "lingua": "language detection",
    "trafilatura": "reading HTML",
    "fastwarc": "reading WARC files",
    "brotli": "reading brotli-compressed WARC records",
}


def missing_extra(module: str, hint: str = "") -> str:
    what = OPTIONAL.get(module, "this input")
    return (f"{what} needs {module}, an optional dependency: install it with "
            f"`pip install 'quidixit[corpus]'`{hint}.")


# --------------------------------------------------------------------------- output


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    """The JSON object of one article: ``Analysis.to_dict()``, with the input's own id kept.

    A JSONL line's ``id`` (kept by the reader as ``meta["external_id"]``) is
    put back as ``id``; the stable quidixit id then goes into ``qx_id``.
    """
    d = analysis.to_dict()
    external = analysis.article.meta.get("external_id")
    if external is None:
        return d
    meta = {k: v for k, v in d.pop("meta", {}).items() if k != "external_id"}
    d.pop("id", None)
    out: dict[str, Any] = {"id": external, "qx_id": analysis.article.id}
    out.update(d)
    if meta:
        out["meta"] = meta
    return out


# The kinds whose content is the speaker's own words, shown between « » in text output.
VERBATIM_KINDS = ("direct",)


def _oneline(text: str) -> str:
    """Line breaks (and the spaces around them) become one space; other spaces, no-break ones included, stay."""
    return re.sub(r"[ \t\r\n]*[\r\n][ \t\r\n]*", " ", text).strip()


def _pieces(content) -> str:
    """The content's words without what splits it ('"A," he told reporters. "B."' -> "A […] B"):
    its pieces joined with " […] " when an incise or a cue lies between them."""
    if len(content.spans) < 2:
        return content.text
    return " […] ".join(content.text[s - content.start : e - content.start] for s, e in content.spans)


def statement_line(st) -> "Text":  # noqa: F821 (rich.text.Text, imported lazily)
    """``[kind] Speaker name (type, role) — cue: «content»`` as a rich Text (plain: ``.plain``).

    Only a direct quotation is shown between « »: those are the speaker's own words.
    Indirect, mixed, according-to and headline content is the writer's wording
    (a mixed statement keeps the « » of its quoted part) and is shown bare:
    ``[indirect] … — a affirmé: la grève continuerait``.
    A speaker with no name shows its mention in quotation marks: ``“ils” (unknown, unresolved)``.
    Content in pieces shows them joined by " […] ", not the incise between them.
    """
    from rich.text import Text

    line = Text()
    line.append(f"[{st.kind}]", style=KIND_STYLES.get(st.kind, "bold"))
    if st.speaker is not None:
        sp = st.speaker
        details = ", ".join(x for x in (sp.type, sp.role, None if sp.name is not None else "unresolved") if x)
        line.append(" ")
        line.append(_oneline(sp.name) if sp.name is not None else f"“{_oneline(sp.text)}”", style="bold")
        line.append(f" ({details})", style="dim")
    else:
        line.append(" (no speaker)", style="dim")
    if st.cue is not None:
        line.append(" — ")
        line.append(_oneline(st.cue.text), style="italic")
    verbatim = st.kind in VERBATIM_KINDS
    line.append(": «" if verbatim else ": ")
    line.append(_oneline(_pieces(st.content)))
    if verbatim:
        line.append("»")
    return line


def article_block(analysis: Analysis) -> "Text":  # noqa: F821
    """The readable form of one article: its title, where it comes from, its statements."""
    from rich.text import Text

    art = analysis.article
    n = len(analysis.statements)
    facts = [art.source or art.url or art.id or "", art.outlet, art.published,
             f"{n} statement{'s' if n != 1 else ''}"]
    block = Text()
    block.append(_oneline(art.title) if art.title else "(no title)", style="bold underline")
    block.append("\n")
    block.append(" · ".join(x for x in facts if x), style="dim")
    for st in analysis.statements:
        block.append("\n  ")
        block.append_text(statement_line(st))
    return block


class _Writer:
    """Writes analyses to stdout as json, jsonl or text (coloured through rich, or plain)."""

    def __init__(self, format_: str, color: bool, output: str | None = None):
        self.format = format_
        self.output = output or "-"
        self.count = 0
        self.console = None
        self.kept: list[Analysis] = []  # for the export formats, written at the end
        if format_ == "text" and color:
            from rich.console import Console

            # file=None: rich writes to whatever sys.stdout is at the time (see _progress).
            self.console = Console(force_terminal=True, highlight=False, soft_wrap=True)

    def write(self, analysis: Analysis) -> None:
        if self.format in EXPORT_FORMATS:
            self.kept.append(analysis)
        elif self.format == "jsonl":
            click.echo(json.dumps(analysis_record(analysis), ensure_ascii=False))
        elif self.format == "json":
            sep = "[\n" if self.count == 0 else ",\n"
            click.echo(sep + json.dumps(analysis_record(analysis), ensure_ascii=False), nl=False)
        else:
            block = article_block(analysis)
            if self.count:
                click.echo("")
            if self.console is not None:
                self.console.print(block)
            else:
                click.echo(block.plain)
        self.count += 1

    def close(self) -> None:
        if self.format == "json":
            click.echo("[]" if self.count == 0 else "\n]")
        elif self.format in EXPORT_FORMATS:
            from ..export import write

            write(self.kept, self.output, self.format)


# --------------------------------------------------------------------------- progress


@dataclass
class _Tally:
    documents: int = 0
    articles: int = 0
    statements: int = 0
    failed: int = 0
    skipped: int = 0

    def summary(self) -> str:
        s = f"{self.articles} articles, {self.statements} statements, {self.failed} failed"
        return s + (f", {self.skipped} skipped" if self.skipped else "")


class _Progress:
    """A rich progress bar on stderr, shown from the second document on, when stderr is a terminal.

    The number of documents is not known in advance (a JSONL file or a WARC
    holds many), so the bar counts documents done. While it is shown, messages
    for stderr go through its console so that they print above it.
    """

    def __init__(self, enabled: bool, stdout_tty: bool):
        self.enabled = enabled
        self.stdout_tty = stdout_tty
        self.progress = None
        self.task = None

    def advance(self, tally: _Tally) -> None:
        if not self.enabled:
            return
        if self.progress is None and tally.documents >= 2:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(), TextColumn("extract"), BarColumn(),
                TextColumn("{task.completed} documents, {task.fields[statements]} statements, {task.fields[failed]} failed"),
                TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
                # stdout on the same terminal is printed above the bar; piped stdout is left alone.
                redirect_stdout=self.stdout_tty, redirect_stderr=False,
            )
            self.progress.start()
            self.task = self.progress.add_task("extract", total=None, statements=0, failed=0)
        if self.progress is not None:
            self.progress.update(self.task, completed=tally.documents, statements=tally.statements, failed=tally.failed)

    def echo_err(self, message: str) -> None:
        if self.progress is not None:
            self.progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(message, err=True)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


# --------------------------------------------------------------------------- reading


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # "pkg.sub" with no pkg, "" or a relative name
        return False


def _language_detection(choice: bool | None) -> bool:
    """--language-check / --no-language-check / neither (auto: on when lingua is installed)."""
    available = _installed("lingua")
    if choice is None:
        return available
    if choice and not available:
        raise SetupError(missing_extra("lingua", ", or pass --no-language-check"))
    return choice


def _guard_optional(items: Iterable) -> Iterator:
    """A missing optional dependency met while reading becomes a clear SetupError."""
    try:
        yield from items
    except ModuleNotFoundError as err:
        top = (err.name or "").split(".")[0]
        if top in OPTIONAL:
            raise SetupError(missing_extra(top)) from err
        raise


def _sources(sources: tuple[str, ...], stdin: TextIO) -> list[str]:
    if sources:
        return list(sources)
    if stdin.isatty():
        raise UsageError(Errors.QX401.format(message="Give one or more FILEs, or - to read standard input."))
    return ["-"]


# --------------------------------------------------------------------------- the command


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@click.command("extract")
@click.argument("sources", nargs=-1, metavar="[FILE ... | -]")
@click.option("--format", "format_", type=click.Choice(OUTPUT_FORMATS + EXPORT_FORMATS), default=None,
              help="json: one array of article objects; jsonl: one article object a line; text: readable. "
                   "Default: text on a terminal, else jsonl. webannotation, claimreview, labelstudio, brat: "
                   "as `quidixit export` writes them (to --output).")
@click.option("-o", "--output", default=None,
              help="With an export format: the file to write (default: standard output), a folder for brat.")
@click.option("--input-format", type=click.Choice(FORMATS), default=None,
              help="Read every FILE as this format. Default: detected per file (WARC header, extension, content).")
@click.option("--keep-boilerplate", is_flag=True, help="Keep statements found in page boilerplate (teasers, captions, ...).")
@click.option("-n", "--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Worker processes.")
@click.option("--model", default=None,
              help="The spaCy model to use, for the articles of its language (default: each language's own, "
                   f"e.g. {DEFAULT_MODELS['fr']}, {DEFAULT_MODELS['en']}).")
@click.option("--lang", type=click.Choice(SUPPORTED_LANGUAGES), default=None,
              help="Analyse every article in this language. Default: each article in its own language "
                   "(given by the input or detected), French when unknown; other languages are skipped.")
@click.option("--language-check/--no-language-check", "language_check", default=None,
              help="Detect the language of articles that do not give one (needs lingua) and skip those in no supported language (fr, en). "
                   "Default: on when lingua is installed; else articles without a language are taken as French. "
                   "Articles whose language field says another language are skipped either way.")
@click.option("--no-color", is_flag=True, help="Plain text output, even on a terminal.")
@time_limit_option
def extract_cmd(sources, format_, output, input_format, keep_boilerplate, workers, model, lang, language_check, no_color,
                time_limit):
    """Who said what: the statements of FILEs (or - for stdin), on stdout.

    FILEs are text, JSONL, HTML or WARC files, or folders (walked). A text file is one article, its first line the title; offsets index the
    file as given. With JSONL input, each output object keeps the line's own
    id as "id" (the stable quidixit id is then "qx_id").

    A document that cannot be read gets one line on stderr ("error: SOURCE:
    [QX1xx] ...") and the others go on; the exit status is then 1. Batches end
    with a summary line on stderr.

    \b
    Example:
      quidixit extract article.txt --format text
      quidixit extract news.jsonl -n 2 > statements.jsonl
    """
    stdout_tty = _isatty(sys.stdout)
    format_ = format_ or ("text" if stdout_tty else "jsonl")
    progress = _Progress(enabled=_isatty(sys.stderr), stdout_tty=stdout_tty)
    try:
        if output is not None and format_ not in EXPORT_FORMATS:
            raise UsageError(Errors.QX401.format(
                message=f"--output goes with an export format ({', '.join(EXPORT_FORMATS)}); {format_} goes to standard output."))
        if format_ == "brat" and output is None:
            raise UsageError(Errors.QX401.format(message="--format brat writes a folder: pass --output DIR."))
        failed = _extract(sources, format_, input_format, keep_boilerplate, workers, model, language_check,
                          color=stdout_tty and not no_color, progress=progress, time_limit=time_limit, output=output,
                          lang=lang)
    except QuidixitError as err:
        progress.stop()
        click.echo(f"error: {err}", err=True)
        sys.exit(2 if isinstance(err, UsageError) else 1)
    if failed:
        sys.exit(1)


def _extract(sources, format_, input_format, keep_boilerplate, workers, model, language_check, *, color, progress,
             time_limit=None, output=None, lang=None) -> bool:
    from ..read import read_sources
    from ..run.local import run

    paths = _sources(sources, sys.stdin)
    detect = _language_detection(language_check)
    wanted = model or default_model(lang or "fr")
    if not _installed(wanted):  # before starting workers, which would retry for ever
        raise SetupError(Errors.QX201.format(model=wanted, package=wanted))
    articles = _guard_optional(read_sources(paths, format=input_format, languages=None if lang else SUPPORTED_LANGUAGES,
                                            detect_language=detect and not lang))
    writer = _Writer(format_, color, output)
    tally = _Tally()
    with contextlib.ExitStack() as stack:
        stack.callback(progress.stop)
        for item in run(articles, workers=workers, lang=lang, model=model, keep_boilerplate=keep_boilerplate,
                        time_limit=time_limit or None):
            tally.documents += 1
            if isinstance(item, Failure):
                tally.failed += 1
                progress.echo_err(f"error: {item.source}: {item.message}")
            elif isinstance(item, Skipped):
                tally.skipped += 1
                message = Errors.QX109.format(path=item.source, language=item.language,
                                              supported=", ".join(SUPPORTED_LANGUAGES))
                progress.echo_err(f"skipped: {item.source}: {message}")
            else:
                tally.articles += 1
                tally.statements += len(item.statements)
                writer.write(item)
            progress.advance(tally)
        writer.close()
    if tally.documents > 1:
        click.echo(tally.summary(), err=True)
    return tally.failed > 0
