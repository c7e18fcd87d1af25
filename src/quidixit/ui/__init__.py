"""The analyst's web UI: a Datasette plugin over a quidixit store.

    >>> from quidixit.ui import make_datasette
    >>> ds = make_datasette("corpus.db")        # doctest: +SKIP

The store is opened immutable (``?immutable=1``): the server never writes to
it. The plugin (:mod:`quidixit.ui.plugin`) adds the search, article, speaker
and outlet pages and their JSON/CSV forms; Datasette's own table, facet, SQL
and JSON/CSV views stay available under ``/<database>``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["make_datasette", "PLUGIN_NAME", "TEMPLATES", "STATIC"]

PLUGIN_NAME = "quidixit-ui"
HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def make_datasette(db_path: str | Path, *, settings: dict | None = None):
    """A Datasette app serving ``db_path`` read-only with the quidixit pages.

    Raises :class:`~quidixit.errors.StoreError` (QX301) when the file is missing.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from ..errors import Errors, StoreError
    from . import plugin

    path = Path(db_path)
    if not path.is_file():
        raise StoreError(Errors.QX301.format(path=path, reason="no such file (build one with `quidixit ingest`)"))
    if not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN_NAME)
    name = path.stem
    base = {"default_page_size": 50, "sql_time_limit_ms": 3000, "num_sql_threads": 4, "max_returned_rows": 5000}
    base.update(settings or {})
    return Datasette(
        immutables=[str(path)],
        template_dir=str(TEMPLATES),
        static_mounts=[("-/qx", str(STATIC))],
        settings=base,
        metadata={
            "title": "quidixit",
            "description": "Who said what in the news",
            "plugins": {PLUGIN_NAME: {"database": name}},
        },
    )
