"""``quidixit serve``: the analyst's web UI over a store, read-only."""

from __future__ import annotations

import click

from ..errors import QuidixitError

__all__ = ["serve_cmd"]


@click.command("serve")
@click.option("--db", "db_path", default=None, metavar="PATH",
              help="The store to serve (default: $QUIDIXIT_DB, else quidixit.db).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind. The default serves this machine only; 0.0.0.0 exposes the store to the network.")
@click.option("--allow-sql", is_flag=True, default=False,
              help="Let visitors run arbitrary SQL (Datasette's ?sql= and _where=). Off by default: "
                   "a heavy query from one client slows everyone down.")
@click.option("--page-cache", "page_cache_mb", default=64.0, show_default=True, type=click.FloatRange(0),
              help="MB of rendered pages kept until the store file changes (0: none; each request then does its work).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes on the one port (Linux): one per core serves about that many times the "
                   "requests under load; each has its own page cache.")
def serve_cmd(db_path: str | None, port: int, host: str, allow_sql: bool, page_cache_mb: float, workers: int) -> None:
    """Serve the web UI: search statements, read articles with statements
    highlighted, speaker and outlet pages, JSON and CSV for each.

    The store is opened immutable: the server never writes to it. Stop any
    running `quidixit ingest` on the same file first. Arbitrary SQL is off
    unless --allow-sql is given. Rendered pages are kept (--page-cache MB)
    until the store file changes. A process uses one core under load:
    --workers 2 on a machine of two.

    \b
    Example:
      quidixit serve --db corpus.db --port 8001
      quidixit serve --db corpus.db --workers 2
      # then open http://127.0.0.1:8001/
    """
    from pathlib import Path

    from ..store import default_path

    path = db_path or default_path()
    import sqlite3
    from urllib.parse import quote

    from ..store import SCHEMA_VERSION

    try:
        with sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?immutable=1", uri=True) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        version = SCHEMA_VERSION  # not for this warning to say: the pages will
    if version < SCHEMA_VERSION:
        click.echo(f"warning: {path} is a version-{version} store (this quidixit writes version {SCHEMA_VERSION}); "
                   "the server does not migrate it: run any other quidixit command on it once (e.g. `quidixit stats "
                   f"--db {path}`) for the faster word searches of version 6 and the counts of version 7 (speaker and "
                   "outlet pages count them on each request, and show no voice share per month, until then).", err=True)
    if Path(str(path) + "-wal").exists():
        click.echo(f"warning: {path}-wal exists: a writer may still be running; "
                   "the server reads the file as it is and will not see uncommitted pages.", err=True)

    from ..ui.server import serve

    def ready(bound: int) -> None:
        each = f" ({workers} processes)" if workers > 1 else ""
        click.echo(f"quidixit: serving {path} (read-only) on http://{host}:{bound}/{each}", err=True)

    try:
        serve(path, host=host, port=port, workers=workers, allow_sql=allow_sql, page_cache_mb=page_cache_mb,
              on_ready=ready)
    except QuidixitError as err:
        raise click.ClickException(str(err)) from err
