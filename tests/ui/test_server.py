"""``quidixit serve --workers N``: N real processes on one port, each answering, the
kernel spreading connections among them, all stopped with the parent; and the coded
errors where that cannot work."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quidixit.errors import StoreError, UsageError
from quidixit.ui import server as ui_server

from ._server import free_port

linux_only = pytest.mark.skipif(not ui_server.can_share_port(), reason="several processes on one port: Linux only")


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _sockets(pid: int) -> int:
    n = 0
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            n += os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return n


def _start(store_path: Path, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    cmd = [sys.executable, "-c", "from quidixit.cli import main; main()", "serve", "--db", str(store_path),
           "--port", str(port), "--workers", str(workers), "--page-cache", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    for line in proc.stderr:  # printed once every worker listens
        if line.startswith("quidixit: serving"):
            assert f"({workers} processes)" in line and f":{port}/" in line
            return proc, port
        assert time.monotonic() < deadline, "quidixit serve --workers did not start"
    raise AssertionError(f"quidixit serve exited with {proc.wait()} before serving")


@linux_only
def test_workers_share_the_port_and_stop_with_the_parent(store_path):
    proc, port = _start(store_path, 2)
    try:
        # the spawn context also starts a resource tracker: the workers are the children holding a socket
        before = {p: _sockets(p) for p in _children(proc.pid)}
        serving = [p for p, n in before.items() if n]
        assert len(serving) == 2, before
        conns = []
        for _ in range(40):  # 40 connections kept open: the kernel spreads them by their ports
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/search.json?q=retraites")
            r = c.getresponse()
            body = json.loads(r.read())
            assert r.status == 200 and body["total"] >= 1
            conns.append(c)
        after = {p: _sockets(p) for p in serving}
        gained = [p for p in serving if after[p] > before[p]]
        assert len(gained) == len(serving), (before, after)  # every worker holds some of the connections
        for c in conns:
            c.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        time.sleep(0.5)
        assert not [p for p in serving if Path(f"/proc/{p}").exists() and "zombie" not in
                    Path(f"/proc/{p}/status").read_text()], "a worker outlived the server"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@linux_only
def test_one_worker_is_one_process(store_path):
    p = free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from quidixit.cli import main; main()", "serve", "--db",
                             str(store_path), "--port", str(p)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stderr.readline()
        assert line.startswith("quidixit: serving") and "processes" not in line
        c = http.client.HTTPConnection("127.0.0.1", p, timeout=30)
        c.request("GET", "/speakers.json")
        assert c.getresponse().status == 200
        assert not [k for k in _children(proc.pid) if _sockets(k)]
    finally:
        proc.terminate()
        proc.wait(10)


def test_workers_need_a_shared_port(store_path, monkeypatch):
    monkeypatch.setattr(ui_server, "can_share_port", lambda: False)
    with pytest.raises(UsageError) as err:
        ui_server.serve(store_path, port=0, workers=2)
    assert err.value.code == "QX404" and "--workers 1" in str(err.value)


def test_at_least_one_worker(store_path):
    with pytest.raises(UsageError) as err:
        ui_server.serve(store_path, port=0, workers=0)
    assert err.value.code == "QX404"


def test_a_missing_store_fails_before_any_worker_starts(tmp_path):
    with pytest.raises(StoreError) as err:
        ui_server.serve(tmp_path / "none.db", port=0, workers=2)
    assert err.value.code == "QX301"
