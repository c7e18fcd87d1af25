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
        Shard(str(root / n)) for n in ("p.html", "small.jsonl.gz")]  # whole files; the WARC is sliced
    assert isinstance(shards[-1], Failure) and shards[-1].code == "QX101"
    by_shards = []
    for s in shards:
        by_shards += [s] if isinstance(s, Failure) else list(read_shard(s, languages=None, stats=shard_stats))
    assert _items(by_shards) == whole  # same documents, same sources (path:line), same order
    assert [c for _, src, _, c in whole if c] == ["QX105", "QX105", "QX101"]
    assert shard_stats.articles == whole_stats.articles and shard_stats.files == whole_stats.files


def test_slices_of_warc_files_read_as_the_whole_files(tmp_path):
    """WARC slices run from one record start to another: the pages, failures (broken
    member, truncated end) and record counts of the whole files, offsets and all."""
    raw = (FIXTURES / "warc" / "wikinews-fr.warc.gz").read_bytes()
    members = [b"\x1f\x8b\x08" + m for m in raw.split(b"\x1f\x8b\x08") if m]
    members[6] = members[6][:40] + b"\x00" * 40 + members[6][80:]
    (tmp_path / "broken.warc.gz").write_bytes(b"".join(members))
    plain = gzip.decompress(raw)
    (tmp_path / "cut.warc").write_bytes(plain[: len(plain) - 900])
    for name in ("example-iana.org-chunked.warc", "IAH-20080430204825-00000-blackbook-truncated.arc.gz"):
        (tmp_path / name).write_bytes((FIXTURES / "warc" / name).read_bytes())
    whole_stats, shard_stats = ReadStats(), ReadStats()

    def items(it):
        return [(*_items([i])[0], getattr(i, "meta", {}).get("warc_offset")) for i in it]

    whole = items(read_sources([tmp_path], languages=None, stats=whole_stats))
    shards = list(plan_shards([tmp_path], slice_bytes=3_000))
    assert sum(s.format == "warc" for s in shards) > 10
    assert Shard(str(tmp_path / "IAH-20080430204825-00000-blackbook-truncated.arc.gz")) in shards  # ARC: whole
    by_shards = items(i for s in shards for i in read_shard(s, languages=None, stats=shard_stats))
    assert by_shards == whole
    assert [c for *_, c, _ in whole if c] == ["QX111", "QX111"]
    assert shard_stats.records == whole_stats.records and shard_stats.files == whole_stats.files


def test_a_small_warc_is_cut_so_that_every_worker_has_several_slices(tmp_path):
    """Under slice_bytes (256 KiB) a WARC was one shard, read by one worker while the
    others waited; with workers it is cut to give each about four, never under 16 KiB."""
    from quidixit.read.shards import MIN_SLICE_BYTES, SLICES_PER_WORKER

    raw = (FIXTURES / "warc" / "wikinews-fr.warc.gz").read_bytes()
    path = tmp_path / "pages.warc.gz"
    path.write_bytes(raw * 12)  # about 180 KiB of gzip members, one record each
    size = path.stat().st_size
    assert [s.end for s in plan_shards([path])] == [None]  # one worker: the whole file
    shards = list(plan_shards([path], workers=2))
    assert len(shards) >= SLICES_PER_WORKER * 2 - 1
    assert all(s.end - s.start >= MIN_SLICE_BYTES for s in shards[:-1])
    assert shards[0].start == 0 and all(a.end == b.start for a, b in zip(shards, shards[1:])) and shards[-1].end > size
    whole = _items(read_sources([path], languages=None))
    assert _items(i for s in shards for i in read_shard(s, languages=None)) == whole
    assert len(list(plan_shards([tmp_path / "pages.warc.gz"], workers=64))) * MIN_SLICE_BYTES <= size + MIN_SLICE_BYTES
