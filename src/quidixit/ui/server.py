"""Serving the UI: one process, or several on one port.

    >>> from quidixit.ui.server import serve
    >>> serve("corpus.db", port=8001, workers=2)        # doctest: +SKIP

A process runs one event loop: under load it is bound to one core (the pages are
Python: routing, templates, the statement list; their SQL is a millisecond or two).
``workers=N`` starts N processes that each build their own Datasette over the same
immutable store and listen on the same port with ``SO_REUSEPORT``: the kernel spreads
new connections among them (a keep-alive connection stays with the one it reached).
The store is only read, so the processes share nothing but the file and the OS's page
cache; each has its own page cache (:mod:`quidixit.ui.cache`). Linux only (elsewhere
``SO_REUSEPORT`` does not spread connections): more than one worker is a
:class:`~quidixit.errors.UsageError` there.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import signal
import socket
import sys
from pathlib import Path

from ..errors import Errors, UsageError

__all__ = ["serve", "can_share_port"]


def can_share_port() -> bool:
    """Whether several processes can listen on one port and get its connections in turn."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8001, workers: int = 1,
          allow_sql: bool = False, page_cache_mb: float = 64, on_ready=None) -> None:
    """Serve the UI over ``db_path`` until interrupted (SIGINT or SIGTERM).

    ``on_ready(port)`` is called once the port is chosen (``port=0``: a free one).
    Raises :class:`~quidixit.errors.StoreError` (QX301) for a missing store before
    anything starts, :class:`UsageError` (QX404) for ``workers > 1`` where the port
    cannot be shared.
    """
    from . import make_datasette

    if workers < 1:
        raise UsageError(Errors.QX404.format(workers=workers, reason="give at least 1"))
    ds = make_datasette(db_path, allow_sql=allow_sql, page_cache_mb=page_cache_mb)  # QX301 here, not in a worker
    if workers == 1:
        sock = _listen(host, port, share=False)
        if on_ready:
            on_ready(sock.getsockname()[1])
        _run(ds, sock)
        return
    if not can_share_port():
        raise UsageError(Errors.QX404.format(
            workers=workers, reason="several server processes on one port need Linux (SO_REUSEPORT); use --workers 1 here"))
    if port == 0:  # one free port for all of them
        probe = _listen(host, 0, share=True)
        port = probe.getsockname()[1]
        probe.close()
    context = multiprocessing.get_context("spawn")  # each worker imports and builds its own app
    started = context.Queue()
    procs = [context.Process(target=_worker, args=(str(db_path), host, port, allow_sql, page_cache_mb, started),
                             name=f"quidixit-serve-{k}", daemon=True) for k in range(workers)]
    for p in procs:
        p.start()
    # ready once every worker listens: a keep-alive connection made while only some do
    # would stay with those for good
    for _ in procs:
        try:
            started.get(timeout=120)
        except queue.Empty:
            break  # a worker that failed to start: the wait below sees it end
    if on_ready and all(p.is_alive() for p in procs):
        on_ready(port)

    def stop(signum, frame):  # noqa: ARG001
        for p in procs:
            if p.is_alive():
                p.terminate()

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        from multiprocessing.connection import wait

        wait([p.sentinel for p in procs])  # until the first one ends (stopped, or failed)
    finally:
        stop(None, None)
        for p in procs:
            p.join(10)
            if p.is_alive():
                p.kill()
        for s, handler in previous.items():
            signal.signal(s, handler)
    codes = [p.exitcode for p in procs]
    failed = [c for c in codes if c not in (0, -signal.SIGTERM, None)]
    if failed:
        raise SystemExit(f"quidixit serve: a worker exited with code {failed[0]}")


def _listen(host: str, port: int, *, share: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if share:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(db_path: str, host: str, port: int, allow_sql: bool, page_cache_mb: float, started) -> None:
    from . import make_datasette

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers (SIGTERM)
    ds = make_datasette(db_path, allow_sql=allow_sql, page_cache_mb=page_cache_mb)
    _run(ds, _listen(host, port, share=True), started)


def _run(ds, sock: socket.socket, started=None) -> None:
    import uvicorn

    asyncio.run(ds.invoke_startup())
    if started is not None:  # listening (connections wait in the backlog until the loop runs)
        started.put(os.getpid())
    # uvloop and httptools when installed (the ui extra has them): "auto" picks them
    config = uvicorn.Config(ds.app(), log_level="warning", loop="auto", http="auto")
    uvicorn.Server(config).run(sockets=[sock])
