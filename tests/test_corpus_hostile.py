"""Issue 11: a batch of good articles with hostile ones mixed in, ingested through the CLI.

Lone surrogates in text and url, gzip bombs (.txt.gz and a one-line .jsonl.gz),
a truncated WARC, NUL bytes, invalid UTF-8, non-object lines, an over-long line
and a file name that is not UTF-8: every good document is stored, every bad one
is one coded row in the ``errors`` table and one line on stderr, and the
command exits with status 1. All of it is generated here, small.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from quidixit.cli import main

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "quidixit" / "data" / "sample"

GOOD = [
    "« Nous ne céderons rien sur les retraites », a déclaré le ministre du Travail à Paris.",
    "Selon la préfecture, plus de deux mille personnes ont manifesté samedi dans les rues de Lyon.",
    "Le maire de Marseille a affirmé que la ville investirait dans les écoles au cours des prochaines années.",
    "La présidente de la région a estimé que le projet de tramway devait être revu avant la fin de l'année.",
]


def _bomb(path: Path, head: bytes, fill: bytes, size: int, tail: bytes = b"") -> None:
    block = fill * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(head)
        for _ in range(size >> 20):
            f.write(block)
        f.write(tail)


def _batch(root: Path) -> Path:
    src = root / "in"
    src.mkdir()
    lines = [
        json.dumps({"text": GOOD[0], "url": "https://ex.fr/1"}),
        json.dumps({"text": "Le maire a dit \ud800 que tout allait bien."}),
        json.dumps({"text": GOOD[1], "url": "https://ex.fr/\udc80"}),
        "[1, 2, 3]",
        '"une chaîne"',
        json.dumps({"text": "Le ministre a parlé. " * 60_000}),  # 1.26M characters
        json.dumps({"text": GOOD[2], "url": "https://ex.fr/3"}),
    ]
    (src / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "b.txt").write_text(GOOD[3], encoding="utf-8")
    (src / "nul.txt").write_bytes(b"Le maire\x00 a dit non.")
    (src / "latin1.txt").write_bytes("Le ministère a déclaré que tout allait bien.".encode("latin-1"))
    with open(bytes(src) + b"/caf\xe9.txt", "wb") as f:  # a latin-1 file name
        f.write("« Oui », a répondu la ministre de la Santé.".encode())
    _bomb(src / "zeros.txt.gz", b"", b"\0", 10 << 20)
    _bomb(src / "line.jsonl.gz", b'{"text": "', b"a", 10 << 20, b'"}\n')
    raw = gzip.decompress((SAMPLE / "wikinews-fr.warc.gz").read_bytes())
    third = [i for i in range(len(raw)) if raw.startswith(b"WARC/1.", i) and b"WARC-Type: response" in raw[i:i + 300]][2]
    (src / "cut.warc").write_bytes(raw[: third + 1200])  # two pages, then a truncated one
    return src


@pytest.mark.parametrize("workers", ["1", "2"])  # 2: the workers read their own shards (issue 11)
def test_hostile_batch_stores_the_good_and_reports_each_bad_one_once(tmp_path, workers):
    src = _batch(tmp_path)
    db = tmp_path / "h.db"
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--no-progress", "--time-limit", "120",
                                       "-n", workers])
    assert result.exit_code == 1, result.output
    summary = result.output.splitlines()[0]
    assert summary.startswith("Read 16 documents: 6 new, 0 already present, 0 skipped (language), 10 failed; ")
    conn = sqlite3.connect(db)
    stored = sorted(Path(r[0].split("#")[0]).name for r in conn.execute("SELECT source FROM articles"))
    assert stored == ["a.jsonl:1", "a.jsonl:7", "b.txt", "caf\\xe9.txt", "cut.warc", "cut.warc"]
    errors = sorted((Path(r[0]).name.split("@")[0], r[1]) for r in conn.execute("SELECT source, code FROM errors"))
    assert errors == [
        ("a.jsonl:2", "QX113"), ("a.jsonl:3", "QX113"), ("a.jsonl:4", "QX105"), ("a.jsonl:5", "QX105"),
        ("a.jsonl:6", "QX107"), ("cut.warc", "QX111"), ("latin1.txt", "QX102"), ("line.jsonl.gz:1", "QX115"),
        ("nul.txt", "QX103"), ("zeros.txt.gz", "QX115"),
    ]
    run = conn.execute("SELECT n_read, n_new, n_failed, finished IS NOT NULL FROM runs").fetchone()
    assert run == (16, 6, 10, 1)
    for (message,) in conn.execute("SELECT message FROM errors"):  # each one on stderr, once
        assert result.output.count(message) == 1


def test_ingest_into_a_busy_store_is_qx307_and_the_run_is_never_finished(tmp_path, monkeypatch):
    import quidixit.store
    from quidixit import corpus
    from quidixit.errors import StoreError
    from quidixit.model import Article

    monkeypatch.setattr(quidixit.store, "BUSY_TIMEOUT", 0.3)
    db = tmp_path / "busy.db"
    other = sqlite3.connect(db, isolation_level=None)

    def articles():
        other.execute("BEGIN IMMEDIATE")  # another writer takes the lock once the run has started
        yield Article(text=GOOD[0], source="g:0")

    try:
        with pytest.raises(StoreError) as err:
            corpus.ingest(articles(), db=db, batch_size=1, progress=False)
        assert err.value.code == "QX307" and "is busy" in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    conn = sqlite3.connect(db)
    # the failure could not be written while the lock was held: the run stays 'running', not 'finished'
    assert conn.execute("SELECT status, finished FROM runs").fetchall() == [("running", None)]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_an_interrupted_ingest_records_that_it_failed(tmp_path):
    from quidixit import corpus
    from quidixit.model import Article

    def articles():
        yield Article(text=GOOD[0], source="g:0")
        raise KeyboardInterrupt

    db = tmp_path / "stop.db"
    with pytest.raises(KeyboardInterrupt):
        corpus.ingest(articles(), db=db, batch_size=1, progress=False)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status, finished, error, n_new FROM runs").fetchall() == [
        ("failed", None, "KeyboardInterrupt", 1)]
