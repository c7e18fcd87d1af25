"""Shards: a file, a WARC, a slice of a JSONL file read alone gives what reading the whole gives."""

from __future__ import annotations

import gzip
import json

from quidixit.model import Failure
from quidixit.read import ReadStats, read_sources
from quidixit.read.shards import Shard, plan_shards, read_shard

from .conftest import FIXTURES


def _items(items):
    return [(type(i).__name__, i.source, getattr(i, "id", None), getattr(i, "code", None)) for i in items]


def _mixed(tmp_path):
    lines = [json.dumps({"text": f"Article {i} : le maire a parlé. " * (i % 7 + 1), "url": f"http://ex.fr/{i}"}) for i in range(300)]
    lines[17] = "{not json"
    lines[120] = "[1, 2]"
    lines[200] = ""
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n" + '{"text": "la dernière, sans fin de ligne"}', encoding="utf-8")
    (tmp_path / "small.jsonl.gz").write_bytes(gzip.compress(b'{"text": "une"}\n{"text": "deux"}\n'))
    (tmp_path / "p.html").write_text("<html><body><article><p>Le maire a dit non.</p></article></body></html>")
    (tmp_path / "w.warc.gz").write_bytes((FIXTURES / "warc" / "wikinews-fr.warc.gz").read_bytes())
    return tmp_path


def test_slices_of_a_jsonl_file_read_as_the_whole_file(tmp_path):
    root = _mixed(tmp_path)
    whole_stats, shard_stats = ReadStats(), ReadStats()
    whole = _items(read_sources([root, root / "missing"], languages=None, stats=whole_stats))
    shards = list(plan_shards([root, root / "missing"], slice_bytes=2_000))
    big = [s for s in shards if isinstance(s, Shard) and s.path.endswith("big.jsonl")]
    assert len(big) > 5 and big[0].start == 0 and all(a.end == b.start for a, b in zip(big, big[1:]))
    assert big[-1].end == (root / "big.jsonl").stat().st_size
    assert [s for s in shards if isinstance(s, Shard) and s.end is None] == [
        Shard(str(root / n)) for n in ("p.html", "small.jsonl.gz", "w.warc.gz")]  # whole files
    assert isinstance(shards[-1], Failure) and shards[-1].code == "QX101"
    by_shards = []
    for s in shards:
        by_shards += [s] if isinstance(s, Failure) else list(read_shard(s, languages=None, stats=shard_stats))
    assert _items(by_shards) == whole  # same documents, same sources (path:line), same order
    assert [c for _, src, _, c in whole if c] == ["QX105", "QX105", "QX101"]
    assert shard_stats.articles == whole_stats.articles and shard_stats.files == whole_stats.files
