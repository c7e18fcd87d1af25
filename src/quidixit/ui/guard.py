"""What the UI refuses before Datasette sees a request, and what it fixes on the way out.

The server is read-only and public-facing enough to meet crafted URLs, so:

- any method but GET and HEAD (Datasette's write API, forms) is 405, with a message;
- a NUL character in the path or in a parameter (``?q=%00``), or a ``..`` path
  segment (``/../x``), is 400, with a message: SQLite refuses NUL in a query and
  Datasette would answer 500;
- every CSV response (Datasette's own table CSV included) has its cells
  neutralised for spreadsheets (:mod:`quidixit.csvfile`).

Errors that still come from a parameter deep inside Datasette (an integer too
large for SQLite, ``?_sort=`` on a column that does not exist, which Datasette
0.65 answers with 500) are turned into 400 by :func:`bad_parameter` (the
plugin's ``handle_exception`` hook).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Awaitable, Callable
from urllib.parse import unquote_to_bytes

from ..csvfile import neutralise_csv

__all__ = ["guard", "bad_parameter", "error_response", "READ_ONLY_METHODS"]

READ_ONLY_METHODS = ("GET", "HEAD")

ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


def _problem(scope: dict) -> tuple[int, str] | None:
    """(status, message) for a request the UI refuses, else None."""
    method = scope.get("method", "GET")
    if method not in READ_ONLY_METHODS:
        return 405, (f"Method {method} not allowed: this server is read-only (the store is opened immutable); "
                     "it answers GET and HEAD requests only.")
    raw = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
    path = unquote_to_bytes(raw)
    if b"\x00" in path:
        return 400, "Bad request: the path holds a NUL character (%00)."
    if b".." in path.split(b"/"):
        return 400, "Bad request: '..' is not allowed in a path."
    if b"\x00" in unquote_to_bytes(scope.get("query_string", b"").replace(b"+", b" ")):
        return 400, "Bad request: a parameter holds a NUL character (%00). Remove it and try again."
    return None


async def _refuse(send, status: int, message: str, as_json: bool) -> None:
    if as_json:
        body = json.dumps({"ok": False, "error": message, "status": status}).encode()
        ctype = b"application/json; charset=utf-8"
    else:
        body = (message + "\n").encode()
        ctype = b"text/plain; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    if status == 405:
        headers.append((b"allow", ", ".join(READ_ONLY_METHODS).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def guard(app: ASGIApp) -> ASGIApp:
    """The ASGI wrapper: refusals first, then the app, CSV bodies neutralised."""

    async def wrapped(scope, receive, send):
        if scope.get("type") != "http":
            return await app(scope, receive, send)
        problem = _problem(scope)
        if problem:
            as_json = scope.get("path", "").endswith(".json") or b"_format=json" in scope.get("query_string", b"")
            return await _refuse(send, *problem, as_json)
        wants_csv = scope.get("path", "").endswith(".csv") or b"_format=csv" in scope.get("query_string", b"")
        return await app(scope, receive, _CsvNeutraliser(send) if wants_csv else send)

    return wrapped


class _CsvNeutraliser:
    """An ASGI ``send`` for a CSV request: buffers a successful text response (Datasette
    serves CSV as text/plain unless ``_dl=1``, then text/csv) and neutralises its cells;
    anything else passes straight through. (Datasette's CSV is bounded by
    ``max_returned_rows``: streaming of whole tables is off, see make_datasette.)"""

    def __init__(self, send):
        self.send = send
        self.start: dict | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: dict) -> None:
        if message["type"] == "http.response.start":
            headers = dict((k.lower(), v) for k, v in message.get("headers", []))
            ctype = headers.get(b"content-type", b"")
            if message.get("status") == 200 and ctype.startswith((b"text/csv", b"text/plain")):
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            self.chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = neutralise_csv(b"".join(self.chunks).decode("utf-8", "replace")).encode("utf-8")
            headers = [(k, v) for k, v in self.start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await self.send(dict(self.start, headers=headers))
            await self.send({"type": "http.response.body", "body": body})
            return
        await self.send(message)


def bad_parameter(exception: BaseException) -> str | None:
    """The 400 message for an exception that a request parameter caused, else None."""
    if isinstance(exception, OverflowError):
        return f"Bad request: a number in the request is too large ({exception})."
    if isinstance(exception, (sqlite3.ProgrammingError, ValueError)) and "null character" in str(exception):
        return "Bad request: a parameter holds a NUL character (%00)."
    if isinstance(exception, UnicodeEncodeError):
        return "Bad request: a parameter is not valid Unicode."
    from ..errors import UsageError

    if isinstance(exception, UsageError):  # a filter the one search refuses (an unknown kind, a bad date)
        return f"Bad request: {exception}"
    message = getattr(exception, "message", None)
    if getattr(exception, "status", None) == 500 and isinstance(message, str) and message.startswith("Cannot sort table by"):
        # Datasette's DatasetteError for ?_sort= / ?_sort_desc= on a column that does not exist
        return f"Bad request: {message.strip()}: there is no such column to sort by."
    return None


def error_response(datasette: Any, request: Any, status: int, message: str):
    """A JSON or plain-text error response (the form matches the request)."""
    from datasette.utils.asgi import Response

    if request.path.endswith(".json") or request.args.get("_format") == "json":
        return Response.json({"ok": False, "error": message, "status": status}, status=status)
    return Response.text(message + "\n", status=status)
