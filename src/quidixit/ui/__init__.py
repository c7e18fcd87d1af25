"""The analyst's web UI: a Datasette plugin over a quidixit store.

    >>> from quidixit.ui import make_datasette
    >>> ds = make_datasette("corpus.db")        # doctest: +SKIP

The store is opened immutable (``?immutable=1``): the server never writes to
it. The plugin (:mod:`quidixit.ui.plugin`) adds the search, article, speaker
and outlet pages and their JSON/CSV forms; Datasette's own table, facet and
JSON/CSV views stay available under ``/<database>``. Arbitrary SQL (``?sql=``,
``_where=``) is off unless ``allow_sql=True`` (``quidixit serve --allow-sql``):
a few clients looping a heavy query would slow everyone's searches down.
Requests are guarded (:mod:`quidixit.ui.guard`): read-only methods, no NUL or
``..`` in URLs, 400 for malformed parameters, CSV cells safe for spreadsheets.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["make_datasette", "PLUGIN_NAME", "TEMPLATES", "STATIC"]

PLUGIN_NAME = "quidixit-ui"
HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def make_datasette(db_path: str | Path, *, settings: dict | None = None, allow_sql: bool = False,
                   page_cache_mb: float = 64):
    """A Datasette app serving ``db_path`` read-only with the quidixit pages;
    arbitrary SQL only with ``allow_sql``; up to ``page_cache_mb`` MB of rendered pages
    kept until the file changes (:mod:`quidixit.ui.cache`; 0: none).

    Raises :class:`~quidixit.errors.StoreError` (QX301) when the file is missing.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from ..errors import Errors, StoreError
    from . import plugin

    _quiet_datasette_errors()
    path = Path(db_path)
    if not path.is_file():
        raise StoreError(Errors.QX301.format(path=path, reason="no such file (build one with `quidixit ingest`)"))
    if not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN_NAME)
    name = path.stem
    base = {"default_page_size": 50, "sql_time_limit_ms": 3000, "num_sql_threads": 4, "max_returned_rows": 5000,
            "default_allow_sql": allow_sql,
            "allow_csv_stream": False}  # CSV is bounded by max_returned_rows (and neutralised whole: ui.guard)
    base.update(settings or {})
    return Datasette(
        immutables=[str(path)],
        template_dir=str(TEMPLATES),
        static_mounts=[("-/qx", str(STATIC))],
        settings=base,
        metadata={
            "title": "quidixit",
            "description": "Who said what in the news",
            "plugins": {PLUGIN_NAME: {"database": name, "page_cache_bytes": int(page_cache_mb * 1024 * 1024)}},
        },
    )


def _quiet_datasette_errors() -> None:
    """Datasette 0.65's default error hook prints every error, 404s and 400s included, as a
    rich traceback with all locals when rich is installed (quidixit needs rich): about 1.5 s
    a request, a stalled server once its output pipe is full, and a ValueError of its own
    when called outside an ``except`` block (the write API). Its plain pages stay; 500s
    are still printed with the standard traceback."""
    import datasette.handle_exception as default_hook

    default_hook.rich = None
