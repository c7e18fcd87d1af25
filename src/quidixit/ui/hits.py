"""The list of statements (search hits, a speaker's or an outlet's statements) as HTML.

The same markup as the ``statement_list`` macro of ``_qx_macros.html`` had, built
in Python: Datasette renders templates with Jinja's async mode, where the macro's
fifty hits cost about 25 ms a page on a busy 2-core machine, most of a search
page's time once its SQL reads one page (issue 10); this takes a fifth of it.
Every value from the store is escaped as :func:`markupsafe.escape` does (``_esc``);
nothing is marked safe but the markup written here.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence
from urllib.parse import quote

from markupsafe import Markup

__all__ = ["statement_list"]


def _enc(value: Any) -> str:
    return quote(str(value), safe="")


def _esc(value: Any) -> str:
    """:func:`markupsafe.escape` as text (``None`` is ``"None"``, as Jinja's ``{{ }}`` shows
    it; the same five characters replaced), at half its cost: about 500 calls a page."""
    return _escape_text(value if isinstance(value, str) else str(value))


def _escape_text(s: str) -> str:
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if '"' in s:
        s = s.replace('"', "&#34;")
    if "'" in s:
        s = s.replace("'", "&#39;")
    return s


def _truncate(s: str, length: int, end: str = "…", leeway: int = 5) -> str:
    """Jinja's ``truncate(length, True, end)``."""
    if len(s) <= length + leeway:
        return s
    return s[: length - len(end)] + end


def statement_list(rows: Sequence[Mapping[str, Any]], kind_labels: Mapping[str, str], path: Callable[[str], str], *,
                   show_speaker: bool = True, show_outlet: bool = True) -> Markup:
    """``<ol class="qx-hits">`` of ``rows`` (hits with ``pieces`` for the matched words,
    or statement rows); ``path`` is ``datasette.urls.path``."""
    root = str(path("/"))  # the server's base URL: every link below is root + a path
    esc = _esc
    out = ['<ol class="qx-hits">\n']
    add = out.append
    for h in rows:
        add('  <li class="qx-hit">\n    <blockquote>')
        pieces = h.get("pieces")
        if pieces:
            for p in pieces:
                add(f"<mark>{esc(p['text'])}</mark>" if p["match"] else esc(p["text"]))
        else:
            add(esc(h.get("content_text")))
        kind = esc(kind_labels.get(h.get("kind"), h.get("kind")))
        add(f'</blockquote>\n    <div class="qx-meta">\n      <span class="qx-kind" title="{kind}">{kind}</span>\n')
        if show_speaker:
            add("      <span>\n        ")
            if h.get("speaker_id"):
                href = root + "speakers/" + _enc(h["speaker_id"])
                add(f'<a href="{esc(href)}">{esc(h.get("speaker") or h.get("speaker_name"))}</a>')
            elif h.get("speaker_name"):
                add(esc(h["speaker_name"]))
            elif h.get("speaker_text"):
                add(esc(f"“{h['speaker_text']}” (unresolved)"))
            else:
                add("unknown speaker")
            if h.get("speaker_role"):
                add(f", <em>{esc(h['speaker_role'])}</em>")
            if h.get("speaker_type"):
                add(f'\n        <span class="qx-muted">({esc(h["speaker_type"])})</span>')
            add("\n      </span>\n")
        if h.get("cue_text"):
            add(f'      <span class="qx-cue" title="cue">{esc(h["cue_text"])}</span>\n')
        if show_outlet and h.get("outlet"):
            href = root + "outlets/" + _enc(h["outlet"])
            add(f'      <a href="{esc(href)}">{esc(h["outlet"])}</a>\n')
        if h.get("published"):
            day = esc(h["published"][:10])
            add(f'      <time datetime="{day}">{day}</time>\n')
        href = root + "articles/" + _enc(h.get("article_id")) + f"#st-{esc(h.get('idx'))}"
        title = _truncate(h.get("title") or "article", 70)
        add(f'      <a href="{esc(href)}" class="qx-article-link">{esc(title)}</a>\n    </div>\n  </li>\n')
    add("</ol>")
    return Markup("".join(out))
