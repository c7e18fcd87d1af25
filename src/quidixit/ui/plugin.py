"""The Datasette plugin: the analyst's pages over a quidixit store.

Routes (each page also as ``.json``, or with ``?_format=json``; statement
lists also as ``.csv``):

    /                      search statements (same as /search)
    /search                full text + facets over statements
    /articles/<id>         one article, statements highlighted in its text
    /speakers              speakers by number of statements
    /speakers/<id>         one speaker: aliases, roles, timeline, outlets, statements
    /outlets               outlets
    /outlets/<name>        one outlet's sourcing profile
    /claims                claims reported by the most outlets, and possible misquotes
    /claims/<id>           one claim: appearances by outlet, first appearance, wording variants

Datasette's own views stay under ``/<database>`` (tables, facets, SQL, JSON, CSV).
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any, Callable
from urllib.parse import quote, unquote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import BadRequest, NotFound, Response
from jinja2 import Environment, Template

from ..csvfile import csv_text
from ..errors import UsageError
from . import PLUGIN_NAME, claim_views, queries
from .guard import bad_parameter, error_response, guard
from .render import bars, segment_text, speaker_colours, timeline
from .render import speaker_key as render_speaker_key

__all__ = ["register_routes", "menu_links", "extra_template_vars", "asgi_wrapper", "handle_exception", "forbidden"]

PAGE_SIZE = 50
MAX_PAGE = 1_000_000  # 50 million statements deep: anything beyond is a crafted URL
SQL_OFF = ("Arbitrary SQL (?sql=, _where=) is off on this server. Use the search page, or the tables with "
           "their filters and facets; to allow SQL, start the server with `quidixit serve --allow-sql`.")
KIND_LABELS = {
    "direct": "direct quote",
    "indirect": "indirect speech",
    "mixed": "mixed",
    "according_to": "according to",
    "headline": "headline",
}


# ------------------------------------------------------------------ plumbing


def _db(datasette):
    config = datasette.plugin_config(PLUGIN_NAME) or {}
    name = config.get("database")
    return datasette.get_database(name) if name else datasette.get_database()


def _format(request) -> str:
    fmt = (request.url_vars.get("fmt") or "").lstrip(".")
    if not fmt:
        fmt = request.args.get("_format", "") or "html"
    if fmt not in ("html", "json", "csv"):
        raise NotFound(f"Unknown format: {fmt}")
    return fmt


def _offset(request) -> int:
    value = request.args.get("_page", "1") or "1"
    try:
        page = int(value)
    except ValueError:
        page = 0
    if not 1 <= page <= MAX_PAGE:
        raise BadRequest(f"Bad _page {value[:40]!r}: a page number is a whole number from 1 to {MAX_PAGE:,}.")
    return (page - 1) * PAGE_SIZE


def _json(data: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False, default=str, indent=None),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def _csv(rows: list[dict[str, Any]], filename: str) -> Response:
    return Response(
        csv_text(rows, queries.STATEMENT_FIELDS, lineterminator="\n"),  # cells safe for spreadsheets
        content_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def _links(request, base: str) -> dict[str, str]:
    """The JSON and CSV forms of the page, keeping the query string."""
    qs = request.query_string
    tail = ("?" + qs) if qs else ""
    return {"json": f"{base}.json{tail}", "csv": f"{base}.csv{tail}"}


def _qs_builder(request) -> Callable[..., str]:
    """``qs(kind="direct", from_="2024-01-01")`` -> the current query string with
    those arguments replaced (None removes one); the page number is always reset."""
    current = [(k, v) for k in request.args.keys() for v in request.args.getlist(k) if v != "" and k not in ("_page", "_after")]

    def qs(**changes: Any) -> str:
        changes = {(k if k == "_page" else k.rstrip("_")): v for k, v in changes.items()}
        args = [(k, v) for k, v in current if k not in changes]
        args += [(k, str(v)) for k, v in changes.items() if v not in (None, "")]
        return ("?" + urlencode(args)) if args else "?"

    return qs


def _after(request) -> tuple[tuple | None, int]:
    """``_after`` (the next-page link of a search in date order: without words, or with
    words that match more than ``RANK_MAX`` statements): the cursor of the last hit of
    the page before, and the page number; 400 when it is not one."""
    value = request.args.get("_after")
    if not value:
        return None, 1
    try:
        published, article, idx, page = json.loads(value)
        if not (published is None or isinstance(published, str)) or not isinstance(article, str) \
                or not isinstance(idx, int) or not isinstance(page, int) or not 2 <= page <= MAX_PAGE:
            raise ValueError
    except (ValueError, TypeError):
        raise BadRequest(f"Bad _after {value[:60]!r}: follow the next-page link of a search.")
    return (published, article, idx), page


def _keyset(pages: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """The next page's link by keyset (``_after``: the last row's cursor and the page
    number), as fast however deep: a list in date order (search, speaker, outlet)."""
    from ..search import cursor

    if rows and pages["next"]:
        pages["after"] = json.dumps([*cursor(rows[-1]), pages["page"] + 1], ensure_ascii=False)


def _position(request) -> tuple[int, tuple | None]:
    """Where a statement list in date order starts: ``(offset, after)`` from ``_page``, or
    from ``_after`` (the next-page link: by keyset; the offset then only numbers the page)."""
    after, page = _after(request)
    return ((page - 1) * PAGE_SIZE, after) if after is not None else (_offset(request), None)


def _pages(total: int, offset: int) -> dict[str, Any]:
    page = offset // PAGE_SIZE + 1
    last = max(1, -(-total // PAGE_SIZE))
    return {"page": page, "last": last, "prev": page - 1 if page > 1 else None, "next": page + 1 if page < last else None}


class _SyncTemplate(Template):
    """A template compiled for Jinja's sync mode that Datasette can still render:
    ``render_async`` first awaits the context's coroutine functions without parameters
    once (Datasette's ``menu_links``: the plugins' menu hooks), then renders without
    awaiting anything. (The quidixit pages call no other coroutine: their crumbs are their
    own, not Datasette's ``crumb_items``.)"""

    async def render_async(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        for key, value in context.items():
            if inspect.iscoroutinefunction(value) and not _required_parameters(value):
                context[key] = _returning(await value())
        return self.render(context)


def _required_parameters(fn: Callable) -> list[str]:
    return [p.name for p in inspect.signature(fn).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _returning(value: Any) -> Callable[[], Any]:
    return lambda: value


async def _templates(datasette) -> Environment:
    """The quidixit pages' own Jinja environment: Datasette's loader, filters, globals and
    ``prepare_jinja2_environment`` hooks, in sync mode. Datasette compiles its templates
    for Jinja's async mode, where every expression and loop of a page goes through an
    await: about 1.5 ms of a 5 ms search page on a 2-core machine (issue 10)."""
    env = getattr(datasette, "_qx_templates", None)
    if env is None:
        from datasette.plugins import pm
        from datasette.utils import await_me_maybe

        source = datasette.jinja_env
        env = Environment(loader=source.loader, autoescape=True, enable_async=False)
        env.template_class = _SyncTemplate
        env.filters.update(source.filters)
        env.globals.update(source.globals)
        env.tests.update(source.tests)
        for hook in pm.hook.prepare_jinja2_environment(env=env, datasette=datasette):
            await await_me_maybe(hook)
        datasette._qx_templates = env
    return env


async def _render(datasette, request, template: str, context: dict[str, Any]) -> Response:
    """A quidixit page through Datasette's ``render_template`` (its context, hooks and
    chrome), from a template of :func:`_templates`."""
    context.setdefault("kind_labels", KIND_LABELS)
    page = (await _templates(datasette)).get_template(template)
    return Response.html(await datasette.render_template(page, context, request=request))


def _not_found(what: str) -> NotFound:
    return NotFound(what)


# ------------------------------------------------------------------ views


async def search_view(datasette, request):
    fmt = _format(request)
    db = _db(datasette)
    filters = queries.Filters(request.args)
    if filters.error:
        return error_response(datasette, request, 400, f"Bad request: {filters.error}")
    if fmt == "csv":
        limit = int(datasette.setting("max_returned_rows"))
        data = await db.execute_fn(lambda c: queries.search(c, filters, limit=limit, facets=False))
        return _csv(data["hits"], "statements.csv")
    offset = _offset(request)
    after, page = _after(request)
    if after is not None:
        offset = (page - 1) * PAGE_SIZE  # for the page number only: the rows come by keyset
    try:
        data = await db.execute_fn(lambda c: queries.search(c, filters, limit=PAGE_SIZE, offset=offset, after=after))
    except UsageError as err:  # _after on a ranked search
        raise BadRequest(f"Bad _after: {err}")
    pages = _pages(data["total"], offset)
    if data["total_is_lower_bound"] and len(data["hits"]) == PAGE_SIZE:
        pages.update(more=True, next=pages["page"] + 1)
    if data["order"] == "date":
        _keyset(pages, data["hits"])
    if fmt == "json":
        for h in data["hits"]:
            h.pop("pieces", None)
        data["next"] = pages.get("after")
        return _json(data)
    names = {}
    if filters["speaker"]:
        names["speaker"] = next((f["label"] for f in data["facets"]["speaker"] if f["selected"]), None)
        if names["speaker"] is None:
            row = await db.execute("SELECT name FROM speakers WHERE id = ?", [filters["speaker"]])
            names["speaker"] = row.first()["name"] if row.first() else filters["speaker"]
    qs = _qs_builder(request)
    chips = []
    for key, value in filters.active().items():
        label = names.get(key) or (KIND_LABELS.get(value, value) if key == "kind" else value)
        chips.append({"label": f"{key.replace('_', ' ')}: {label}", "href": qs(**{key + "_": None})})
    overview = getattr(db, "_qx_overview", None)
    if overview is None:  # immutable store: count once
        overview = db._qx_overview = await db.execute_fn(queries.overview)
    return await _render(datasette, request, "qx_search.html", {
        "data": data, "f": filters.values, "active": filters.active(), "names": names,
        "qs": qs, "chips": chips, "pages": pages, "overview": overview,
        "api": _links(request, "/search"), "db_name": db.name,
    })


async def article_view(datasette, request):
    fmt = _format(request)
    db = _db(datasette)
    article_id = unquote(request.url_vars["id"])

    def read(c):  # one trip to the read threads: under load each trip waits in their queue
        data = queries.article(c, article_id)
        return data, (claim_views.article_claims(c, article_id) if data is not None else {})

    data, claims = await db.execute_fn(read)
    if data is None:
        raise _not_found(f"No article {article_id!r} in this store.")
    a, statements = data["article"], data["statements"]
    for s in statements:
        s["claim"] = claims.get(s["id"])
    if fmt == "csv":
        for s in statements:
            s.update(outlet=a["outlet"], published=a["published"], title=a["title"], url=a["url"])
        return _csv(statements, f"article-{article_id}.csv")
    boilerplate = _loads(a.get("boilerplate"), [])
    scare = _loads(a.get("scare_quotes"), [])
    if fmt == "json":
        a = dict(a, boilerplate=boilerplate, scare_quotes=scare, meta=_loads(a.get("meta"), None))
        return _json({"article": a, "statements": statements, "voice": data["voice"]})
    # article text and URL are hostile input: the URL is a link only when it is http(s)
    a["safe_url"] = a["url"] if a.get("url") and re.match(r"https?://", a["url"], re.I) else None
    colours = speaker_colours(statements)
    in_text = [s for s in statements if s.get("field", "text") != "title"]
    in_title = [s for s in statements if s.get("field") == "title"]
    # one numbering for both fields: the statement's idx in its article (as in links #st-<idx>)
    number = {id(s): s["idx"] for s in statements}
    text_segments = _renumber(segment_text(a["text"] or "", in_text, boilerplate=boilerplate, scare_quotes=scare, colours=colours),
                              [number[id(s)] for s in in_text])
    title_segments = _renumber(segment_text(a["title"] or "", in_title, colours=colours), [number[id(s)] for s in in_title])
    legend: dict[str, dict[str, str]] = {}
    for s in statements:
        s["n"] = s["idx"]
        key = render_speaker_key(s)
        s["colour"] = f"qx-c{colours[key]}" if key in colours else "qx-cx"
        if key is not None and key not in legend:
            legend[key] = {"name": s.get("speaker") or s.get("speaker_name"), "colour": s["colour"]}
    legend = list(legend.values())
    return await _render(datasette, request, "qx_article.html", {
        "a": a, "statements": statements, "text_segments": text_segments, "title_segments": title_segments,
        "legend": legend, "boilerplate": boilerplate, "n_scare": len(scare), "voice_line": data["voice_line"],
        "api": _links(request, "/articles/" + quote(article_id, safe="")), "db_name": db.name,
    })


def _renumber(segments, numbers: list[int]):
    """Map statement positions within one field to positions in the article's list."""
    for seg in segments:
        seg.st = [numbers[i] for i in seg.st]
        seg.of = [numbers[i] for i in seg.of]
        seg.anchors = [numbers[i] for i in seg.anchors]
    return segments


def _loads(value, default):
    if not value:
        return default
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


async def speakers_view(datasette, request):
    fmt = _format(request)
    db = _db(datasette)
    type_ = (request.args.get("type") or "").strip()
    q = (request.args.get("q") or "").strip()
    rows = await db.execute_fn(lambda c: queries.speakers_index(c, limit=500, type=type_, query=q))
    if fmt == "json":
        return _json({"speakers": rows})
    return await _render(datasette, request, "qx_speakers.html", {
        "speakers": rows, "type": type_, "q": q, "api": {"json": "/speakers.json"}, "db_name": db.name,
    })


async def speaker_view(datasette, request):
    fmt = _format(request)
    db = _db(datasette)
    sid = unquote(request.url_vars["id"])
    if fmt == "csv":
        limit = int(datasette.setting("max_returned_rows"))
        data = await db.execute_fn(lambda c: queries.speaker(c, sid, limit=limit))
        if data is None:
            raise _not_found(f"No speaker {sid!r} in this store.")
        return _csv(data["statements"], f"speaker-{sid}.csv")
    offset, after = _position(request)
    data = await db.execute_fn(lambda c: queries.speaker(c, sid, limit=PAGE_SIZE, offset=offset, after=after))
    if data is None:
        raise _not_found(f"No speaker {sid!r} in this store.")
    pages = _pages(data["speaker"]["n_statements"] or 0, offset)
    _keyset(pages, data["statements"])
    if fmt == "json":
        return _json({**data, "next": pages.get("after")})
    sp = data["speaker"]
    return await _render(datasette, request, "qx_speaker.html", {
        "d": data, "sp": sp,
        "timeline": timeline([(m["month"], m["n"]) for m in data["months"]]),
        "outlet_bars": bars([(o["outlet"], o["n"]) for o in data["outlets"][:15]]),
        "kind_bars": bars([(k["kind"], k["n"]) for k in data["kinds"]]),
        "pages": pages, "qs": _qs_builder(request),
        "api": _links(request, "/speakers/" + quote(sid, safe="")), "db_name": db.name,
    })


async def outlets_view(datasette, request):
    fmt = _format(request)
    db = _db(datasette)
    rows = await db.execute_fn(queries.outlets_index)
    if fmt == "json":
        return _json({"outlets": rows})
    return await _render(datasette, request, "qx_outlets.html", {
        "outlets": rows, "api": {"json": "/outlets.json"}, "db_name": db.name,
    })


async def _profile(db) -> dict[str, Any]:
    """``corpus.stats`` over the whole store, computed once per served database:
    the file is opened immutable, so the numbers cannot change while serving."""
    profile = getattr(db, "_qx_profile", None)
    if profile is None:
        profile = await db.execute_fn(lambda c: queries.corpus_stats(c, top=15))
        db._qx_profile = profile
    return profile


async def outlet_view(datasette, request):
    fmt = _format(request)
    db = _db(datasette)
    name = unquote(request.url_vars["name"])
    if fmt == "csv":
        limit = int(datasette.setting("max_returned_rows"))
        profile = await _profile(db)
        data = await db.execute_fn(lambda c: queries.outlet(c, name, profile=profile, limit=limit))
        if data is None:
            raise _not_found(f"No outlet {name!r} in this store.")
        return _csv(data["statements"], f"outlet-{name}.csv")
    offset, after = _position(request)
    profile = await _profile(db)
    data = await db.execute_fn(lambda c: queries.outlet(c, name, profile=profile, limit=PAGE_SIZE, offset=offset,
                                                        after=after))
    if data is None:
        raise _not_found(f"No outlet {name!r} in this store.")
    pages = _pages(data["n_statements"], offset)
    _keyset(pages, data["statements"])
    if fmt == "json":
        return _json({**data, "next": pages.get("after")})
    types = data["speaker_types"]
    n = data["n_statements"]
    return await _render(datasette, request, "qx_outlet.html", {
        "d": data,
        "kind_bars": bars([(k, v["n"]) for k, v in data["kinds"].items() if v["n"]]),
        "type_bars": bars([(t, types.get(t, 0)) for t in ("person", "organization", "document", "group", "anonymous", "unknown", "none") if types.get(t)]),
        "anon_bars": bars([("anonymous", round(data["anonymous_share"] * n)), ("named or unknown", n - round(data["anonymous_share"] * n))]),
        "top_speakers": data["top_speakers"],
        "timeline": timeline([(m["month"], m["n"]) for m in data["articles_per_month"]]),
        "voice_bars": bars([(k, data["voice"].get(f"{k}_chars", 0)) for k in ("verbatim", "paraphrase", "own")])
        if data["voice"].get("chars") else [],
        "pages": pages, "qs": _qs_builder(request),
        "api": _links(request, "/outlets/" + quote(name, safe="")), "db_name": db.name,
    })


# ------------------------------------------------------------------ hooks


@hookimpl
def register_routes():
    return [
        (r"^/$", search_view),
        (r"^/search(?P<fmt>\.json|\.csv)?$", search_view),
        (r"^/articles/(?P<id>[^/]+?)(?P<fmt>\.json|\.csv)?$", article_view),
        (r"^/speakers(?P<fmt>\.json)?$", speakers_view),
        (r"^/speakers/(?P<id>[^/]+?)(?P<fmt>\.json|\.csv)?$", speaker_view),
        (r"^/outlets(?P<fmt>\.json)?$", outlets_view),
        (r"^/outlets/(?P<name>[^/]+?)(?P<fmt>\.json|\.csv)?$", outlet_view),
        *claim_views.ROUTES,
    ]


@hookimpl
def asgi_wrapper(datasette):
    """Refuse writes and malformed requests, neutralise CSV (see :mod:`quidixit.ui.guard`);
    keep rendered pages until the store file changes (:mod:`quidixit.ui.cache`)."""
    from .cache import DEFAULT_MAX_BYTES, PageCache

    config = datasette.plugin_config(PLUGIN_NAME) or {}
    max_bytes = int(config.get("page_cache_bytes", DEFAULT_MAX_BYTES))
    path = _db(datasette).path
    if max_bytes <= 0 or not path:
        return guard
    cache = PageCache(path, max_bytes=max_bytes)
    datasette._qx_page_cache = cache
    return lambda app: cache(guard(app))


@hookimpl
def handle_exception(datasette, request, exception):
    """A parameter that breaks a query deep inside Datasette is the client's error: 400, not 500."""
    message = bad_parameter(exception)
    if message is None:
        return None
    return error_response(datasette, request, 400, message)


@hookimpl
def forbidden(datasette, request, message):
    """Arbitrary SQL refused (the default): say why and how to allow it."""
    if message == "execute-sql":
        return error_response(datasette, request, 403, SQL_OFF)
    return None


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path("/search"), "label": "Search statements"},
        {"href": datasette.urls.path("/speakers"), "label": "Speakers"},
        {"href": datasette.urls.path("/outlets"), "label": "Outlets"},
        {"href": datasette.urls.path("/claims"), "label": "Claims"},
    ]


@hookimpl
def extra_template_vars(datasette):
    def enc(value: Any) -> str:
        return quote(str(value), safe="")

    def statements(rows, kind_labels, show_speaker: bool = True, show_outlet: bool = True):
        from .hits import statement_list

        return statement_list(rows, kind_labels, datasette.urls.path, show_speaker=show_speaker, show_outlet=show_outlet)

    return {"qx_enc": enc, "qx_statements": statements}
