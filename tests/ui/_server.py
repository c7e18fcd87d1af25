"""Start ``quidixit serve`` on a free loopback port, wait until it answers, stop it."""

from __future__ import annotations

import contextlib
import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(db: Path, port: int) -> list[str]:
    return [sys.executable, "-c", "from quidixit.cli import main; main()",
            "serve", "--db", str(db), "--port", str(port), "--host", "127.0.0.1"]


@contextlib.contextmanager
def running_server(db: Path, timeout: float = 30.0):
    port = free_port()
    proc = subprocess.Popen(serve_command(db, port), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"quidixit serve exited with {proc.returncode}: {proc.stdout.read()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/search.json")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("quidixit serve did not answer within %ss" % timeout)
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
