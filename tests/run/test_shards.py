"""Ingest with the workers reading their own shards (issue 11): the store, the counts and
the errors of a one-worker run; a run killed with SIGKILL resumes to the same store."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quidixit import corpus

from test_corpus import articles, snapshot  # tests/ is on sys.path (rootdir, no __init__)

pytestmark = pytest.mark.slow
WARC = Path(__file__).resolve().parents[1] / "fixtures" / "read" / "warc" / "wikinews-fr.warc.gz"


def _batch(root: Path, n: int = 24) -> Path:
    root.mkdir()
    lines = [json.dumps({"text": a.text, "outlet": a.outlet, "published": a.published}, ensure_ascii=False) for a in articles(n)]
    lines[3] = "{not json"
    lines[9] = json.dumps({"text": "a\ud800b"})  # a lone surrogate
    (root / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "pages.warc.gz").write_bytes(WARC.read_bytes())
    (root / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\x00")
    for a in articles(n + 4)[n:]:
        (root / f"t{a.published}.txt").write_text(a.text, encoding="utf-8")
    return root


def _errors(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute("SELECT source, code FROM errors").fetchall())
    finally:
        conn.close()


def _counts(s) -> tuple:
    return s.read, s.new, s.present, s.skipped, s.failed, s.statements


def test_two_workers_reading_shards_store_what_one_worker_stores(tmp_path):
    src = _batch(tmp_path / "in")
    sources = [str(src), str(tmp_path / "missing.txt")]
    one = corpus.ingest(sources, db=tmp_path / "one.db", progress=False)
    two = corpus.ingest(sources, db=tmp_path / "two.db", workers=2, progress=False, slice_bytes=1_500)
    assert one.new == 24 - 2 + 10 + 4 and one.failed == 4
    assert _counts(two) == _counts(one)
    assert snapshot(tmp_path / "two.db") == snapshot(tmp_path / "one.db")
    errors = _errors(tmp_path / "two.db")
    assert errors == _errors(tmp_path / "one.db")
    assert [Path(s).name for s, _ in errors] == ["bad.txt", "news.jsonl:10", "news.jsonl:4", "missing.txt"]
    again = corpus.ingest(sources, db=tmp_path / "two.db", workers=2, progress=False, slice_bytes=1_500)
    assert (again.new, again.present) == (0, one.new)  # idempotent: nothing analysed twice


KILLED = textwrap.dedent(
    """
    import sys
    from quidixit import corpus
    corpus.ingest([sys.argv[2]], db=sys.argv[1], workers=2, batch_size=2, progress=False, slice_bytes=800)
    """
)


def test_killed_two_worker_ingest_resumes_to_the_same_store(tmp_path):
    src = _batch(tmp_path / "in", n=60)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(db), str(src)], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    committed = 0
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                    committed = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
                    conn.close()
                except sqlite3.Error:
                    committed = 0
                if committed >= 4:
                    break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the writer and its workers, as a crash would
        out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]
    total = 60 - 2 + 10 + 4
    assert 4 <= committed < total, "the kill should land mid-run"
    resumed = corpus.ingest([str(src)], db=db, workers=2, progress=False, slice_bytes=800)
    assert resumed.present >= committed and resumed.new == total - resumed.present
    clean = corpus.ingest([str(src)], db=tmp_path / "clean.db", progress=False)
    assert clean.new == total
    assert snapshot(db) == snapshot(tmp_path / "clean.db")
