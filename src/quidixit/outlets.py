"""Outlet names: one name per outlet, whatever a reader found.

A JSONL file says ``"outlet": "Wikinews (fr)"``; the same page read from a WARC
gives its host name, ``fr.wikinews.org``. :func:`outlet_name` maps both to one
name through a small table, ``quidixit/data/outlets.tsv`` (``key<TAB>name``),
which a user extends or overrides with a file of the same form named by the
environment variable ``QUIDIXIT_OUTLETS``.

    >>> outlet_name("fr.wikinews.org")
    'Wikinews (fr)'
    >>> outlet_name(None, "https://www.lemonde.fr/politique/article/2012/06/22/x.html")
    'Le Monde'
    >>> outlet_name("Libération"), outlet_name("blog.example.org")
    ('Libération', 'blog.example.org')

The rule: the outlet as given when the table knows it; else the URL's host when
the table knows it (``www.`` dropped, a listed domain also covers its
subdomains); else the outlet as given, else the URL's host. An unknown name is
kept as it is: the table only merges, it never invents an outlet.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["ENV_OUTLETS", "outlet_name", "outlet_table", "host_of"]

ENV_OUTLETS = "QUIDIXIT_OUTLETS"
TABLE = Path(__file__).parent / "data" / "outlets.tsv"


def _read(path: Path) -> dict[str, str]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or "\t" not in line:
            continue
        key, name = line.split("\t", 1)
        if key.strip() and name.strip():
            table[_key(key)] = name.strip()
    return table


@lru_cache(maxsize=4)
def _table(extra: str | None) -> dict[str, str]:
    table = _read(TABLE)
    if extra:
        table.update(_read(Path(extra)))
    return table


def outlet_table() -> dict[str, str]:
    """The table in use: the packaged one, updated with ``$QUIDIXIT_OUTLETS``."""
    return dict(_table(os.environ.get(ENV_OUTLETS) or None))


def _key(s: str) -> str:
    k = " ".join(s.split()).casefold()
    return k[4:] if k.startswith("www.") else k


def host_of(url: str | None) -> str | None:
    """The host of an http(s) URL, lower-cased, without ``www.``; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return _key(host)


def _lookup(table: dict[str, str], key: str) -> str | None:
    if key in table:
        return table[key]
    labels = key.split(".")
    for i in range(1, len(labels) - 1):  # a subdomain of a listed domain
        found = table.get(".".join(labels[i:]))
        if found:
            return found
    return None


def outlet_name(outlet: str | None, url: str | None = None) -> str | None:
    """The outlet's name in the store (see the module's rule)."""
    table = _table(os.environ.get(ENV_OUTLETS) or None)
    given = " ".join(outlet.split()) if outlet else None
    if given:
        found = _lookup(table, _key(given))
        if found:
            return found
    host = host_of(url)
    if host:
        found = _lookup(table, host)
        if found:
            return found
    return given or host
