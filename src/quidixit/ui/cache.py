"""A cache of the UI's rendered pages, dropped whenever the store file changes.

The store is served immutable, so a page (its URL: path and query string) gives
the same bytes until the file changes; this keeps the last ``max_bytes`` of
them, least recently used first out. Its key holds the store's *generation*:
the file's size, modification time and inode, read (one ``stat``) on every
request, so a page is never served from a store that is no longer the one on
disk (``quidixit serve`` must still be restarted after an ingest: SQLite does not
look for changes in an immutable file).

What it hides: a URL asked for again costs the routing only (a millisecond or
two), while the first request of a URL does all its work. ``bench/bench_ui.py``
asks for about 1,000 distinct URLs, so once warm it measures mostly the cache;
run it with ``--page-cache 0`` for the cost of the pages themselves.

Only the quidixit pages are kept (search, articles, speakers, outlets, claims;
HTML, JSON and CSV), only complete ``200`` answers to ``GET`` without a cookie
in the request or ``set-cookie`` in the answer, and none bigger than
``max_entry`` bytes. Each answer says ``x-qx-cache: hit`` or ``miss``.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from typing import Any, Callable

__all__ = ["PageCache", "CACHED_PATHS", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
CACHED_PATHS = re.compile(r"^/(?:|search|articles/[^/]+|speakers(?:/[^/]+)?|outlets(?:/[^/]+)?|claims(?:/[^/]+)?)"
                          r"(?:\.json|\.csv)?$")


class PageCache:
    """``PageCache(path)(app)``: the ASGI ``app`` with its pages cached (see the module)."""

    def __init__(self, store_path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_entry: int = 2 * 1024 * 1024):
        self.path = os.fspath(store_path)
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self.pages: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self.size = 0
        self.generation: tuple | None = None
        self.hits = self.misses = 0
        self._lock = threading.Lock()

    def store_generation(self) -> tuple:
        try:
            st = os.stat(self.path)
        except OSError:
            return ()
        return (st.st_size, st.st_mtime_ns, st.st_ino)

    def _get(self, key: tuple) -> tuple[int, list, bytes] | None:
        generation = self.store_generation()
        with self._lock:
            if generation != self.generation:  # the file changed (or first request): drop everything
                self.pages.clear()
                self.size = 0
                self.generation = generation
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return page

    def _put(self, key: tuple, generation: tuple, page: tuple[int, list, bytes]) -> None:
        size = len(page[2]) + sum(len(k) + len(v) for k, v in page[1])
        if size > self.max_entry or size > self.max_bytes:
            return
        with self._lock:
            if generation != self.generation or key in self.pages:
                return
            self.pages[key] = page
            self.size += size
            while self.size > self.max_bytes:
                _, (_, headers, body) = self.pages.popitem(last=False)
                self.size -= len(body) + sum(len(k) + len(v) for k, v in headers)

    def __call__(self, app: Callable) -> Callable:
        async def cached(scope: dict, receive: Callable, send: Callable) -> Any:
            if (scope.get("type") != "http" or scope.get("method") != "GET" or self.max_bytes <= 0
                    or not CACHED_PATHS.match(scope.get("path", ""))
                    or any(k == b"cookie" for k, _ in scope.get("headers", ()))):
                return await app(scope, receive, send)
            key = (scope.get("path", ""), scope.get("query_string", b""))
            page = self._get(key)
            if page is not None:
                status, headers, body = page
                await send({"type": "http.response.start", "status": status, "headers": [*headers, (b"x-qx-cache", b"hit")]})
                await send({"type": "http.response.body", "body": body})
                return None
            generation = self.generation
            start: dict = {}
            chunks: list[bytes] = []

            async def keep(message: dict) -> None:
                if message["type"] == "http.response.start":
                    start.update(message)
                    message = dict(message, headers=[*message.get("headers", ()), (b"x-qx-cache", b"miss")])
                elif message["type"] == "http.response.body":
                    chunks.append(message.get("body", b""))
                    if not message.get("more_body", False) and start.get("status") == 200:
                        headers = [(bytes(k), bytes(v)) for k, v in start.get("headers", ())]
                        if not any(k.lower() == b"set-cookie" for k, _ in headers):
                            self._put(key, generation, (200, headers, b"".join(chunks)))
                await send(message)

            return await app(scope, receive, keep)

        return cached
