"""The spaCy component and the Python API over it.

    >>> import quidixit
    >>> for st in quidixit.extract("« Nous partirons », a dit le maire."):
    ...     print(st.kind, st.speaker.name, st.content.text)
    direct le maire Nous partirons

``analyze`` works on one :class:`~quidixit.model.Article`, ``analyze_many`` on
an iterable of them through ``nlp.pipe``; both are pure: nothing is written.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import replace
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors, InputError, SetupError, QuidixitError
from .languages import DEFAULT_MODELS, SUPPORTED_LANGUAGES, default_model
from .model import Analysis, Article, Failure, Statement, sorted_statements

__all__ = [
    "DEFAULT_MODELS",
    "MAX_CHARS",
    "QuidixitComponent",
    "make_quidixit",
    "load",
    "analyze",
    "analyze_many",
    "article_language",
    "model_for",
    "extract",
]

MAX_CHARS = 1_000_000  # spaCy's own default nlp.max_length

# the factories ("quidixit", "quidixit_sentences") and the Doc extensions, registered once
from .component import QuidixitComponent  # noqa: E402
from .factories import make_quidixit  # noqa: E402  (also the target of an older entry point)


def _model_name(lang: str, model: str | None) -> str:
    if model:
        return model
    name = default_model(lang)
    if name is None:
        raise SetupError(Errors.QX202.format(lang=lang, supported=", ".join(SUPPORTED_LANGUAGES)))
    return name


def load(lang: str = "fr", model: str | None = None, keep_boilerplate: bool = False) -> Language:
    """The spaCy pipeline with quidixit at its end, loaded once per process (however the
    arguments are passed: ``load("fr")`` and ``load("fr", None, False)`` are one pipeline).

    The lemmatizer is disabled: cue lexicons carry their inflected forms.
    """
    return _load(lang, model, bool(keep_boilerplate))


@functools.lru_cache(maxsize=4)
def _load(lang: str = "fr", model: str | None = None, keep_boilerplate: bool = False) -> Language:
    import spacy

    from .lang import pack

    name = _model_name(lang, model)
    if importlib.util.find_spec(name) is None:
        raise SetupError(Errors.QX201.format(model=name, package=name))
    nlp = spacy.load(name, exclude=["lemmatizer"])
    pack(lang).adapt(nlp)  # the language's tokenizer rules, its parse relabelled to UD
    nlp.add_pipe("quidixit_sentences", before="parser")
    nlp.add_pipe("quidixit", config={"lang": lang, "keep_boilerplate": keep_boilerplate})
    return nlp


load.__wrapped__ = _load.__wrapped__  # a fresh, uncached pipeline, as functools' cached functions offer


def _check(article: Article) -> None:
    src = article.source or article.id or "<text>"
    if not isinstance(article.text, str):
        raise InputError(Errors.QX106.format(path=src, line=1))
    if not article.text.strip():
        raise InputError(Errors.QX104.format(path=src))
    if "\x00" in article.text:
        raise InputError(Errors.QX103.format(path=src))
    if len(article.text) > MAX_CHARS:
        raise InputError(Errors.QX107.format(path=src, size=len(article.text), limit=MAX_CHARS))
    from .read._common import surrogate_problem

    for field in ("text", "title", "url", "outlet", "published", "source"):
        value = getattr(article, field)
        problem = isinstance(value, str) and surrogate_problem(value, src, "text" if field == "text" else f"field {field!r}")
        if problem:
            raise InputError(problem)


TITLE_KINDS = ("headline", "direct")  # what a title says on its own: "X : …" and quotations
MAX_TITLE_CHARS = 1000  # a longer "title" is not one: it is left unanalysed


def _norm_line(text: str) -> str:
    return " ".join(text.split())


def _title_to_analyse(article: Article) -> str | None:
    """The title, when it is to be analysed: a short one-piece string that is not
    already the first line of the text (a text file's first line, a page heading
    repeated at the top of its text), which the text's own analysis covers."""
    title = article.title
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE_CHARS or "\x00" in title:
        return None
    first = article.text.lstrip().partition("\n")[0]
    if _norm_line(first) == _norm_line(title):
        return None
    return title


def _title_statements(nlp: Language, title_doc: Doc, body_doc: Doc, body: tuple[Statement, ...]) -> list[Statement]:
    """The headlines and quotations of a title, with ``field="title"``, their
    speakers named as the text names them ("Lavrov" -> "Serguei Lavrov", with
    the role the text gives him)."""
    kept = [st for st in title_doc._.qx_statements if st.kind in TITLE_KINDS]
    if not kept:
        return []
    from .speakers import Resolver

    resolver = Resolver(body_doc, nlp.get_pipe("quidixit").lexicon)  # as load() names it
    roles = {}
    for st in body:
        if st.speaker is not None and st.speaker.name and st.speaker.role:
            roles.setdefault(st.speaker.name, st.speaker.role)
    out = []
    for st in kept:
        sp = st.speaker
        if sp is not None and sp.name and sp.type in {"person", "unknown"}:
            full = resolver.full_name(sp.name)
            if full != sp.name:
                sp = replace(sp, name=full, type="person", role=sp.role or roles.get(full))
            elif sp.role is None and sp.name in roles:
                sp = replace(sp, role=roles[sp.name])
        out.append(replace(st, speaker=sp, field="title"))
    return out


def _analysis(article: Article, doc: Doc, title_statements: Iterable[Statement] = ()) -> Analysis:
    return Analysis(
        article=article,
        statements=sorted_statements([*title_statements, *doc._.qx_statements]),
        boilerplate=doc._.qx_boilerplate,
        scare_quotes=doc._.qx_scare_quotes,
    )


def analyze(
    article: Article | str,
    *,
    lang: str | None = None,
    model: str | None = None,
    keep_boilerplate: bool = False,
) -> Analysis:
    """Statements, boilerplate and scare quotes of one article, its title's
    statements included (``field="title"``). Raises InputError on bad input."""
    if isinstance(article, str):
        article = Article(text=article)
    article = article.with_id()
    _check(article)
    nlp = load(lang or article.language or "fr", model, keep_boilerplate)
    doc = nlp(article.text)
    if doc._.qx_error:
        raise InputError(doc._.qx_error)
    title = _title_to_analyse(article)
    if title is None:
        return _analysis(article, doc)
    title_doc = nlp(title)
    if title_doc._.qx_error:
        raise InputError(title_doc._.qx_error.replace("this document", "this document's title"))
    return _analysis(article, doc, _title_statements(nlp, title_doc, doc, doc._.qx_statements))


def article_language(article: Article | Failure, forced: str | None = None) -> str:
    """The language an article is analysed in: ``forced`` when given, else its own (as the
    input gave it or a reader detected it) when a language pack supports it, else French."""
    if forced:
        return forced
    own = (getattr(article, "language", None) or "").lower()
    return own if own in SUPPORTED_LANGUAGES else "fr"


def model_for(lang: str, model: str | None, forced: str | None = None) -> str | None:
    """The model to load for articles in ``lang`` when a run names ``model``: always when the run
    forces one language, else only for the language the model is for (its name's prefix:
    "en_core_web_md" is English); None (the language's default) otherwise."""
    if model is None or forced:
        return model
    return model if model.split("_")[0].lower() == lang else None


def analyze_many(
    articles: Iterable[Article],
    *,
    lang: str | None = "fr",
    model: str | None = None,
    keep_boilerplate: bool = False,
    batch_size: int = 16,
) -> Iterator[Analysis | Failure]:
    """Analyse many articles in one process, in input order, through ``nlp.pipe``
    (titles too: each title to analyse follows its text in the same stream).

    ``lang`` is the language of them all; ``lang=None`` sends each article to its own
    language's pipeline (:func:`article_language`; ``model`` then serves its own language
    only, :func:`model_for`), one stream per language, results still in input order.
    A bad article yields a :class:`Failure` and the rest goes on. For several
    processes, see :func:`quidixit.run.local.run`.
    """
    if lang is None:
        yield from _routed(list(articles), model, keep_boilerplate, batch_size)
        return
    nlp = load(lang, model, keep_boilerplate)

    def checked() -> Iterator[tuple[str, tuple[Article | Failure, str | None]]]:
        for art in articles:
            if isinstance(art, Failure):
                yield "", (art, None)
                continue
            art = art.with_id()
            try:
                _check(art)
            except QuidixitError as err:
                yield "", (Failure(art.source or art.id or "?", str(err), "read", art.id, err.code), None)
                continue
            title = _title_to_analyse(art)
            yield art.text, (art, title)
            if title is not None:
                yield title, (art, "")  # "": this doc is the title of the text just before

    body: Doc | None = None
    for doc, (art, title) in nlp.pipe(checked(), as_tuples=True, batch_size=batch_size):
        if isinstance(art, Failure):
            yield art
            continue
        if title == "":  # the title of ``body``'s article
            if body is None:
                continue  # the text failed: reported already
            if doc._.qx_error:
                message = doc._.qx_error.replace("this document", "this document's title")
                yield Failure(art.source or art.id or "?", message, "extract", art.id, "QX150")
            else:
                yield _analysis(art, body, _title_statements(nlp, doc, body, body._.qx_statements))
            body = None
            continue
        if doc._.qx_error:
            body = None
            yield Failure(art.source or art.id or "?", doc._.qx_error, "extract", art.id, "QX150")
            continue
        if title is None:
            yield _analysis(art, doc)
        else:
            body = doc  # its analysis waits for its title, the next doc


def _routed(articles: list, model: str | None, keep_boilerplate: bool, batch_size: int) -> Iterator[Analysis | Failure]:
    groups: dict[str, list[int]] = {}
    for k, a in enumerate(articles):
        groups.setdefault(article_language(a), []).append(k)
    out: list = [None] * len(articles)
    for one, where in groups.items():
        results = analyze_many([articles[k] for k in where], lang=one, model=model_for(one, model),
                               keep_boilerplate=keep_boilerplate, batch_size=batch_size)
        for k, result in zip(where, results):
            out[k] = result
    yield from out


def extract(
    text: str,
    title: str | None = None,
    lang: str = "fr",
    *,
    keep_boilerplate: bool = False,
    model: str | None = None,
) -> list[Statement]:
    """The attributed statements of one text and its title (the convenience form of :func:`analyze`)."""
    return list(analyze(Article(text=text, title=title, language=lang), model=model, keep_boilerplate=keep_boilerplate).statements)
