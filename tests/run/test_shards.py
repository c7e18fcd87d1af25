"""Ingest with the workers reading their own shards (issue 11): the store, the counts and
the errors of a one-worker run; a run killed with SIGKILL resumes to the same store."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quidixit import corpus

from test_corpus import articles, committed_articles, snapshot  # tests/ is on sys.path (rootdir, no __init__)

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
                committed = committed_articles(db)
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


def _rows(db: Path) -> dict:
    """What a store holds, row by row, without what differs between runs (run ids, rowids)."""
    conn = sqlite3.connect(db)
    try:
        statement_cols = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(statements)"))
        return {
            "articles": conn.execute(
                "SELECT a.id, a.external_id, a.source, a.url, o.name, a.published, a.title, a.language, a.text,"
                " a.boilerplate, a.scare_quotes, a.meta, a.n_statements, a.url_key, a.text_key, a.extractor_version"
                " FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.id").fetchall(),
            "statements": conn.execute(f"SELECT {statement_cols} FROM statements ORDER BY id").fetchall(),
            "speakers": conn.execute("SELECT * FROM speakers ORDER BY id").fetchall(),
            "skipped": conn.execute("SELECT source, article_id, reason FROM skipped ORDER BY source, article_id").fetchall(),
        }
    finally:
        conn.close()


def test_two_workers_store_the_same_rows_as_one(tmp_path):
    src = _batch(tmp_path / "in")
    corpus.ingest([str(src)], db=tmp_path / "one.db", progress=False)
    corpus.ingest([str(src)], db=tmp_path / "two.db", workers=2, progress=False, slice_bytes=1_500)
    one, two = _rows(tmp_path / "one.db"), _rows(tmp_path / "two.db")
    assert len(one["articles"]) == 24 - 2 + 10 + 4 and len(one["statements"]) > 36
    assert two == one


MARKER = "QX-TEST-THIS-DOCUMENT-KILLS-ITS-WORKER"
# The CLI, with a worker that dies (os._exit, as a native crash or the OOM killer ends it) when
# it analyses the marked document: spawned and forkserver workers run this file as their
# __main__ module too, so the patch is in every worker.
DYING = textwrap.dedent(
    f"""
    import os

    import quidixit.run.local as local

    _analyze = local._analyze


    def _dies_on_marker(articles):
        if any({MARKER!r} in a.text for a in articles):
            os._exit(70)
        return _analyze(articles)


    local._analyze = _dies_on_marker

    if __name__ == "__main__":
        from quidixit.cli import main

        main()
    """
)


def _cli(script: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=timeout, env=env)


def test_a_worker_dying_mid_shard_costs_only_the_document_that_kills_it(tmp_path):
    """The real runner, -n 2: the shard whose worker dies is run again alone, then its
    documents one by one; only the one that kills its worker is lost, as one QX152 error.
    Nothing hangs (the timeout), nothing else is lost: the store is that of a clean
    one-worker run of the input without that document."""
    src = _batch(tmp_path / "in")
    news = src / "news.jsonl"
    lines = news.read_text(encoding="utf-8").splitlines()
    lines[12] = json.dumps({"text": f"« Je m'en vais », a dit le maire. {MARKER}", "outlet": "Le Monde"})
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = tmp_path / "dying_cli.py"
    script.write_text(DYING, encoding="utf-8")
    out = _cli(script, "ingest", str(src), "--db", str(tmp_path / "two.db"), "-n", "2", "--no-progress")
    assert out.returncode == 1, out.stderr[-3000:]  # failures: status 1, everything else stored
    lines[12] = ""  # the same input without that document (a blank line is no document)
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = corpus.ingest([str(src)], db=tmp_path / "clean.db", progress=False)
    said = out.stdout + out.stderr
    assert f"Read {one.read + 1} documents: {one.new} new, 0 already present, {one.skipped} skipped (language), {one.failed + 1} failed" in said, said
    assert _rows(tmp_path / "two.db") == _rows(tmp_path / "clean.db")
    lost = (str(news) + ":13", "QX152")
    assert _errors(tmp_path / "two.db") == sorted([*_errors(tmp_path / "clean.db"), lost])
    conn = sqlite3.connect(tmp_path / "two.db")
    message = conn.execute("SELECT message FROM errors WHERE code = 'QX152'").fetchone()[0]
    conn.close()
    assert "this document killed the worker process analysing it, alone and again after a retry" in message


def _grandchildren(pid: int) -> list[int]:
    """Processes two levels below ``pid`` (the workers, below the forkserver or the pool's
    spawner), read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    children = {p for p, pp in parents.items() if pp == pid}
    return sorted(p for p, pp in parents.items() if pp in children)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_a_worker_killed_with_sigkill_mid_run_loses_nothing(tmp_path):
    """kill -9 of one worker of a running `quidixit ingest -n 2` (40 more files, 40 more
    shards: the kill almost surely lands mid-shard): the shards in flight are read and
    analysed again, the run finishes and the store is that of a clean run."""
    src = _batch(tmp_path / "in")
    for a in articles(68)[28:]:
        (src / f"more-{a.source[4:]}.txt").write_text(a.text, encoding="utf-8")
    db = tmp_path / "two.db"
    script = tmp_path / "cli.py"
    script.write_text("if __name__ == '__main__':\n    from quidixit.cli import main\n    main()\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, str(script), "ingest", str(src), "--db", str(db), "-n", "2",
                             "--batch-size", "2", "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    killed = None
    deadline = time.monotonic() + 240
    try:
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                committed = committed_articles(db)
                workers = _grandchildren(proc.pid)
                if committed >= 4 and workers:
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)
            time.sleep(0.02)
        out, err = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert killed is not None, "the kill should land mid-run"
    assert proc.returncode == 1, err[-3000:]  # the batch's own bad documents: status 1
    clean = tmp_path / "clean.db"
    corpus.ingest([str(src)], db=clean, progress=False)
    assert _rows(db) == _rows(clean)
    assert _errors(db) == _errors(clean)  # the bad documents of the batch, nothing for the killed worker
